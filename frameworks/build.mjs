#!/usr/bin/env node
// Builds the framework example pages with Vite into dist/frameworks/react and dist/frameworks/vue
// (after `npm run build`: they load the kit from /dist/). Served by the demo server at
// /dist/frameworks/<name>/ (demo/frameworks.test.mjs drives them in Chromium).
//
// - The kit and the demo's simulated backend stay URLs (`/dist/…`, external): the pages share the
//   site's one copy of the kit and of Lit (frameworks/kit.ts says why).
// - React needs no plugin: esbuild's automatic JSX runtime.
// - Vue's templates are compiled here (@vitejs/plugin-vue), never in the browser: Vue's runtime
//   compiler needs `unsafe-eval`, which the pages' CSP forbids. `cibtp-*` tags are custom elements.
// - No inline script or style, no module-preload polyfill: the pages run under the demo's strict CSP.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '../dist');

/** The kit and the demo's mock, as the page's own `<script>`s would fetch them. */
const external = (id) => id.startsWith('/dist/');

export const FRAMEWORKS = ['react', 'vue'];

/** Builds one page; resolves with its output folder. */
export async function buildFramework(name) {
  const outDir = join(dist, 'frameworks', name);
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(here, name),
    base: `/dist/frameworks/${name}/`,
    plugins: name === 'vue' ? [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('cibtp-') } } })] : [],
    oxc: name === 'react' ? { jsx: { runtime: 'automatic', importSource: 'react' } } : undefined,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      sourcemap: true,
      rolldownOptions: { external },
    },
  });
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const name of process.argv.slice(2).length ? process.argv.slice(2) : FRAMEWORKS) {
    const out = await buildFramework(name);
    console.log(`frameworks: ${name} → ${out.slice(resolve(here, '..').length + 1)}`);
  }
}
