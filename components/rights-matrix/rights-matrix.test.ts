import { expect, fixtureSync, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import './rights-matrix.js';
import type { CibtpRightsMatrix } from './rights-matrix.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../mock-server/index.js';
import { login, selectTiers } from '../../sdk/auth/index.js';
import type { PortalClient } from '../../sdk/index.js';
import { RIGHT_FUNCTIONS, RIGHT_GROUPS, type AccessMode, type RightFunction, type RightsGrant } from '../../sdk/rules/rights.js';
import { rightsExcess } from '../../sdk/rules/delegation.js';
import type { DelegationRights, RightsCatalogue } from '../../sdk/schemas/rights.js';
import { searchTiers, tiersRights } from '../../sdk/tiers/operations.js';
import { setLocale } from '../shared/localization.js';
import { $, button, focused, recordingClient, resetBackend, text, until } from '../shared/testing.js';

/** The whole catalogue, as the caisse's backend serves it. */
const CATALOGUE: RightsCatalogue = {
  groups: RIGHT_GROUPS.map((id) => ({ id, functions: RIGHT_FUNCTIONS.filter((f) => f.group === id).map((f) => f.id) })),
};
const FUNCTIONS = CATALOGUE.groups.flatMap((g) => g.functions);
const MODES: readonly AccessMode[] = ['none', 'read', 'write'];
const MODE_NAMES = ['Aucun droit', 'Consultation', 'Mise à jour'];
const DEFAULT: DelegationRights = { administrator: false, colleges: ['ouvrier', 'etam', 'cadre'], functions: {} };

/** Renders `template` (the matrix, or a form holding it) and waits for the matrix's first render. */
async function render(template: TemplateResult): Promise<{ root: HTMLElement; el: CibtpRightsMatrix }> {
  const root = fixtureSync<HTMLElement>(template);
  const el = (root.localName === 'cibtp-rights-matrix' ? root : $(root, 'cibtp-rights-matrix')) as CibtpRightsMatrix;
  await el.updateComplete;
  return { root, el };
}

/** The accessible name of a control as the browser computes it from its markup (aria-labelledby, aria-label, labels). */
function accessibleName(input: HTMLElement): string {
  const labelledBy = input.getAttribute('aria-labelledby');
  if (labelledBy) return labelledBy.split(/\s+/).map((id) => text(document.getElementById(id))).join(' ');
  const label = input.getAttribute('aria-label');
  if (label) return label.replace(/\s+/g, ' ').trim();
  return [...((input as HTMLInputElement).labels ?? [])].map((l) => text(l)).join(' ');
}

/** What `aria-describedby` says about a control. */
function description(input: Element): string {
  return (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean).map((id) => text(document.getElementById(id))).join(' | ');
}

const row = (el: ParentNode, fn: RightFunction) => $<HTMLTableRowElement>(el, `tr[data-function="${fn}"]`);
const radios = (el: ParentNode, fn: RightFunction) => [...row(el, fn).querySelectorAll<HTMLInputElement>('input[type="radio"]')];
const radio = (el: ParentNode, fn: RightFunction, mode: AccessMode) => radios(el, fn)[MODES.indexOf(mode)]!;
const columnRadios = (el: ParentNode) => [...el.querySelectorAll<HTMLInputElement>('[data-part="column-controls"] input[type="radio"]')];
const column = (el: ParentNode, mode: AccessMode) => columnRadios(el)[MODES.indexOf(mode)]!;
const checkedMode = (el: ParentNode, fn: RightFunction) => MODES[radios(el, fn).findIndex((r) => r.checked)];
const checkbox = (el: ParentNode, label: string) => {
  const found = [...el.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((c) => accessibleName(c) === label);
  if (!found) throw new Error(`No checkbox ${label}`);
  return found;
};
const administrator = (el: ParentNode) => checkbox(el, 'Administrateur');
const college = (el: ParentNode, name: 'Ouvrier' | 'ETAM' | 'Cadre') => checkbox(el, name);
const status = (el: ParentNode) => text($(el, '[data-part="status"]'));
/** A message with its spaces as one reads it (French puts a non-breaking space before a colon). */
const words = (message: string) => message.replace(/\s+/g, ' ').trim();
const notes = (el: ParentNode, fn: RightFunction) => text(row(el, fn).querySelector('[data-part="note"]'));

/** Clicks a control as a user does, and waits for the matrix to show the result. */
async function click(el: CibtpRightsMatrix, input: HTMLInputElement): Promise<void> {
  input.click();
  await el.updateComplete;
}

/** The `change` events the matrix fired, with their details. */
function changes(el: HTMLElement): DelegationRights[] {
  const seen: DelegationRights[] = [];
  el.addEventListener('change', (event) => {
    if (event.target === el) seen.push((event as CustomEvent<DelegationRights>).detail);
  });
  return seen;
}

/** A login signed in on one tiers (an accounting firm's first member, for `cabinet`). */
async function signedIn(email: string): Promise<PortalClient> {
  const { client } = recordingClient();
  const result = await login(client, { email, password: DEMO_PASSWORD });
  if (result.status === 'choose-tiers') {
    const first = await searchTiers(client, { sort: 'raisonSociale', direction: 'asc', page: 1, pageSize: 1 });
    await selectTiers(client, { tiersId: first.items[0]!.id });
  }
  return client;
}

describe('<cibtp-rights-matrix>', () => {
  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });
  afterEach(() => setLocale('fr'));

  describe('the matrix', () => {
    it('defaults: no administrator, the three collèges, « Aucun droit » on every function of the catalogue; axe', async () => {
      const { el } = await render(html`<cibtp-rights-matrix .catalogue=${CATALOGUE}></cibtp-rights-matrix>`);
      expect(el.value).to.deep.equal(DEFAULT);
      expect(administrator(el).checked).to.equal(false);
      for (const name of ['Ouvrier', 'ETAM', 'Cadre'] as const) expect(college(el, name).checked, name).to.equal(true);
      expect(text($(el, '[data-part="colleges"] legend'))).to.equal('Collèges *');
      for (const fn of FUNCTIONS) expect(checkedMode(el, fn), fn).to.equal('none');
      // The column controls show what every row holds.
      expect(columnRadios(el).map((r) => r.checked)).to.deep.equal([true, false, false]);
      // Rows: the catalogue's groups, each with its header, then its functions with row headers.
      const groups = [...el.querySelectorAll('[data-part="group"] th')];
      expect(groups.map((g) => text(g))).to.deep.equal(['Mon espace adhérent', 'Mes déclarations', 'Mes salariés', 'Chômage intempéries', 'Mes documents']);
      expect(groups.every((g) => g.getAttribute('scope') === 'rowgroup')).to.equal(true);
      const headers = [...el.querySelectorAll('tr[data-function] > th')];
      expect(headers.map((h) => h.getAttribute('scope'))).to.deep.equal(FUNCTIONS.map(() => 'row'));
      expect(text(headers[1])).to.equal('Mes comptes bancaires');
      expect([...el.querySelectorAll('thead tr:first-child th')].map((th) => text(th))).to.deep.equal(['Regroupement / Fonctionnalité', ...MODE_NAMES]);
      expect(el.querySelector('[data-part="locked"]')).to.equal(null);
      expect(el.querySelector('[data-part="bound"]')).to.equal(null);
      expect(el.validity.valid).to.equal(true);
      expect(el.shadowRoot?.querySelector('[part="card"]'), 'a field: no frame').to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('names every radio for a screen reader, one group per row and per matrix', async () => {
      const { root } = await render(html`<div>
        <cibtp-rights-matrix .catalogue=${CATALOGUE}></cibtp-rights-matrix>
        <cibtp-rights-matrix .catalogue=${CATALOGUE}></cibtp-rights-matrix>
      </div>`);
      const [first, second] = [...root.querySelectorAll<CibtpRightsMatrix>('cibtp-rights-matrix')] as [CibtpRightsMatrix, CibtpRightsMatrix];
      await second.updateComplete;
      expect(radios(first, 'comptes-bancaires').map(accessibleName)).to.deep.equal([
        'Mes comptes bancaires, Aucun droit', 'Mes comptes bancaires, Consultation', 'Mes comptes bancaires, Mise à jour',
      ]);
      const names = new Set<string>();
      for (const fn of FUNCTIONS) {
        const group = radios(first, fn);
        expect(group).to.have.length(3);
        const label = text(row(first, fn).querySelector('th'));
        expect(group.map(accessibleName), fn).to.deep.equal(MODE_NAMES.map((mode) => `${label}, ${mode}`));
        expect(new Set(group.map((r) => r.name)).size, 'one radio group per row').to.equal(1);
        names.add(group[0]!.name);
      }
      expect(names.size, 'a group per function').to.equal(FUNCTIONS.length);
      for (const fn of FUNCTIONS) expect(names.has(radios(second, fn)[0]!.name), 'another matrix has its own groups').to.equal(false);
      expect(columnRadios(first).map(accessibleName)).to.deep.equal(MODE_NAMES.map((mode) => `Toutes les fonctions : ${mode}`));
      expect(new Set(columnRadios(first).map((r) => r.name)).size).to.equal(1);
      // The collèges and the box are named by their labels.
      expect(college(first, 'ETAM').labels?.length).to.equal(1);
      expect(administrator(first).labels?.length).to.equal(1);
    });

    it('a column sets every function, then a row changes alone; change events carry the value', async () => {
      const { el } = await render(html`<cibtp-rights-matrix .catalogue=${CATALOGUE}></cibtp-rights-matrix>`);
      const fired = changes(el);
      await click(el, column(el, 'read'));
      for (const fn of FUNCTIONS) expect(checkedMode(el, fn), fn).to.equal('read');
      expect(el.value.functions).to.deep.equal(Object.fromEntries(FUNCTIONS.map((fn) => [fn, 'read'])));
      expect(fired).to.have.length(1);
      expect(fired[0]).to.deep.equal(el.value);
      expect(status(el)).to.equal('Toutes les fonctions : Consultation.');
      expect(column(el, 'read').checked).to.equal(true);
      await expect(el).to.be.accessible();

      await click(el, radio(el, 'comptes-bancaires', 'write'));
      expect(checkedMode(el, 'comptes-bancaires')).to.equal('write');
      expect(checkedMode(el, 'situation-compte')).to.equal('read');
      expect(el.value.functions['comptes-bancaires']).to.equal('write');
      expect(fired).to.have.length(2);
      expect(fired[1]!.functions['comptes-bancaires']).to.equal('write');
      // The rows differ now: the column controls show no mode.
      expect(columnRadios(el).map((r) => r.checked)).to.deep.equal([false, false, false]);
      await click(el, column(el, 'none'));
      expect(el.value).to.deep.equal(DEFAULT);
      expect(column(el, 'none').checked).to.equal(true);
    });

    it('fires change on user changes only; the inner controls’ own events stay inside', async () => {
      const { root, el } = await render(html`<form><cibtp-rights-matrix .catalogue=${CATALOGUE}></cibtp-rights-matrix></form>`);
      const heard: string[] = [];
      root.addEventListener('change', (e) => heard.push(`change:${(e.target as Element).localName}`));
      root.addEventListener('input', (e) => heard.push(`input:${(e.target as Element).localName}`));
      el.value = { administrator: false, colleges: ['etam'], functions: { planning: 'read' } };
      await el.updateComplete;
      expect(heard, 'setting the value fires nothing').to.deep.equal([]);
      expect(checkedMode(el, 'planning')).to.equal('read');
      await click(el, radio(el, 'planning', 'write'));
      await click(el, college(el, 'Cadre'));
      expect(heard).to.deep.equal(['change:cibtp-rights-matrix', 'change:cibtp-rights-matrix']);
      expect(el.value).to.deep.equal({ administrator: false, colleges: ['etam', 'cadre'], functions: { planning: 'write' } });
    });

    it('a function absent from the catalogue is never shown; its mode in a value is kept', async () => {
      const catalogue: RightsCatalogue = { groups: [{ id: 'salaries', functions: ['gerer-salaries', 'planning'] }] };
      const { el } = await render(html`<cibtp-rights-matrix .catalogue=${catalogue}
        .value=${{ administrator: false, colleges: ['cadre'], functions: { documents: 'read' } }}></cibtp-rights-matrix>`);
      expect([...el.querySelectorAll('tr[data-function]')].map((r) => r.getAttribute('data-function'))).to.deep.equal(['gerer-salaries', 'planning']);
      expect(el.querySelector('tr[data-function="documents"]')).to.equal(null);
      await click(el, column(el, 'write'));
      expect(el.value.functions).to.deep.equal({ 'gerer-salaries': 'write', planning: 'write', documents: 'read' });
    });
  });

  describe('administrator', () => {
    it('ticked: every collège and « Mise à jour » everywhere, locked and explained; unticked: the choices come back', async () => {
      const { el } = await render(html`<cibtp-rights-matrix .catalogue=${CATALOGUE}></cibtp-rights-matrix>`);
      const fired = changes(el);
      await click(el, column(el, 'read'));
      await click(el, radio(el, 'planning', 'write'));
      await click(el, college(el, 'Cadre'));
      const before = el.value;
      expect(before.colleges).to.deep.equal(['ouvrier', 'etam']);

      await click(el, administrator(el));
      expect(el.value.administrator).to.equal(true);
      expect(el.value.colleges).to.deep.equal(['ouvrier', 'etam', 'cadre']);
      for (const fn of FUNCTIONS) expect(el.value.functions[fn], fn).to.equal('write');
      expect(fired.at(-1)).to.deep.equal(el.value);
      const explanation = 'Un administrateur a tous les droits en mise à jour sur tous les collèges.';
      expect(text($(el, '[data-part="locked"]'))).to.equal(explanation);
      for (const name of ['Ouvrier', 'ETAM', 'Cadre'] as const) {
        expect(college(el, name).checked).to.equal(true);
        expect(college(el, name).disabled).to.equal(true);
        expect(description(college(el, name))).to.include(explanation);
      }
      for (const fn of FUNCTIONS) {
        expect(checkedMode(el, fn), fn).to.equal('write');
        for (const r of radios(el, fn)) expect(r.disabled).to.equal(true);
        expect(description(radio(el, fn, 'write'))).to.include(explanation);
      }
      expect(columnRadios(el).every((r) => r.disabled)).to.equal(true);
      expect(column(el, 'write').checked).to.equal(true);
      expect(administrator(el).disabled, 'the box itself stays usable').to.equal(false);
      expect(description(administrator(el))).to.include(explanation);
      expect(status(el)).to.include('verrouillés');
      await expect(el).to.be.accessible();

      await click(el, administrator(el));
      expect(el.value).to.deep.equal(before);
      expect(checkedMode(el, 'planning')).to.equal('write');
      expect(checkedMode(el, 'documents')).to.equal('read');
      expect(college(el, 'Cadre').checked).to.equal(false);
      expect(college(el, 'Cadre').disabled).to.equal(false);
      expect(el.querySelector('[data-part="locked"]')).to.equal(null);
      expect(fired).to.have.length(5);
      await expect(el).to.be.accessible();
    });
  });

  describe('collèges', () => {
    it('at least one: the field error, linked; valueMissing; the form refuses to submit and the focus goes to it', async () => {
      const { root, el } = await render(html`<form @submit=${(e: Event) => e.preventDefault()}>
        <cibtp-rights-matrix .catalogue=${CATALOGUE}></cibtp-rights-matrix>
        <button type="submit">Valider</button>
      </form>`);
      const form = root as HTMLFormElement;
      let submitted = 0;
      form.addEventListener('submit', () => submitted++);
      await click(el, college(el, 'Ouvrier'));
      await click(el, college(el, 'ETAM'));
      expect(el.validity.valid).to.equal(true);
      expect(el.querySelector('.cibtp-field-error')).to.equal(null);
      await click(el, college(el, 'Cadre'));
      const message = 'Cochez au moins un collège';
      const error = $(el, '[data-part="colleges"] .cibtp-field-error');
      expect(text(error)).to.equal(message);
      expect($(el, '[data-part="colleges"]').getAttribute('aria-describedby')).to.include(error.id);
      for (const name of ['Ouvrier', 'ETAM', 'Cadre'] as const) {
        expect(description(college(el, name))).to.equal(message);
        expect(college(el, name).getAttribute('aria-invalid')).to.equal('true');
      }
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.validity.valid).to.equal(false);
      expect(el.validationMessage).to.equal(message);
      expect(el.checkValidity()).to.equal(false);
      expect(form.checkValidity()).to.equal(false);
      await expect(el).to.be.accessible();

      button(form, 'Valider').click();
      expect(submitted, 'the browser refused the submission').to.equal(0);
      (document.activeElement as HTMLElement | null)?.blur();
      expect(el.reportValidity()).to.equal(false);
      expect(focused()).to.equal(college(el, 'Ouvrier'));

      await click(el, college(el, 'ETAM'));
      expect(el.validity.valid).to.equal(true);
      expect(el.querySelector('.cibtp-field-error')).to.equal(null);
      button(form, 'Valider').click();
      expect(submitted).to.equal(1);
    });
  });

  describe('bounded by the delegator’s rights (max)', () => {
    it('the accounting firm’s own rights: what it lacks is disabled, and each row says why', async () => {
      const max = await tiersRights(await signedIn(DEMO_ACCOUNTS.cabinet));
      expect(max.administrator).to.equal(false);
      const { el } = await render(html`<cibtp-rights-matrix .catalogue=${CATALOGUE} .max=${max}></cibtp-rights-matrix>`);
      expect(text($(el, '[data-part="bound"]'))).to.equal(
        'Vous ne pouvez déléguer que les droits que vous détenez vous-même : ce qui les dépasse est désactivé.',
      );
      expect($(el, 'table').getAttribute('aria-describedby')).to.equal($(el, '[data-part="bound"]').id);
      // No bank accounts for the firm: only « Aucun droit » there.
      expect(radios(el, 'comptes-bancaires').map((r) => r.disabled)).to.deep.equal([false, true, true]);
      expect(notes(el, 'comptes-bancaires')).to.equal('Non délégable : hors de vos propres droits');
      // Read only on the member's information.
      expect(radios(el, 'informations-adherent').map((r) => r.disabled)).to.deep.equal([false, false, true]);
      expect(notes(el, 'informations-adherent')).to.equal('Limité à Consultation : vos propres droits');
      for (const r of radios(el, 'informations-adherent')) expect(description(r)).to.equal('Limité à Consultation : vos propres droits');
      expect(notes(el, 'declarations-salaires')).to.equal('');
      // Exactly what the backend's rule refuses, mode by mode.
      for (const fn of FUNCTIONS) {
        for (const mode of MODES) {
          const refused = rightsExcess({ administrator: false, colleges: [], functions: { [fn]: mode } }, max) !== null;
          expect(radio(el, fn, mode).disabled, `${fn} ${mode}`).to.equal(refused);
        }
      }
      expect(administrator(el).disabled).to.equal(true);
      expect(description(administrator(el))).to.equal('Vous n’êtes pas administrateur : vous ne pouvez pas déléguer ce rôle.');
      expect(el.validity.valid).to.equal(true);
      await expect(el).to.be.accessible();

      // « Mise à jour » for all: each row within its bound, and the announcement says so.
      await click(el, column(el, 'write'));
      expect(checkedMode(el, 'declarations-salaires')).to.equal('write');
      expect(checkedMode(el, 'informations-adherent')).to.equal('read');
      expect(checkedMode(el, 'comptes-bancaires')).to.equal('none');
      const limited = FUNCTIONS.filter((fn) => radio(el, fn, 'write').disabled).length;
      expect(limited).to.be.greaterThan(1);
      expect(status(el)).to.equal(`Toutes les fonctions : Mise à jour, sauf ${limited} limitées par vos propres droits.`);
      expect(column(el, 'write').checked, 'every row holds its bound of « Mise à jour »').to.equal(true);
      expect(rightsExcess(el.value, max)).to.equal(null);
      expect(el.validity.valid).to.equal(true);
    });

    it('a collège the delegator lacks is disabled and not ticked by default; a value beyond max is invalid, not changed', async () => {
      const max: RightsGrant = { administrator: false, colleges: ['ouvrier', 'etam'], functions: { planning: 'write', documents: 'read' } };
      const { el } = await render(html`<cibtp-rights-matrix .catalogue=${CATALOGUE} .max=${max}></cibtp-rights-matrix>`);
      expect(el.value.colleges).to.deep.equal(['ouvrier', 'etam']);
      expect(college(el, 'Cadre').disabled).to.equal(true);
      expect(college(el, 'Cadre').checked).to.equal(false);
      expect(description(college(el, 'Cadre'))).to.equal('Limité à vos propres collèges : Ouvrier, ETAM');
      expect(el.validity.valid).to.equal(true);

      const beyond: DelegationRights = { administrator: false, colleges: ['ouvrier'], functions: { planning: 'write', documents: 'write' } };
      el.value = beyond;
      await el.updateComplete;
      expect(el.value, 'never silently changed').to.deep.equal(beyond);
      expect(el.validity.customError).to.equal(true);
      const message = 'Mes documents : Mise à jour dépasse vos propres droits (au plus Consultation).';
      expect(words(el.validationMessage)).to.equal(message);
      expect(text(row(el, 'documents').querySelector('.cibtp-field-error'))).to.equal(message);
      expect(description(radio(el, 'documents', 'none'))).to.include(message);
      expect(checkedMode(el, 'documents')).to.equal('write');
      expect(radio(el, 'documents', 'write').disabled).to.equal(true);
      await expect(el).to.be.accessible();
      // reportValidity() takes the user to the row.
      expect(el.reportValidity()).to.equal(false);
      expect(focused()).to.equal(radio(el, 'documents', 'none'));
      await click(el, radio(el, 'documents', 'read'));
      expect(el.validity.valid).to.equal(true);
      expect(row(el, 'documents').querySelector('.cibtp-field-error')).to.equal(null);

      // A collège beyond max, ticked by the host: untickable, then disabled, the focus kept in the matrix.
      el.value = { administrator: false, colleges: ['ouvrier', 'cadre'], functions: {} };
      await el.updateComplete;
      expect(words(el.validationMessage)).to.equal('Vos propres droits ne couvrent pas le collège Cadre.');
      expect(college(el, 'Cadre').disabled).to.equal(false);
      college(el, 'Cadre').focus();
      await click(el, college(el, 'Cadre'));
      await el.updateComplete;
      expect(college(el, 'Cadre').disabled).to.equal(true);
      expect(el.contains(focused())).to.equal(true);
      expect(el.validity.valid).to.equal(true);

      // The administrator box, from a host's value, beyond a non-administrator's rights.
      el.value = { administrator: true, colleges: ['ouvrier'], functions: {} };
      await el.updateComplete;
      expect(el.validationMessage).to.equal('Vos propres droits ne permettent pas de déléguer le rôle d’administrateur.');
      expect(administrator(el).disabled).to.equal(false);
      await click(el, administrator(el));
      expect(administrator(el).disabled).to.equal(true);
      expect(el.value).to.deep.equal({ administrator: false, colleges: ['ouvrier'], functions: {} });
      expect(el.validity.valid).to.equal(true);
    });
  });

  describe('in a form', () => {
    it('the form data holds the JSON value under its name, and nothing else of the matrix; reset brings the default back', async () => {
      const { root, el } = await render(html`<form>
        <input name="email" value="delegue@durand-btp.fr" aria-label="Courriel" />
        <cibtp-rights-matrix name="rights" .catalogue=${CATALOGUE}></cibtp-rights-matrix>
      </form>`);
      const form = root as HTMLFormElement;
      expect(el.form).to.equal(form);
      expect(el.willValidate).to.equal(true);
      expect([...new FormData(form).keys()]).to.deep.equal(['email', 'rights']);
      expect(JSON.parse(new FormData(form).get('rights') as string)).to.deep.equal(DEFAULT);
      await click(el, column(el, 'read'));
      await click(el, college(el, 'ETAM'));
      const data = new FormData(form);
      expect([...data.keys()]).to.deep.equal(['email', 'rights']);
      expect(JSON.parse(data.get('rights') as string)).to.deep.equal(el.value);
      expect(el.value.colleges).to.deep.equal(['ouvrier', 'cadre']);

      form.reset();
      await el.updateComplete;
      expect(el.value).to.deep.equal(DEFAULT);
      for (const fn of FUNCTIONS) expect(checkedMode(el, fn), fn).to.equal('none');
      expect(college(el, 'ETAM').checked).to.equal(true);
      expect(JSON.parse(new FormData(form).get('rights') as string)).to.deep.equal(DEFAULT);
    });

    it('reset brings back the value the host gave first; a disabled fieldset disables it', async () => {
      const given: DelegationRights = { administrator: false, colleges: ['cadre'], functions: { planning: 'read' } };
      const { root, el } = await render(html`<form><fieldset>
        <legend>Délégation</legend>
        <cibtp-rights-matrix .catalogue=${CATALOGUE} .value=${given}></cibtp-rights-matrix>
      </fieldset></form>`);
      const form = root as HTMLFormElement;
      await click(el, column(el, 'write'));
      form.reset();
      await el.updateComplete;
      expect(el.value).to.deep.equal(given);
      expect(checkedMode(el, 'planning')).to.equal('read');

      // The browser restores a state (back/forward, autofill) through the saved form state; a bad one is ignored.
      el.formStateRestoreCallback(JSON.stringify({ administrator: false, colleges: ['etam'], functions: { documents: 'write' } }));
      await el.updateComplete;
      expect(el.value).to.deep.equal({ administrator: false, colleges: ['etam'], functions: { documents: 'write' } });
      el.formStateRestoreCallback('{"administrator":"yes"}');
      el.formStateRestoreCallback('not json');
      expect(el.value.colleges).to.deep.equal(['etam']);
      el.defaultValue = { administrator: false, colleges: ['ouvrier'], functions: {} };
      form.reset();
      await el.updateComplete;
      expect(el.value).to.deep.equal({ administrator: false, colleges: ['ouvrier'], functions: {} });

      $<HTMLFieldSetElement>(form, 'fieldset').disabled = true;
      await until(() => administrator(el).disabled, 'disabled by its fieldset');
      await el.updateComplete;
      expect(el.querySelectorAll('input:not(:disabled)')).to.have.length(0);
      expect(new FormData(form).has('rights'), 'a disabled field is not sent').to.equal(false);
      $<HTMLFieldSetElement>(form, 'fieldset').disabled = false;
      await until(() => !administrator(el).disabled, 'enabled again');
      el.disabled = true;
      await el.updateComplete;
      await until(() => administrator(el).disabled, 'disabled by its attribute');
      expect(el.hasAttribute('disabled')).to.equal(true);
    });
  });

  describe('keyboard only', () => {
    it('Tab into the matrix, Space on a collège, a column by the arrows, a row by the arrows, Tab to the next row', async () => {
      let submitted = 0;
      const { root, el } = await render(html`<form @submit=${(e: Event) => { e.preventDefault(); submitted++; }}>
        <button type="button">Avant</button>
        <cibtp-rights-matrix .catalogue=${CATALOGUE}></cibtp-rights-matrix>
        <button type="submit">Valider</button>
      </form>`);
      const fired = changes(el);
      button(root, 'Avant').focus();
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(administrator(el));
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(college(el, 'Ouvrier'));
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(el.value.colleges).to.deep.equal(['etam', 'cadre']);
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(el.value.colleges).to.deep.equal(['ouvrier', 'etam', 'cadre']);
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(college(el, 'Cadre'));

      // The column controls: one tab stop, the arrows choose.
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(column(el, 'none'));
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(focused()).to.equal(column(el, 'read'));
      for (const fn of FUNCTIONS) expect(checkedMode(el, fn), fn).to.equal('read');

      // The first row: its checked mode takes the focus; the arrows change it, and it alone.
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(radio(el, 'informations-adherent', 'read'));
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(focused()).to.equal(radio(el, 'informations-adherent', 'write'));
      expect(el.value.functions['informations-adherent']).to.equal('write');
      expect(el.value.functions['comptes-bancaires']).to.equal('read');
      // Tab: the next row.
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(radio(el, 'comptes-bancaires', 'read'));
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(el.value.functions['comptes-bancaires']).to.equal(undefined);
      expect(checkedMode(el, 'comptes-bancaires')).to.equal('none');
      expect(fired.length).to.be.at.least(5);
      // Enter submits the page's form, as it would from a control of its own.
      await sendKeys({ press: 'Enter' });
      await until(() => submitted === 1, 'the page’s form submitted');

      // The administrator box by Space; Tab then skips every locked control.
      administrator(el).focus();
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(el.value.administrator).to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(focused(), 'nothing locked takes the focus').to.equal(button(root, 'Valider'));
    });
  });

  describe('readonly', () => {
    it('shows every row’s mode as text, the box and the collèges in words; nothing to change', async () => {
      const value: DelegationRights = { administrator: false, colleges: ['ouvrier', 'cadre'], functions: { planning: 'write', documents: 'read' } };
      const { el } = await render(html`<cibtp-rights-matrix readonly .catalogue=${CATALOGUE} .value=${value}></cibtp-rights-matrix>`);
      expect(el.querySelectorAll('input, button')).to.have.length(0);
      expect(text(row(el, 'planning'))).to.equal('Mon planning Mise à jour');
      expect(text(row(el, 'documents'))).to.equal('Mes documents Consultation');
      expect(text(row(el, 'comptes-bancaires'))).to.equal('Mes comptes bancaires Aucun droit');
      expect(text($(el, '[data-part="summary"]'))).to.equal('Administrateur Non Collèges Ouvrier, Cadre');
      expect([...el.querySelectorAll('thead th')].map((th) => text(th))).to.deep.equal(['Regroupement / Fonctionnalité', 'Droit accordé']);
      expect(el.willValidate, 'a read-only field is not validated').to.equal(false);
      expect(el.value).to.deep.equal(value);
      await expect(el).to.be.accessible();

      el.value = { administrator: true, colleges: ['ouvrier'], functions: {} };
      await el.updateComplete;
      expect(text($(el, '[data-part="summary"]'))).to.equal('Administrateur Oui Collèges Ouvrier, ETAM, Cadre');
      expect(text(row(el, 'comptes-bancaires'))).to.equal('Mes comptes bancaires Mise à jour');
      expect(text($(el, '[data-part="locked"]'))).to.equal('Un administrateur a tous les droits en mise à jour sur tous les collèges.');
      await expect(el).to.be.accessible();
    });
  });

  describe('the catalogue from the backend', () => {
    it('loads it once (« Chargement des fonctions… » meanwhile) and shows its rows', async () => {
      mock.faults.set('rightsCatalogue', { kind: 'latency', ms: 600 }, { times: 1 });
      const { client, calls } = recordingClient();
      const { el } = await render(html`<cibtp-rights-matrix .client=${client}></cibtp-rights-matrix>`);
      expect(text($(el, '[data-part="loading"]'))).to.equal('Chargement des fonctions…');
      expect(status(el)).to.equal('Chargement des fonctions…');
      expect(el.value).to.deep.equal(DEFAULT);
      await expect(el).to.be.accessible();
      await until(() => el.querySelectorAll('tr[data-function]').length === FUNCTIONS.length, 'the rows');
      expect([...el.querySelectorAll('tr[data-function]')].map((r) => r.getAttribute('data-function'))).to.deep.equal(FUNCTIONS);
      expect(el.querySelector('[data-part="loading"]')).to.equal(null);
      expect(status(el)).to.equal('');
      expect(calls.filter((c) => c.path === '/api/rights/catalogue')).to.have.length(1);
      el.max = { administrator: true, colleges: [], functions: {} };
      await el.updateComplete;
      expect(calls.filter((c) => c.path === '/api/rights/catalogue'), 'asked once').to.have.length(1);
    });

    it('its error: the message and « Réessayer », which loads it and takes the focus to the table', async () => {
      // Every attempt (the SDK retries a read by itself), until the user's own retry.
      mock.faults.set('rightsCatalogue', { kind: 'server' });
      const { client } = recordingClient();
      const { el } = await render(html`<cibtp-rights-matrix .client=${client}></cibtp-rights-matrix>`);
      await until(() => el.querySelector('[data-part="error"]'), 'the error');
      expect(text($(el, '[data-part="error"] p'))).to.equal('Le service rencontre une difficulté temporaire. Réessayez dans quelques instants.');
      expect(status(el)).to.equal('Le service rencontre une difficulté temporaire. Réessayez dans quelques instants.');
      expect(el.querySelector('table')).to.equal(null);
      // The collèges and the box stay usable meanwhile.
      expect(college(el, 'ETAM').disabled).to.equal(false);
      await expect(el).to.be.accessible();
      mock.faults.clear('rightsCatalogue');
      button(el, 'Réessayer').focus();
      button(el, 'Réessayer').click();
      await until(() => el.querySelectorAll('tr[data-function]').length === FUNCTIONS.length, 'the rows');
      await until(() => focused() === $(el, 'table'), 'the focus on the table');
    });
  });

  it('in English: the names, columns, notes and messages', async () => {
    const max: RightsGrant = { administrator: false, colleges: ['ouvrier', 'etam', 'cadre'], functions: { 'comptes-bancaires': 'read' } };
    const { el } = await render(html`<cibtp-rights-matrix .catalogue=${CATALOGUE} .max=${max}></cibtp-rights-matrix>`);
    await setLocale('en');
    await until(() => text(el.querySelector('caption')) === 'Rights by function', 'english');
    await el.updateComplete;
    expect(radios(el, 'comptes-bancaires').map(accessibleName)).to.deep.equal([
      'My bank accounts, No access', 'My bank accounts, View', 'My bank accounts, Update',
    ]);
    expect(columnRadios(el).map(accessibleName)).to.deep.equal(['All functions: No access', 'All functions: View', 'All functions: Update']);
    expect(notes(el, 'comptes-bancaires')).to.equal('Limited to View: your own rights');
    expect(text($(el, '[data-part="colleges"] legend'))).to.equal('Worker categories *');
    const categories = [...$(el, '[data-part="colleges"]').querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(categories.map(accessibleName)).to.deep.equal(['Manual workers', 'ETAM (clerical, technical and supervisory staff)', 'Executives']);
    for (const c of categories) await click(el, c);
    expect(el.validationMessage).to.equal('Tick at least one category');
    expect(text($(el, '[data-part="colleges"] .cibtp-field-error'))).to.equal('Tick at least one category');
    expect(column(el, 'write').disabled, 'no function allows it').to.equal(true);
    await click(el, column(el, 'read'));
    expect(status(el)).to.equal(`All functions: View, except ${FUNCTIONS.length - 1} limited by your own rights.`);
    await expect(el).to.be.accessible();
    await setLocale('fr');
    await until(() => text(el.querySelector('caption')) === 'Droits par fonctionnalité', 'french again');
    expect(el.validationMessage).to.equal('Cochez au moins un collège');
  });

  describe('on a phone (375 px)', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('each function on its own line, its three radios with their visible names; nothing scrolls sideways', async () => {
      await setViewport({ width: 375, height: 800 });
      const max: RightsGrant = { administrator: false, colleges: ['ouvrier', 'etam'], functions: { 'mode-reception-documents': 'read' } };
      const { el } = await render(html`<cibtp-rights-matrix .catalogue=${CATALOGUE} .max=${max}></cibtp-rights-matrix>`);
      const page = document.documentElement;
      expect(page.scrollWidth).to.be.at.most(page.clientWidth);
      for (const fn of FUNCTIONS) {
        const name = $(row(el, fn), '.cibtp-rights__name').getBoundingClientRect();
        expect(name.left, fn).to.be.at.least(0);
        expect(name.right, fn).to.be.at.most(375);
        for (const r of radios(el, fn)) {
          const box = r.getBoundingClientRect();
          expect(box.right, fn).to.be.at.most(375);
          expect(box.top, `${fn}: the radios under the name`).to.be.at.least(name.bottom - 1);
        }
      }
      const shorts = [...row(el, 'planning').querySelectorAll<HTMLElement>('.cibtp-rights__short')];
      expect(shorts.map((s) => text(s))).to.deep.equal(MODE_NAMES);
      for (const s of shorts) {
        expect(s.getBoundingClientRect().width, text(s)).to.be.greaterThan(1);
        expect(s.getBoundingClientRect().right, text(s)).to.be.at.most(375);
      }
      // The targets stay large enough to touch.
      const target = $(row(el, 'planning'), '.cibtp-rights__choice').getBoundingClientRect();
      expect(target.height).to.be.at.least(44);
      await expect(el).to.be.accessible();
    });
  });
});
