/**
 * The Lit the widgets run on, `dist/lit.js`: a page that adds small elements of its own imports Lit from
 * here rather than loading a second copy. A second copy would create a second Trusted Types policy named
 * `lit-html`, which a page with `trusted-types lit-html` (no `'allow-duplicates'`) refuses. The demo's
 * mock panel uses it. Importing it costs nothing more on a page that shows a widget: the same chunk.
 * @packageDocumentation
 */
export { LitElement, css, html, nothing } from 'lit';
export type { PropertyValues, TemplateResult } from 'lit';
export { property, state } from 'lit/decorators.js';
