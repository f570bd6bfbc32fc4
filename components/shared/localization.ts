import { configureLocalization, msg as litMsg, str, type LocaleModule } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../../sdk/index.js';
import { TEXTS_CHANGED, textStore } from './texts.js';

export { str };

/** French is the source language; English is hand-written in `locales/en.ts`. */
export const SOURCE_LOCALE: Locale = 'fr';
export const TARGET_LOCALES: readonly Locale[] = ['en'];

let runtime: { getLocale(): string; setLocale(locale: string): Promise<void> } | undefined;
try {
  runtime = configureLocalization({
    sourceLocale: SOURCE_LOCALE,
    targetLocales: TARGET_LOCALES,
    // English is a chunk of its own, fetched the first time a page switches to English (or starts in
    // it): a French page never downloads it. The all-in-one bundle inlines it.
    loadLocale: (locale) =>
      locale === 'en'
        ? (import('./locales/en.js') as Promise<unknown> as Promise<LocaleModule>)
        : Promise.reject(new Error(`Unknown locale ${locale}`)),
  });
} catch {
  // @lit/localize can be configured once per page: another Lit application (or another copy of
  // the kit) did it first. The widgets then show their French source texts.
  console.warn('[cibtp] @lit/localize is already configured on this page: the widgets stay in French.');
}

export function isLocale(value: unknown): value is Locale {
  return value === SOURCE_LOCALE || (TARGET_LOCALES as readonly unknown[]).includes(value);
}

/** The locale the widgets currently render in. */
export function getLocale(): Locale {
  const current = runtime?.getLocale();
  return isLocale(current) ? current : SOURCE_LOCALE;
}

/** The locale being loaded, while its texts are on their way. */
let loading: { locale: Locale; done: Promise<void> } | undefined;

/** The locale the page asked for last: the one being loaded, else the current one. */
export function requestedLocale(): Locale {
  return loading?.locale ?? getLocale();
}

/** Settles when the texts being loaded have arrived (or failed to); `undefined` when none are on their way. */
export function localeLoading(): Promise<void> | undefined {
  return loading?.done;
}

/**
 * Switches every widget of the page to `locale` at run time. The widgets keep their current texts until
 * the new ones have arrived, then all re-render at once. Unknown locales fall back to French.
 */
export async function setLocale(locale: string): Promise<void> {
  if (!runtime) return;
  const next = isLocale(locale) ? locale : SOURCE_LOCALE;
  if (next === requestedLocale()) return loading?.done;
  const done = runtime.setLocale(next);
  const current = (loading = { locale: next, done: done.catch(() => undefined) });
  try {
    await done;
  } finally {
    if (loading === current) loading = undefined;
  }
}

type Template = Parameters<typeof litMsg>[0] & (string | { strTag: true; values: readonly unknown[] });

/**
 * `msg()` of `@lit/localize`, plus the caisse's own texts (`overrideTexts()`): a text overridden for the
 * current locale wins; `{0}`, `{1}`… in it take the template's values, in the order of the French source.
 */
export function msg(template: string, options: { id: string }): string;
export function msg(template: ReturnType<typeof str>, options: { id: string }): string;
export function msg(template: Template, options: { id: string }): string {
  const own = textStore()[getLocale()]?.[options.id];
  if (own === undefined) return litMsg(template as string, options);
  if (typeof template === 'string') return own;
  return own.replace(/\{(\d+)\}/g, (whole, i: string) => (i in template.values ? String(template.values[Number(i)]) : whole));
}

/**
 * Re-renders its host when a caisse overrides texts after the widgets were shown (`@localized()` does
 * the same for a locale switch).
 */
export class TextsController implements ReactiveController {
  private readonly update = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    globalThis.addEventListener(TEXTS_CHANGED, this.update);
  }

  hostDisconnected(): void {
    globalThis.removeEventListener(TEXTS_CHANGED, this.update);
  }
}
