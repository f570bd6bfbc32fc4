#!/usr/bin/env node
// `npm run size [-- --check] [-- --json]`: what each built widget costs a page.
//
// For each `dist/components/<widget>.js` the cost is the entry file plus every chunk it imports
// statically (transitively) from dist/chunks/, i.e. everything the browser must fetch before the
// element is defined. "shared" is the part of that which lives in chunks also imported by another
// widget (Lit, the SDK, ky, zod/mini, the shared base element…): loading a second widget costs only
// its own bytes. Then the drop-in bundle `dist/cibtp-widgets.bundle.js` (one file, everything).
//
// Measure: bytes of the minified files as written by rollup (sourcemap comment included), then each
// file compressed on its own, as a server would send it: gzip with node:zlib's default level (6) and
// brotli with node:zlib's default quality (11). Sizes of several files are sums of per-file sizes.
// BUDGET_GZIP is the target of issue 2: 25 000 bytes of gzip for the drop-in bundle (25 kB decimal,
// stricter than 25 KiB = 25 600 bytes). It is not met: the libraries and the SDK weigh more than that
// before any widget (`--floor` measures it; README, "Size"). Until the budget is decided again,
// `--check` enforces CEILING_GZIP, a ceiling just above today's figure, so that the bundle cannot grow
// unnoticed; it prints the gap to the target every time.
//
// `--floor` also builds, with the drop-in bundle's own rollup plugins and minifier, one-file bundles of
// what the widgets stand on (the Lit libraries; the SDK, i.e. ky 2 + zod/mini + our schemas and client;
// both), so that the part of the bundle no widget code can remove is measured, not estimated.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const BUDGET_GZIP = 25_000;
/** Regression ceiling enforced by `--check` (see above); lower it whenever the bundle shrinks. */
export const CEILING_GZIP = 50_000;
/**
 * Regression ceilings of each widget entry (the entry plus the chunks it imports: what a page that
 * loads only this widget fetches), enforced by `--check` like the bundle's. A new widget needs one.
 */
export const WIDGET_CEILINGS_GZIP = {
  'components/activate-account.js': 43_500,
  'components/forgot-password.js': 44_000,
  'components/login.js': 50_000,
  'components/portal.js': 40_000,
  'components/reset-password.js': 46_500,
};

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const args = new Set(process.argv.slice(2));

const cache = new Map();
function measure(file) {
  let m = cache.get(file);
  if (!m) {
    const buf = readFileSync(file);
    m = { min: buf.length, gzip: gzipSync(buf).length, brotli: brotliCompressSync(buf).length };
    cache.set(file, m);
  }
  return m;
}

/** Static `import … from "x"`, `import "x"` and `export … from "x"` of an ES module (not `import()`). */
function staticImports(file) {
  const code = readFileSync(file, 'utf8');
  const out = new Set();
  const re = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{][^'"()]*?from\s*)?["']([^"']+)["']/g;
  for (const match of code.matchAll(re)) {
    const spec = match[1];
    if (spec.startsWith('.')) out.add(resolve(dirname(file), spec));
  }
  return out;
}

function closure(entry) {
  const seen = new Set();
  const walk = (file) => {
    for (const dep of staticImports(file)) {
      if (!seen.has(dep) && existsSync(dep)) {
        seen.add(dep);
        walk(dep);
      }
    }
  };
  walk(entry);
  return seen;
}

const sum = (files) =>
  [...files].reduce(
    (acc, f) => {
      const m = measure(f);
      return { min: acc.min + m.min, gzip: acc.gzip + m.gzip, brotli: acc.brotli + m.brotli };
    },
    { min: 0, gzip: 0, brotli: 0 },
  );

if (!existsSync(dist)) {
  console.error('dist/ does not exist: run `npm run build` first.');
  process.exit(1);
}

const componentsDir = join(dist, 'components');
const widgets = existsSync(componentsDir)
  ? readdirSync(componentsDir).filter((f) => f.endsWith('.js')).sort()
  : [];
const deps = new Map(widgets.map((w) => [w, closure(join(componentsDir, w))]));

const rows = [];
for (const w of widgets) {
  const entry = join(componentsDir, w);
  const chunks = deps.get(w);
  const shared = new Set(
    [...chunks].filter((c) => [...deps].some(([other, set]) => other !== w && set.has(c))),
  );
  rows.push({
    name: `components/${w}`,
    files: 1 + chunks.size,
    ...sum([entry, ...chunks]),
    shared: sum(shared),
  });
}

const bundleFile = join(dist, 'cibtp-widgets.bundle.js');
const bundle = existsSync(bundleFile) ? { name: 'cibtp-widgets.bundle.js', files: 1, ...measure(bundleFile), shared: null } : null;
if (bundle) rows.push(bundle);

const fmt = (n) => n.toLocaleString('en-US');

/** One-file bundles of the stack under the widgets, built like the drop-in bundle (see `--floor` above). */
async function measureFloor() {
  const { rollup } = await import('rollup');
  const config = await import('../rollup.config.mjs');
  const lit = [
    "export { LitElement, html, css, nothing, render, adoptStyles, unsafeCSS } from 'lit';",
    "export { property, state } from 'lit/decorators.js';",
    "export { createContext, ContextProvider, ContextConsumer } from '@lit/context';",
    "export { configureLocalization, localized, msg, str } from '@lit/localize';",
    "export { Task } from '@lit/task';",
  ].join('\n');
  const sdk = "export * from './sdk/index.ts';";
  const entries = [
    ['Lit + @lit/context + @lit/localize + @lit/task', lit],
    ['SDK: ky 2 + zod/mini + schemas, client, errors, rules', sdk],
    ['both (no widget code)', `${lit}\n${sdk}`],
  ];
  const out = [];
  for (const [name, code] of entries) {
    const id = join(root, '\0size-floor.ts');
    const virtual = {
      name: 'size-floor-entry',
      resolveId: (source) => (source === id ? id : null),
      load: (file) => (file === id ? code : null),
    };
    const build = await rollup({
      input: id,
      plugins: [virtual, config.tsJsExtension(), config.resolve(), config.esbuildPlugin()],
      onwarn: config.onwarn,
    });
    const { output } = await build.generate({ format: 'es', inlineDynamicImports: true, plugins: [config.minifier()] });
    await build.close();
    const buf = Buffer.from(output[0].code);
    out.push({ name, min: buf.length, gzip: gzipSync(buf).length });
  }
  return out;
}
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;

if (args.has('--json')) {
  console.log(JSON.stringify({ budgetGzip: BUDGET_GZIP, ceilingGzip: CEILING_GZIP, widgetCeilingsGzip: WIDGET_CEILINGS_GZIP, rows }, null, 2));
} else {
  const header = ['entry (+ static chunks)', 'files', 'min', 'gzip', 'brotli', 'shared min', 'shared gzip'];
  const table = rows.map((r) => [
    r.name,
    String(r.files),
    fmt(r.min),
    fmt(r.gzip),
    fmt(r.brotli),
    r.shared ? fmt(r.shared.min) : '—',
    r.shared ? fmt(r.shared.gzip) : '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
  console.log(
    `\nBytes. gzip = node:zlib default level, brotli = default quality, each file compressed on its own;` +
      `\n"shared" = chunks this widget shares with another widget (${relative(root, join(dist, 'chunks'))}/).`,
  );
  if (bundle) {
    const gap = bundle.gzip - BUDGET_GZIP;
    console.log(
      `Drop-in bundle: ${kb(bundle.gzip)} gzip; target ${kb(BUDGET_GZIP)} (${gap > 0 ? `${kb(gap)} over, NOT MET` : 'met'});` +
        ` regression ceiling ${kb(CEILING_GZIP)}.`,
    );
  }
}

if (args.has('--floor')) {
  const floor = await measureFloor();
  console.log('\nWhat the widgets stand on, each built alone as one minified file (bytes):');
  for (const f of floor) console.log(`  ${f.name.padEnd(58)} min ${fmt(f.min).padStart(7)}  gzip ${fmt(f.gzip).padStart(6)}`);
}

if (args.has('--check')) {
  if (!bundle) {
    console.error('size --check: dist/cibtp-widgets.bundle.js is missing.');
    process.exit(1);
  }
  if (bundle.gzip > CEILING_GZIP) {
    console.error(`size --check: the drop-in bundle is ${fmt(bundle.gzip)} bytes gzip, over the ${fmt(CEILING_GZIP)}-byte ceiling.`);
    process.exit(1);
  }
  const over = rows
    .filter((r) => r.shared)
    .map((r) => [r, WIDGET_CEILINGS_GZIP[r.name]])
    .filter(([r, ceiling]) => ceiling === undefined || r.gzip > ceiling);
  for (const [r, ceiling] of over) {
    console.error(
      ceiling === undefined
        ? `size --check: ${r.name} has no ceiling: add it to WIDGET_CEILINGS_GZIP in scripts/size.mjs.`
        : `size --check: ${r.name} is ${fmt(r.gzip)} bytes gzip, over its ${fmt(ceiling)}-byte ceiling.`,
    );
  }
  if (over.length) process.exit(1);
  console.log(
    `size --check: the bundle is under its ${fmt(CEILING_GZIP)}-byte ceiling (the ${fmt(BUDGET_GZIP)}-byte target is ` +
      `${bundle.gzip > BUDGET_GZIP ? 'not met' : 'met'}), each widget entry under its own.`,
  );
}
