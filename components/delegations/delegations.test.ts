import { expect, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import { http } from 'msw';
import './delegations.js';
import '../portal/portal.js';
import type { CibtpDelegations, DelegationChangedDetail } from './delegations.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { DEMO_ACCOUNTS, DEMO_DELEGATIONS, DEMO_PASSWORD } from '../../mock-server/index.js';
import { login, logout, selectTiers } from '../../sdk/auth/index.js';
import { completeAccount, delegateToCabinet } from '../../sdk/rights/index.js';
import { searchTiers } from '../../sdk/tiers/operations.js';
import type { PortalClient } from '../../sdk/index.js';
import type { Delegation } from '../../sdk/schemas/rights.js';
import { $, focused, headingText, inEnglish, recordingClient, resetBackend, text, until, type RecordedCall } from '../shared/testing.js';

/** Text without the direction isolates (FSI/PDI) that wrap server strings inside sentences. */
const plain = (node: Node | null | undefined) => text(node).replace(/[\u2068\u2069]/g, '');

const rows = (el: ParentNode) => [...el.querySelectorAll<HTMLTableRowElement>('tbody tr')];
const status = (el: ParentNode) => plain($(el, '[data-part="status"]'));
const pageText = (el: ParentNode) => text($(el, '.cibtp-pagination__status'));
const sortButton = (el: ParentNode, sort: string) => $<HTMLButtonElement>(el, `button[data-sort="${sort}"]`);
const sorted = (el: ParentNode) => el.querySelector('th[aria-sort]');
const idle = (el: ParentNode) => !el.querySelector('table[aria-busy="true"]') && !el.querySelector('[data-part="loading"]');

/** What a cell says to a screen reader, without the column name the cards show above its value. */
function cellValue(cell: Element): string {
  const copy = cell.cloneNode(true) as Element;
  copy.querySelectorAll('[data-part="cell-label"], [aria-hidden="true"]').forEach((n) => n.remove());
  return plain(copy);
}
const rowValues = (row: Element) => [...row.children].map(cellValue);
const names = (el: ParentNode) => rows(el).map((r) => cellValue(r.children[1]!));
const column = (el: ParentNode, i: number) => rows(el).map((r) => cellValue(r.children[i]!));

/** The column headers as a screen reader names them (sort icons are hidden from it). */
function headers(el: ParentNode): string[] {
  return [...el.querySelectorAll('thead th')].map((th) => {
    const copy = th.cloneNode(true) as Element;
    copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
    return text(copy);
  });
}

/** The button named `label` (its visible text and the visually hidden rest, isolates removed). */
function action(root: ParentNode, label: string): HTMLButtonElement {
  const all = [...root.querySelectorAll('button')];
  const found = all.find((b) => plain(b) === label);
  if (!found) throw new Error(`No button "${label}" in: ${all.map((b) => plain(b)).join(' | ')}`);
  return found;
}
const hasButton = (root: ParentNode, label: string) => [...root.querySelectorAll('button')].some((b) => plain(b) === label);

function select(el: ParentNode, label: string): HTMLSelectElement {
  const l = [...el.querySelectorAll('label')].find((x) => text(x) === label);
  if (!l) throw new Error(`No label ${label}`);
  return l.control as HTMLSelectElement;
}
function input(el: ParentNode, label: string): HTMLInputElement {
  return select(el, label) as unknown as HTMLInputElement;
}
function choose(control: HTMLSelectElement | HTMLInputElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
}
function tick(box: HTMLInputElement): void {
  box.click();
}

/** The queries of `GET delegations` as the backend received them. */
function receivedSearches(mock: RunningMockWorker): Array<Record<string, string>> {
  const seen: Array<Record<string, string>> = [];
  mock.worker.use(
    http.get('*/api/delegations', ({ request }) => {
      seen.push(Object.fromEntries(new URL(request.url).searchParams));
    }),
  );
  return seen;
}

/** Today on the mock's clock (the caisses' time zone). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const fr = (iso: string) => iso.split('-').reverse().join('/');

async function signIn(email: string, tiersId?: string): Promise<{ client: PortalClient; calls: RecordedCall[] }> {
  const recorded = recordingClient();
  const result = await login(recorded.client, { email, password: DEMO_PASSWORD });
  if (result.status === 'choose-tiers') await selectTiers(recorded.client, { tiersId: tiersId! });
  expect(recorded.client.session?.tiers).to.not.equal(null);
  recorded.calls.length = 0;
  return recorded;
}

/** The list rendered for `client` (its first page shown, or an empty or forbidden state). */
async function render(client: PortalClient | undefined, o: { pageSize?: number; urlState?: string | null } = {}) {
  // `url-state` only when asked for: the attribute's presence turns it on.
  const el = fixtureSync<CibtpDelegations>(html`<cibtp-delegations .client=${client} page-size=${o.pageSize ?? 5}
    url-state=${ifDefined(o.urlState ?? undefined)}></cibtp-delegations>`);
  await settle(el);
  return el;
}

/** The list and its head have answered. */
async function settle(el: CibtpDelegations): Promise<void> {
  await until(
    () => (rows(el).length > 0 || el.querySelector('[data-part="empty"], [data-part="notice"]')) && idle(el) && el.querySelector('[data-part="summary"] p, [data-part="notice"]'),
    'list shown',
  );
  await el.updateComplete;
}

async function admin(o: { pageSize?: number; urlState?: string | null } = {}) {
  const { client, calls } = await signIn(DEMO_ACCOUNTS.admin);
  const el = await render(client, o);
  return { el, client, calls };
}

/** The dialog, once open. */
async function openedDialog(el: ParentNode): Promise<HTMLDialogElement> {
  const dialog = $<HTMLDialogElement>(el, '[data-part="dialog"]');
  await until(() => dialog.open, 'dialog open');
  return dialog;
}

const MARTIN = 'MARTIN Sophie';

describe('<cibtp-delegations>', () => {
  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });

  describe('the administrator of DURAND BTP Siège (admin@durand-btp.fr)', () => {
    it('first page: the head, 5 of 7 sorted by name, the columns, the statuses and dates, the firm block; axe', async () => {
      const seen = receivedSearches(mock);
      const { el } = await admin();
      expect(headingText(el)).to.equal('Gérer les droits d’accès');
      expect(text($(el, '.cibtp-subheading'))).to.equal('Liste des bénéficiaires de délégation');
      const summary = plain($(el, '[data-part="summary"]'));
      expect(summary).to.include('Identifiant CIBTP : 100234567');
      expect(summary).to.include('7 bénéficiaires');
      expect(summary).to.include('Exclure les utilisateurs inactifs');
      expect(headers(el)).to.deep.equal(['Rôle', 'Nom et prénom', 'Statut', 'Date d’effet', 'Date de fin', 'Courriel', 'Actions']);
      expect(sorted(el)?.textContent).to.include('Nom et prénom');
      expect(sorted(el)?.getAttribute('aria-sort')).to.equal('ascending');
      expect(el.querySelectorAll('th[aria-sort]')).to.have.length(1);
      // Every column but Actions has a sort button.
      expect([...el.querySelectorAll('thead button')].map((b) => b.getAttribute('data-sort'))).to.deep.equal(
        ['role', 'name', 'status', 'effectiveDate', 'endDate', 'email'],
      );
      expect(seen[0]).to.deep.equal({ sort: 'name', direction: 'asc', page: '1', pageSize: '5' });
      expect(rows(el)).to.have.length(5);
      // The delegate who has not activated its account yet has no name: it sorts first.
      expect(names(el)).to.deep.equal(['Non renseigné', 'DUBOIS Pierre', 'GIRARD Émilie', 'LEROY Marc', MARTIN]);
      const martin = rows(el)[4]!;
      const started = addDays(today(), -300);
      expect(rowValues(martin)).to.deep.equal([
        'Utilisateur', MARTIN, 'Actif', fr(started), 'Aucune', DEMO_DELEGATIONS.activeUser,
        `Voir la délégation de ${MARTIN} Modifier la délégation de ${MARTIN} Fermer la délégation de ${MARTIN}`,
      ]);
      expect($(martin, 'time').getAttribute('datetime')).to.equal(started);
      expect(text($(martin, 'time'))).to.match(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(column(el, 2)).to.deep.equal(['En attente', 'Inactif', 'Actif', 'En attente', 'Actif']);
      // An ended delegation (its date de fin has passed): inactive, only viewed.
      expect(rowValues(rows(el)[1]!)[4]).to.equal(fr(addDays(today(), -10)));
      expect(rowValues(rows(el)[1]!)[6]).to.equal('Voir la délégation de DUBOIS Pierre');
      expect(rowValues(rows(el)[0]!)[6]).to.include(`Voir la délégation de ${DEMO_DELEGATIONS.pendingActivation}`);
      expect(pageText(el)).to.equal('Page 1 sur 2');
      expect($(el, '[aria-current="page"]').getAttribute('data-page')).to.equal('1');
      expect(status(el)).to.equal('7 résultats');
      expect(text($(el, '[data-part="caption"]'))).to.equal('Bénéficiaires de délégation : 7 résultats');
      const cabinet = $(el, '[data-part="cabinet"]');
      expect(plain($(cabinet, 'h3'))).to.equal('Cabinet comptable délégable : FIDUCIAIRE DU RHÔNE');
      expect(text(cabinet)).to.include('Vous n’avez défini aucune délégation à votre cabinet comptable.');
      expect(hasButton(cabinet, 'Déléguer à mon cabinet comptable')).to.equal(true);
      expect(hasButton(el, 'Ajouter une délégation')).to.equal(true);
      // The filters, each labelled.
      expect([...select(el, 'Rôle').options].map((o) => o.text)).to.deep.equal(['Tous', 'Administrateur', 'Utilisateur', 'Cabinet comptable']);
      expect([...select(el, 'Statut').options].map((o) => o.text)).to.deep.equal(['Tous', 'Actif', 'En attente', 'Inactif']);
      expect(input(el, 'Date d’effet à partir du').type).to.equal('date');
      expect(input(el, 'Date de fin jusqu’au').type).to.equal('date');
      await expect(el).to.be.accessible();
    });

    it('sorts by each column on the server, ascending then descending (aria-sort follows, focus stays)', async () => {
      const seen = receivedSearches(mock);
      const { el } = await admin({ pageSize: 10 });
      for (const sort of ['role', 'name', 'status', 'effectiveDate', 'endDate', 'email']) {
        const header = () => sortButton(el, sort).closest('th')!;
        sortButton(el, sort).focus();
        // Another column than the one sorted: ascending first.
        const expected = 'ascending';
        sortButton(el, sort).click();
        await until(() => header().getAttribute('aria-sort') === expected && idle(el), `${sort} ${expected}`);
        expect(seen.at(-1)).to.include({ sort, direction: expected === 'ascending' ? 'asc' : 'desc', page: '1' });
        expect(el.querySelectorAll('th[aria-sort]')).to.have.length(1);
        expect(focused()).to.equal(sortButton(el, sort));
        if (sort === 'role') expect(column(el, 0).indexOf('Administrateur')).to.equal(0);
        if (sort === 'effectiveDate') {
          const dates = rows(el).map((r) => r.children[3]!.querySelector('time')!.getAttribute('datetime')!);
          expect([...dates].sort()).to.deep.equal(dates);
        }
        if (sort === 'email') expect(column(el, 5)).to.deep.equal([...column(el, 5)].sort());
        const again = expected === 'ascending' ? 'descending' : 'ascending';
        sortButton(el, sort).click();
        await until(() => header().getAttribute('aria-sort') === again && idle(el), `${sort} ${again}`);
        expect(seen.at(-1)).to.include({ sort, direction: again === 'ascending' ? 'asc' : 'desc' });
        if (sort === 'status') expect(column(el, 2)[0]).to.equal('Inactif');
      }
      await expect(el).to.be.accessible();
    });

    it('filters on role, status, date d’effet and date de fin, on the server; Effacer les filtres', async () => {
      const seen = receivedSearches(mock);
      const { el } = await admin();
      choose(select(el, 'Rôle'), 'administrateur');
      await until(() => names(el).join() === 'ROUSSEAU Julien' && idle(el), 'administrators');
      expect(seen.at(-1)).to.include({ role: 'administrateur', page: '1' });
      expect(status(el)).to.equal('1 résultat');
      expect(column(el, 0)).to.deep.equal(['Administrateur']);

      choose(select(el, 'Rôle'), '');
      choose(select(el, 'Statut'), 'inactive');
      await until(() => names(el).join() === 'DUBOIS Pierre,MOREL Isabelle' && idle(el), 'inactive ones');
      expect(seen.at(-1)).to.include({ status: 'inactive' });
      expect(seen.at(-1)).to.not.have.property('role');

      choose(select(el, 'Statut'), '');
      const from = addDays(today(), -100);
      choose(input(el, 'Date d’effet à partir du'), from);
      await until(() => idle(el) && seen.at(-1)?.['effectiveFrom'] === from && rows(el).length === 3, 'effective from');
      expect(names(el)).to.deep.equal(['Non renseigné', 'GIRARD Émilie', 'LEROY Marc']);

      choose(input(el, 'Date d’effet à partir du'), '');
      choose(input(el, 'Date de fin jusqu’au'), today());
      await until(() => idle(el) && seen.at(-1)?.['endUntil'] === today() && names(el).join() === 'DUBOIS Pierre', 'end until');
      expect(seen.at(-1)).to.not.have.property('effectiveFrom');
      await expect(el).to.be.accessible();

      // A date the backend does not take (before 2000) is said, and not sent.
      const sent = seen.length;
      choose(input(el, 'Date de fin jusqu’au'), '1999-12-31');
      await el.updateComplete;
      expect(text($(el, '[data-part="filters"] .cibtp-field-error'))).to.equal('Date de fin jusqu’au : format invalide');
      expect(input(el, 'Date de fin jusqu’au').getAttribute('aria-invalid')).to.equal('true');
      await until(() => seen.length > sent && idle(el), 'the list without that date');
      expect(seen.at(-1)).to.not.have.property('endUntil');

      choose(select(el, 'Rôle'), 'cabinet');
      await until(() => el.querySelector('[data-part="empty"]') && idle(el), 'nothing matches');
      expect(text($(el, '[data-part="empty"]'))).to.equal('Aucun bénéficiaire ne correspond aux filtres. Effacer les filtres');
      expect(status(el)).to.equal('Aucun résultat');
      expect(el.querySelector('[data-part="pagination"]')).to.equal(null);
      expect(el.querySelectorAll('button')).to.satisfy((all: NodeListOf<HTMLButtonElement>) =>
        [...all].filter((b) => text(b) === 'Effacer les filtres').length === 1);
      await expect(el).to.be.accessible();
      action(el, 'Effacer les filtres').click();
      await until(() => rows(el).length === 5 && idle(el), 'all again');
      expect(seen.at(-1)).to.deep.equal({ sort: 'name', direction: 'asc', page: '1', pageSize: '5' });
      expect(select(el, 'Rôle').value).to.equal('');
      expect(input(el, 'Date de fin jusqu’au').value).to.equal('');
      expect(focused()).to.equal(select(el, 'Rôle'));
    });

    it('Exclure les utilisateurs inactifs: the backend leaves them out (one page of 5)', async () => {
      const seen = receivedSearches(mock);
      const { el } = await admin();
      tick(input(el, 'Exclure les utilisateurs inactifs'));
      await until(() => idle(el) && seen.at(-1)?.['excludeInactive'] === 'true' && status(el) === '5 résultats', 'active and pending only');
      expect(names(el)).to.deep.equal(['Non renseigné', 'GIRARD Émilie', 'LEROY Marc', MARTIN, 'ROUSSEAU Julien']);
      expect(column(el, 2)).to.not.include('Inactif');
      expect(pageText(el)).to.equal('Page 1 sur 1');
      // The head counts every beneficiary of the tiers.
      expect(plain($(el, '[data-part="summary"]'))).to.include('7 bénéficiaires');
    });

    it('page size menu (5, 10, 25, 50) and page buttons (Précédent, numbers, Suivant; aria-current; the focus)', async () => {
      const seen = receivedSearches(mock);
      const { el } = await admin();
      const numbers = () => [...el.querySelectorAll('[data-part="pagination"] [data-page]')].map((b) => text(b));
      expect(numbers()).to.deep.equal(['Page 1', 'Page 2']);
      expect(action(el, 'Précédent').disabled).to.equal(true);
      action(el, 'Suivant').focus();
      action(el, 'Suivant').click();
      await until(() => status(el) === 'Page 2 sur 2', 'page 2');
      expect(seen.at(-1)).to.include({ page: '2' });
      expect(names(el)).to.deep.equal(['MOREL Isabelle', 'ROUSSEAU Julien']);
      expect(pageText(el)).to.equal('Page 2 sur 2');
      expect($(el, '[aria-current="page"]').getAttribute('data-page')).to.equal('2');
      // *Suivant* got disabled: the focus went to the table (named by its caption).
      await until(() => focused() === $(el, '[data-part="table"]'), 'table focused');
      const one = action(el, 'Page 1');
      one.focus();
      one.click();
      await until(() => status(el) === 'Page 1 sur 2', 'page 1');
      expect(focused()).to.equal(action(el, 'Page 1'));
      expect(action(el, 'Page 1').getAttribute('aria-current')).to.equal('page');
      expect(action(el, 'Page 2').hasAttribute('aria-current')).to.equal(false);

      const size = $<HTMLSelectElement>(el, '[data-part="pagination"] select');
      expect([...size.options].map((o) => o.value)).to.deep.equal(['5', '10', '25', '50']);
      expect(text(size.labels[0])).to.equal('Lignes par page');
      choose(size, '10');
      await until(() => rows(el).length === 7 && idle(el), '7 rows');
      expect(seen.at(-1)).to.include({ page: '1', pageSize: '10' });
      expect(pageText(el)).to.equal('Page 1 sur 1');
      await expect(el).to.be.accessible();
    });

    it('a client given later: the list waits for it (ListController `ready`), then loads once', async () => {
      const seen = receivedSearches(mock);
      const { client } = await signIn(DEMO_ACCOUNTS.admin);
      const el = fixtureSync<CibtpDelegations>(html`<cibtp-delegations></cibtp-delegations>`);
      await el.updateComplete;
      expect(seen).to.have.length(0);
      el.client = client;
      await until(() => rows(el).length === 5 && idle(el), 'loaded once the client came');
      expect(el.querySelector('[data-part="notice"]')).to.equal(null);
      expect(seen).to.have.length(1);
    });
  });

  describe('the list in the page’s address (url-state)', () => {
    let original: string;
    beforeEach(() => {
      original = location.href;
    });
    afterEach(() => history.replaceState(null, '', original));

    it('filters, sort and page go into the query string; a reload reads them back; Back shows the previous list', async () => {
      const seen = receivedSearches(mock);
      const { el, client } = await admin({ urlState: '' });
      const own = new URL(original).searchParams;
      const length = history.length;
      // Filter typing replaces the entry.
      choose(select(el, 'Statut'), 'active');
      await until(() => idle(el) && status(el) === '3 résultats', 'active ones');
      expect(new URLSearchParams(location.search).get('status')).to.equal('active');
      expect(history.length).to.equal(length);
      // A sort is a new entry.
      sortButton(el, 'email').click();
      await until(() => idle(el) && sortButton(el, 'email').closest('th')!.getAttribute('aria-sort') === 'ascending', 'by email');
      expect(history.length).to.equal(length + 1);
      choose($<HTMLSelectElement>(el, '[data-part="pagination"] select'), '10');
      await until(() => idle(el) && seen.at(-1)?.['pageSize'] === '10', 'size 10');
      const params = new URLSearchParams(location.search);
      expect(params.get('status')).to.equal('active');
      expect(params.get('sort')).to.equal('email');
      expect(params.get('dir')).to.equal('asc');
      expect(params.get('size')).to.equal('10');
      expect(params.has('page')).to.equal(false);
      // Nothing else was touched: the test page's own parameters stay.
      for (const [key, value] of own) expect(params.get(key)).to.equal(value);

      // A reload: a new element reads the address.
      el.remove();
      const again = await render(client, { urlState: '' });
      expect(seen.at(-1)).to.deep.equal({ status: 'active', sort: 'email', direction: 'asc', page: '1', pageSize: '10' });
      expect(select(again, 'Statut').value).to.equal('active');
      expect(sortButton(again, 'email').closest('th')!.getAttribute('aria-sort')).to.equal('ascending');
      expect($<HTMLSelectElement>(again, '[data-part="pagination"] select').value).to.equal('10');
      expect(column(again, 2)).to.deep.equal(['Actif', 'Actif', 'Actif']);

      // Back: the entry before the page size (5 rows, by email).
      const popped = oneEvent(window, 'popstate');
      history.back();
      await popped;
      await until(() => idle(again) && seen.at(-1)?.['pageSize'] === '5', 'back to 5 rows');
      expect($<HTMLSelectElement>(again, '[data-part="pagination"] select').value).to.equal('5');
      expect(new URLSearchParams(location.search).has('size')).to.equal(false);
      // Back again: before the sort (by name).
      const popped2 = oneEvent(window, 'popstate');
      history.back();
      await popped2;
      await until(() => idle(again) && sortButton(again, 'name').closest('th')!.getAttribute('aria-sort') === 'ascending', 'by name again');
      expect(seen.at(-1)).to.include({ sort: 'name', status: 'active' });
      await expect(again).to.be.accessible();
    });

    it('a page change is a history entry; `url-state="liste"` prefixes its keys; without it nothing is written', async () => {
      const { el } = await admin({ urlState: 'liste' });
      action(el, 'Page 2').click();
      await until(() => status(el) === 'Page 2 sur 2', 'page 2');
      expect(new URLSearchParams(location.search).get('liste-page')).to.equal('2');
      expect(new URLSearchParams(location.search).has('page')).to.equal(false);
      const popped = oneEvent(window, 'popstate');
      history.back();
      await popped;
      await until(() => idle(el) && pageText(el) === 'Page 1 sur 2', 'page 1 again');
      el.remove();

      const before = location.href;
      const plainList = await admin();
      action(plainList.el, 'Page 2').click();
      await until(() => status(plainList.el) === 'Page 2 sur 2', 'page 2');
      expect(location.href).to.equal(before);
    });

    it('values it does not know are ignored: the defaults instead', async () => {
      const url = new URL(original);
      for (const [k, v] of Object.entries({ role: 'chef', status: 'active', sort: 'salary', page: '-3', size: '5000', from: '2024-02-31' })) url.searchParams.set(k, v);
      history.replaceState(null, '', url);
      const seen = receivedSearches(mock);
      await admin({ urlState: '' });
      expect(seen[0]).to.deep.equal({ status: 'active', sort: 'name', direction: 'asc', page: '1', pageSize: '5' });
    });
  });

  describe('closing, deleting, confirming', () => {
    it('Fermer: a modal dialog names the person and what happens; Confirmer closes it on the server, announced', async () => {
      const { el, calls } = await admin();
      const fermer = action(el, `Fermer la délégation de ${MARTIN}`);
      fermer.focus();
      fermer.click();
      const dialog = await openedDialog(el);
      expect(plain($(dialog, 'h3'))).to.equal('Fermer la délégation');
      const body = plain(document.getElementById(dialog.getAttribute('aria-describedby')!));
      expect(body).to.equal(
        `La délégation de ${MARTIN} (${DEMO_DELEGATIONS.activeUser}) sera fermée : elle passera au statut Inactif et ses droits d’accès à votre espace prendront fin dès maintenant.`,
      );
      expect(text(document.getElementById(dialog.getAttribute('aria-labelledby')!))).to.equal('Fermer la délégation');
      // The least destructive choice has the focus.
      expect(focused()).to.equal(action(dialog, 'Annuler'));
      expect(calls.filter((c) => c.method !== 'GET')).to.have.length(0);
      await expect(el).to.be.accessible();

      const changed = oneEvent(el, 'cibtp-delegation-changed');
      action(dialog, 'Confirmer').click();
      const { detail } = (await changed) as CustomEvent<DelegationChangedDetail>;
      expect(detail).to.deep.equal({ id: 'd-lyon-1', action: 'closed' });
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).to.deep.equal(['/api/delegations/d-lyon-1/close']);
      await until(() => !dialog.open, 'dialog closed');
      await until(() => idle(el) && column(el, 2)[4] === 'Inactif', 'the row is inactive');
      expect(status(el)).to.equal(`La délégation de ${MARTIN} est fermée.`);
      const martin = rows(el)[4]!;
      expect(cellValue(martin.children[6]!)).to.equal(`Voir la délégation de ${MARTIN}`);
      await until(() => focused() === action(el, `Voir la délégation de ${MARTIN}`), 'focus on the row’s Voir');
      expect(mock.db.delegations.find(DEMO_DELEGATIONS.siteId, 'd-lyon-1')?.closed).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('Annuler and Escape send nothing and give the focus back; a failure stays in the dialog, a retry goes through once', async () => {
      const { el, calls } = await admin();
      action(el, `Fermer la délégation de ${MARTIN}`).click();
      let dialog = await openedDialog(el);
      action(dialog, 'Annuler').click();
      await until(() => !dialog.open, 'closed');
      await until(() => focused() === action(el, `Fermer la délégation de ${MARTIN}`), 'focus back');

      action(el, `Fermer la délégation de ${MARTIN}`).focus();
      action(el, `Fermer la délégation de ${MARTIN}`).click();
      dialog = await openedDialog(el);
      await sendKeys({ press: 'Escape' });
      await until(() => !dialog.open, 'closed by Escape');
      expect(focused()).to.equal(action(el, `Fermer la délégation de ${MARTIN}`));
      expect(calls.filter((c) => c.method === 'POST')).to.have.length(0);

      mock.faults.set('closeDelegation', { kind: 'server' }, { times: 1 });
      action(el, `Fermer la délégation de ${MARTIN}`).click();
      dialog = await openedDialog(el);
      action(dialog, 'Confirmer').click();
      await until(() => dialog.querySelector('[data-part="notice"]'), 'failure said');
      const box = $(dialog, '[data-part="notice"]');
      expect(text(box)).to.include('La délégation n’a pas pu être fermée');
      expect(text(box)).to.include('Le service rencontre une difficulté temporaire.');
      expect(dialog.open).to.equal(true);
      expect(focused()).to.equal(box);
      await expect(el).to.be.accessible();

      mock.faults.set('closeDelegation', { kind: 'latency', ms: 300 }, { times: 1 });
      let changes = 0;
      el.addEventListener('cibtp-delegation-changed', () => changes++);
      action(dialog, 'Confirmer').click();
      await el.updateComplete;
      expect($(dialog, '[data-part="dialog-confirm"]').getAttribute('aria-disabled')).to.equal('true');
      action(dialog, 'Confirmer').click();
      await until(() => changes === 1 && !dialog.open, 'closed once');
      const posts = calls.filter((c) => c.method === 'POST');
      expect(posts).to.have.length(2);
      // The retry of the same action after a server failure carries the same key.
      expect(posts[0]!.idempotencyKey).to.equal(posts[1]!.idempotencyKey);
      await until(() => status(el) === `La délégation de ${MARTIN} est fermée.`, 'announced');
    });

    it('the firm’s delegation (seeded with delegateToCabinet): pending in the block and the table; Supprimer deletes it', async () => {
      const { client, calls } = await signIn(DEMO_ACCOUNTS.admin);
      const seeded = await delegateToCabinet(client, { effectiveDate: today(), rights: { administrator: false, colleges: ['ouvrier'], functions: { documents: 'read' } } });
      calls.length = 0;
      const el = await render(client);
      const cabinet = $(el, '[data-part="cabinet"]');
      expect(text($(cabinet, '[data-part="cabinet-status"]'))).to.equal(
        'En attente de l’inscription du cabinet comptable : un courriel l’invite à compléter son compte.',
      );
      expect(hasButton(cabinet, 'Déléguer à mon cabinet comptable')).to.equal(false);
      expect(hasButton(cabinet, 'Confirmer la délégation')).to.equal(false);
      expect(plain($(el, '[data-part="summary"]'))).to.include('8 bénéficiaires');
      const row = rows(el).find((r) => cellValue(r.children[1]!) === 'FIDUCIAIRE DU RHÔNE')!;
      expect(rowValues(row).slice(0, 3)).to.deep.equal(['Cabinet comptable', 'FIDUCIAIRE DU RHÔNE', 'En attente']);
      expect(cellValue(row.children[6]!)).to.equal('Voir la délégation de FIDUCIAIRE DU RHÔNE Supprimer la délégation de FIDUCIAIRE DU RHÔNE');
      await expect(el).to.be.accessible();

      action(el, 'Supprimer la délégation de FIDUCIAIRE DU RHÔNE').click();
      const dialog = await openedDialog(el);
      expect(plain($(dialog, 'h3'))).to.equal('Supprimer la délégation');
      expect(plain(dialog)).to.include('La délégation de FIDUCIAIRE DU RHÔNE sera supprimée : le cabinet comptable n’aura plus accès à votre espace.');
      const changed = oneEvent(el, 'cibtp-delegation-changed');
      action(dialog, 'Confirmer').click();
      expect(((await changed) as CustomEvent<DelegationChangedDetail>).detail).to.deep.equal({ id: seeded.id, action: 'deleted' });
      expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).to.deep.equal([`/api/delegations/${seeded.id}`]);
      await until(() => hasButton(el, 'Déléguer à mon cabinet comptable') && idle(el), 'the block without delegation');
      expect(status(el)).to.equal('La délégation de FIDUCIAIRE DU RHÔNE est supprimée.');
      expect(names(el)).to.not.include('FIDUCIAIRE DU RHÔNE');
      await until(() => focused() === action(el, 'Déléguer à mon cabinet comptable'), 'focus on the block’s button');
      expect(plain($(el, '[data-part="summary"]'))).to.include('7 bénéficiaires');
    });

    it('a firm that completed its account: Confirmer la délégation (confirmed first) makes it active', async () => {
      const { client, calls } = await signIn(DEMO_ACCOUNTS.admin);
      const seeded = await delegateToCabinet(client, { effectiveDate: today(), rights: { administrator: false, colleges: ['etam'], functions: { planning: 'write' } } });
      const link = mock.outbox.last({ kind: 'email', to: DEMO_DELEGATIONS.cabinet.email })!.link!;
      const token = new URLSearchParams(new URL(link, location.href).hash.slice(1)).get('token')!;
      await completeAccount(recordingClient().client, { token, password: DEMO_PASSWORD, lastName: 'Blanc', firstName: 'Claire' });
      calls.length = 0;
      const el = await render(client);
      const cabinet = $(el, '[data-part="cabinet"]');
      expect(text($(cabinet, '[data-part="cabinet-status"]'))).to.include('En attente de votre confirmation');
      const row = rows(el).find((r) => cellValue(r.children[1]!) === 'FIDUCIAIRE DU RHÔNE')!;
      expect(cellValue(row.children[2]!)).to.equal('En attente de confirmation');
      action(cabinet, 'Confirmer la délégation').click();
      const dialog = await openedDialog(el);
      expect(plain($(dialog, 'h3'))).to.equal('Confirmer la délégation');
      expect(plain(dialog)).to.include('FIDUCIAIRE DU RHÔNE aura accès à votre espace, avec les droits que vous lui avez délégués.');
      await expect(el).to.be.accessible();
      const changed = oneEvent(el, 'cibtp-delegation-changed');
      action(dialog, 'Confirmer').click();
      expect(((await changed) as CustomEvent<DelegationChangedDetail>).detail).to.deep.equal({ id: seeded.id, action: 'confirmed' });
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).to.deep.equal(['/api/delegations/confirm']);
      await until(() => idle(el) && text($(el, '[data-part="cabinet-status"]')) === `Délégation active depuis le ${fr(today())}.`, 'active');
      expect(status(el)).to.equal('La délégation de FIDUCIAIRE DU RHÔNE est confirmée.');
      expect(cellValue(rows(el).find((r) => cellValue(r.children[1]!) === 'FIDUCIAIRE DU RHÔNE')!.children[2]!)).to.equal('Actif');
      await until(() => focused() === action(el, 'Voir la délégation'), 'focus on the block’s Voir');
    });
  });

  describe('the wizard, in place of the list', () => {
    const wizard = (el: Element) => el.querySelector('cibtp-delegation-wizard');

    it('Ajouter, Voir, Modifier and Déléguer à mon cabinet comptable show it with their attributes; cancel comes back', async () => {
      const { el } = await admin();
      const cases: Array<[string, Record<string, string | null>]> = [
        ['Ajouter une délégation', { 'delegation-id': null, readonly: null, cabinet: null }],
        [`Voir la délégation de ${MARTIN}`, { 'delegation-id': 'd-lyon-1', readonly: '', cabinet: null }],
        [`Modifier la délégation de ${MARTIN}`, { 'delegation-id': 'd-lyon-1', readonly: null, cabinet: null }],
        ['Déléguer à mon cabinet comptable', { 'delegation-id': null, readonly: null, cabinet: '' }],
      ];
      for (const [label, attributes] of cases) {
        const opener = action(el, label);
        opener.focus();
        opener.click();
        await until(() => wizard(el), `${label}: the wizard`);
        const w = wizard(el)!;
        for (const [name, value] of Object.entries(attributes)) expect(w.getAttribute(name), `${label} ${name}`).to.equal(value);
        expect(el.querySelector('table')).to.equal(null);
        expect(headingText(el)).to.equal('Gérer les droits d’accès');
        if (label === 'Ajouter une délégation') await expect(el).to.be.accessible();
        w.dispatchEvent(new CustomEvent('cibtp-delegation-cancel', { detail: {}, bubbles: true, composed: true }));
        await until(() => !wizard(el) && rows(el).length === 5, `${label}: the list again`);
        await until(() => focused() === action(el, label), `${label}: the focus back on its button`);
      }
    });

    it('saved: back to the list, reloaded and announced; the focus on the button that opened it', async () => {
      const seen = receivedSearches(mock);
      const { el } = await admin();
      action(el, 'Ajouter une délégation').click();
      await until(() => wizard(el), 'the wizard');
      const created: Delegation = {
        id: 'd-new', role: 'utilisateur', name: '', email: 'nouvelle@durand-btp.fr', status: 'pending', effectiveDate: today(), endDate: null,
        rights: { administrator: false, colleges: ['ouvrier'], functions: {} }, awaitingConfirmation: false,
      };
      const before = seen.length;
      wizard(el)!.dispatchEvent(new CustomEvent('cibtp-delegation-saved', { detail: { delegation: created, action: 'created' }, bubbles: true, composed: true }));
      await until(() => !wizard(el) && seen.length > before && idle(el), 'the list reloaded');
      expect(status(el)).to.equal('Délégation créée : un courriel d’activation a été envoyé à nouvelle@durand-btp.fr.');
      await until(() => focused() === action(el, 'Ajouter une délégation'), 'focus on Ajouter');

      action(el, `Modifier la délégation de ${MARTIN}`).click();
      await until(() => wizard(el), 'the wizard again');
      wizard(el)!.dispatchEvent(new CustomEvent('cibtp-delegation-saved', {
        detail: { delegation: { ...created, id: 'd-lyon-1', name: MARTIN, status: 'active' }, action: 'updated' }, bubbles: true, composed: true,
      }));
      await until(() => !wizard(el) && idle(el) && status(el) === `Délégation modifiée : ${MARTIN}.`, 'announced');
      await until(() => focused() === action(el, `Modifier la délégation de ${MARTIN}`), 'focus on Modifier');
    });
  });

  describe('states', () => {
    it('first load: « Chargement des bénéficiaires… »', async () => {
      mock.faults.set('searchDelegations', { kind: 'latency', ms: 600 }, { times: 1 });
      const { client } = await signIn(DEMO_ACCOUNTS.admin);
      const el = fixtureSync<CibtpDelegations>(html`<cibtp-delegations .client=${client}></cibtp-delegations>`);
      await el.updateComplete;
      expect(text($(el, '[data-part="loading"]'))).to.equal('Chargement des bénéficiaires…');
      expect(el.querySelector('table')).to.equal(null);
      await expect(el).to.be.accessible();
      await until(() => rows(el).length === 5, 'loaded');
    });

    it('403 at the Saint-Étienne agency (multi@durand-btp.fr holds delegated rights only there)', async () => {
      const { client } = await signIn(DEMO_ACCOUNTS.multi, 'durand-btp/saint-etienne');
      const el = await render(client);
      expect(text($(el, '[data-part="notice"]'))).to.include('Vous n’avez pas les droits d’administration sur ce tiers.');
      expect(el.querySelector('table')).to.equal(null);
      expect(el.querySelector('[data-part="add"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('a member without any delegation (DURAND CHARPENTE BOIS): « Aucune délégation », its firm COMPTAGESTION', async () => {
      const { client } = await signIn(DEMO_ACCOUNTS.multi, 'durand-charpente/grenoble');
      const el = await render(client);
      expect(text($(el, '[data-part="empty"]'))).to.equal('Aucune délégation');
      expect(plain($(el, '[data-part="summary"]'))).to.include('Aucun bénéficiaire');
      expect(plain($(el, '[data-part="cabinet"] h3'))).to.equal('Cabinet comptable délégable : COMPTAGESTION');
      expect(hasButton(el, 'Ajouter une délégation')).to.equal(true);
      expect(hasButton(el, 'Effacer les filtres')).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('an accounting firm acting for a member: only its own sub-delegations, no firm block', async () => {
      const probe = recordingClient().client;
      await login(probe, { email: DEMO_ACCOUNTS.cabinet, password: DEMO_PASSWORD });
      const first = (await searchTiers(probe, { sort: 'raisonSociale', direction: 'asc', page: 1, pageSize: 1 })).items[0]!;
      const { client } = await signIn(DEMO_ACCOUNTS.cabinet, first.id);
      const el = await render(client);
      expect(text($(el, '[data-part="empty"]'))).to.equal('Aucune délégation');
      expect(el.querySelector('[data-part="cabinet"]')).to.equal(null);
      expect(hasButton(el, 'Ajouter une délégation')).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('load failure: the message and Réessayer, which loads the list and moves the focus to it', async () => {
      mock.faults.set('searchDelegations', { kind: 'server' });
      const { client } = await signIn(DEMO_ACCOUNTS.admin);
      const el = await render(client);
      const box = $(el, '[data-part="notice"]');
      expect(text(box)).to.include('La liste des bénéficiaires n’a pas pu être affichée');
      expect(text(box)).to.include('Le service rencontre une difficulté temporaire.');
      await expect(el).to.be.accessible();
      mock.faults.clear('searchDelegations');
      action(box, 'Réessayer').focus();
      action(box, 'Réessayer').click();
      await until(() => rows(el).length === 5, 'loaded');
      expect(el.querySelector('[data-part="notice"]')).to.equal(null);
      await until(() => focused() === $(el, '[data-part="table"]'), 'focus on the list');
    });

    it('the head fails alone (a malformed answer): said, with Réessayer; the rows are shown', async () => {
      mock.faults.set('delegationsOverview', { kind: 'malformed' }, { times: 1 });
      const { client } = await signIn(DEMO_ACCOUNTS.admin);
      const el = fixtureSync<CibtpDelegations>(html`<cibtp-delegations .client=${client}></cibtp-delegations>`);
      await until(() => el.querySelector('[data-part="notice"]') && rows(el).length === 5, 'failure and rows');
      expect(text($(el, '[data-part="notice"]'))).to.include('Les informations de l’adhérent n’ont pas pu être affichées');
      await expect(el).to.be.accessible();
      action(el, 'Réessayer').click();
      await until(() => plain(el.querySelector('[data-part="summary"]')).includes('7 bénéficiaires'), 'head shown');
      expect(el.querySelector('[data-part="notice"]')).to.equal(null);
    });

    it('no session: a link to sign in (cibtp-navigate); signing out in a portal leaves nothing of the list', async () => {
      const empty = await render(recordingClient().client);
      expect(text($(empty, '[data-part="notice"]'))).to.include('Connectez-vous pour gérer les droits d’accès de votre entreprise.');
      const navigate = oneEvent(empty, 'cibtp-navigate');
      $<HTMLButtonElement>(empty, '[data-part="sign-in"]').click();
      expect(((await navigate) as CustomEvent).detail).to.deep.equal({ to: 'login' });
      await expect(empty).to.be.accessible();

      const { client } = await signIn(DEMO_ACCOUNTS.admin);
      const page = fixtureSync<HTMLDivElement>(html`<div><cibtp-portal .client=${client}><cibtp-delegations></cibtp-delegations></cibtp-portal></div>`);
      const el = page.querySelector<CibtpDelegations>('cibtp-delegations')!;
      await settle(el);
      expect(rows(el)).to.have.length(5);
      await logout(client);
      await until(() => el.querySelector('[data-part="sign-in"]'), 'signed out');
      expect(el.querySelector('table')).to.equal(null);
      expect(text(el)).to.not.include(MARTIN);
    });
  });

  it('keyboard only: Tab to a row’s Fermer, Enter opens the dialog, Escape closes it, Shift+Tab and Enter confirm', async () => {
    const { client } = await signIn(DEMO_ACCOUNTS.admin);
    const root = fixtureSync<HTMLElement>(html`<div><button>Avant</button><cibtp-delegations .client=${client}></cibtp-delegations></div>`);
    const el = $<CibtpDelegations>(root, 'cibtp-delegations');
    await settle(el);
    $<HTMLButtonElement>(root, 'button').focus();
    const target = action(el, `Fermer la délégation de ${MARTIN}`);
    for (let i = 0; i < 60 && focused() !== target; i++) await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(target);
    await sendKeys({ press: 'Enter' });
    const dialog = await openedDialog(el);
    expect(dialog.contains(focused())).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'closed');
    expect(focused()).to.equal(target);
    await sendKeys({ press: 'Enter' });
    await openedDialog(el);
    expect(focused()).to.equal(action(dialog, 'Annuler'));
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focused()).to.equal(action(dialog, 'Confirmer'));
    await sendKeys({ press: 'Enter' });
    await until(() => !dialog.open && status(el) === `La délégation de ${MARTIN} est fermée.`, 'closed and announced');
    await until(() => focused() === action(el, `Voir la délégation de ${MARTIN}`), 'focus on the row');
  });

  it('in English: heading, head, columns, dates in the locale’s order, buttons', async () => {
    const { el } = await admin();
    await inEnglish(el, { en: 'Manage access rights', fr: 'Gérer les droits d’accès' }, () => {
      expect(headers(el)).to.deep.equal(['Role', 'Name', 'Status', 'Start date', 'End date', 'Email', 'Actions']);
      const summary = plain($(el, '[data-part="summary"]'));
      expect(summary).to.include('CIBTP ID: 100234567');
      expect(summary).to.include('7 beneficiaries');
      expect(summary).to.include('Exclude inactive users');
      expect(pageText(el)).to.equal('Page 1 of 2');
      const started = addDays(today(), -300);
      const [y, m, d] = started.split('-');
      expect(cellValue(rows(el)[4]!.children[3]!)).to.equal(`${m}/${d}/${y}`);
      expect(column(el, 2)).to.deep.equal(['Pending', 'Inactive', 'Active', 'Pending', 'Active']);
      expect(hasButton(el, `View the delegation of ${MARTIN}`)).to.equal(true);
      expect(hasButton(el, 'Add a delegation')).to.equal(true);
      expect(plain($(el, '[data-part="cabinet"] h3'))).to.equal('Accounting firm that can be delegated to: FIDUCIAIRE DU RHÔNE');
    });
  });

  describe('on a phone (375 px)', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('cards: nothing scrolls sideways, each value keeps its column name, the buttons are on screen', async () => {
      await setViewport({ width: 375, height: 800 });
      const { el } = await admin();
      const page = document.documentElement;
      expect(page.scrollWidth).to.be.at.most(page.clientWidth);
      const row = rows(el)[4]!;
      expect(getComputedStyle(row).display).to.equal('block');
      const labels = [...row.querySelectorAll<HTMLElement>('[data-part="cell-label"]')];
      expect(labels.map((l) => text(l))).to.deep.equal(['Rôle', 'Nom et prénom', 'Statut', 'Date d’effet', 'Date de fin', 'Courriel', 'Actions']);
      for (const label of labels) {
        expect(label.checkVisibility(), text(label)).to.equal(true);
        expect(label.getAttribute('aria-hidden')).to.equal('true');
      }
      expect($(el, 'table').getAttribute('role')).to.equal('table');
      for (const b of el.querySelectorAll<HTMLElement>('button')) {
        if (!b.checkVisibility()) continue;
        const box = b.getBoundingClientRect();
        expect(box.left, plain(b)).to.be.at.least(0);
        expect(box.right, plain(b)).to.be.at.most(375);
      }
      action(el, `Fermer la délégation de ${MARTIN}`).click();
      const dialog = await openedDialog(el);
      expect(dialog.getBoundingClientRect().right).to.be.at.most(375);
      await expect(el).to.be.accessible();
    });
  });

  it('10,000 beneficiaries (grands@batiments-reunis.fr): the first page of 5, « Page 1 sur 2 000 », a page far away', async () => {
    const seen = receivedSearches(mock);
    const { client } = await signIn(DEMO_ACCOUNTS.scale);
    const el = await render(client);
    expect(rows(el)).to.have.length(5);
    expect(plain($(el, '[data-part="summary"]'))).to.include('10 000 bénéficiaires');
    expect(pageText(el)).to.equal('Page 1 sur 2 000');
    expect(seen[0]).to.deep.equal({ sort: 'name', direction: 'asc', page: '1', pageSize: '5' });
    const numbers = () => [...el.querySelectorAll('[data-part="pagination"] [data-page]')].map((b) => b.getAttribute('data-page'));
    expect(numbers()).to.deep.equal(['1', '2', '2000']);
    action(el, 'Page 2 000').click();
    await until(() => status(el) === 'Page 2 000 sur 2 000', 'the last page');
    expect(seen.at(-1)).to.include({ page: '2000', pageSize: '5' });
    expect(numbers()).to.deep.equal(['1', '1999', '2000']);
    await expect(el).to.be.accessible();
  });
});
