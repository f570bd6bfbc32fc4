// A page pays only for what it shows. The minimal integration page (`<cibtp-portal><cibtp-login>`
// through the drop-in loader `dist/cibtp-widgets.js`) is opened in headless Chromium under the demo's
// strict CSP and Trusted Types, and the scripts it requested are compared with the exact set the two
// widgets it shows need: the loader, their two entries and the chunks those import (read from the
// built files). Then the page switches to English: the English texts arrive only then, and every
// widget, including those added to the page afterwards (the loader defines them), renders in English.
// Needs `npm run build` first (npm test runs it before this file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WIDGETS } from '../components/registry.ts';
import { closure } from '../scripts/size.mjs';
import { openPage, run, useDemo } from './test-support.mjs';

const demo = useDemo();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `/dist/…` paths of an entry and of every chunk it imports statically, from the built files. */
function entryFiles(path) {
  const entry = join(root, path);
  return [path, ...[...closure(entry)].map((file) => `/${relative(root, file)}`)];
}

/** Every script the page requested, in order (the MSW worker is not a page script). */
function recordScripts(page) {
  const scripts = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('.js')) scripts.push(url.pathname);
  });
  return scripts;
}

const settled = (page) => page.waitForNetworkIdle({ idleTime: 300 });

/**
 * Opens `path` in a fresh page that records its scripts, runs `steps(page, scripts, problems)` (failing
 * on any CSP / Trusted Types violation or page error), and closes it. `before(page)` runs first.
 */
async function onPage(path, steps, before = async () => {}) {
  const { context, page, problems } = await openPage(demo.browser, 'about:blank');
  try {
    const scripts = recordScripts(page);
    await before(page);
    await page.goto(new URL(path, demo.server.url).href, { waitUntil: 'load' });
    await run(page, problems, () => steps(page, scripts, problems));
  } finally {
    await context.close();
  }
}

/** Waits until the login's heading reads `text`. */
const loginHeading = (page, text) =>
  page.waitForFunction((t) => document.querySelector('cibtp-login h2')?.textContent?.trim() === t, {}, text);

const HEADINGS_EN = {
  'cibtp-login': 'Sign in to your CIBTP secure area',
  'cibtp-forgot-password': 'Forgotten password',
  'cibtp-reset-password': 'Choose a new password',
  // Without a backend here, the activation fails at once: any of its headings, in English.
  'cibtp-activate-account': 'Activating your account|Activation could not be completed|This link is not valid',
};

test('the minimal page loads the loader, the portal and the login, nothing else, and no English', async () => {
  await onPage('/integration.html', async (page, scripts, problems) => {
    await page.waitForSelector('cibtp-login input[autocomplete="current-password"]', { visible: true });
    await settled(page);
    const expected = new Set(['/dist/cibtp-widgets.js', ...entryFiles('/dist/components/portal.js'), ...entryFiles('/dist/components/login.js')]);
    assert.deepEqual([...new Set(scripts)].sort(), [...expected].sort(), 'the page requested exactly what it shows');
    assert.equal(scripts.length, new Set(scripts).size, 'no script was requested twice');
    assert.ok(!scripts.some((s) => /locale-en/.test(s)), 'no English texts on a French page');
    for (const { name } of WIDGETS.filter((w) => !['portal', 'login'].includes(w.name))) {
      assert.ok(!scripts.includes(`/dist/components/${name}.js`), `${name} is not loaded`);
    }
    assert.match(await page.$eval('cibtp-login', (el) => el.textContent), /Mot de passe oublié/);
  });
});

test('after a switch to English, the texts arrive and every widget renders in English', async () => {
  await onPage('/integration.html', async (page, scripts, problems) => {
    await page.waitForSelector('cibtp-login input[autocomplete="current-password"]', { visible: true });
    await settled(page);
    assert.ok(!scripts.some((s) => /locale-en/.test(s)));

    await page.$eval('cibtp-portal', (portal) => portal.setAttribute('locale', 'en'));
    await loginHeading(page, HEADINGS_EN['cibtp-login']);
    assert.equal(scripts.filter((s) => /locale-en/.test(s)).length, 1, 'the English texts, once');
    // Nothing half-translated: the login switched as a whole.
    const login = await page.$eval('cibtp-login', (el) => ({ lang: el.getAttribute('lang'), text: el.textContent }));
    assert.equal(login.lang, 'en');
    assert.match(login.text, /Forgotten your password\?/);
    assert.doesNotMatch(login.text, /Mot de passe|Adresse/);

    // Widgets added afterwards are defined by the loader and come up in English at once.
    await page.$eval('cibtp-portal', (portal) => {
      for (const tag of ['cibtp-forgot-password', 'cibtp-reset-password', 'cibtp-activate-account']) {
        portal.append(Object.assign(document.createElement(tag), { token: 'x'.repeat(32) }));
      }
    });
    for (const [tag, heading] of Object.entries(HEADINGS_EN)) {
      await page.waitForFunction(
        (t, text) =>
          [...document.querySelectorAll(`${t} h2`)].some((h) => {
            const title = h.cloneNode(true);
            title.querySelector('[data-part="step"]')?.remove(); // « Step 1 of 2 », tested with the wizards
            return new RegExp(`^(${text})$`).test(title.textContent?.trim());
          }),
        {},
        tag,
        heading,
      );
      assert.equal(await page.$eval(tag, (el) => el.getAttribute('lang')), 'en', tag);
    }
    // This page has no backend, on purpose: the activation's request tells the integrator so.
    const hint = problems.findIndex((p) => /answered 404 without a portal error body: is base-url right\?/.test(p));
    assert.ok(hint >= 0, 'the console names base-url when the API answers 404 without a portal body');
    problems.splice(hint, 1);
  });
});

test('a caisse’s own text, given to the loader, reaches the widgets it loads (one store for every copy)', async () => {
  await onPage('/integration.html', async (page) => {
    await page.waitForSelector('cibtp-login input[autocomplete="current-password"]', { visible: true });
    await page.evaluate(async () => {
      const { overrideTexts } = await import('/dist/cibtp-widgets.js');
      overrideTexts('fr', { 'login.title': 'Connexion à l’espace de la Caisse du Nord' });
    });
    await loginHeading(page, 'Connexion à l’espace de la Caisse du Nord');
  });
});

test('a page that starts in English never shows French', async () => {
  const watch = (page) =>
    page.evaluateOnNewDocument(() => {
      // Every heading the widgets ever render, from the first one on.
      window.__headings = [];
      new MutationObserver(() => {
        for (const h of document.querySelectorAll('cibtp-login h2')) window.__headings.push(h.textContent.trim());
      }).observe(document, { subtree: true, childList: true, characterData: true });
      document.addEventListener('DOMContentLoaded', () => document.querySelector('cibtp-portal')?.setAttribute('locale', 'en'));
    });
  await onPage(
    '/integration.html',
    async (page) => {
      await loginHeading(page, HEADINGS_EN['cibtp-login']);
      const seen = await page.evaluate(() => window.__headings);
      assert.deepEqual([...new Set(seen)], [HEADINGS_EN['cibtp-login']], 'only the English heading was ever shown');
    },
    watch,
  );
});

test('the all-in-one file shows the same widgets, and switches to English without another file', async () => {
  await onPage('/integration-fichier-unique.html', async (page, scripts, problems) => {
    await page.waitForSelector('cibtp-login input[autocomplete="current-password"]', { visible: true });
    await page.$eval('cibtp-portal', (portal) => portal.setAttribute('locale', 'en'));
    await loginHeading(page, HEADINGS_EN['cibtp-login']);
    await settled(page);
    assert.deepEqual([...new Set(scripts)], ['/dist/cibtp-widgets.bundle.js']);
  });
});
