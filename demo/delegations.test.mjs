// Rights management in the demo company page as a caisse ships it (strict CSP + Trusted Types): the
// administrator's *Gérer les droits d'accès* from the menu (the list's state in the address, kept by
// *Back* and after a reload), a delegation added (its email in the outbox), and the whole accounting-firm
// flow followed through the outbox panel as people would: delegation, completion of the firm's account,
// the administrator's confirmation, the firm signed in with what it received. Needs `npm run build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { click, fill, onPage, signIn, useDemo } from './test-support.mjs';

const demo = useDemo();

const FIRM = 'contact@fiduciaire-rhone.fr';
const FIRM_PASSWORD = 'Fiduciaire2026!';

const textOf = (page, selector) => page.$eval(selector, (el) => el.textContent?.replace(/\s+/g, ' ') ?? '');
const waitForText = (page, selector, re) =>
  page.waitForFunction((s, source) => new RegExp(source).test(document.querySelector(s)?.textContent?.replace(/\s+/g, ' ') ?? ''), {}, selector, re.source);
const rows = (page) => page.$$eval('cibtp-delegations tbody tr', (trs) => trs.map((tr) => tr.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
const query = (page) => page.evaluate(() => Object.fromEntries(new URLSearchParams(location.search)));

/** From the home page's menu: *Gérer mon compte* → *Gérer les droits d'accès*. */
async function openDelegations(page) {
  // The menu shows what the rights allow once they are known: an administrator's has every group.
  await waitForText(page, 'cibtp-nav-menu', /Mon espace adhérent/);
  await click(page, 'cibtp-nav-menu button::-p-text(Gérer mon compte)');
  await click(page, 'cibtp-nav-menu ::-p-text(Gérer les droits d’accès)');
  await page.waitForSelector('cibtp-delegations tbody tr');
}

/**
 * In the wizard: step 1 (the email unless `cabinet`), *Continuer*, the *Consultation* column, *Valider*;
 * the list is back then, and says what happened.
 */
async function delegate(page, email) {
  await page.waitForSelector('cibtp-delegation-wizard input[name="effectiveDate"]', { visible: true });
  if (email) await fill(page, 'cibtp-delegation-wizard input[name="email"]', email);
  await click(page, 'cibtp-delegation-wizard button[type="submit"]');
  await click(page, 'cibtp-rights-matrix [data-part="column-controls"] input[type="radio"][value="read"]');
  await click(page, 'cibtp-delegation-wizard button[type="submit"]');
  await page.waitForFunction(() => !document.querySelector('cibtp-delegation-wizard') && document.querySelector('cibtp-delegations tbody tr'));
}

test('the administrator’s list: from the menu, 5 per page, sorted by name, its state in the address (Back, reload)', async () => {
  await onPage(demo, '/espace-entreprise.html', async (page) => {
    await signIn(page, 'admin@durand-btp.fr');
    await page.waitForSelector('cibtp-espace [data-part="home"]');
    await openDelegations(page);
    await waitForText(page, 'cibtp-delegations [data-part="summary"]', /100234567.*7 bénéficiaires/);
    assert.equal((await rows(page)).length, 5);
    assert.equal((await query(page)).espace, 'delegations');
    // Sorted by name by default (a delegate who has not completed its account has none yet: first).
    const names = await page.$$eval('cibtp-delegations tbody th[scope="row"] bdi', (els) => els.map((el) => el.textContent?.trim() ?? ''));
    assert.ok(names.length >= 4);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'fr')), 'sorted by name by default');

    // Page 2: in the address; *Back* returns to page 1.
    await click(page, 'cibtp-delegations [data-part="pagination"] button::-p-text(Suivant)');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('delegations-page') === '2');
    await page.waitForFunction(() => document.querySelectorAll('cibtp-delegations tbody tr').length === 2);
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll('cibtp-delegations tbody tr').length === 5);
    await page.goForward();
    await page.waitForFunction(() => document.querySelectorAll('cibtp-delegations tbody tr').length === 2);

    // A reload (the demo's mock starts afresh: sign in again) shows the same page of the same list.
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="true"]');
    await signIn(page, 'admin@durand-btp.fr');
    await page.waitForSelector('cibtp-delegations tbody tr');
    await waitForText(page, 'cibtp-delegations [data-part="pagination"]', /Page 2 sur 2/);
    assert.equal((await rows(page)).length, 2);

    // Back home from the page's own link.
    await click(page, 'cibtp-espace [data-part="home-link"]');
    await page.waitForSelector('cibtp-espace [data-part="home"]');
    assert.equal((await query(page)).espace, undefined);
  });
});

test('add a delegation, then the accounting firm: completion, confirmation from the outbox, the firm signs in', async () => {
  await onPage(demo, '/espace-entreprise.html', async (page) => {
    await signIn(page, 'admin@durand-btp.fr');
    await page.waitForSelector('cibtp-espace [data-part="home"]');
    await openDelegations(page);

    // *Ajouter une délégation*: the delegate gets an email with a link to choose its password.
    await click(page, 'cibtp-delegations [data-part="add"]');
    await delegate(page, 'paul.roux@exemple.fr');
    await page.waitForSelector('cibtp-mock-outbox >>> a[href*="action="]');
    assert.match(await page.$eval('cibtp-mock-outbox', (o) => o.shadowRoot?.textContent ?? o.textContent ?? ''), /paul\.roux@exemple\.fr/);
    await waitForText(page, 'cibtp-delegations [data-part="status"]', /paul\.roux@exemple\.fr/);
    await waitForText(page, 'cibtp-delegations [data-part="summary"]', /8 bénéficiaires/);

    // *Déléguer à mon cabinet comptable*: the firm the caisse knows gets its completion link.
    await click(page, 'cibtp-delegations [data-opener="cabinet-add"]');
    await delegate(page);
    const invitation = await page.waitForSelector('cibtp-mock-outbox >>> a[href*="action=complete-account"]');
    await invitation.click();

    // The firm completes its account (the same page: the link's fragment is read, then removed).
    await page.waitForSelector('cibtp-complete-account input[name="lastName"]', { visible: true });
    assert.doesNotMatch(page.url(), /token=/);
    await waitForText(page, 'cibtp-complete-account', new RegExp(FIRM.replace(/\./g, '\\.')));
    for (const input of await page.$$('cibtp-complete-account input[autocomplete="new-password"]')) await input.type(FIRM_PASSWORD);
    await fill(page, 'cibtp-complete-account input[name="lastName"]', 'Morel');
    await fill(page, 'cibtp-complete-account input[name="firstName"]', 'Agnès');
    await click(page, 'cibtp-complete-account button[type="submit"]');
    await waitForText(page, 'cibtp-complete-account', /demande de confirmation/);

    // The administrator's confirmation request: its link shows what the firm receives, then confirms.
    const confirmation = await page.waitForSelector('cibtp-mock-outbox >>> a[href*="action=confirm-delegation"]');
    await confirmation.click();
    await page.waitForSelector('cibtp-confirm-delegation cibtp-rights-matrix');
    await waitForText(page, 'cibtp-confirm-delegation', /FIDUCIAIRE DU RHÔNE/);
    await click(page, 'cibtp-confirm-delegation [data-part="confirm"]');
    await waitForText(page, 'cibtp-confirm-delegation', /est active/);

    // The firm signs in: it acts for DURAND BTP Siège, with the rights it received only.
    await page.evaluate(() => document.querySelector('cibtp-portal').logout());
    await page.evaluate(() => document.querySelector('cibtp-confirm-delegation')?.dispatchEvent(
      new CustomEvent('cibtp-navigate', { detail: { to: 'login' }, bubbles: true, composed: true, cancelable: true })));
    await signIn(page, FIRM, FIRM_PASSWORD);
    await waitForText(page, 'cibtp-top-bar', /Agnès Morel/);
    assert.match(await textOf(page, 'cibtp-top-bar'), /DURAND BTP/);
    assert.equal(await page.evaluate(() => document.querySelector('cibtp-portal')?.session?.user.kind), 'cabinet');
    // The address still says *Gérer les droits d’accès*: the firm's own, where it sub-delegates to its
    // collaborators (none yet; no *Cabinet comptable délégable* block: it is the firm).
    await page.waitForSelector('cibtp-espace [data-part="page"] cibtp-delegations [data-part="add"]');
    assert.equal(await page.$('cibtp-delegations [data-opener="cabinet-add"]'), null);
  });
});
