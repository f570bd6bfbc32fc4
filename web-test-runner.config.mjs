// Browser tests of the widgets: Chromium (found by scripts/chrome.mjs, never downloaded), esbuild for
// TypeScript with the project's tsconfig (experimentalDecorators), and MSW's service worker served at
// /mockServiceWorker.js so that the mock backend (mock-server/browser.ts) can start in the test page.
import { readFile, readdir } from 'node:fs/promises';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { findChrome, CHROME_ARGS, CHROME_ENV } from './scripts/chrome.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const WORKER_FILE = new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url);

/** Serves msw's worker script at the root of the origin (its scope must cover the test pages). */
async function mswWorker(context, next) {
  if (context.path === '/mockServiceWorker.js') {
    context.type = 'application/javascript';
    context.set('Service-Worker-Allowed', '/');
    context.body = await readFile(WORKER_FILE, 'utf8');
    return;
  }
  return next();
}

/**
 * Test-only: the untransformed source of a widget file (`/__source__/components/…`), so that tests can
 * check what the sources declare (msg ids, JSDoc `@cssproperty`) against what runs.
 */
async function rawSources(context, next) {
  const prefix = '/__source__/components/';
  if (context.path === prefix) {
    const entries = await readdir(new URL('components/', new URL(`file://${root}`)), { recursive: true });
    context.type = 'application/json';
    context.body = JSON.stringify(
      entries.map((e) => `components/${e.split(sep).join('/')}`).filter((f) => f.endsWith('.ts')).sort(),
    );
    return;
  }
  if (context.path.startsWith(prefix)) {
    const relative = context.path.slice('/__source__/'.length);
    if (relative.includes('..') || !/^components\/[\w./-]+\.ts$/.test(relative)) {
      context.status = 400;
      return;
    }
    try {
      context.type = 'text/plain';
      context.body = await readFile(new URL(relative, new URL(`file://${root}`)), 'utf8');
    } catch {
      context.status = 404;
    }
    return;
  }
  return next();
}

export default {
  rootDir: root,
  files: ['components/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  middleware: [mswWorker, rawSources],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChrome(), headless: true, args: CHROME_ARGS, env: CHROME_ENV },
    }),
  ],
  concurrency: 2,
  concurrentBrowsers: 1,
  // On a 2-core CI machine, opening a test page while another file's page compiles its imports can
  // take longer than the default 30 s (seen once, as a page that never started): a slow start is not
  // a failure.
  browserStartTimeout: 120_000,
  testsFinishTimeout: 180_000,
  testFramework: {
    config: { timeout: 10_000 },
  },
};
