// The framework example pages (frameworks/react, frameworks/vue), built with Vite and driven in headless
// Chromium under the demo's strict CSP with Trusted Types: sign in, the page shows the event's detail,
// the page's own client made the requests (the `client` property reached the portal), no violation, no
// console error, no warning of the kit. Vue needs its `vue` policy in `trusted-types`: without it, the
// page does not mount. Needs `npm run build` first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildFramework } from '../frameworks/build.mjs';
import { writeFrameworkTypes } from '../scripts/framework-types.mjs';
import { CSP, startDemoServer } from './server.mjs';
import { DEMO_PASSWORD, launchBrowser, openPage, run, signIn } from './test-support.mjs';

const EMAIL = 'admin@durand-btp.fr';
/** The demo's policy, plus the policy Vue creates for its static HTML (docs/FRAMEWORKS.md). */
const VUE_CSP = CSP.replace('trusted-types lit-html default', 'trusted-types lit-html vue default');

const dist = (file) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));
const servers = {};
let browser;
before(async () => {
  assert.notEqual(VUE_CSP, CSP, 'the demo policy no longer ends with `trusted-types lit-html default`');
  for (const file of ['components/portal.js', 'components/login.js', 'sdk.js', 'demo-mock.js']) {
    assert.ok(existsSync(dist(file)), 'dist/ is not built: run `npm run build` first');
  }
  // The build writes them after the manifest; generated again here, so that the pages check against this source.
  await writeFrameworkTypes({ manifestFile: dist('custom-elements.json'), outDir: dist('types') });
  await buildFramework('react');
  await buildFramework('vue');
  servers.demo = await startDemoServer({ port: 0 });
  servers.vue = await startDemoServer({ port: 0, csp: VUE_CSP });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  for (const server of Object.values(servers)) await server.close();
});

/** Opens a page that also records the kit's console warnings (`[cibtp] …`, e.g. a `client` attribute). */
async function open(server, path) {
  const opened = await openPage(browser, new URL(path, server.url).href);
  opened.warnings = [];
  opened.page.on('console', (message) => {
    if (/^warn/.test(message.type()) && message.text().startsWith('[cibtp]')) opened.warnings.push(message.text());
  });
  return opened;
}

async function signInThroughThePage(server, path) {
  const { context, page, problems, warnings } = await open(server, path);
  try {
    await run(page, problems, async () => {
      await page.waitForSelector('cibtp-login input[name="email"]', { visible: true });
      await signIn(page, EMAIL, DEMO_PASSWORD);
      await page.waitForFunction((text) => document.getElementById('signed-in')?.textContent === text, {}, `Connecté : ${EMAIL}`);
      const requests = await page.evaluate(() => window.cibtpRequests ?? []);
      assert.ok(requests.includes('/api/auth/login'), `the page's client made the login: ${requests.join(', ')}`);
      // The framework set a property: no `client="[object Object]"`, and the portal uses the page's client.
      assert.equal(await page.$eval('cibtp-portal', (portal) => portal.hasAttribute('client')), false);
      assert.equal(await page.$eval('cibtp-portal', (portal) => portal.session?.user.email), EMAIL);
      assert.deepEqual(warnings, []);
    });
  } finally {
    await context.close();
  }
}

test('the pages type-check with the generated declarations (`oncibtp-…`, `client`, the kit by URL)', async () => {
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  const project = fileURLToPath(new URL('../frameworks/', import.meta.url));
  await promisify(execFile)(process.execPath, [tsc, '-p', project]).catch((error) => {
    assert.fail(`tsc -p frameworks:\n${error.stdout}${error.stderr}`);
  });
});

test('React 19: the portal takes the page\'s client, `oncibtp-signed-in` shows who signed in', () =>
  signInThroughThePage(servers.demo, '/dist/frameworks/react/'));

test('Vue 3 with `vue` in trusted-types: the same, its static HTML inserted through its policy', async () => {
  await signInThroughThePage(servers.vue, '/dist/frameworks/vue/');
  const { context, page } = await open(servers.vue, '/dist/frameworks/vue/');
  try {
    // The twenty static elements are there: Vue inserted them as one string, which its policy allowed.
    await page.waitForSelector('#widgets-title');
    assert.ok((await page.$$('#app li')).length >= 20);
  } finally {
    await context.close();
  }
});

test('Vue 3 without `vue` in trusted-types: the page does not mount', async () => {
  const { context, page } = await open(servers.demo, '/dist/frameworks/vue/');
  try {
    // Vue's policy is refused, then its static HTML is a plain string for innerHTML: blocked.
    await page.waitForFunction(() => (window.__cspViolations ?? []).some((v) => v.startsWith('require-trusted-types-for')));
    const violations = await page.evaluate(() => window.__cspViolations);
    assert.ok(violations.some((v) => v.startsWith('trusted-types')), violations.join('\n'));
    assert.equal(await page.$('cibtp-portal'), null, 'the widgets were never rendered');
    assert.equal(await page.$('#widgets-title'), null);
  } finally {
    await context.close();
  }
});
