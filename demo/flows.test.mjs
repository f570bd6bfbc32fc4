// Every recovery path of the login family, in the demo page as a caisse ships it (strict CSP +
// Trusted Types), followed through the outbox panel as a person would: activation, email
// certification, one-time code by SMS, confidential code by post. Needs `npm run build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { click, fill, onPage, signIn, useDemo, waitForSignedIn } from './test-support.mjs';


const demo = useDemo();



/** The outbox panel's text (it renders in its own shadow root). */
const outboxText = (page) => page.$eval('cibtp-mock-outbox', (o) => o.shadowRoot?.textContent ?? '');
const textOf = (page, selector) => page.$eval(selector, (el) => el.textContent ?? '');
const waitForText = (page, selector, re) =>
  page.waitForFunction((s, source) => new RegExp(source).test(document.querySelector(s)?.textContent ?? ''), {}, selector, re.source);

test('a not-activated account asks for a new activation link, follows it, then signs in', async () => {
  await onPage(demo, '/espace-entreprise.html', async (page) => {
    await signIn(page, 'nouveau@durand-btp.fr');
    await click(page, "cibtp-login button::-p-text(Recevoir un nouveau lien d’activation)");
    await waitForText(page, 'cibtp-login', /Un nouveau lien d’activation vient d’être envoyé/);
    // Newest message first: the link just sent.
    await (await page.waitForSelector('cibtp-mock-outbox >>> a[href*="action=activate"]')).click();
    await waitForText(page, 'cibtp-activate-account', /Votre compte est activé/);
    assert.doesNotMatch(page.url(), /token=/);
    await click(page, 'cibtp-activate-account button::-p-text(Se connecter)');
    await signIn(page, 'nouveau@durand-btp.fr');
    assert.equal(await waitForSignedIn(page), 'nouveau@durand-btp.fr');
  });
});

test('an expired email certification is renewed through the link sent by email', async () => {
  await onPage(demo, '/espace-entreprise.html', async (page) => {
    await signIn(page, 'certif@durand-btp.fr');
    await click(page, 'cibtp-login button::-p-text(Recevoir un nouveau lien de certification)');
    await waitForText(page, 'cibtp-login', /Un nouveau lien de certification vient d’être envoyé/);
    await (await page.waitForSelector('cibtp-mock-outbox >>> a[href*="action=activate"]')).click();
    await waitForText(page, 'cibtp-activate-account', /Votre adresse électronique est certifiée/);
    await click(page, 'cibtp-activate-account button::-p-text(Se connecter)');
    await signIn(page, 'certif@durand-btp.fr');
    assert.equal(await waitForSignedIn(page), 'certif@durand-btp.fr');
  });
});

test('a worker signs in with the one-time code received by SMS', async () => {
  await onPage(demo, '/espace-salarie.html', async (page) => {
    await signIn(page, 'jean.martin@exemple.fr');
    await page.waitForSelector('cibtp-login input[autocomplete="one-time-code"]', { visible: true });
    const code = (await textOf(page, 'cibtp-mock-outbox >>> .code')).trim();
    assert.match(code, /^\d{6}$/);
    await fill(page, 'cibtp-login input[autocomplete="one-time-code"]', code);
    await page.click('cibtp-login button[type="submit"]');
    await page.waitForSelector('#espace-signed-in:not([hidden])');
  });
});

test('a lost confidential code is sent by post, with the same answer for an unknown identifiant', async () => {
  await onPage(demo, '/espace-entreprise.html', async (page) => {
    const ask = async (identifiant) => {
      await (await page.waitForSelector('cibtp-forgot-password input[name="situation"][value="code"]')).click();
      await page.click('cibtp-forgot-password button[type="submit"]');
      await fill(page, 'cibtp-forgot-password input[name="identifiantCibtp"]', identifiant);
      await page.click('cibtp-forgot-password button[type="submit"]');
      await page.waitForSelector('cibtp-forgot-password [data-part="notice"]');
      return textOf(page, 'cibtp-forgot-password [data-part="notice"]');
    };
    await click(page, 'cibtp-login button::-p-text(Mot de passe oublié)');
    const before = await outboxText(page);
    const known = await ask('100234567');
    await page.waitForFunction(() => /Code confidentiel/.test(document.querySelector('cibtp-mock-outbox')?.shadowRoot?.textContent ?? ''));
    assert.doesNotMatch(before, /Code confidentiel/);

    // The same words for an identifiant that is not known, and no letter (ASVS 6.3.8).
    await page.goto(new URL('/espace-entreprise.html', demo.server.url).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="true"]');
    await click(page, 'cibtp-login button::-p-text(Mot de passe oublié)');
    const unknown = await ask('999999999');
    assert.equal(unknown, known);
    assert.doesNotMatch(await outboxText(page), /Code confidentiel/);
  });
});
