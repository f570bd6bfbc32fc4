/**
 * The one list of the kit's widgets. Everything that names the widgets derives from it, or a test
 * fails when it disagrees: the rollup entries (`dist/components/<name>.js`), the `package.json`
 * exports (`./components/<name>`), the drop-in loader's tag map, `components/index.ts` and the size
 * ceilings of `npm run size -- --check`.
 *
 * Adding a widget is one line here plus its folder `components/<name>/` (see docs/ARCHITECTURE.md).
 *
 * This module imports nothing and uses only erasable TypeScript, so the build scripts (plain Node,
 * which strips the types) read the same file as the loader.
 */
export interface WidgetEntry {
  /** Folder and entry name: `components/<name>/<name>.ts` → `dist/components/<name>.js`. */
  readonly name: string;
  /** The custom element's tag. */
  readonly tag: string;
  /**
   * Regression ceiling, in bytes of gzip, of what a page that loads only this widget's entry fetches
   * (the entry plus the chunks it imports statically), enforced by `npm run size -- --check`.
   */
  readonly ceilingGzip: number;
}

export const WIDGETS: readonly WidgetEntry[] = [
  { name: 'portal', tag: 'cibtp-portal', ceilingGzip: 40_400 },
  { name: 'login', tag: 'cibtp-login', ceilingGzip: 48_900 },
  { name: 'forgot-password', tag: 'cibtp-forgot-password', ceilingGzip: 47_300 },
  { name: 'reset-password', tag: 'cibtp-reset-password', ceilingGzip: 46_950 },
  { name: 'activate-account', tag: 'cibtp-activate-account', ceilingGzip: 47_800 },
  { name: 'signup', tag: 'cibtp-signup', ceilingGzip: 59_900 },
  { name: 'associate-site', tag: 'cibtp-associate-site', ceilingGzip: 53_200 },
  { name: 'password-field', tag: 'cibtp-password-field', ceilingGzip: 46_300 },
  { name: 'phone-field', tag: 'cibtp-phone-field', ceilingGzip: 68_000 },
  { name: 'tiers-picker', tag: 'cibtp-tiers-picker', ceilingGzip: 55_500 },
  { name: 'top-bar', tag: 'cibtp-top-bar', ceilingGzip: 51_600 },
  { name: 'nav-menu', tag: 'cibtp-nav-menu', ceilingGzip: 53_100 },
  { name: 'tiles', tag: 'cibtp-tiles', ceilingGzip: 52_500 },
  { name: 'side-bar', tag: 'cibtp-side-bar', ceilingGzip: 51_100 },
  { name: 'footer', tag: 'cibtp-footer', ceilingGzip: 50_200 },
  { name: 'espace', tag: 'cibtp-espace', ceilingGzip: 64_800 },
  { name: 'rights-matrix', tag: 'cibtp-rights-matrix', ceilingGzip: 57_900 },
  { name: 'delegations', tag: 'cibtp-delegations', ceilingGzip: 62_300 },
  { name: 'delegation-wizard', tag: 'cibtp-delegation-wizard', ceilingGzip: 64_300 },
  { name: 'complete-account', tag: 'cibtp-complete-account', ceilingGzip: 69_200 },
  { name: 'confirm-delegation', tag: 'cibtp-confirm-delegation', ceilingGzip: 55_900 },
];
