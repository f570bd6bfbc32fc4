// Builds every published entry point into dist/ (see package.json `exports` and docs/ARCHITECTURE.md).
//
//   library   dist/index.js, dist/sdk.js, dist/components/<widget>.js, dist/lit.js, dist/mock-server*.js
//             ESM, code shared between entries in dist/chunks/. Lit, ky and zod are bundled so that a
//             widget file works in a browser without a bundler; msw is left external (optional peer).
//             A widget's way to another (login → forgotten password) and the English texts are dynamic
//             imports: their own chunks, fetched when needed.
//   loader    dist/cibtp-widgets.js: the drop-in loader (components/loader.ts), self-contained; it
//             imports dist/components/<widget>.js when the tag appears, with preload hints for the
//             chunks of that entry (written in by `loaderPreloads` from the library build's graph).
//   bundle    dist/cibtp-widgets.bundle.js: one file, Lit + SDK + every widget registered (all-in-one).
//   demo      dist/demo-mock.js: the demo page's mock bootstrap (msw bundled; Lit taken from dist/lit.js).
//   worker    dist/mockServiceWorker.js: MSW's service worker script, served by the demo at
//             /mockServiceWorker.js (Storybook copies it itself, see .storybook/main.ts).
//   node      dist/mock-server-http.js, dist/cibtp-mock-server.js, dist/conformance.js,
//             dist/cibtp-conformance.js: the mock over HTTP and the conformance suite, for Node.
//
// Lit's html`` and css`` literals are minified at build (scripts/minify-literals.mjs: whitespace that
// cannot render, CSS comments and spaces), after esbuild and before terser, which leaves them alone.
// JS is compiled by rollup-plugin-esbuild (it needs no TypeScript JS API, which TypeScript 7 drops);
// declarations come from `tsc -p tsconfig.build.json`. The published files are minified by terser
// over each whole chunk: about 1.1 kB gzip less than esbuild's minifier on the drop-in bundle
// (two compress passes; measured 2026-11-23). The demo's mock keeps esbuild's (faster, not shipped).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyLiterals } from './scripts/minify-literals.mjs';

import { WIDGETS as REGISTRY } from './components/registry.ts';

const require = createRequire(import.meta.url);

/** Widget names, from the one registry (components/registry.ts; Node strips its types). */
export const WIDGETS = REGISTRY.map((w) => w.name);

export const esbuildPlugin = ({ minify = false } = {}) =>
  esbuild({
    target: 'es2022',
    minify,
    // tsconfig.json carries experimentalDecorators + useDefineForClassFields: false (docs/TOOLCHAIN.md).
    tsconfig: 'tsconfig.json',
    legalComments: 'none',
  });

export const minifier = () =>
  terser({ module: true, ecma: 2022, compress: { passes: 2 }, format: { comments: false } });

export const resolve = () =>
  nodeResolve({
    browser: true,
    // Lit's default export condition is its production build; `browser` keeps msw/ky browser code.
    exportConditions: ['browser', 'import', 'module', 'default'],
    extensions: ['.ts', '.mjs', '.js', '.json'],
  });

/** `import './x.js'` in TypeScript sources means `./x.ts`: let rollup find the .ts file. */
export const tsJsExtension = () => ({
  name: 'ts-js-extension',
  async resolveId(source, importer, options) {
    if (!importer || !source.startsWith('.') || !source.endsWith('.js') || importer.includes('node_modules')) return null;
    const ts = await this.resolve(source.replace(/\.js$/, '.ts'), importer, { ...options, skipSelf: true });
    return ts ?? null;
  },
});

/** Emits MSW's worker script next to the bundles (its version must match the installed msw). */
const mswWorker = () => ({
  name: 'msw-worker',
  generateBundle() {
    const file = require.resolve('msw/mockServiceWorker.js');
    this.emitFile({ type: 'asset', fileName: 'mockServiceWorker.js', source: readFileSync(file, 'utf8') });
  },
});

function need(file) {
  if (!existsSync(file)) throw new Error(`rollup.config.mjs: entry ${file} does not exist`);
  return file;
}

const isMsw = (id) => id === 'msw' || id.startsWith('msw/');

export const onwarn = (warning, warn) => {
  // Lit and msw use `this` at the top level of some modules in their ESM builds: harmless.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  // zod annotates some expressions with comments that rollup cannot place: informational only.
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
  warn(warning);
};

/** Readable names for the shared chunks (rollup names a chunk after one of its modules otherwise). */
function chunkName(chunk) {
  const ids = chunk.moduleIds.map((id) => id.split('\\').join('/'));
  const has = (re) => ids.some((id) => re.test(id));
  // The mock's communes, one chunk per département, loaded when a search first needs it.
  const communes = ids.length === 1 && /\/mock-server\/data\/communes\/(\w+)\.ts$/.exec(ids[0]);
  if (communes) return `chunks/communes-${communes[1]}-[hash].js`;
  if (LAYERS.some(([name]) => name === chunk.name)) return `chunks/${chunk.name}-[hash].js`;
  const parts = [];
  if (has(/node_modules\/lit-html\/lit-html\.js$/)) parts.push('lit');
  if (has(/\/sdk\/client\.ts$/)) parts.push('sdk');
  else if (has(/\/sdk\//)) parts.push('sdk-schemas');
  if (has(/\/components\/shared\/locales\/en\.ts$/)) parts.push('locale-en');
  else if (has(/\/components\/shared\//)) parts.push('widgets-shared');
  const widget = ids.map((id) => /\/components\/([\w-]+)\/\1\.component\.ts$/.exec(id)?.[1]).find(Boolean);
  if (widget) parts.push(widget);
  return `chunks/${parts.length ? parts.join('+') : chunk.name}-[hash].js`;
}

/**
 * The chunks each widget entry imports (transitively), captured from the library build's output for the
 * loader's preload hints. `rollup -c` runs the builds of this file in order, library first.
 */
const widgetChunks = {};
const captureWidgetChunks = () => ({
  name: 'capture-widget-chunks',
  generateBundle(_options, bundle) {
    for (const name of WIDGETS) {
      const seen = new Set();
      const walk = (file) => {
        for (const dep of bundle[file]?.imports ?? []) if (!seen.has(dep)) seen.add(dep), walk(dep);
      };
      walk(`components/${name}.js`);
      widgetChunks[name] = [...seen].map((f) => `./${f}`);
    }
  },
});

/** Writes the captured map into the loader's source, in place of its `'__CIBTP_CHUNKS__'` placeholder. */
const loaderPreloads = () => ({
  name: 'loader-preloads',
  transform(code, id) {
    if (!id.endsWith('/components/loader.ts')) return null;
    if (!Object.keys(widgetChunks).length) this.error('loader-preloads: the library build must run first');
    const out = code.replace(/(["'])__CIBTP_CHUNKS__\1/, () => JSON.stringify(widgetChunks));
    if (out === code) this.error('loader-preloads: placeholder not found in components/loader.ts');
    return { code: out, map: null };
  },
});

/**
 * The shared code of the widgets in a few chunks of whole layers, rather than one chunk per set of
 * importers: every new widget that reuses a small shared module (a wizard, a clock, the code step)
 * would otherwise split it out of the chunk it sat in, and each page would fetch a dozen small files,
 * each compressed on its own (measured: +2.7 kB gzip on the login page for 3 more files). A layer
 * that a page does not need at all (the phone rules, the communes, a widget's own code) stays apart.
 */
const LAYERS = [
  ['lit', /\/node_modules\/(lit\/index\.js|lit\/decorators\.js|lit-html\/(lit-html|is-server)\.js|lit-element\/|@lit\/reactive-element\/)/],
  ['sdk', /\/node_modules\/ky\/|\/sdk\/(core|xhr-fetch)\.ts$/],
  ['sdk-schemas', /\/node_modules\/zod\/|\/sdk\/(zod|definition|errors|validate|csrf)\.ts$|\/sdk\/schemas\/(common|auth|limits)\.ts$|\/sdk\/rules\/(identifiers|password)\.ts$|\/sdk\/auth\/operations\.ts$/],
  // What every widget stands on, the portal included: texts, context, events, messages.
  // (with the Lit directives the shared fields use; a directive of one widget stays with it)
  ['widgets-shared', /\/node_modules\/@lit\/(localize|context)\/|\/node_modules\/lit-html\/(directive|directive-helpers|directives\/(if-defined|live))\.js$|\/components\/shared\/(client-property|clock-controller|context|define|events|fields|localization|messages|routes|texts)\.ts$/],
  // What the form widgets add: the base element, the form and wizard pipeline, the code step.
  ['widgets-forms', /\/components\/shared\/(base-element|client-controller|code-step|form-controller|lazy|navigation|request-controller|styles|wizard-controller)\.ts$/],
  // The latest-request rule, shared by the commune combobox (signup) and the shell's lists: in a file of
  // its own, or it would join one of them and bring that whole layer to the other's pages.
  ['widgets-latest', /\/components\/shared\/latest-request\.ts$/],
  // What the space's shell adds (picker, top bar, menu, tiles…): the tiers domain (apart: the SDK entry
  // imports it too, without Lit), then links, lists, DSN alerts.
  ['sdk-tiers', /\/sdk\/tiers\/operations\.ts$|\/sdk\/schemas\/tiers\.ts$|\/sdk\/rules\/rights\.ts$/],
  ['widgets-shell', /\/components\/shared\/(dsn-alerts|function-labels|list-controller|nav-link|shell-element)\.ts$/],
  // The links sent by email: read from the address, and what an unusable one says (the link widgets and
  // the FranceConnect return only; the sign-in page does not carry them).
  ['widgets-links', /\/components\/shared\/(link-token|link-problem)\.ts$/],
  // *Gérer les droits d'accès*: the rights domain (without the firm's completion form, which carries the
  // phone rules: `sdk/rights/invitation.ts` stays with its widget).
  ['sdk-rights', /\/sdk\/rights\/operations\.ts$|\/sdk\/schemas\/rights\.ts$|\/sdk\/rules\/delegation\.ts$/],
];
function manualChunks(id) {
  const path = id.split('\\').join('/');
  return LAYERS.find(([, re]) => re.test(path))?.[0];
}

/**
 * `@lit/localize` hashes a message's text into an id when `msg()` gets none (FNV-1a, about 0.9 kB gzip
 * on every page). Every `msg()` of the kit names its id (the translation test would fail otherwise), so
 * the hashing is never run: it is replaced by a function that says so if it ever were.
 */
const noMessageIdHashing = () => ({
  name: 'no-message-id-hashing',
  resolveId(source, importer) {
    if (source === './id-generation.js' && importer?.split('\\').join('/').includes('/@lit/localize/')) return '\0no-msg-id';
    return null;
  },
  load(id) {
    if (id !== '\0no-msg-id') return null;
    return "export const generateMsgId = () => { throw Error('msg id'); };";
  },
});

const library = {
  input: {
    index: need('index.ts'),
    lit: need('components/lit.ts'),
    sdk: need('sdk/index.ts'),
    'mock-server': need('mock-server/index.ts'),
    'mock-server-browser': need('mock-server/browser.ts'),
    'mock-server-node': need('mock-server/node.ts'),
    ...Object.fromEntries(WIDGETS.map((w) => [`components/${w}`, need(`components/${w}/${w}.ts`)])),
  },
  external: isMsw,
  plugins: [noMessageIdHashing(), tsJsExtension(), resolve(), esbuildPlugin(), minifyLiterals(), mswWorker(), captureWidgetChunks()],
  output: {
    plugins: [minifier()],
    dir: 'dist',
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: chunkName,
    manualChunks,
  },
  onwarn,
};

const loader = {
  input: need('components/loader.ts'),
  plugins: [loaderPreloads(), tsJsExtension(), resolve(), esbuildPlugin()],
  output: {
    plugins: [minifier()],
    file: 'dist/cibtp-widgets.js',
    format: 'es',
    sourcemap: true,
  },
  onwarn,
};

const bundle = {
  input: need('bundle.ts'),
  plugins: [noMessageIdHashing(), tsJsExtension(), resolve(), esbuildPlugin(), minifyLiterals()],
  output: {
    plugins: [minifier()],
    file: 'dist/cibtp-widgets.bundle.js',
    format: 'es',
    sourcemap: true,
    inlineDynamicImports: true,
  },
  onwarn,
};

/**
 * The demo's mock panel (<cibtp-mock-outbox>) is a Lit element: take the widgets' Lit (dist/lit.js, the
 * same chunk the widgets load) rather than bundling a second copy, whose own `lit-html` Trusted Types
 * policy the page's CSP (`trusted-types lit-html default`) would refuse.
 */
const LIT_URL = '/dist/lit.js';
const litFromBundle = () => ({
  name: 'lit-from-kit',
  resolveId(source) {
    if (source === 'lit' || source === 'lit/decorators.js') return { id: LIT_URL, external: true };
    if (/^(lit|lit-html|lit-element|@lit\/reactive-element)(\/|$)/.test(source)) {
      this.error(`demo/mock.ts: ${source} would bundle a second copy of Lit; import it from 'lit' or 'lit/decorators.js'.`);
    }
    return null;
  },
});

const demoMock = {
  input: need('demo/mock.ts'),
  plugins: [litFromBundle(), tsJsExtension(), resolve(), esbuildPlugin({ minify: true })],
  output: {
    // Not one file: the communes of each département stay a chunk of their own, fetched on demand, so
    // that the demo's mock starts without 700 kB of communes.
    dir: 'dist',
    entryFileNames: 'demo-mock.js',
    chunkFileNames: 'demo-mock/[name]-[hash].js',
    format: 'es',
    sourcemap: true,
  },
  onwarn,
};

/**
 * The Node programs: the mock over HTTP (`dist/mock-server-http.js`, the `cibtp-mock-server` bin) and the
 * conformance suite (`dist/conformance.js`, the `cibtp-conformance` bin). Node resolution (no browser
 * condition), msw and node: builtins external, not minified: they run on a developer's machine or in a
 * caisse's CI, never in a page.
 */
const nodePrograms = {
  input: {
    'mock-server-http': need('mock-server/http.ts'),
    'cibtp-mock-server': need('mock-server/bin.ts'),
    conformance: need('conformance/index.ts'),
    'cibtp-conformance': need('conformance/cli.ts'),
  },
  external: (id) => isMsw(id) || id.startsWith('node:'),
  plugins: [
    tsJsExtension(),
    nodeResolve({ exportConditions: ['node', 'import', 'default'], extensions: ['.ts', '.mjs', '.js', '.json'] }),
    esbuildPlugin(),
  ],
  output: {
    dir: 'dist',
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'node/[name]-[hash].js',
    banner: (chunk) => (chunk.name.startsWith('cibtp-') ? '#!/usr/bin/env node' : ''),
  },
  onwarn,
};

export default [library, loader, bundle, demoMock, nodePrograms];
