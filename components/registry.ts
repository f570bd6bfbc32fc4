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
  { name: 'portal', tag: 'cibtp-portal', ceilingGzip: 39_900 },
  { name: 'login', tag: 'cibtp-login', ceilingGzip: 48_600 },
  { name: 'forgot-password', tag: 'cibtp-forgot-password', ceilingGzip: 45_400 },
  { name: 'reset-password', tag: 'cibtp-reset-password', ceilingGzip: 44_600 },
  { name: 'activate-account', tag: 'cibtp-activate-account', ceilingGzip: 45_000 },
];
