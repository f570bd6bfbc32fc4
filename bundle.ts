/**
 * The drop-in bundle, `dist/cibtp-widgets.bundle.js`: one file with Lit, the SDK and every widget,
 * registered on load. A caisse adds it to any page without a bundler:
 *
 * ```html
 * <script type="module" src="/vendor/cibtp-widgets.bundle.js"></script>
 * <cibtp-portal base-url="/api/"><cibtp-login></cibtp-login></cibtp-portal>
 * ```
 *
 * It also exports the whole kit API (SDK, `readLinkToken()`, `setLocale()`…), so a page script can
 * `import { readLinkToken } from '/vendor/cibtp-widgets.bundle.js'` without loading a second copy.
 *
 * It re-exports the Lit it carries (already in the file, so this costs a few bytes): a page that adds
 * its own small elements imports Lit from here instead of loading a second copy. A second copy of Lit
 * creates a second Trusted Types policy named `lit-html`, which a page with
 * `trusted-types lit-html` (no `'allow-duplicates'`) refuses. The demo's mock panel uses this.
 * @packageDocumentation
 */
export * from './index.js';
export { LitElement, css, html, nothing } from 'lit';
export type { PropertyValues, TemplateResult } from 'lit';
export { property, state } from 'lit/decorators.js';
