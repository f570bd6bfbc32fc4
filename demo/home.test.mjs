// The company space after login, in the demo page as a caisse ships it (strict CSP + Trusted Types):
// the tiers picker, the home page (top bar, menu, tiles, side bar, footer), a change of tiers and the
// sign-out; and an accounting firm finding one member among 3,000. Needs `npm run build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { click, fill, onPage, signIn, useDemo } from './test-support.mjs';


const demo = useDemo();



const textOf = (page, selector) => page.$eval(selector, (el) => el.textContent?.replace(/\s+/g, ' ') ?? '');
const waitForText = (page, selector, re) =>
  page.waitForFunction((s, source) => new RegExp(source).test(document.querySelector(s)?.textContent?.replace(/\s+/g, ' ') ?? ''), {}, selector, re.source);

/** Chooses the row of `tiersId` in the picker inside `scope`, then *Valider*. */
async function choose(page, scope, tiersId) {
  await click(page, `${scope} cibtp-tiers-picker tbody input[type="radio"][value="${tiersId}"]`);
  await click(page, `${scope} cibtp-tiers-picker button[type="submit"]`);
}

test('login → tiers picker → home → change of tiers → sign out, for a user of 3 sites', async () => {
  await onPage(demo, '/espace-entreprise.html', async (page) => {
    await signIn(page, 'multi@durand-btp.fr');
    await page.waitForSelector('cibtp-login cibtp-tiers-picker tbody tr');
    assert.equal((await page.$$('cibtp-login cibtp-tiers-picker tbody tr')).length, 3);
    await choose(page, 'cibtp-login', 'durand-btp/saint-etienne');

    // The home page of the guides, for that tiers.
    await page.waitForSelector('cibtp-espace [data-part="home"]');
    await waitForText(page, 'cibtp-top-bar', /Sophie Lambert/);
    assert.match(await textOf(page, 'cibtp-top-bar'), /Agence de Saint-Étienne/);
    // A delegate there: the menu shows only what its rights allow.
    await waitForText(page, 'cibtp-nav-menu', /Mes salariés/);
    assert.doesNotMatch(await textOf(page, 'cibtp-nav-menu'), /Mon espace adhérent/);
    await waitForText(page, 'cibtp-tiles', /Mes documents récents/);
    assert.match(await textOf(page, 'cibtp-tiles'), /Aide/);
    assert.match(await textOf(page, 'cibtp-side-bar'), /Questions-Réponses/);
    // The caisse's URLs from the portal's `routes`: real links.
    assert.equal(await page.$eval('cibtp-footer a[href="/#mentions-legales"]', (a) => a.textContent?.trim()), 'Mentions légales');

    // The bell's messages are its description; a click asks the page for *Suivi DSN*.
    const bell = await page.waitForSelector('cibtp-top-bar [data-part="dsn-alerts"] button');
    const description = await bell.evaluate((b) =>
      (b.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
    assert.match(description, /Anomalie dans le traitement \/ Déclaration manquante/);
    await bell.click();
    await waitForText(page, '#espace-status', /suivi-dsn/);

    // *Changer de tiers*: the same picker in a dialog; the whole page follows without a reload.
    await click(page, 'cibtp-top-bar button::-p-text(Changer de tiers)');
    await page.waitForSelector('cibtp-top-bar dialog[open] cibtp-tiers-picker tbody tr');
    await choose(page, 'cibtp-top-bar dialog', 'durand-btp/lyon');
    await page.waitForFunction(() => !document.querySelector('cibtp-top-bar dialog[open]'));
    await waitForText(page, 'cibtp-top-bar', /Siège — Lyon/);
    await waitForText(page, 'cibtp-nav-menu', /Mon espace adhérent/);
    assert.equal(await page.evaluate(() => document.querySelector('cibtp-portal')?.session?.tiers?.id), 'durand-btp/lyon');

    // *Se déconnecter*: the session ends on the server, the page shows its login again.
    await click(page, 'cibtp-top-bar button::-p-text(Se déconnecter)');
    await page.waitForSelector('cibtp-login input[name="email"]', { visible: true });
    assert.equal(await page.evaluate(() => document.querySelector('cibtp-portal')?.session), null);
    await waitForText(page, '#espace-status', /déconnecté/);
  });
});

test('an accounting firm finds one member among 3,000 by searching, and lands on its home page', async () => {
  await onPage(demo, '/espace-entreprise.html', async (page) => {
    await signIn(page, 'cabinet@comptagestion.fr');
    await page.waitForSelector('cibtp-login cibtp-tiers-picker tbody tr');
    await waitForText(page, 'cibtp-tiers-picker', /3\s?000/);
    await fill(page, 'cibtp-tiers-picker input[type="search"]', 'lefevre');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('cibtp-tiers-picker tbody tr')];
      return rows.length > 0 && rows.every((row) => /LEF[EÈ]VRE/.test(row.textContent ?? ''));
    });
    const id = await page.$eval('cibtp-tiers-picker tbody input[type="radio"]', (input) => input.value);
    await choose(page, 'cibtp-login', id);
    await page.waitForSelector('cibtp-espace [data-part="home"]');
    await waitForText(page, 'cibtp-top-bar', /Marc Petit/);
    assert.match(await textOf(page, 'cibtp-top-bar'), /LEF[EÈ]VRE/);
    // What the members delegated to their firm: no bank accounts, no bad-weather claims.
    await waitForText(page, 'cibtp-nav-menu', /Mes salariés/);
    assert.doesNotMatch(await textOf(page, 'cibtp-nav-menu'), /Chômage intempéries/);
  });
});

test('a company administrator with one tiers lands on the home page directly, in English too', async () => {
  await onPage(demo, '/espace-entreprise.html', async (page) => {
    await signIn(page, 'admin@durand-btp.fr');
    await page.waitForSelector('cibtp-espace [data-part="home"]');
    await waitForText(page, 'cibtp-top-bar', /Claire Durand/);
    assert.equal(await page.$('cibtp-top-bar button::-p-text(Changer de tiers)'), null, 'one tiers: nothing to change');
    await page.click('[data-locale="en"]');
    await waitForText(page, 'cibtp-top-bar', /Sign out/);
    await waitForText(page, 'cibtp-footer', /Legal notice/);
  });
});
