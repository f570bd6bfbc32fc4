/**
 * A caisse's own wording, by message id, without forking the kit: `overrideTexts('fr', { 'login.heading':
 * 'Connexion à l’espace de la Caisse du Nord' })`. The store lives on `globalThis` under a registered
 * symbol, so the drop-in loader (which must not load the localisation layer to accept texts), the
 * all-in-one bundle and the per-widget entries all see the same texts, whatever loads first.
 *
 * This module imports nothing: it is part of the loader.
 */
export type TextLocale = 'fr' | 'en';
export type Texts = Readonly<Record<string, string>>;

interface Store {
  fr: Record<string, string>;
  en: Record<string, string>;
}

const KEY = Symbol.for('cibtp.texts');
/** Fired on `window` when texts change, so that widgets already on the page re-render. */
export const TEXTS_CHANGED = 'cibtp-texts-changed';

export function textStore(): Store {
  const g = globalThis as unknown as Record<symbol, Store | undefined>;
  return (g[KEY] ??= { fr: {}, en: {} });
}

/**
 * Replaces texts of the widgets by id, in one locale (`fr` is the source, `en` the translation).
 * In texts that take values, `{0}`, `{1}`… stand for the values in the order of the French source
 * (the ids: the keys of `components/shared/locales/en.ts`; their French texts are in the widgets' sources).
 * Widgets already on the page re-render.
 *
 * @example
 * ```js
 * overrideTexts('fr', { 'forgot.code.help': 'Appelez la Caisse du Nord au 03 20 00 00 00.' });
 * ```
 */
export function overrideTexts(locale: TextLocale, texts: Texts): void {
  const store = textStore();
  const target = store[locale];
  if (!target) throw new TypeError(`overrideTexts: unknown locale ${String(locale)} (fr or en)`);
  for (const [id, text] of Object.entries(texts)) {
    if (typeof text !== 'string') throw new TypeError(`overrideTexts: the text of ${id} is not a string`);
    target[id] = text;
  }
  globalThis.dispatchEvent?.(new Event(TEXTS_CHANGED));
}
