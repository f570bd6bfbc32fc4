/**
 * The drop-in loader, `dist/cibtp-widgets.js`: the one `<script type="module">` a caisse page needs.
 * It defines each `cibtp-*` tag when the tag appears in the document — at load, and later, including
 * the tags that widgets render themselves — by importing that widget's entry from beside itself
 * (`import.meta.url`), so a page downloads only the widgets it shows.
 *
 * ```html
 * <script type="module" src="/vendor/cibtp/cibtp-widgets.js"></script>
 * <cibtp-portal base-url="/api/"><cibtp-login></cibtp-login></cibtp-portal>
 * ```
 *
 * - Preload hints: with a widget's entry, the loader asks for every chunk that entry imports
 *   (`<link rel="modulepreload">`), so they download in parallel instead of one after another.
 * - `cibtp-discovery-complete` fires on `document` after each round of discovery (detail: the tags
 *   that were defined); `ready` settles after the first one.
 * - Cloak: elements with the class `cibtp-cloak` stay hidden until the first discovery is complete
 *   (at most 2 s), against a flash of unstyled content.
 * - Widgets in a shadow root of the page's own components are not seen by the document's observer:
 *   call `discover(shadowRoot)`.
 *
 * Models: Shoelace's `shoelace-autoloader.ts`, Web Awesome's loader. It imports nothing heavy: the
 * registry's names, the link reader and the text overrides (both tiny) and no Lit.
 * @packageDocumentation
 */
import { WIDGETS } from './registry.js';

export { readLinkToken } from './shared/link-token.js';
export type { LinkAction, LinkFragment } from './shared/link-token.js';
export { overrideTexts } from './shared/texts.js';
export type { TextLocale, Texts } from './shared/texts.js';

/**
 * For each widget, the chunks its entry imports (paths relative to this file), written by the build
 * (rollup.config.mjs, `loaderPreloads`) in place of this placeholder. Left as is (no build), no hints.
 */
const CHUNKS = '__CIBTP_CHUNKS__' as unknown as Readonly<Record<string, readonly string[]>> | string;

const PREFIX = 'cibtp-';
const CLOAK = 'cibtp-cloak';
const names = new Map(WIDGETS.map((w) => [w.tag, w.name]));
const loading = new Map<string, Promise<void>>();
const preloaded = new Set<string>();

function preload(path: string): void {
  if (preloaded.has(path)) return;
  preloaded.add(path);
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = new URL(path, import.meta.url).href;
  document.head.append(link);
}

/** Imports the entry that defines `tag` (once); unknown `cibtp-*` tags are reported, not thrown. */
function load(tag: string): Promise<void> {
  let pending = loading.get(tag);
  if (pending) return pending;
  const name = names.get(tag);
  if (!name) {
    // Not ours, unless misspelt: said only if nobody (the page, another library) defines it soon.
    setTimeout(() => {
      if (!customElements.get(tag)) console.warn(`[cibtp] <${tag}> is not a widget of this kit: check its spelling.`);
    }, 3000);
    pending = Promise.resolve();
  } else {
    if (typeof CHUNKS === 'object') for (const chunk of CHUNKS[name] ?? []) preload(chunk);
    const url = new URL(`./components/${name}.js`, import.meta.url).href;
    pending = import(url).then(
      () => undefined,
      (error: unknown) => {
        loading.delete(tag); // a later appearance of the tag tries again
        console.error(`[cibtp] <${tag}> could not be loaded from ${url}.`, error);
      },
    );
  }
  loading.set(tag, pending);
  return pending;
}

/**
 * Defines every undefined `cibtp-*` element in `root` (and `root` itself). Resolves when their entries
 * have loaded; never rejects (a failed widget is reported on the console).
 */
export async function discover(root: ParentNode | Element = document): Promise<void> {
  const tags = new Set<string>();
  if (root instanceof Element && root.localName.startsWith(PREFIX) && !customElements.get(root.localName)) {
    tags.add(root.localName);
  }
  for (const el of root.querySelectorAll(':not(:defined)')) {
    if (el.localName.startsWith(PREFIX)) tags.add(el.localName);
  }
  const wanted = [...tags].filter((tag) => !customElements.get(tag));
  if (!wanted.length) return;
  await Promise.all(wanted.map(load));
  document.dispatchEvent(new CustomEvent('cibtp-discovery-complete', { detail: { tags: wanted } }));
}

function uncloak(): void {
  for (const el of document.querySelectorAll(`.${CLOAK}`)) el.classList.remove(CLOAK);
}

// A constructed sheet needs no `style-src 'unsafe-inline'`.
const cloak = new CSSStyleSheet();
cloak.replaceSync(`.${CLOAK}{visibility:hidden!important}`);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, cloak];
const cloakTimer = setTimeout(uncloak, 2000);

new MutationObserver((mutations) => {
  for (const { addedNodes } of mutations) {
    for (const node of addedNodes) if (node instanceof Element) void discover(node);
  }
}).observe(document.documentElement, { subtree: true, childList: true });

/** Settles when the widgets present when the loader ran are defined (or failed to load). */
export const ready: Promise<void> = discover(document).finally(() => {
  clearTimeout(cloakTimer);
  uncloak();
});
