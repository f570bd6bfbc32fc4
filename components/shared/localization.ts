import { configureLocalization, type LocaleModule } from '@lit/localize';
import type { Locale } from '../../sdk/index.js';
import * as en from './locales/en.js';

/** French is the source language; English is hand-written in `locales/en.ts`. */
export const SOURCE_LOCALE: Locale = 'fr';
export const TARGET_LOCALES: readonly Locale[] = ['en'];

const modules: Record<string, LocaleModule> = { en: en as unknown as LocaleModule };

let runtime: { getLocale(): string; setLocale(locale: string): Promise<void> } | undefined;
try {
  // The English templates are imported statically: the drop-in bundle needs no other file.
  runtime = configureLocalization({
    sourceLocale: SOURCE_LOCALE,
    targetLocales: TARGET_LOCALES,
    loadLocale: async (locale) => {
      const module = modules[locale];
      if (!module) throw new Error(`Unknown locale ${locale}`);
      return module;
    },
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

/**
 * Switches every widget of the page to `locale` at run time (they re-render when it is ready).
 * Unknown locales fall back to French.
 */
export async function setLocale(locale: string): Promise<void> {
  if (!runtime) return;
  await runtime.setLocale(isLocale(locale) ? locale : SOURCE_LOCALE);
}
