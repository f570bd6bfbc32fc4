import { expect, fixtureSync, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './nav-menu.js';
import '../portal/portal.js';
import type { CibtpNavMenu } from './nav-menu.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../mock-server/index.js';
import { login, selectTiers } from '../../sdk/auth/index.js';
import { searchTiers } from '../../sdk/tiers/operations.js';
import type { PortalClient } from '../../sdk/index.js';
import type { NavigateDetail, Routes } from '../shared/routes.js';
import { setLocale } from '../shared/localization.js';
import { focused, recordingClient, resetBackend, text, until, type RecordedCall } from '../shared/testing.js';

const SAINT_ETIENNE = 'durand-btp/saint-etienne';
const LYON = 'durand-btp/lyon';

/** Signs in through the SDK (choosing `tiersId` when the login has several tiers). */
async function signIn(email: string, tiersId?: string, options: Parameters<typeof recordingClient>[0] = {}) {
  const { client, calls } = recordingClient(options);
  const result = await login(client, { email, password: DEMO_PASSWORD });
  if (result.status === 'choose-tiers') {
    const id = tiersId ?? (await searchTiers(client, { q: 'lefevre', sort: 'raisonSociale', direction: 'asc', page: 1, pageSize: 1 })).items[0]!.id;
    await selectTiers(client, { tiersId: id });
  }
  return { client, calls };
}

async function render(client: PortalClient, o: { routes?: Routes; current?: string; width?: string } = {}) {
  // fixtureSync: `fixture` of a plain <div> waits for an animation frame, which a test page running
  // in the background (two at a time) does not get.
  const page = fixtureSync<HTMLDivElement>(html`<div>
    <button type="button" id="before">Avant</button>
    <cibtp-portal .client=${client} .routes=${o.routes ?? {}}>
      <cibtp-nav-menu current=${o.current ?? ''}></cibtp-nav-menu>
    </cibtp-portal>
    <button type="button" id="after">Après</button>
  </div>`);
  if (o.width) page.style.width = o.width;
  const el = page.querySelector<CibtpNavMenu>('cibtp-nav-menu')!;
  await el.updateComplete;
  return { el, page };
}

const rightsCalls = (calls: RecordedCall[]) => calls.filter((c) => c.path === '/api/tiers/current/rights');
const entryButtons = (el: Element) => [...el.querySelectorAll<HTMLButtonElement>('[data-part="entry"]')];
const entryLabels = (el: Element) => entryButtons(el).map((b) => text(b));

function entry(el: Element, label: string): HTMLButtonElement {
  const found = entryButtons(el).find((b) => text(b) === label);
  if (!found) throw new Error(`No entry "${label}" in: ${entryLabels(el).join(' | ')}`);
  return found;
}

function panelOf(el: Element, label: string): HTMLElement {
  return el.querySelector<HTMLElement>(`#${CSS.escape(entry(el, label).getAttribute('aria-controls')!)}`)!;
}

const linkLabels = (el: Element, label: string) => [...panelOf(el, label).querySelectorAll('[data-part="link"]')].map((l) => text(l));

function link(el: Element, label: string): HTMLElement {
  const found = [...el.querySelectorAll<HTMLElement>('[data-part="link"]')].find((l) => text(l) === label);
  if (!found) throw new Error(`No link "${label}"`);
  return found;
}

/** Loaded: the rights entries are there (the first entry is not *Contact et FAQ* any more), or an error. */
const loaded = (el: Element) => entryButtons(el).length > 2 || !!el.querySelector('[data-part="retry"]');
const state = (el: Element) => text(el.querySelector('[data-part="state"]'));

const ALL_ENTRIES = ['Mon espace adhérent', 'Mes salariés', 'Chômage intempéries', 'Mes documents', 'Contact et FAQ', 'Gérer mon compte'];

describe('<cibtp-nav-menu>', () => {
  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });

  it('administrator: every entry, in the guides’ order, and « Gérer les droits d’accès »; a named nav landmark; axe', async () => {
    const { client, calls } = await signIn(DEMO_ACCOUNTS.admin);
    const { el } = await render(client);
    await until(() => loaded(el), 'rights loaded');
    const nav = el.querySelector('nav')!;
    expect(nav.getAttribute('aria-label')).to.equal('Menu de l’espace sécurisé');
    expect(entryLabels(el)).to.deep.equal(ALL_ENTRIES);
    expect(linkLabels(el, 'Mon espace adhérent')).to.deep.equal([
      'Mes informations adhérent', 'Mes comptes bancaires', 'Situation de compte', 'Mes télépaiements',
      'Mon mode de réception des documents', 'Mes demandes d’attestation', 'Mes remboursements retraite',
      'Mes déclarations de salaires', 'Mes déclarations nominatives',
    ]);
    // Two groups in one panel: each list is named by its group.
    const lists = [...panelOf(el, 'Mon espace adhérent').querySelectorAll('ul')];
    expect(lists.map((ul) => text(document.getElementById(ul.getAttribute('aria-labelledby')!)))).to.deep.equal(['Mon espace adhérent', 'Mes déclarations']);
    expect(linkLabels(el, 'Mes salariés')).to.deep.equal(['Gérer mes salariés', 'Mes congés groupés', 'Mon planning', 'Liste des indemnités']);
    expect(linkLabels(el, 'Chômage intempéries')).to.deep.equal(['Mes remboursements', 'Mes arrêts intempéries']);
    expect(linkLabels(el, 'Mes documents')).to.deep.equal(['Mes documents', 'Transmettre mes fichiers']);
    expect(linkLabels(el, 'Contact et FAQ')).to.deep.equal(['Contacter ma caisse', 'Questions-Réponses']);
    expect(linkLabels(el, 'Gérer mon compte')).to.deep.equal(['Mon compte utilisateur', 'Gérer les droits d’accès']);
    // Closed panels: every entry collapsed, its panel hidden.
    for (const button of entryButtons(el)) {
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(panelOf(el, text(button)).hidden).to.equal(true);
    }
    expect(rightsCalls(calls)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('delegate (multi on Saint-Étienne): only what the rights allow, without « Gérer les droits d’accès »', async () => {
    const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
    const { el } = await render(client);
    await until(() => loaded(el), 'rights loaded');
    expect(entryLabels(el)).to.deep.equal(['Mes salariés', 'Chômage intempéries', 'Mes documents', 'Contact et FAQ', 'Gérer mon compte']);
    expect(linkLabels(el, 'Mes salariés')).to.deep.equal(['Gérer mes salariés', 'Mes congés groupés', 'Mon planning']);
    expect(linkLabels(el, 'Chômage intempéries')).to.deep.equal(['Mes arrêts intempéries']);
    expect(linkLabels(el, 'Mes documents')).to.deep.equal(['Mes documents']);
    expect(linkLabels(el, 'Contact et FAQ')).to.deep.equal(['Contacter ma caisse', 'Questions-Réponses']);
    expect(linkLabels(el, 'Gérer mon compte')).to.deep.equal(['Mon compte utilisateur']);
    await expect(el).to.be.accessible();
  });

  it('accounting firm: no *Chômage intempéries*, no bank accounts nor online payments; it delegates to its collaborators', async () => {
    const { client } = await signIn(DEMO_ACCOUNTS.cabinet);
    const { el } = await render(client);
    await until(() => loaded(el), 'rights loaded');
    expect(entryLabels(el)).to.deep.equal(['Mon espace adhérent', 'Mes salariés', 'Mes documents', 'Contact et FAQ', 'Gérer mon compte']);
    const adherent = linkLabels(el, 'Mon espace adhérent');
    expect(adherent).to.include('Mes informations adhérent');
    expect(adherent).to.include('Mes déclarations de salaires');
    expect(adherent).to.not.include('Mes comptes bancaires');
    expect(adherent).to.not.include('Mes télépaiements');
    // A firm sub-delegates, within what it received, to its own collaborators.
    expect(linkLabels(el, 'Gérer mon compte')).to.deep.equal(['Mon compte utilisateur', 'Gérer les droits d’accès']);
    await expect(el).to.be.accessible();
  });

  it('follows a change of tiers without reload, and a quick second change wins', async () => {
    const { client, calls } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
    const { el } = await render(client);
    await until(() => loaded(el), 'rights loaded');
    expect(entryLabels(el)).to.not.include('Mon espace adhérent');

    await selectTiers(client, { tiersId: LYON });
    await until(() => entryLabels(el).length === 6, 'Lyon: administrator');
    expect(entryLabels(el)).to.deep.equal(ALL_ENTRIES);
    expect(linkLabels(el, 'Gérer mon compte')).to.include('Gérer les droits d’accès');
    expect(rightsCalls(calls)).to.have.length(2);

    // The rights of Grenoble are slow to come; Saint-Étienne is chosen meanwhile: its answer is the one shown.
    mock.faults.set('tiersRights', { kind: 'latency', ms: 1500 }, { times: 1 });
    await selectTiers(client, { tiersId: 'durand-charpente/grenoble' });
    await until(() => rightsCalls(calls).length === 3, 'Grenoble asked');
    await selectTiers(client, { tiersId: SAINT_ETIENNE });
    await until(() => rightsCalls(calls).length === 4, 'Saint-Étienne asked');
    expect(rightsCalls(calls)[2]!.signal?.aborted, 'the slow question is dropped').to.equal(true);
    await until(() => loaded(el), 'Saint-Étienne loaded');
    expect(entryLabels(el)).to.deep.equal(['Mes salariés', 'Chômage intempéries', 'Mes documents', 'Contact et FAQ', 'Gérer mon compte']);
  });

  it('says politely that the menu is loading, with the permanent entries only meanwhile', async () => {
    mock.faults.set('tiersRights', { kind: 'latency', ms: 800 }, { times: 1 });
    const { client } = await signIn(DEMO_ACCOUNTS.admin);
    const { el } = await render(client);
    await until(() => state(el) === 'Chargement du menu…', 'loading said');
    expect(el.querySelector('[data-part="state"]')!.getAttribute('role')).to.equal('status');
    expect(entryLabels(el)).to.deep.equal(['Contact et FAQ', 'Gérer mon compte']);
    expect(linkLabels(el, 'Gérer mon compte')).to.deep.equal(['Mon compte utilisateur']);
    await expect(el).to.be.accessible();
    await until(() => loaded(el), 'rights loaded');
    expect(state(el)).to.equal('');
  });

  it('rights failure: the error message and *Réessayer*, which loads the menu', async () => {
    mock.faults.set('tiersRights', { kind: 'server' }, { times: 1 });
    const { client, calls } = await signIn(DEMO_ACCOUNTS.admin, undefined, { retryLimit: 0 });
    const { el } = await render(client);
    await until(() => el.querySelector('[data-part="retry"]'), 'failure shown');
    expect(state(el)).to.equal('Le service rencontre une difficulté temporaire. Réessayez dans quelques instants.');
    expect(entryLabels(el)).to.deep.equal(['Contact et FAQ', 'Gérer mon compte']);
    await expect(el).to.be.accessible();
    const retry = el.querySelector<HTMLButtonElement>('[data-part="retry"]')!;
    expect(text(retry)).to.equal('Réessayer');
    retry.click();
    await until(() => entryLabels(el).length === 6, 'loaded after retry');
    expect(el.querySelector('[data-part="retry"]')).to.equal(null);
    expect(rightsCalls(calls)).to.have.length(2);
  });

  it('one panel open at a time; a click outside closes it; axe with a panel open', async () => {
    const { client } = await signIn(DEMO_ACCOUNTS.admin);
    const { el, page } = await render(client);
    await until(() => loaded(el), 'rights loaded');
    entry(el, 'Mes salariés').click();
    await el.updateComplete;
    expect(entry(el, 'Mes salariés').getAttribute('aria-expanded')).to.equal('true');
    expect(panelOf(el, 'Mes salariés').hidden).to.equal(false);
    expect(panelOf(el, 'Mes salariés').getBoundingClientRect().height).to.be.greaterThan(0);
    await expect(el).to.be.accessible();

    entry(el, 'Mes documents').click();
    await el.updateComplete;
    expect(entry(el, 'Mes salariés').getAttribute('aria-expanded')).to.equal('false');
    expect(panelOf(el, 'Mes salariés').hidden).to.equal(true);
    expect(entry(el, 'Mes documents').getAttribute('aria-expanded')).to.equal('true');

    // The same button again closes it.
    entry(el, 'Mes documents').click();
    await el.updateComplete;
    expect(entry(el, 'Mes documents').getAttribute('aria-expanded')).to.equal('false');

    entry(el, 'Gérer mon compte').click();
    await el.updateComplete;
    // The last entry's panel opens towards the start: the page does not scroll sideways.
    const panel = panelOf(el, 'Gérer mon compte');
    expect(panel.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 1);
    page.querySelector<HTMLElement>('#after')!.click();
    await el.updateComplete;
    expect(panel.hidden).to.equal(true);
  });

  it('keyboard only: Tab to an entry, Enter opens, Tab into the links, Escape closes with the focus back; arrows move', async () => {
    const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
    const { el, page } = await render(client);
    await until(() => loaded(el), 'rights loaded');
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(entry(el, 'Mes salariés'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(entry(el, 'Mes salariés').getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(link(el, 'Gérer mes salariés'));
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(link(el, 'Mes congés groupés'));
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(entry(el, 'Mes salariés').getAttribute('aria-expanded')).to.equal('false');
    expect(focused()).to.equal(entry(el, 'Mes salariés'));

    // Space opens too; ↓ goes into the links, ↑/↓ between them.
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(entry(el, 'Mes salariés').getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(focused()).to.equal(link(el, 'Gérer mes salariés'));
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()).to.equal(link(el, 'Mes congés groupés'));
    await sendKeys({ press: 'ArrowUp' });
    expect(focused()).to.equal(link(el, 'Gérer mes salariés'));
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(focused()).to.equal(entry(el, 'Mes salariés'));

    // ←/→ and Home/End between the entries.
    await sendKeys({ press: 'ArrowRight' });
    expect(focused()).to.equal(entry(el, 'Chômage intempéries'));
    await sendKeys({ press: 'End' });
    expect(focused()).to.equal(entry(el, 'Gérer mon compte'));
    await sendKeys({ press: 'ArrowLeft' });
    expect(focused()).to.equal(entry(el, 'Contact et FAQ'));
    await sendKeys({ press: 'Home' });
    expect(focused()).to.equal(entry(el, 'Mes salariés'));

    // Tabbing out of an open panel closes it.
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(entry(el, 'Chômage intempéries'));
    expect(entry(el, 'Mes salariés').getAttribute('aria-expanded')).to.equal('true');
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'Tab' });
    expect(el.contains(focused())).to.equal(false);
    await el.updateComplete;
    expect(entry(el, 'Mes salariés').getAttribute('aria-expanded')).to.equal('false');
  });

  it('a link fires cibtp-navigate with its function and the backend counts the use; the menu closes', async () => {
    const { client, calls } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
    const { el } = await render(client);
    await until(() => loaded(el), 'rights loaded');
    const uses = () => mock.db.accounts.find((a) => a.email === DEMO_ACCOUNTS.multi)!.usage[SAINT_ETIENNE]?.['gerer-salaries'] ?? 0;
    const before = uses();
    const events: NavigateDetail[] = [];
    el.addEventListener('cibtp-navigate', (e) => events.push(e.detail));
    entry(el, 'Mes salariés').click();
    await el.updateComplete;
    const target = link(el, 'Gérer mes salariés');
    expect(target.localName).to.equal('button');
    target.click();
    expect(events).to.deep.equal([{ to: 'gerer-salaries' }]);
    await until(() => calls.some((c) => c.method === 'POST' && c.path === '/api/home/usage'), 'use recorded');
    await until(() => uses() === before + 1, 'counted by the backend for gerer-salaries');
    await el.updateComplete;
    expect(entry(el, 'Mes salariés').getAttribute('aria-expanded')).to.equal('false');
    expect(focused()).to.equal(entry(el, 'Mes salariés'));
  });

  it('with routes on the portal, a link is an <a href> to the caisse’s URL; a javascript: URL is not', async () => {
    const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
    const routes: Routes = { 'gerer-salaries': '/espace/salaries', contact: 'javascript:alert(1)' };
    const { el } = await render(client, { routes });
    await until(() => loaded(el), 'rights loaded');
    const anchor = link(el, 'Gérer mes salariés') as HTMLAnchorElement;
    expect(anchor.localName).to.equal('a');
    expect(anchor.getAttribute('href')).to.equal('/espace/salaries');
    expect(link(el, 'Contacter ma caisse').localName).to.equal('button');
    // The host page routes it itself: the event is cancelled, and so is the link's default action.
    const events: NavigateDetail[] = [];
    el.addEventListener('cibtp-navigate', (e) => {
      events.push(e.detail);
      e.preventDefault();
    });
    entry(el, 'Mes salariés').click();
    await el.updateComplete;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    anchor.dispatchEvent(click);
    expect(events).to.deep.equal([{ to: 'gerer-salaries' }]);
    expect(click.defaultPrevented).to.equal(true);
  });

  it('current: that link has aria-current="page" and its entry is marked', async () => {
    const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
    const { el } = await render(client, { current: 'planning' });
    await until(() => loaded(el), 'rights loaded');
    expect(link(el, 'Mon planning').getAttribute('aria-current')).to.equal('page');
    expect(link(el, 'Gérer mes salariés').hasAttribute('aria-current')).to.equal(false);
    expect(entry(el, 'Mes salariés').hasAttribute('data-current')).to.equal(true);
    expect(entry(el, 'Mes documents').hasAttribute('data-current')).to.equal(false);
  });

  it('narrow (320 px): a *Menu* button shows the entries stacked; no sideways scroll; axe', async () => {
    const { client } = await signIn(DEMO_ACCOUNTS.admin);
    const { el, page } = await render(client, { width: '320px' });
    page.style.overflow = 'auto';
    await until(() => loaded(el), 'rights loaded');
    const toggle = el.querySelector<HTMLButtonElement>('[data-part="toggle"]')!;
    const list = el.querySelector<HTMLElement>(`#${CSS.escape(toggle.getAttribute('aria-controls')!)}`)!;
    expect(getComputedStyle(toggle).visibility).to.equal('visible');
    expect(toggle.getBoundingClientRect().height).to.be.at.least(44);
    expect(text(toggle)).to.equal('Menu');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    // Collapsed: the entries take no room and are out of the tab order (Tab goes from *Menu* past them).
    expect(getComputedStyle(list).visibility).to.equal('hidden');
    expect(list.getBoundingClientRect().height).to.equal(0);
    toggle.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.contains(focused())).to.equal(false);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(getComputedStyle(list).visibility).to.equal('visible');
    toggle.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(entryButtons(el)[0]);
    // Stacked: each entry under the previous one.
    const [first, second] = entryButtons(el);
    expect(second!.getBoundingClientRect().top).to.be.at.least(first!.getBoundingClientRect().bottom - 1);
    entry(el, 'Gérer mon compte').click();
    await el.updateComplete;
    expect(page.scrollWidth, 'no sideways scroll').to.equal(page.clientWidth);
    for (const button of [toggle, ...entryButtons(el)]) expect(button.getBoundingClientRect().height).to.be.at.least(44);
    await expect(el).to.be.accessible();
    // Escape closes the panel, then the menu, the focus on its button.
    entry(el, 'Gérer mon compte').focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(focused()).to.equal(entry(el, 'Gérer mon compte'));
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(focused()).to.equal(toggle);
  });

  it('wide: no *Menu* button (nor in the tab order), the entries in one row', async () => {
    const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
    const { el, page } = await render(client, { width: '1200px' });
    await until(() => loaded(el), 'rights loaded');
    expect(getComputedStyle(el.querySelector('[data-part="toggle"]')!).visibility).to.equal('hidden');
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(entryButtons(el)[0]);
    const tops = entryButtons(el).map((b) => Math.round(b.getBoundingClientRect().top));
    expect(new Set(tops).size).to.equal(1);
  });

  it('signed out: the permanent entries only, no rights asked', async () => {
    const { client, calls } = recordingClient();
    const { el } = await render(client);
    expect(entryLabels(el)).to.deep.equal(['Contact et FAQ', 'Gérer mon compte']);
    expect(rightsCalls(calls)).to.have.length(0);
  });

  it('in English', async () => {
    const { client } = await signIn(DEMO_ACCOUNTS.admin);
    const { el } = await render(client);
    await until(() => loaded(el), 'rights loaded');
    try {
      await setLocale('en');
      await until(() => el.querySelector('nav')!.getAttribute('aria-label') === 'Secure area menu', 'english');
      expect(entryLabels(el)).to.deep.equal(['My member space', 'My workers', 'Bad-weather unemployment', 'My documents', 'Contact and FAQ', 'Manage my account']);
      expect(linkLabels(el, 'Manage my account')).to.deep.equal(['My user account', 'Manage access rights']);
    } finally {
      await setLocale('fr');
    }
    await until(() => entryLabels(el)[0] === 'Mon espace adhérent', 'french again');
  });
});
