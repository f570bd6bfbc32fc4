// The demo caisse page under its strict CSP + Trusted Types, driven through the real UI in headless
// Chromium: sign in, sign out, ask for a reset link, follow it from the outbox panel, set a new
// password. Fails on any CSP or Trusted Types violation, page error or failed script.
// Needs `npm run build` first (npm test runs it before this file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CSP, startDemoServer } from './server.mjs';
import { fill, openPage as open, run, useDemo, waitForSignedIn } from './test-support.mjs';

const DEMO_EMAIL = 'admin@durand-btp.fr';
const DEMO_PASSWORD = 'Chantier2026!';
const NEW_PASSWORD = 'Echafaudage-2027';

const demo = useDemo();
const openPage = (path, base = demo.server.url) => open(demo.browser, new URL(path, base).href);

test('the demo pages carry the strict headers', async () => {
  for (const path of ['/', '/espace-entreprise.html', '/dist/cibtp-widgets.bundle.js', '/mockServiceWorker.js']) {
    const res = await fetch(new URL(path, demo.server.url));
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get('content-security-policy'), CSP, path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
  }
  assert.doesNotMatch(CSP, /unsafe-inline|unsafe-eval/);
  assert.equal((await fetch(new URL('/server.mjs', demo.server.url))).status, 404);
  assert.equal((await fetch(new URL('/dist/../package.json', demo.server.url))).status, 404);
});

test('home page: no violation', async () => {
  const { context, page, problems } = await openPage('/');
  try {
    await run(page, problems, () => page.waitForSelector('a[href="/espace-entreprise.html"]'));
  } finally {
    await context.close();
  }
});

test('the widgets alone need no policy of their own: `trusted-types lit-html` only', async () => {
  const strict = CSP.replace('trusted-types lit-html default', 'trusted-types lit-html');
  assert.notEqual(strict, CSP);
  const bare = await startDemoServer({ port: 0, csp: strict });
  const { context, page, problems } = await openPage('/integration.html', bare.url);
  try {
    await run(page, problems, async () => {
      await page.waitForSelector('cibtp-login input[autocomplete="username"]', { visible: true });
      await page.waitForSelector('cibtp-login input[autocomplete="current-password"]', { visible: true });
      // English at run time through the portal attribute, still without any violation.
      await page.$eval('cibtp-portal', (portal) => portal.setAttribute('locale', 'en'));
      await page.waitForFunction(() => /Log ?in|Sign ?in|password/i.test(document.querySelector('cibtp-login')?.textContent ?? ''));
    });
  } finally {
    await context.close();
    await bare.close();
  }
});

test('Espace sécurisé: sign in, sign out, reset the password from the outbox, under CSP + Trusted Types', async () => {
  const { context, page, problems } = await openPage('/espace-entreprise.html');
  try {
    await run(page, problems, async () => {
      // The mock is up and the portal mounted (demo/espace.js).
      await page.waitForSelector('html[data-ready="true"]');

      // Sign in through the real form.
      await fill(page, 'cibtp-login input[autocomplete="username"]', DEMO_EMAIL);
      await fill(page, 'cibtp-login input[autocomplete="current-password"]', DEMO_PASSWORD);
      await page.click('cibtp-login button[type="submit"]');
      assert.equal(await waitForSignedIn(page), DEMO_EMAIL);

      // Sign out from the home page's top bar: back to the login form, with the page's message.
      await (await page.waitForSelector('cibtp-top-bar button::-p-text(Se déconnecter)', { visible: true })).click();
      await page.waitForSelector('cibtp-login input[autocomplete="username"]', { visible: true });
      // The portal ended the session on the server too (`portal.logout()`), not only on the page.
      assert.equal(await page.evaluate(() => document.querySelector('cibtp-portal').session), null);
      const statusText = () => page.$eval('#espace-status', (el) => el.textContent);
      assert.match(await statusText(), /déconnecté/);

      // Switch to English and back: the portal's locale attribute drives the widgets, and the page's
      // own texts follow (its message included).
      await page.click('[data-locale="en"]');
      await page.waitForSelector('cibtp-portal[locale="en"]');
      assert.match(await statusText(), /You have signed out/);
      assert.equal(await page.$eval('#logout', (el) => el.textContent), 'Sign out');
      await page.click('[data-locale="fr"]');
      await page.waitForSelector('cibtp-portal[locale="fr"]');

      // The message belongs to the sign-out: the next submission clears it (it must not sit over the
      // next step or a later error).
      await fill(page, 'cibtp-login input[autocomplete="username"]', DEMO_EMAIL);
      await fill(page, 'cibtp-login input[autocomplete="current-password"]', 'pas le bon');
      await page.click('cibtp-login button[type="submit"]');
      await page.waitForFunction(() => document.activeElement?.closest('[data-part="error-summary"]'));
      assert.equal(await statusText(), '');

      // « D’autres sites déclarants ? » leads to the association wizard, its heading focused; « Annuler » comes back.
      await page.click('cibtp-login button::-p-text(associe)'); // no associate-href here: a button that asks the page
      await page.waitForSelector('cibtp-associate-site input[name="siret"]', { visible: true });
      await page.waitForFunction(() => /Associer un site/.test(document.activeElement?.textContent ?? '') && document.activeElement?.matches('h2'));
      await page.click('cibtp-associate-site button::-p-text(Annuler)');
      await page.waitForSelector('cibtp-login input[autocomplete="username"]', { visible: true });

      // Forgotten password: the widget's link fires cibtp-navigate, the page shows the form.
      await page.click('cibtp-login button::-p-text(Mot de passe oublié)');
      // « Quelle est votre situation ? » → « J'ai oublié mon mot de passe », then the email address.
      await (await page.waitForSelector('cibtp-forgot-password input[name="situation"][value="email"]')).click();
      await page.click('cibtp-forgot-password button[type="submit"]');
      await fill(page, 'cibtp-forgot-password input[autocomplete="email"]', DEMO_EMAIL);
      await page.click('cibtp-forgot-password button[type="submit"]');

      // The reset email lands in the outbox panel; follow its link (same page, new fragment).
      const link = await page.waitForSelector('cibtp-mock-outbox >>> a[href*="action=reset-password"]');
      await link.click();
      await page.waitForSelector('cibtp-reset-password input[autocomplete="new-password"]', { visible: true });
      // The token left the address bar as soon as the page read it (ASVS 14.2.1).
      assert.doesNotMatch(page.url(), /token=/);

      // Set a new password and sign in with it.
      const fields = await page.$$('cibtp-reset-password input[autocomplete="new-password"]');
      assert.ok(fields.length >= 1);
      for (const field of fields) await field.type(NEW_PASSWORD);
      await page.click('cibtp-reset-password button[type="submit"]');
      await page.waitForFunction(() => /mot de passe a été modifié/i.test(document.getElementById('espace-status')?.textContent ?? ''));
    });
  } finally {
    await context.close();
  }
});
