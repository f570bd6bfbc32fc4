import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import './tiles.js';
import '../portal/portal.js';
import type { CibtpTiles } from './tiles.component.js';
import type { CibtpPortal } from '../portal/portal.component.js';
import { login, selectTiers } from '../../sdk/auth/index.js';
import type { PortalClient } from '../../sdk/index.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import type { NavigateDetail } from '../shared/routes.js';
import { $, button, focused, inEnglish, recordingClient, resetBackend, text, until, type RecordedCall } from '../shared/testing.js';

const PASSWORD = 'Chantier2026!';
const PERMANENT = ['Mes documents récents', 'Aide'];

/** A client signed in as `email`, on `tiersId` when the account has several tiers. */
async function signedIn(email: string, tiersId?: string, options: Parameters<typeof recordingClient>[0] = {}) {
  const { client, calls } = recordingClient(options);
  const result = await login(client, { email, password: PASSWORD });
  if (result.status === 'choose-tiers') await selectTiers(client, { tiersId: tiersId ?? 'durand-btp/lyon' });
  return { client, calls };
}

/** `<cibtp-tiles>` inside a portal with `client` (and the portal's attributes the test gives). */
async function render(client: PortalClient, tiles: TemplateResult = html`<cibtp-tiles></cibtp-tiles>`, routes?: string) {
  const portal = await fixture<CibtpPortal>(html`<cibtp-portal .client=${client} routes=${routes ?? '{}'}>${tiles}</cibtp-portal>`);
  const el = $<CibtpTiles>(portal, 'cibtp-tiles');
  await el.updateComplete;
  return { portal, el };
}

const names = (el: Element) => [...el.querySelectorAll('[data-part="tile"] .cibtp-tile__name')].map((n) => text(n));
const tileNamed = (el: Element, name: string) => {
  const found = [...el.querySelectorAll<HTMLElement>('[data-part="tile"]')].find((t) => text(t.querySelector('.cibtp-tile__name')) === name);
  if (!found) throw new Error(`No tile "${name}" in: ${names(el).join(' | ')}`);
  return found;
};
const tilesCalls = (calls: RecordedCall[]) => calls.filter((c) => c.path === '/api/home/tiles');
const usageCalls = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'POST' && c.path === '/api/home/usage');

async function loaded(el: CibtpTiles, count: number): Promise<void> {
  await until(() => names(el).length === count, `${count} tiles`);
}

describe('<cibtp-tiles>', () => {
  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });

  it('an administrator: the four functions they use most, in that order, then Mes documents récents and Aide', async () => {
    const { client, calls } = await signedIn('admin@durand-btp.fr');
    const { el } = await render(client);
    await loaded(el, 6);
    expect(names(el)).to.deep.equal([
      'Gérer mes salariés', 'Mes déclarations de salaires', 'Mes comptes bancaires', 'Situation de compte', ...PERMANENT,
    ]);
    expect(tilesCalls(calls)).to.have.length(1);
    expect(text($(el, 'h2'))).to.equal('Accès rapides');
    const list = $(el, '[data-part="tiles"]');
    expect(list.localName).to.equal('ul');
    expect(list.querySelectorAll(':scope > li')).to.have.length(6);
    for (const tile of el.querySelectorAll<HTMLElement>('[data-part="tile"]')) {
      // No URL given by the caisse: a button that fires cibtp-navigate; its icon is decoration only.
      expect(tile.localName).to.equal('button');
      expect(tile.querySelector('svg')?.getAttribute('aria-hidden')).to.equal('true');
      expect(text(tile.querySelector('.cibtp-tile__description'))).to.not.equal('');
      // The whole tile is the target, at least 44 px high.
      expect(tile.getBoundingClientRect().height).to.be.at.least(44);
    }
    expect(text(tileNamed(el, 'Gérer mes salariés'))).to.include('Embauches, sorties de personnel');
    // No card frame: the tiles are a part of the page shell.
    expect(el.shadowRoot?.querySelector('[part="card"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('count="2": the two functions used most, then the two permanent tiles', async () => {
    const { client } = await signedIn('admin@durand-btp.fr');
    const { el } = await render(client, html`<cibtp-tiles count="2" heading-level="3"></cibtp-tiles>`);
    await loaded(el, 4);
    expect(names(el)).to.deep.equal(['Gérer mes salariés', 'Mes déclarations de salaires', ...PERMANENT]);
    expect(text($(el, 'h3'))).to.equal('Accès rapides');
    await expect(el).to.be.accessible();
  });

  it('a delegate at Saint-Étienne: only what their rights allow, the planning first (no bank accounts)', async () => {
    const { client } = await signedIn('multi@durand-btp.fr', 'durand-btp/saint-etienne');
    const { el } = await render(client);
    await loaded(el, 6);
    expect(names(el)).to.deep.equal(['Mon planning', 'Gérer mes salariés', 'Mes congés groupés', 'Mes arrêts intempéries', ...PERMANENT]);
    expect(names(el)).to.not.include('Mes comptes bancaires');
    await expect(el).to.be.accessible();
  });

  it('follows a change of tiers: the tiles of the new tiers are asked for and shown', async () => {
    const { client, calls } = await signedIn('multi@durand-btp.fr', 'durand-btp/lyon');
    const { el } = await render(client);
    await loaded(el, 6);
    expect(names(el)[0]).to.equal('Mes remboursements');
    await selectTiers(client, { tiersId: 'durand-btp/saint-etienne' });
    await until(() => names(el)[0] === 'Mon planning', 'the Saint-Étienne tiles');
    expect(tilesCalls(calls)).to.have.length(2);
  });

  it('a tile followed fires cibtp-navigate with its destination, and the backend counts the use', async () => {
    const { client, calls } = await signedIn('admin@durand-btp.fr');
    const { el } = await render(client);
    await loaded(el, 6);
    const event = oneEvent(el, 'cibtp-navigate');
    tileNamed(el, 'Mes comptes bancaires').click();
    const { detail } = (await event) as CustomEvent<NavigateDetail>;
    expect(detail).to.deep.equal({ to: 'comptes-bancaires' });
    await until(() => usageCalls(calls).length === 1, 'home/usage sent');
    const admin = () => mock.db.accounts.find((a) => a.email === 'admin@durand-btp.fr')!;
    await until(() => admin().usage['durand-btp/lyon']?.['comptes-bancaires'] === 10, 'counted by the backend');

    // A permanent tile is no function of the rights catalogue: nothing to count.
    const help = oneEvent(el, 'cibtp-navigate');
    tileNamed(el, 'Aide').click();
    expect(((await help) as CustomEvent<NavigateDetail>).detail).to.deep.equal({ to: 'help' });
    expect(usageCalls(calls)).to.have.length(1);
  });

  it('by keyboard: Tab reaches the first tile, Enter follows it', async () => {
    const { client } = await signedIn('admin@durand-btp.fr');
    const { el } = await render(client, html`<button type="button">avant</button><cibtp-tiles></cibtp-tiles>`);
    await loaded(el, 6);
    button(el.parentElement!, 'avant').focus();
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(tileNamed(el, 'Gérer mes salariés'));
    const event = oneEvent(el, 'cibtp-navigate');
    await sendKeys({ press: 'Enter' });
    expect(((await event) as CustomEvent<NavigateDetail>).detail).to.deep.equal({ to: 'gerer-salaries' });
    // Its use counted before the next test signs someone else in (the mock has one session for all).
    const admin = () => mock.db.accounts.find((a) => a.email === 'admin@durand-btp.fr')!;
    await until(() => admin().usage['durand-btp/lyon']?.['gerer-salaries'] === 32, 'counted by the backend');
  });

  it('after « Mes documents » was followed often enough, the tiles come in the new order at the next load', async () => {
    const { client, calls } = await signedIn('multi@durand-btp.fr', 'durand-btp/lyon');
    const { el } = await render(client);
    await loaded(el, 6);
    // Sophie Lambert at Lyon: bad-weather refunds (12), stoppages (10), documents (4).
    expect(names(el)).to.deep.equal(['Mes remboursements', 'Mes arrêts intempéries', 'Mes documents', 'Mes informations adhérent', ...PERMANENT]);
    for (let i = 0; i < 9; i++) tileNamed(el, 'Mes documents').click();
    const multi = () => mock.db.accounts.find((a) => a.email === 'multi@durand-btp.fr')!;
    await until(() => multi().usage['durand-btp/lyon']?.documents === 13, 'nine uses counted');
    expect(usageCalls(calls)).to.have.length(9);
    // The tiles do not move under the user's pointer: the new order comes with the next load.
    expect(names(el)[0]).to.equal('Mes remboursements');
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await until(() => tilesCalls(calls).length === 2 && names(el)[0] === 'Mes documents', 'reordered');
    expect(names(el)).to.deep.equal(['Mes documents', 'Mes remboursements', 'Mes arrêts intempéries', 'Mes informations adhérent', ...PERMANENT]);
  });

  it('with routes: a tile whose destination has a URL is a real link, which still fires cibtp-navigate first', async () => {
    const { client, calls } = await signedIn('admin@durand-btp.fr');
    const { portal, el } = await render(
      client,
      undefined,
      '{"gerer-salaries": "/salaries", "recent-documents": "/documents/recents", "help": "javascript:alert(1)"}',
    );
    await loaded(el, 6);
    const workers = tileNamed(el, 'Gérer mes salariés');
    expect(workers.localName).to.equal('a');
    expect(workers.getAttribute('href')).to.equal('/salaries');
    expect(tileNamed(el, 'Mes documents récents').getAttribute('href')).to.equal('/documents/recents');
    // A URL that could run script is never bound: that tile stays a button.
    expect(tileNamed(el, 'Aide').localName).to.equal('button');
    expect(tileNamed(el, 'Mes comptes bancaires').localName).to.equal('button');
    // The host routes it itself here (the test page must not navigate).
    portal.addEventListener('cibtp-navigate', (e) => e.preventDefault(), { once: true });
    const event = oneEvent(el, 'cibtp-navigate');
    const before = location.href;
    workers.click();
    expect(((await event) as CustomEvent<NavigateDetail>).detail).to.deep.equal({ to: 'gerer-salaries' });
    await until(() => usageCalls(calls).length === 1, 'use counted');
    expect(location.href).to.equal(before);
    await expect(el).to.be.accessible();
  });

  it('while loading: the two permanent tiles and a polite « Chargement… »', async () => {
    mock.faults.set('homeTiles', { kind: 'latency', ms: 600_000 });
    const { client } = await signedIn('admin@durand-btp.fr');
    const { el } = await render(client);
    await until(() => el.querySelector('[data-part="loading"]'), 'loading');
    expect(names(el)).to.deep.equal(PERMANENT);
    expect(text($(el, '[data-part="loading"]'))).to.equal('Chargement…');
    const status = $(el, '[data-part="status"]');
    expect(status.getAttribute('role')).to.equal('status');
    expect(text(status)).to.equal('Chargement…');
    await expect(el).to.be.accessible();
  });

  it('a failed load: the two permanent tiles, the message and Réessayer, which loads them again', async () => {
    mock.faults.set('homeTiles', { kind: 'server' });
    const { client, calls } = await signedIn('admin@durand-btp.fr', undefined, { retryLimit: 0 });
    const { el } = await render(client);
    await until(() => el.querySelector('[data-part="error"]'), 'error shown');
    expect(names(el)).to.deep.equal(PERMANENT);
    expect(text($(el, '[data-part="error"]'))).to.include('difficulté temporaire');
    expect(text($(el, '[data-part="status"]'))).to.include('difficulté temporaire');
    await expect(el).to.be.accessible();

    mock.faults.clear();
    const retry = button(el, 'Réessayer');
    retry.focus();
    retry.click();
    await loaded(el, 6);
    expect(tilesCalls(calls)).to.have.length(2);
    expect(el.querySelector('[data-part="error"]')).to.equal(null);
    // The button went: the focus is on the heading, not lost on the page.
    await until(() => focused() === $(el, 'h2'), 'focus on the heading');
    await expect(el).to.be.accessible();
  });

  it('without a tiers (signed out): the two permanent tiles, and nothing asked of the backend', async () => {
    const { client, calls } = recordingClient();
    const { el } = await render(client);
    expect(names(el)).to.deep.equal(PERMANENT);
    expect(tilesCalls(calls)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('on a 320-px-wide page: one column, and the page does not scroll sideways', async () => {
    const { client } = await signedIn('admin@durand-btp.fr');
    const { portal, el } = await render(client);
    portal.style.cssText = 'display: block; width: 320px; overflow: auto';
    await loaded(el, 6);
    const tiles = [...el.querySelectorAll<HTMLElement>('[data-part="tile"]')];
    const lefts = new Set(tiles.map((t) => Math.round(t.getBoundingClientRect().left)));
    expect(lefts.size, 'one column').to.equal(1);
    expect(portal.scrollWidth).to.equal(portal.clientWidth);
  });

  it('several columns on a wide page', async () => {
    const { client } = await signedIn('admin@durand-btp.fr');
    const { portal, el } = await render(client);
    portal.style.cssText = 'display: block; width: 1100px';
    await loaded(el, 6);
    const tops = [...el.querySelectorAll<HTMLElement>('[data-part="tile"]')].map((t) => Math.round(t.getBoundingClientRect().top));
    expect(tops.filter((top) => top === tops[0]).length, 'tiles side by side').to.be.within(3, 4);
  });

  it('in English', async () => {
    const { client } = await signedIn('admin@durand-btp.fr');
    const { el } = await render(client);
    await loaded(el, 6);
    await inEnglish(el, { en: 'Quick access', fr: 'Accès rapides' }, () => {
      expect(names(el).slice(-2)).to.deep.equal(['My recent documents', 'Help']);
      expect(text(tileNamed(el, 'Help'))).to.include('Guides and answers');
    });
  });
});
