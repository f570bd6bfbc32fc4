import { expect, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http } from 'msw';
import './tiers-picker.js';
import type { CibtpTiersPicker, TiersSelectedDetail } from './tiers-picker.component.js';
import { formatSiret } from './tiers-picker.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../mock-server/index.js';
import { login, selectTiers } from '../../sdk/auth/index.js';
import type { PortalClient } from '../../sdk/index.js';
import {
  $, button, focused, headingText, inEnglish, recordingClient, resetBackend, summaryEntries, text, type, until, type RecordedCall,
} from '../shared/testing.js';

/** Text without the direction isolates (FSI/PDI) that wrap server strings inside sentences. */
const plain = (node: Node | null | undefined) => text(node).replace(/[\u2068\u2069]/g, '');

const rows = (el: ParentNode) => [...el.querySelectorAll<HTMLTableRowElement>('tbody tr')];
const radios = (el: ParentNode) => [...el.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
const search = (el: ParentNode) => $<HTMLInputElement>(el, 'input[type="search"]');
const status = (el: ParentNode) => text($(el, '[data-part="status"]'));
const pageText = (el: ParentNode) => text($(el, '.cibtp-pagination__status'));
const selection = (el: ParentNode) => plain(el.querySelector('[data-part="selection"]'));
const sortButton = (el: ParentNode, sort: string) => $<HTMLButtonElement>(el, `button[data-sort="${sort}"]`);

/** What a cell says, without the column name the narrow layout shows above its value. */
function cellValue(cell: Element): string {
  const copy = cell.cloneNode(true) as Element;
  copy.querySelectorAll('[data-part="cell-label"], [aria-hidden="true"], [role="tooltip"]').forEach((n) => n.remove());
  return plain(copy);
}

/** The values of a row, column by column (the radio's cell is empty). */
const rowValues = (row: Element) => [...row.children].map(cellValue);

/** The column headers as a screen reader names them (sort icons are hidden from it). */
function headers(el: ParentNode): string[] {
  return [...el.querySelectorAll('thead th')].map((th) => {
    const copy = th.cloneNode(true) as Element;
    copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
    return text(copy);
  });
}

/** The queries of `GET tiers` as the backend received them (a handler that looks and lets the mock answer). */
function receivedSearches(mock: RunningMockWorker): URLSearchParams[] {
  const seen: URLSearchParams[] = [];
  mock.worker.use(
    http.get('*/api/tiers', ({ request }) => {
      seen.push(new URL(request.url).searchParams);
    }),
  );
  return seen;
}

/** The bodies of `POST auth/tiers` as the backend received them. */
function receivedChoices(mock: RunningMockWorker): unknown[] {
  const seen: unknown[] = [];
  mock.worker.use(
    http.post('*/api/auth/tiers', async ({ request }) => {
      seen.push(await request.clone().json());
    }),
  );
  return seen;
}

/** A login that the server asks to choose its tiers (or, with `tiersId`, that already acts for one). */
async function chooser(email: string, tiersId?: string): Promise<{ client: PortalClient; calls: RecordedCall[] }> {
  const recorded = recordingClient();
  const result = await login(recorded.client, { email, password: DEMO_PASSWORD });
  expect(result.status).to.equal('choose-tiers');
  if (tiersId) await selectTiers(recorded.client, { tiersId });
  recorded.calls.length = 0;
  return recorded;
}

async function render(email: string, o: { tiersId?: string; pageSize?: number } = {}) {
  const { client, calls } = await chooser(email, o.tiersId);
  const el = fixtureSync<CibtpTiersPicker>(
    html`<cibtp-tiers-picker .client=${client} page-size=${o.pageSize ?? 10}></cibtp-tiers-picker>`,
  );
  await until(() => rows(el).length > 0, 'first page');
  await el.updateComplete;
  return { el, client, calls };
}

describe('<cibtp-tiers-picker>', () => {
  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });

  describe('several sites (multi@durand-btp.fr)', () => {
    it('lists the three tiers with their columns; a click on the name chooses; Valider chooses it on the server', async () => {
      const choices = receivedChoices(mock);
      const { el, client, calls } = await render(DEMO_ACCOUNTS.multi);
      expect(headingText(el)).to.equal('Choix de l’adhérent et du site déclarant');
      expect(text(el)).to.include('Veuillez sélectionner une ligne dans la liste ci-dessous puis cliquer sur le bouton Valider.');
      expect(headers(el)).to.deep.equal(['Sélection', 'Raison sociale', 'SIRET', 'Nom du site déclarant', 'Identifiant', 'Alertes DSN']);
      // Sorted by raison sociale by default, then by site.
      expect($(el, 'th[aria-sort]').textContent).to.include('Raison sociale');
      expect($(el, 'th[aria-sort]').getAttribute('aria-sort')).to.equal('ascending');
      const site = (id: string) => mock.db.sites.find((s) => s.id === id)!;
      const etienne = site('durand-btp/saint-etienne');
      expect(rows(el).map(rowValues)).to.deep.equal([
        ['', 'DURAND BTP', formatSiret(etienne.siret), 'Agence de Saint-Étienne', '100234568', '2 alertes DSN, DURAND BTP — Agence de Saint-Étienne'],
        ['', 'DURAND BTP', formatSiret(site('durand-btp/lyon').siret), 'Siège — Lyon', site('durand-btp/lyon').identifiantCibtp, 'Aucune'],
        ['', 'DURAND CHARPENTE BOIS', formatSiret(site('durand-charpente/grenoble').siret), 'Atelier de Grenoble', '100451203', 'Aucune'],
      ]);
      expect(formatSiret(etienne.siret)).to.match(/^\d{3} \d{3} \d{3} \d{5}$/);
      expect(status(el)).to.equal('3 résultats');
      expect(text($(el, '[data-part="caption"]'))).to.equal('Adhérents et sites déclarants : 3 résultats');
      // Each radio is named by its row: two « DURAND BTP » told apart by their site and identifiant.
      const names = radios(el).map((r) => r.getAttribute('aria-labelledby')!.split(' ').map((id) => text(document.getElementById(id))).join(' '));
      expect(names).to.deep.equal([
        'DURAND BTP Agence de Saint-Étienne 100234568',
        `DURAND BTP Siège — Lyon ${site('durand-btp/lyon').identifiantCibtp}`,
        'DURAND CHARPENTE BOIS Atelier de Grenoble 100451203',
      ]);
      expect(new Set(radios(el).map((r) => r.name)).size).to.equal(1);
      await expect(el).to.be.accessible();

      $<HTMLLabelElement>(rows(el)[0]!, 'label').click();
      await el.updateComplete;
      expect(radios(el)[0]!.checked).to.equal(true);
      expect(rows(el)[0]!.hasAttribute('data-selected')).to.equal(true);
      expect(selection(el)).to.equal('Sélection : DURAND BTP — Agence de Saint-Étienne');

      const event = oneEvent(el, 'cibtp-tiers-selected');
      button(el, 'Valider').click();
      const { detail } = (await event) as CustomEvent<TiersSelectedDetail>;
      expect(detail.session.tiers?.id).to.equal('durand-btp/saint-etienne');
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).to.deep.equal(['/api/auth/tiers']);
      expect(choices).to.deep.equal([{ tiersId: 'durand-btp/saint-etienne' }]);
      expect(client.session?.tiers?.siteName).to.equal('Agence de Saint-Étienne');
    });

    it('nothing chosen: Valider shows the error on the group and in the summary; a choice clears it', async () => {
      const { el, calls } = await render(DEMO_ACCOUNTS.multi);
      button(el, 'Valider').click();
      await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
      const message = 'Sélectionnez un adhérent et un site déclarant';
      expect(summaryEntries(el)).to.deep.equal([message]);
      await until(() => focused() === $(el, '[data-part="error-summary"]'), 'summary focused');
      const group = $(el, 'fieldset');
      const errorRef = group.getAttribute('aria-describedby')!.split(' ').find((id) => id.endsWith('-error'))!;
      expect(text(document.getElementById(errorRef))).to.equal(message);
      // Each radio says it too, as it takes the focus.
      expect(radios(el)[0]!.getAttribute('aria-describedby')).to.equal(errorRef);
      expect(calls.filter((c) => c.path === '/api/auth/tiers')).to.have.length(0);
      await expect(el).to.be.accessible();
      // The summary's link leads to the group's first radio.
      $<HTMLAnchorElement>(el, '[data-part="error-summary"] a').click();
      expect(focused()).to.equal(radios(el)[0]);
      radios(el)[2]!.click();
      await el.updateComplete;
      expect(el.querySelector('fieldset .cibtp-field-error')).to.equal(null);
      expect(summaryEntries(el)).to.deep.equal([]);
    });

    it('a server failure on Valider: the summary says it, the choice is kept, a retry goes through', async () => {
      mock.faults.set('selectTiers', { kind: 'server' }, { times: 1 });
      const { el } = await render(DEMO_ACCOUNTS.multi);
      radios(el)[1]!.click();
      button(el, 'Valider').click();
      await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
      expect(text($(el, '[data-part="error-summary"]'))).to.include('Le service rencontre une difficulté temporaire.');
      await until(() => focused() === $(el, '[data-part="error-summary"]'), 'summary focused');
      expect(radios(el)[1]!.checked).to.equal(true);
      expect(selection(el)).to.equal('Sélection : DURAND BTP — Siège — Lyon');
      await expect(el).to.be.accessible();
      const event = oneEvent(el, 'cibtp-tiers-selected');
      button(el, 'Valider').click();
      expect(((await event) as CustomEvent<TiersSelectedDetail>).detail.session.tiers?.id).to.equal('durand-btp/lyon');
    });

    it('sends one choice however often Valider is pressed while it runs', async () => {
      mock.faults.set('selectTiers', { kind: 'latency', ms: 300 });
      const { el, calls } = await render(DEMO_ACCOUNTS.multi);
      let selected = 0;
      el.addEventListener('cibtp-tiers-selected', () => selected++);
      radios(el)[0]!.click();
      button(el, 'Valider').click();
      await el.updateComplete;
      expect($(el, 'form').getAttribute('aria-busy')).to.equal('true');
      expect(button(el, 'Valider').getAttribute('aria-disabled')).to.equal('true');
      button(el, 'Valider').click();
      $<HTMLFormElement>(el, 'form').requestSubmit();
      await until(() => selected === 1, 'chosen');
      expect(calls.filter((c) => c.path === '/api/auth/tiers')).to.have.length(1);
    });

    it('Annuler fires cibtp-tiers-cancel and sends nothing', async () => {
      const { el, calls } = await render(DEMO_ACCOUNTS.multi);
      const event = oneEvent(el, 'cibtp-tiers-cancel');
      button(el, 'Annuler').click();
      const fired = (await event) as CustomEvent;
      expect(fired.detail).to.deep.equal({});
      expect(fired.bubbles && fired.composed).to.equal(true);
      expect(calls.filter((c) => c.method === 'POST')).to.have.length(0);
    });

    it('*Changer de tiers*: the tiers the session acts for is the first choice', async () => {
      const { el } = await render(DEMO_ACCOUNTS.multi, { tiersId: 'durand-charpente/grenoble' });
      expect(radios(el).filter((r) => r.checked).map((r) => r.value)).to.deep.equal(['durand-charpente/grenoble']);
      expect(selection(el)).to.equal('Sélection : DURAND CHARPENTE BOIS — Atelier de Grenoble');
    });

    it('keeps the focus on the page button, or on the table when that button gets disabled', async () => {
      const { el } = await render(DEMO_ACCOUNTS.multi, { pageSize: 2 });
      expect(rows(el)).to.have.length(2);
      expect(pageText(el)).to.equal('Page 1 sur 2');
      const previous = button(el, 'Précédent');
      expect(previous.disabled).to.equal(true);
      button(el, 'Suivant').focus();
      await sendKeys({ press: 'Enter' });
      await until(() => status(el) === 'Page 2 sur 2', 'page 2');
      await until(() => focused() === $(el, '[data-part="table"]'), 'the table (named by its caption) focused');
      expect(status(el)).to.equal('Page 2 sur 2');
      expect(button(el, 'Suivant').disabled).to.equal(true);
      expect(rows(el)).to.have.length(1);
      await expect(el).to.be.accessible();
    });

    it('without any client: the error and Réessayer; a client given later loads the list', async () => {
      const { client } = await chooser(DEMO_ACCOUNTS.multi);
      const el = fixtureSync<CibtpTiersPicker>(html`<cibtp-tiers-picker></cibtp-tiers-picker>`);
      await until(() => el.querySelector('[data-part="notice"]'), 'error shown');
      expect(text($(el, '[data-part="notice"]'))).to.include('Le service rencontre une difficulté temporaire.');
      await expect(el).to.be.accessible();
      el.client = client;
      await until(() => rows(el).length === 3, 'loaded once the client came');
      expect(el.querySelector('[data-part="notice"]')).to.equal(null);
    });
  });

  describe('DSN alerts', () => {
    it('focus shows the messages (the button’s description); Escape hides them and the focus stays', async () => {
      const { el } = await render(DEMO_ACCOUNTS.multi);
      const trigger = $<HTMLButtonElement>(rows(el)[0]!, '[data-part="dsn-alerts"] button');
      const tip = document.getElementById(trigger.getAttribute('aria-describedby')!)!;
      expect(tip.getAttribute('role')).to.equal('tooltip');
      expect(tip.hidden).to.equal(true);
      trigger.focus();
      await el.updateComplete;
      expect(tip.hidden).to.equal(false);
      expect(tip.checkVisibility()).to.equal(true);
      const description = plain(tip);
      expect(description).to.include('DSN Octobre-2025 : Anomalie dans le traitement / Déclaration manquante');
      expect(description).to.include('Une action de votre part est attendue');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(tip.hidden).to.equal(true);
      expect(focused()).to.equal(trigger);
    });

    it('hovering shows them; the pointer can move onto them, they stay; leaving both hides them', async () => {
      // The pointer's events as the browser sends them (a real mouse needs frames, which a test page
      // in the background may not get); where it lands is the browser's own hit-testing.
      const { el } = await render(DEMO_ACCOUNTS.multi);
      const area = $<HTMLElement>(rows(el)[0]!, '[data-part="dsn-alerts"]');
      const trigger = $<HTMLButtonElement>(area, 'button');
      const tip = document.getElementById(trigger.getAttribute('aria-describedby')!)!;
      trigger.scrollIntoView({ block: 'center' });
      area.dispatchEvent(new PointerEvent('pointerenter'));
      await el.updateComplete;
      expect(tip.hidden).to.equal(false);
      // Moving onto the tooltip does not leave the hovered area: what is under the pointer there is the tooltip.
      const box = tip.getBoundingClientRect();
      const under = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      expect(tip.contains(under)).to.equal(true);
      expect(area.contains(tip)).to.equal(true);
      // Longer than the delay a pointer leaving the trigger is given: nothing closes it meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(tip.hidden).to.equal(false);
      area.dispatchEvent(new PointerEvent('pointerleave'));
      await until(() => tip.hidden, 'hidden once left');
      expect(focused()).to.not.equal(trigger);
    });
  });

  describe('3,000 members (cabinet@comptagestion.fr)', () => {
    it('pages on the server: page size rows, « Page 1 sur 300 », Suivant asks for page 2, 25 rows per page', async () => {
      const seen = receivedSearches(mock);
      const { el } = await render(DEMO_ACCOUNTS.cabinet);
      expect(rows(el)).to.have.length(10);
      expect(pageText(el)).to.equal('Page 1 sur 300');
      expect(status(el)).to.equal('3 000 résultats');
      expect(Object.fromEntries(seen[0]!)).to.deep.equal({ sort: 'raisonSociale', direction: 'asc', page: '1', pageSize: '10' });
      const first = rows(el).map((r) => cellValue(r.children[4]!));

      radios(el)[3]!.click();
      await el.updateComplete;
      const chosen = selection(el);
      expect(chosen).to.match(/^Sélection : .+ — .+$/);
      button(el, 'Suivant').focus();
      button(el, 'Suivant').click();
      await until(() => status(el) === 'Page 2 sur 300', 'page 2');
      expect(pageText(el)).to.equal('Page 2 sur 300');
      expect(seen.at(-1)!.get('page')).to.equal('2');
      expect(rows(el).map((r) => cellValue(r.children[4]!))).to.not.have.members(first);
      expect(focused()).to.equal(button(el, 'Suivant'));
      // The choice is on no page shown: still said below the table.
      expect(radios(el).some((r) => r.checked)).to.equal(false);
      expect(selection(el)).to.equal(chosen);
      button(el, 'Précédent').click();
      await until(() => status(el) === 'Page 1 sur 300', 'page 1 again');
      expect(radios(el)[3]!.checked).to.equal(true);

      const size = $<HTMLSelectElement>(el, '[data-part="pagination"] select');
      expect([...size.options].map((o) => o.value)).to.deep.equal(['10', '25', '50', '100']);
      size.value = '25';
      size.dispatchEvent(new Event('change'));
      await until(() => rows(el).length === 25, '25 rows');
      expect(pageText(el)).to.equal('Page 1 sur 120');
      expect(Object.fromEntries(seen.at(-1)!)).to.include({ page: '1', pageSize: '25' });
      await expect(el).to.be.accessible();
    });

    it('sorts on the server: SIRET ascending, then descending on a second press (aria-sort follows)', async () => {
      const seen = receivedSearches(mock);
      const { el } = await render(DEMO_ACCOUNTS.cabinet);
      const siretHeader = () => sortButton(el, 'siret').closest('th')!;
      sortButton(el, 'siret').focus();
      sortButton(el, 'siret').click();
      await until(() => siretHeader().getAttribute('aria-sort') === 'ascending', 'ascending');
      await until(() => !el.querySelector('table[aria-busy="true"]'), 'answered');
      expect(Object.fromEntries(seen.at(-1)!)).to.include({ sort: 'siret', direction: 'asc', page: '1' });
      expect(sortButton(el, 'raisonSociale').closest('th')!.hasAttribute('aria-sort')).to.equal(false);
      const ascending = rows(el).map((r) => cellValue(r.children[2]!).replace(/ /g, ''));
      expect([...ascending].sort()).to.deep.equal(ascending);
      expect(focused()).to.equal(sortButton(el, 'siret'));

      sortButton(el, 'siret').click();
      await until(() => siretHeader().getAttribute('aria-sort') === 'descending', 'descending');
      await until(() => !el.querySelector('table[aria-busy="true"]'), 'answered again');
      expect(Object.fromEntries(seen.at(-1)!)).to.include({ sort: 'siret', direction: 'desc' });
      const descending = rows(el).map((r) => cellValue(r.children[2]!).replace(/ /g, ''));
      expect([...descending].sort().reverse()).to.deep.equal(descending);
      expect(descending[0]! > ascending[0]!).to.equal(true);
    });

    it('a search typed fast sends only the last words; a slow answer replaced by a newer one is dropped', async () => {
      const seen = receivedSearches(mock);
      const { el, calls } = await render(DEMO_ACCOUNTS.cabinet);
      const searched = () => seen.filter((p) => p.has('q')).map((p) => p.get('q'));
      for (const q of ['m', 'ma', 'mac']) type(search(el), q);
      await until(() => searched().length === 1, 'one search sent');
      await until(() => status(el) !== '3 000 résultats' && !el.querySelector('table[aria-busy="true"]'), 'answered');
      expect(searched()).to.deep.equal(['mac']);
      expect(rows(el).every((r) => /MA[CÇ]ONNERIE/.test(cellValue(r.children[1]!)))).to.equal(true);

      // Now the answer to « plat » is slow, and « plomb » is typed before it comes.
      mock.faults.set('searchTiers', { kind: 'latency', ms: 400 }, { times: 1 });
      type(search(el), 'plat');
      await until(() => searched().length === 2, 'plat sent');
      type(search(el), 'plomb');
      await until(() => searched().length === 3, 'plomb sent');
      await until(() => rows(el).every((r) => cellValue(r.children[1]!).startsWith('PLOMBERIE')), 'plomberie shown');
      const tiersCalls = calls.filter((c) => c.path === '/api/tiers');
      expect(tiersCalls.at(-2)!.signal?.aborted).to.equal(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(rows(el).every((r) => cellValue(r.children[1]!).startsWith('PLOMBERIE'))).to.equal(true);
      expect(searched()).to.deep.equal(['mac', 'plat', 'plomb']);
    });

    it('keyboard only: Tab to the search, type, Tab to the radios, arrows, Tab to Valider, Enter', async () => {
      const { client } = await chooser(DEMO_ACCOUNTS.cabinet);
      const root = fixtureSync<HTMLElement>(html`<div><button>Avant</button><cibtp-tiers-picker .client=${client}></cibtp-tiers-picker></div>`);
      const el = $<CibtpTiersPicker>(root, 'cibtp-tiers-picker');
      await until(() => rows(el).length === 10, 'first page');
      $<HTMLButtonElement>(root, 'button').focus();
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(search(el));
      await sendKeys({ type: 'lefevre' });
      await until(
        () => !el.querySelector('table[aria-busy="true"]') && rows(el).every((r) => /LEF[EÈ]VRE/.test(cellValue(r.children[1]!))),
        'the search answered',
      );
      // The sort buttons, in the columns' order, then the group of radios.
      for (const sort of ['raisonSociale', 'siret', 'siteName', 'identifiantCibtp', 'dsnAlerts']) {
        await sendKeys({ press: 'Tab' });
        expect(focused()).to.equal(sortButton(el, sort));
      }
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(radios(el)[0]);
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(focused()).to.equal(radios(el)[1]);
      expect(radios(el)[1]!.checked).to.equal(true);
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(radios(el)[1]!.checked).to.equal(true);
      const chosen = radios(el)[1]!.value;
      expect(selection(el)).to.match(/^Sélection : .*LEF[EÈ]VRE/);
      // Out of the group (one Tab stop), past the alerts buttons and the pagination, to Valider.
      const valider = button(el, 'Valider');
      for (let i = 0; i < 20 && focused() !== valider; i++) {
        await sendKeys({ press: 'Tab' });
        expect(radios(el)).to.not.include(focused());
      }
      expect(focused()).to.equal(valider);
      const event = oneEvent(el, 'cibtp-tiers-selected');
      await sendKeys({ press: 'Enter' });
      expect(((await event) as CustomEvent<TiersSelectedDetail>).detail.session.tiers?.id).to.equal(chosen);
    });
  });

  describe('states', () => {
    it('first load: « Chargement des adhérents… »', async () => {
      mock.faults.set('searchTiers', { kind: 'latency', ms: 600 }, { times: 1 });
      const { client } = await chooser(DEMO_ACCOUNTS.multi);
      const el = fixtureSync<CibtpTiersPicker>(html`<cibtp-tiers-picker .client=${client}></cibtp-tiers-picker>`);
      await el.updateComplete;
      expect(text($(el, '[data-part="loading"]'))).to.equal('Chargement des adhérents…');
      expect(el.querySelector('table')).to.equal(null);
      await expect(el).to.be.accessible();
      await until(() => rows(el).length === 3, 'loaded');
      expect(el.querySelector('[data-part="loading"]')).to.equal(null);
    });

    it('no match: says so with the words searched, and announces « Aucun résultat »', async () => {
      const { el } = await render(DEMO_ACCOUNTS.multi);
      type(search(el), 'xyz');
      await until(() => el.querySelector('[data-part="empty"]'), 'empty');
      expect(plain($(el, '[data-part="empty"]'))).to.equal('Aucun adhérent ne correspond à « xyz ».');
      expect(status(el)).to.equal('Aucun résultat');
      expect(el.querySelector('[data-part="pagination"]')).to.equal(null);
      await expect(el).to.be.accessible();
      // Enter in the search box searches; it does not send the (empty) choice.
      search(el).focus();
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Enter' });
      await until(() => rows(el).length === 3, 'all again');
      expect(el.querySelector('[data-part="error-summary"]')).to.equal(null);
      expect(status(el)).to.equal('3 résultats');
    });

    it('load failure: the message and Réessayer, which loads the list and moves the focus to it', async () => {
      mock.faults.set('searchTiers', { kind: 'malformed' });
      const { client } = await chooser(DEMO_ACCOUNTS.multi);
      const el = fixtureSync<CibtpTiersPicker>(html`<cibtp-tiers-picker .client=${client}></cibtp-tiers-picker>`);
      await until(() => el.querySelector('[data-part="notice"]'), 'failure shown');
      const box = $(el, '[data-part="notice"]');
      expect(text(box)).to.include('La liste des adhérents n’a pas pu être affichée');
      expect(text(box)).to.include('Le service a renvoyé une réponse inattendue.');
      await expect(el).to.be.accessible();
      const retry = button(box, 'Réessayer');
      retry.focus();
      retry.click();
      await el.updateComplete;
      expect(retry.getAttribute('aria-disabled')).to.equal('true');
      await until(() => retry.getAttribute('aria-disabled') === 'false', 'failed again');
      expect(el.querySelector('[data-part="notice"]')).to.exist;
      expect(focused()).to.equal(button(el, 'Réessayer'));
      mock.faults.clear('searchTiers');
      button(el, 'Réessayer').click();
      await until(() => rows(el).length === 3, 'loaded');
      expect(el.querySelector('[data-part="notice"]')).to.equal(null);
      await until(() => focused() === $(el, '[data-part="table"]'), 'focus on the list');
    });
  });

  describe('on a phone (375 px)', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('cards: the page never scrolls sideways, each row’s site name is on screen, every value keeps its column name', async () => {
      await setViewport({ width: 375, height: 800 });
      const { el } = await render(DEMO_ACCOUNTS.multi);
      const page = document.documentElement;
      expect(page.scrollWidth).to.be.at.most(page.clientWidth);
      const sites = rows(el).map((row) => row.children[3]!.querySelector<HTMLElement>('[id$="-site"]')!);
      expect(sites.map((s) => text(s))).to.deep.equal(['Agence de Saint-Étienne', 'Siège — Lyon', 'Atelier de Grenoble']);
      for (const s of sites) {
        const box = s.getBoundingClientRect();
        expect(box.width, text(s)).to.be.greaterThan(0);
        expect(box.left, text(s)).to.be.at.least(0);
        expect(box.right, text(s)).to.be.at.most(375);
        expect(s.checkVisibility(), text(s)).to.equal(true);
      }
      // Each value has its column's name above it, shown but not said twice: the table's roles are
      // explicit, so that a screen reader still names each cell by its column header.
      const row = rows(el)[0]!;
      const labels = [...row.querySelectorAll<HTMLElement>('[data-part="cell-label"]')];
      expect(labels.map((l) => text(l))).to.deep.equal(['Raison sociale', 'SIRET', 'Nom du site déclarant', 'Identifiant', 'Alertes DSN']);
      for (const label of labels) {
        expect(label.checkVisibility(), text(label)).to.equal(true);
        expect(label.getAttribute('aria-hidden')).to.equal('true');
      }
      expect(getComputedStyle(row).display).to.equal('grid');
      expect($(el, 'table').getAttribute('role')).to.equal('table');
      expect([...row.children].map((c) => c.getAttribute('role'))).to.deep.equal(['cell', 'rowheader', 'cell', 'cell', 'cell', 'cell']);
      expect([...el.querySelectorAll('thead th')].every((th) => th.getAttribute('role') === 'columnheader')).to.equal(true);
      expect(row.getAttribute('role')).to.equal('row');
      // The sort buttons stay on screen.
      for (const b of el.querySelectorAll<HTMLElement>('thead button')) {
        expect(b.getBoundingClientRect().right, text(b)).to.be.at.most(375);
        expect(b.checkVisibility(), text(b)).to.equal(true);
      }
      await expect(el).to.be.accessible();

      // The tooltip of a card's alerts button opens on screen too.
      const trigger = $<HTMLButtonElement>(row, '[data-part="dsn-alerts"] button');
      trigger.focus();
      await el.updateComplete;
      const tip = document.getElementById(trigger.getAttribute('aria-describedby')!)!.getBoundingClientRect();
      expect(tip.left).to.be.at.least(0);
      expect(tip.right).to.be.at.most(375);
      expect(page.scrollWidth).to.be.at.most(page.clientWidth);
      await expect(el).to.be.accessible();
    });
  });

  it('in English: headings, columns, counts and buttons', async () => {
    const { el } = await render(DEMO_ACCOUNTS.multi);
    await inEnglish(el, { en: 'Choose a member company and declaring site', fr: 'Choix de l’adhérent et du site déclarant' }, () => {
      expect(headers(el)).to.deep.equal(['Selection', 'Company name', 'SIRET', 'Declaring site name', 'CIBTP ID', 'DSN alerts']);
      expect(text($(el, '[data-part="caption"]'))).to.equal('Member companies and declaring sites: 3 results');
      expect(text($(el, 'label[for$="-search"]'))).to.equal('Search for a member company or site');
      expect(pageText(el)).to.equal('Page 1 of 1');
      expect(cellValue(rows(el)[1]!.children[5]!)).to.equal('None');
      expect(button(el, 'Confirm').type).to.equal('submit');
      expect(button(el, 'Cancel')).to.exist;
    });
  });
});
