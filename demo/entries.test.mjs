// The published per-widget entries (`dist/components/<widget>.js`, package.json `exports`) loaded
// as they are, without the drop-in bundle and without a bundler, in headless Chromium under the
// strict CSP with `trusted-types lit-html` only. Each entry must define its element, and all of them
// must share one copy of Lit: a second copy would create a second `lit-html` Trusted Types policy,
// which this policy refuses. Needs `npm run build` first (npm test runs it before this file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CSP, startDemoServer } from './server.mjs';
import { openPage, run, useDemo } from './test-support.mjs';

const demo = useDemo();

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
/** `./components/login` → `{ entry: '/dist/components/login.js', tag: 'cibtp-login' }`, from `exports`. */
const widgets = Object.entries(packageJson.exports)
  .filter(([key]) => key.startsWith('./components/'))
  .map(([key, target]) => ({ entry: target.default.replace(/^\./, ''), tag: `cibtp-${key.slice('./components/'.length)}` }));

test('each widget entry works alone, without the bundle, and all share one Lit', async () => {
  assert.ok(widgets.length > 0, 'package.json exports the widgets');
  const strict = CSP.replace('trusted-types lit-html default', 'trusted-types lit-html');
  assert.notEqual(strict, CSP);
  const bare = await startDemoServer({ port: 0, csp: strict });
  const { context, page, problems } = await openPage(demo.browser, new URL('/integration-composant.html', bare.url).href);
  try {
    await run(page, problems, async () => {
      // The page loads the login entry only: the form is there, in French.
      await page.waitForSelector('cibtp-login input[autocomplete="username"]', { visible: true });
      await page.waitForSelector('cibtp-login input[autocomplete="current-password"]', { visible: true });
      assert.match(await page.$eval('cibtp-login', (el) => el.textContent), /Mot de passe oublié/);

      // The other entries, imported into the same page, define their elements and render.
      for (const { entry, tag } of widgets) {
        const defined = await page.evaluate(async (url, name) => {
          await import(url);
          const element = document.createElement(name);
          // This page has no simulated API: a client whose calls never answer, for the widgets that ask
          // the server as soon as they show (the tiers list, the home page's session).
          element.client = {
            session: null, locale: 'fr', invoke: () => new Promise(() => {}),
            onSessionChange: () => () => {}, onSessionExpired: () => () => {},
          };
          document.querySelector('main').append(element);
          await element.updateComplete;
          return customElements.get(name) !== undefined && element.shadowRoot !== null;
        }, entry, tag);
        assert.ok(defined, `${entry} defines <${tag}>`);
      }
    });
    // Entries and shared chunks only: never the drop-in bundle (it would bring its own Lit).
    const scripts = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));
    assert.ok(scripts.includes('/dist/components/login.js'), scripts.join(' '));
    for (const path of scripts) {
      assert.match(path, /^\/dist\//, path);
      assert.doesNotMatch(path, /bundle/, path);
    }
  } finally {
    await context.close();
    await bare.close();
  }
});
