// The ways into a space, in the demo pages as a caisse ships them (strict CSP + Trusted Types), driven
// through the real UI in headless Chromium and followed through the outbox panel: a company space created
// and activated, a declaring site associated with an existing login, a worker space with its mobile
// certified by SMS, and FranceConnect with both of the simulation's identities. Needs `npm run build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, click, fill, onPage, openPage, run, signIn, useDemo, waitForSignedIn } from './test-support.mjs';

const PASSWORD = DEMO_PASSWORD;
const NEW_PASSWORD = 'Echafaudage-2027';

const demo = useDemo();


const waitForText = (page, selector, re) =>
  page.waitForFunction((s, source) => new RegExp(source).test(document.querySelector(s)?.textContent ?? ''), {}, selector, re.source);
/** The newest one-time code in the outbox panel. */
const lastCode = async (page) => (await page.$eval('cibtp-mock-outbox >>> .code', (el) => el.textContent ?? '')).trim();

/** The SIRET the demo panel gives for the record of `identifiant` (the mock's seed computes it). */
async function siretOf(page, identifiant) {
  const rows = await page.$$eval('#demo-accounts dt', (dts) => dts.map((dt) => [dt.textContent ?? '', dt.nextElementSibling?.textContent ?? '']));
  const row = rows.find(([term]) => term.trim() === identifiant);
  const siret = row?.[1].match(/SIRET (\d{14})/)?.[1];
  assert.ok(siret, `the demo panel gives the SIRET of ${identifiant}`);
  return siret;
}


/** Follows the newest activation link of the outbox, then « Se connecter ». */
async function activate(page) {
  await (await page.waitForSelector('cibtp-mock-outbox >>> a[href*="action=activate"]')).click();
  await waitForText(page, 'cibtp-activate-account', /Votre compte est activé/);
  assert.doesNotMatch(page.url(), /token=/);
  await click(page, 'cibtp-activate-account button::-p-text(Se connecter)');
}

test('a company creates its space, activates it from the email, then signs in', async () => {
  await onPage(demo, '/espace-entreprise.html', async (page) => {
    await click(page, 'cibtp-login button::-p-text(Je crée mon espace sécurisé)');
    await page.waitForSelector('cibtp-signup input[name="identifiantCibtp"]', { visible: true });
    await fill(page, 'cibtp-signup input[name="identifiantCibtp"]', '300100001');
    await fill(page, 'cibtp-signup input[name="siret"]', await siretOf(page, '300100001'));
    await fill(page, 'cibtp-signup input[name="confidentialCode"]', '73914826');
    await page.click('cibtp-signup button[type="submit"]');

    const email = 'contact@nouvelle-entreprise-demo.fr';
    await fill(page, 'cibtp-signup input[name="email"]', email);
    await fill(page, 'cibtp-signup input[name="email-confirmation"]', email);
    await fill(page, 'cibtp-signup input[name="password"]', NEW_PASSWORD);
    await fill(page, 'cibtp-signup input[name="password-confirmation"]', NEW_PASSWORD);
    // Nom and prénom come pre-filled from the caisse's record.
    assert.notEqual(await page.$eval('cibtp-signup input[name="lastName"]', (el) => el.value), '');
    await page.click('cibtp-signup button[type="submit"]');
    await waitForText(page, 'cibtp-signup', /Activez votre espace sécurisé/);

    await activate(page);
    await signIn(page, email, NEW_PASSWORD);
    assert.match(await waitForSignedIn(page), /nouvelle-entreprise-demo/);
  });
});

test('a further declaring site is associated with an existing login, which then chooses its tiers', async () => {
  await onPage(demo, '/espace-entreprise.html', async (page) => {
    await click(page, 'cibtp-login button::-p-text(Je les associe à un espace existant)');
    await page.waitForSelector('cibtp-associate-site input[name="identifiantCibtp"]', { visible: true });
    await fill(page, 'cibtp-associate-site input[name="identifiantCibtp"]', '100234569');
    await fill(page, 'cibtp-associate-site input[name="siret"]', await siretOf(page, '100234569'));
    await fill(page, 'cibtp-associate-site input[name="confidentialCode"]', '51836274');
    await page.click('cibtp-associate-site button[type="submit"]');

    await fill(page, 'cibtp-associate-site input[name="email"]', 'admin@durand-btp.fr');
    await fill(page, 'cibtp-associate-site input[name="password"]', PASSWORD);
    await page.click('cibtp-associate-site button[type="submit"]');
    await waitForText(page, 'cibtp-associate-site', /Association effectuée/);

    await click(page, 'cibtp-associate-site button::-p-text(Retour à la connexion)');
    await signIn(page, 'admin@durand-btp.fr');
    // One site before, two now: the tiers picker, with the new site among the rows.
    await page.waitForSelector('cibtp-login cibtp-tiers-picker tbody input[type="radio"]', { visible: true });
    const rows = await page.$$eval('cibtp-login cibtp-tiers-picker tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    assert.equal(rows.length, 2);
    assert.ok(rows.some((row) => row.includes('100234569')), rows.join(' | '));
    await page.click('cibtp-tiers-picker tbody input[type="radio"][value="durand-btp/villefranche"]');
    await page.click('cibtp-tiers-picker button[type="submit"]');
    assert.equal(await waitForSignedIn(page), 'admin@durand-btp.fr');
    assert.equal(await page.evaluate(() => document.querySelector('cibtp-portal')?.session?.tiers?.id), 'durand-btp/villefranche');
  });
});

test('a worker creates a space with the mobile certified by SMS, activates it, then signs in with the code', async () => {
  await onPage(demo, '/espace-salarie.html', async (page) => {
    await click(page, 'cibtp-login button::-p-text(Je crée mon espace sécurisé)');
    // DA SILVA João Miguel, born in Portugal: no département nor commune to give.
    await page.waitForSelector('cibtp-signup input[name="birthName"]', { visible: true });
    await fill(page, 'cibtp-signup input[name="birthName"]', 'DA SILVA');
    await fill(page, 'cibtp-signup input[name="firstNames"]', 'João Miguel');
    await page.select('cibtp-signup select[name="birthCountry"]', 'PT');
    await fill(page, 'cibtp-signup input[name="identifiantCibtp"]', '800100003');
    await fill(page, 'cibtp-signup input[name="birthDate-day"]', '30');
    await fill(page, 'cibtp-signup input[name="birthDate-month"]', '9');
    await fill(page, 'cibtp-signup input[name="birthDate-year"]', '1979');
    await click(page, 'cibtp-signup input[name="sex"][value="M"]');
    await page.click('cibtp-signup button[type="submit"]');

    const email = 'joao.dasilva@exemple.fr';
    await fill(page, 'cibtp-signup input[name="email"]', email);
    await fill(page, 'cibtp-signup input[name="password"]', NEW_PASSWORD);
    await fill(page, 'cibtp-signup input[name="password-confirmation"]', NEW_PASSWORD);
    await fill(page, 'cibtp-signup cibtp-phone-field[name="mobilePhone"] input[type="tel"]', '06 45 67 89 01');
    // « Certifier »: a dialog asks for the code sent by SMS; then the « Numéro certifié » badge. Reached
    // with the keyboard: leaving the number shows its message above the button, which moves it.
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => document.activeElement?.matches('cibtp-phone-field[name="mobilePhone"] [data-part="certify"]'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('cibtp-phone-field dialog[open] input[autocomplete="one-time-code"]', { visible: true });
    await page.waitForFunction(() => /\d{6}/.test(document.querySelector('cibtp-mock-outbox')?.shadowRoot?.querySelector('.code')?.textContent ?? ''));
    await fill(page, 'cibtp-phone-field dialog[open] input[autocomplete="one-time-code"]', await lastCode(page));
    await click(page, 'cibtp-phone-field dialog[open] button::-p-text(Valider)');
    await page.waitForSelector('cibtp-phone-field[name="mobilePhone"] [data-part="certified"]', { visible: true });

    await page.waitForSelector('cibtp-signup select[name="secretQuestion"] option[value="q-animal"]');
    await page.select('cibtp-signup select[name="secretQuestion"]', 'q-animal');
    await fill(page, 'cibtp-signup input[name="secretAnswer"]', 'Rex le chien');
    await click(page, 'cibtp-signup button::-p-text(Finaliser la création de mon espace)');
    await waitForText(page, 'cibtp-signup', /Activez votre espace sécurisé/);

    await activate(page);
    // The worker's login: a one-time code by SMS to the mobile just certified.
    await signIn(page, email, NEW_PASSWORD);
    await page.waitForSelector('cibtp-login input[autocomplete="one-time-code"]', { visible: true });
    await fill(page, 'cibtp-login input[autocomplete="one-time-code"]', await lastCode(page));
    await page.click('cibtp-login button[type="submit"]');
    await page.waitForSelector('#espace-signed-in:not([hidden])');
    assert.match(await page.$eval('#espace-user', (el) => el.textContent), /joao\.dasilva@exemple\.fr/);
  });
});

/** From the worker login to the simulated FranceConnect page, and back with `identity`. */
async function throughFranceConnect(page, identity) {
  await page.waitForSelector('cibtp-login [data-part="franceconnect-button"]', { visible: true });
  await Promise.all([page.waitForNavigation(), page.click('cibtp-login [data-part="franceconnect-button"]')]);
  const url = new URL(page.url());
  assert.equal(url.pathname, '/franceconnect.html');
  await page.waitForSelector('html[data-ready="true"]');
  assert.match(await page.$eval('h1', (el) => el.textContent), /Simulation FranceConnect \(démo\)/);
  await page.waitForSelector(`[data-identity="${identity}"]:not([disabled])`);
  await Promise.all([page.waitForNavigation(), page.click(`[data-identity="${identity}"]`)]);
  assert.equal(new URL(page.url()).pathname, '/espace-salarie.html');
  await page.waitForSelector('html[data-ready="true"]');
}

test('FranceConnect: the identity the caisse matches signs in at once; the other gives its identifiant CIBTP once', async () => {
  await onPage(demo, '/espace-salarie.html', async (page) => {
    await throughFranceConnect(page, 'matched');
    await page.waitForSelector('#espace-signed-in:not([hidden])');
    assert.match(await page.$eval('#espace-user', (el) => el.textContent), /jean\.martin@exemple\.fr/);
    // The code and state left the address as soon as the login read them.
    assert.doesNotMatch(page.url(), /[?&](code|state)=/);

    await page.click('#logout');
    await throughFranceConnect(page, 'unmatched');
    await page.waitForSelector('cibtp-login input[name="identifiantCibtp"]', { visible: true });
    assert.match(await page.$eval('cibtp-login', (el) => el.textContent), /Nous n’avons pas pu vous identifier automatiquement/);
    assert.doesNotMatch(page.url(), /[?&](code|state)=/);
    await fill(page, 'cibtp-login input[name="identifiantCibtp"]', '800100004');
    await page.click('cibtp-login button[type="submit"]');
    await page.waitForSelector('#espace-signed-in:not([hidden])');
    assert.match(await page.$eval('#espace-user', (el) => el.textContent), /nicolas\.petit@exemple\.fr/);
  });
});

test('the simulated FranceConnect page follows no return address outside the demo site', async () => {
  const token = 'abcdefghijklmnopqrstuvwx';
  const query = new URLSearchParams({ state: token, return: 'https://example.com/espace', matched: token, unmatched: token });
  const { context, page, problems } = await openPage(demo.browser, new URL(`/franceconnect.html?${query}`, demo.server.url).href);
  try {
    await run(page, problems, async () => {
      await page.waitForSelector('html[data-ready="true"]');
      assert.match(await page.$eval('#fc-status', (el) => el.textContent), /n’est pas suivie/);
      assert.equal(await page.$$eval('[data-identity]:not([disabled])', (buttons) => buttons.length), 0);
    });
  } finally {
    await context.close();
  }
});
