import { expect, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { nothing } from 'lit';
import { http } from 'msw';
import './delegation-wizard.js';
import '../portal/portal.js';
import type { CibtpDelegationWizard, DelegationSavedDetail } from './delegation-wizard.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { DEMO_ACCOUNTS, DEMO_DELEGATIONS, DEMO_PASSWORD } from '../../mock-server/index.js';
import { login, logout, selectTiers } from '../../sdk/auth/index.js';
import { isPortalError, type PortalClient } from '../../sdk/index.js';
import { createDelegation } from '../../sdk/rights/operations.js';
import { searchTiers } from '../../sdk/tiers/operations.js';
import {
  $, button, field, fieldError, focused, headingText, inEnglish, recordingClient, resetBackend, stepText, summaryEntries, text, type,
  until, type RecordedCall,
} from '../shared/testing.js';

/** Text without the direction isolates (FSI/PDI) that wrap server strings inside sentences. */
const plain = (node: Node | null | undefined) => text(node).replace(/[\u2068\u2069]/g, '');

/** Today in the browser's time zone, as the wizard's default date d'effet. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
/**
 * The first date d'effet the mock accepts: its today is Paris's. In the hour before midnight UTC it is
 * already tomorrow there, and the browser's today (its default) would be refused as past.
 */
function startDate(): string {
  const paris = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return paris > today() ? paris : today();
}
/** The date d'effet set to `startDate()` when it is not the default (see there). */
function alignStart(el: ParentNode): void {
  if (startDate() !== today()) type($<HTMLInputElement>(el, 'input[name="effectiveDate"]'), startDate());
}
function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const EMAIL = 'Adresse électronique du bénéficiaire';
const EFFECTIVE = 'Date d’effet';
const END = 'Date de fin';
const NEW_DELEGATE = 'nouvelle.recrue@durand-btp.fr';

const summary = (el: ParentNode) => el.querySelector<HTMLElement>('[data-part="error-summary"]');
const matrix = (el: ParentNode) => $<HTMLElement & { value: unknown }>(el, 'cibtp-rights-matrix');
/** The radio of `fn`'s `mode` in the matrix (`none`, `read`, `write`). */
const modeRadio = (el: ParentNode, fn: string, mode: string) => $<HTMLInputElement>(el, `tr[data-function="${fn}"] input[value="${mode}"]`);
const stepTitle = (el: ParentNode) => text(el.querySelector('[data-part="step-title"]'));

/** What the backend received, by method and path pattern (a handler that looks and lets the mock answer). */
function received(mock: RunningMockWorker, method: 'post' | 'put', path: string): unknown[] {
  const seen: unknown[] = [];
  mock.worker.use(
    http[method](`*/api/${path}`, async ({ request }) => {
      seen.push(await request.clone().json());
    }),
  );
  return seen;
}

/** A client signed in as `email` (on `tiersId`, or the first tiers of the list for a login with several). */
async function signedIn(email: string, tiersId?: string): Promise<{ client: PortalClient; calls: RecordedCall[] }> {
  const recorded = recordingClient();
  const result = await login(recorded.client, { email, password: DEMO_PASSWORD });
  if (result.status === 'choose-tiers') {
    const id = tiersId ?? (await searchTiers(recorded.client, { sort: 'raisonSociale', direction: 'asc', page: 1, pageSize: 1 })).items[0]!.id;
    await selectTiers(recorded.client, { tiersId: id });
  }
  recorded.calls.length = 0;
  return recorded;
}

interface RenderOptions {
  email?: string;
  tiersId?: string;
  id?: string;
  cabinet?: boolean;
  readonly?: boolean;
  client?: PortalClient;
}

function mount(client: PortalClient, o: RenderOptions): CibtpDelegationWizard {
  return fixtureSync<CibtpDelegationWizard>(html`<cibtp-delegation-wizard
    .client=${client}
    delegation-id=${o.id ?? nothing}
    ?cabinet=${o.cabinet ?? false}
    ?readonly=${o.readonly ?? false}
  ></cibtp-delegation-wizard>`);
}

/** Whether the first screen is there: a form, the view, or a box that says why not. */
const ready = (el: ParentNode) => el.querySelector('form, [data-part="notice"], [data-part="recap"]') !== null && !el.querySelector('[data-part="loading"]');

async function render(o: RenderOptions = {}) {
  const { client, calls } = o.client ? { client: o.client, calls: [] as RecordedCall[] } : await signedIn(o.email ?? DEMO_ACCOUNTS.admin, o.tiersId);
  const el = mount(client, o);
  await until(() => ready(el), 'first screen');
  await el.updateComplete;
  return { el, client, calls };
}

/** The matrix of step 2, its catalogue loaded. */
async function matrixShown(el: CibtpDelegationWizard): Promise<void> {
  await until(() => el.querySelector('cibtp-rights-matrix tr[data-function]'), 'the matrix’s rows');
  await el.updateComplete;
}

async function toStep2(el: CibtpDelegationWizard): Promise<void> {
  button(el, 'Continuer').click();
  await until(() => stepTitle(el) === 'Droits d’accès délégués', 'step 2');
  await matrixShown(el);
}

async function fillStep1(el: CibtpDelegationWizard, email: string, end?: string): Promise<void> {
  type($<HTMLInputElement>(el, 'input[type="email"]'), email);
  alignStart(el);
  if (end) type(field(el, END), end);
  await el.updateComplete;
}

describe('<cibtp-delegation-wizard>', () => {
  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });

  describe('Ajouter une délégation (admin@durand-btp.fr)', () => {
    it('step 1 → step 2 → Valider: the backend gets the typed values, the delegate its activation email, the host the saved event', async () => {
      const created = received(mock, 'post', 'delegations');
      const { el, calls } = await render();
      expect(headingText(el)).to.equal('Ajouter une délégation');
      expect(stepText(el)).to.equal('Étape 1 sur 2');
      expect(stepTitle(el)).to.equal('Bénéficiaire de la délégation');
      const email = field(el, EMAIL);
      expect(email.type).to.equal('email');
      expect(email.autocomplete).to.equal('off');
      expect(email.required).to.equal(true);
      expect(field(el, EFFECTIVE).type).to.equal('date');
      expect(field(el, EFFECTIVE).min).to.equal(today());
      expect(text(el)).to.include('Les droits prendront fin automatiquement à cette date.');
      await expect(el).to.be.accessible();

      const end = addDays(today(), 90);
      await fillStep1(el, NEW_DELEGATE, end);
      await toStep2(el);
      expect(stepText(el)).to.equal('Étape 2 sur 2');
      expect(focused()).to.equal($(el, 'h2'));
      expect(plain($(el, '[data-part="recap"]'))).to.include(NEW_DELEGATE);
      await expect(el).to.be.accessible();

      modeRadio(el, 'declarations-salaires', 'write').click();
      modeRadio(el, 'documents', 'read').click();
      await el.updateComplete;
      const saved = oneEvent(el, 'cibtp-delegation-saved');
      button(el, 'Valider').click();
      const { detail } = (await saved) as CustomEvent<DelegationSavedDetail>;
      expect(detail.action).to.equal('created');
      expect(detail.delegation.email).to.equal(NEW_DELEGATE);
      expect(created).to.deep.equal([{
        email: NEW_DELEGATE,
        effectiveDate: startDate(),
        endDate: end,
        rights: { administrator: false, colleges: ['ouvrier', 'etam', 'cadre'], functions: { 'declarations-salaires': 'write', documents: 'read' } },
      }]);
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).to.deep.equal(['/api/delegations']);
      const mail = mock.outbox.last({ kind: 'email', to: NEW_DELEGATE });
      expect(mail?.subject).to.equal('Activez votre espace sécurisé');
      expect(mail?.link).to.match(/#action=reset-password&token=[\w-]{16,}$/);

      await until(() => headingText(el) === 'Délégation enregistrée', 'done');
      expect(plain($(el, '[data-part="done"]'))).to.equal(`Un courriel contenant le lien d’activation a été envoyé à ${NEW_DELEGATE}.`);
      expect(focused()).to.equal($(el, 'h2'));
      expect(plain($(el, '[data-part="status"]'))).to.include('Délégation enregistrée');
      await expect(el).to.be.accessible();
      const cancel = oneEvent(el, 'cibtp-delegation-cancel');
      button(el, 'Retour à la liste').click();
      expect(((await cancel) as CustomEvent).detail).to.deep.equal({});
    });

    it('the date d’effet is today by default, and no date de fin', async () => {
      const { el } = await render();
      expect(field(el, EFFECTIVE).value).to.equal(today());
      expect(field(el, END).value).to.equal('');
      expect(field(el, END).min).to.equal(addDays(today(), 1));
    });

    it('a date de fin before the date d’effet is refused as the field is left, before anything is sent', async () => {
      const { el, calls } = await render();
      const end = field(el, END);
      type(end, addDays(today(), -1));
      end.dispatchEvent(new FocusEvent('blur'));
      await el.updateComplete;
      const message = 'Date de fin : la date de fin doit être postérieure à la date d’effet';
      expect(fieldError(end)).to.equal(message);
      expect(end.getAttribute('aria-invalid')).to.equal('true');
      // The same day is not after either.
      type(end, today());
      await el.updateComplete;
      expect(fieldError(field(el, END))).to.equal(message);
      type(field(el, END), addDays(today(), 1));
      await el.updateComplete;
      expect(fieldError(field(el, END))).to.equal('');
      expect(calls.filter((c) => c.method !== 'GET')).to.have.length(0);
    });

    it('Continuer checks step 1: an empty email, a past date d’effet; the summary takes the focus', async () => {
      const { el, calls } = await render();
      type(field(el, EFFECTIVE), addDays(today(), -3));
      button(el, 'Continuer').click();
      await until(() => summary(el), 'summary');
      expect(summaryEntries(el)).to.deep.equal([
        'Adresse électronique du bénéficiaire : ce champ est obligatoire',
        'Date d’effet : la date d’effet ne peut pas être passée',
      ]);
      await until(() => focused() === summary(el), 'summary focused');
      expect(stepTitle(el)).to.equal('Bénéficiaire de la délégation');
      await expect(el).to.be.accessible();
      type(field(el, EMAIL), 'pas-une-adresse');
      await el.updateComplete;
      expect(fieldError(field(el, EMAIL))).to.equal('Adresse électronique du bénéficiaire : format invalide (exemple : nom@entreprise.fr)');
      expect(calls.filter((c) => c.method !== 'GET')).to.have.length(0);
    });

    it('its own email: the backend refuses it, back to step 1 with the error on the email, the summary focused', async () => {
      const { el } = await render();
      await fillStep1(el, DEMO_ACCOUNTS.admin);
      await toStep2(el);
      button(el, 'Valider').click();
      await until(() => stepTitle(el) === 'Bénéficiaire de la délégation', 'back to step 1');
      const message = 'Adresse électronique du bénéficiaire : vous ne pouvez pas vous déléguer des droits';
      await until(() => summaryEntries(el).length === 1, 'summary');
      expect(summaryEntries(el)).to.deep.equal([message]);
      expect(fieldError(field(el, EMAIL))).to.equal(message);
      expect(field(el, EMAIL).value).to.equal(DEMO_ACCOUNTS.admin);
      await until(() => focused() === summary(el), 'summary focused');
      await expect(el).to.be.accessible();
      // The summary's link leads to the email.
      $<HTMLAnchorElement>(el, '[data-part="error-summary"] a').click();
      expect(focused()).to.equal(field(el, EMAIL));
    });

    it('an address already delegated on this tiers (409): back to step 1, said on the email', async () => {
      const { el } = await render();
      await fillStep1(el, DEMO_DELEGATIONS.activeUser);
      await toStep2(el);
      button(el, 'Valider').click();
      await until(() => summaryEntries(el).length === 1, 'summary');
      expect(stepTitle(el)).to.equal('Bénéficiaire de la délégation');
      expect(fieldError(field(el, EMAIL))).to.equal(
        'Adresse électronique du bénéficiaire : cette adresse a déjà une délégation active ou en attente sur ce tiers',
      );
    });

    it('a date d’effet that became past on the server (its day changed): back to step 1, on the date', async () => {
      const { el } = await render();
      await fillStep1(el, NEW_DELEGATE);
      await toStep2(el);
      // The backend's day moves on while the user ticks the rights.
      mock.worker.use(
        http.post('*/api/delegations', () =>
          new Response(JSON.stringify({ code: 'validation', fields: { effectiveDate: 'past' } }), { status: 422, headers: { 'Content-Type': 'application/json' } })),
      );
      button(el, 'Valider').click();
      await until(() => summaryEntries(el).length === 1, 'summary');
      expect(fieldError(field(el, EFFECTIVE))).to.equal('Date d’effet : la date d’effet ne peut pas être passée');
      await until(() => focused() === summary(el), 'summary focused');
    });

    it('Retour keeps everything typed and ticked, both ways', async () => {
      const { el } = await render();
      const end = addDays(today(), 30);
      await fillStep1(el, NEW_DELEGATE, end);
      await toStep2(el);
      modeRadio(el, 'planning', 'read').click();
      $<HTMLInputElement>(el, '[data-part="colleges"] input[type="checkbox"]').click();
      await el.updateComplete;
      button(el, 'Retour').click();
      await until(() => stepTitle(el) === 'Bénéficiaire de la délégation', 'step 1');
      expect(focused()).to.equal($(el, 'h2'));
      expect(field(el, EMAIL).value).to.equal(NEW_DELEGATE);
      expect(field(el, END).value).to.equal(end);
      expect(field(el, EFFECTIVE).value).to.equal(startDate());
      await toStep2(el);
      expect(modeRadio(el, 'planning', 'read').checked).to.equal(true);
      expect(matrix(el).value).to.deep.equal({ administrator: false, colleges: ['etam', 'cadre'], functions: { planning: 'read' } });
    });

    it('no collège: the summary says it and leads to the matrix; nothing is sent', async () => {
      const { el, calls } = await render();
      await fillStep1(el, NEW_DELEGATE);
      await toStep2(el);
      for (const box of el.querySelectorAll<HTMLInputElement>('[data-part="colleges"] input[type="checkbox"]')) box.click();
      await el.updateComplete;
      button(el, 'Valider').click();
      await until(() => summaryEntries(el).length === 1, 'summary');
      expect(summaryEntries(el)).to.deep.equal(['Collèges : cochez au moins un collège']);
      await expect(el).to.be.accessible();
      $<HTMLAnchorElement>(el, '[data-part="error-summary"] a').click();
      expect(el.querySelector('cibtp-rights-matrix')!.contains(focused())).to.equal(true);
      expect(calls.filter((c) => c.method === 'POST')).to.have.length(0);
      // Ticking one again clears it at once.
      $<HTMLInputElement>(el, '[data-part="colleges"] input[type="checkbox"]').click();
      await el.updateComplete;
      expect(summaryEntries(el)).to.deep.equal([]);
    });

    it('the administrator box: every function sent in Mise à jour', async () => {
      const created = received(mock, 'post', 'delegations');
      const { el } = await render();
      await fillStep1(el, NEW_DELEGATE);
      await toStep2(el);
      $<HTMLInputElement>(el, '[data-part="administrator"] input[type="checkbox"]').click();
      await el.updateComplete;
      expect(modeRadio(el, 'comptes-bancaires', 'write').checked).to.equal(true);
      await expect(el).to.be.accessible();
      const saved = oneEvent(el, 'cibtp-delegation-saved');
      button(el, 'Valider').click();
      const { detail } = (await saved) as CustomEvent<DelegationSavedDetail>;
      expect(detail.delegation.role).to.equal('administrateur');
      const body = created[0] as { rights: { administrator: boolean; functions: Record<string, string> } };
      expect(body.rights.administrator).to.equal(true);
      expect(Object.values(body.rights.functions).every((mode) => mode === 'write')).to.equal(true);
    });

    it('sends one request however often Valider is pressed while it runs', async () => {
      mock.faults.set('createDelegation', { kind: 'latency', ms: 300 });
      const { el, calls } = await render();
      await fillStep1(el, NEW_DELEGATE);
      await toStep2(el);
      let saved = 0;
      el.addEventListener('cibtp-delegation-saved', () => saved++);
      button(el, 'Valider').click();
      await el.updateComplete;
      expect($(el, 'form').getAttribute('aria-busy')).to.equal('true');
      expect(button(el, 'Valider').getAttribute('aria-disabled')).to.equal('true');
      button(el, 'Valider').click();
      $<HTMLFormElement>(el, 'form').requestSubmit();
      await until(() => saved === 1, 'saved');
      expect(calls.filter((c) => c.method === 'POST' && c.path === '/api/delegations')).to.have.length(1);
    });

    it('a server failure on Valider: said in the summary, everything kept; the retry carries the same Idempotency-Key', async () => {
      mock.faults.set('createDelegation', { kind: 'server' }, { times: 1 });
      const { el, calls } = await render();
      await fillStep1(el, NEW_DELEGATE);
      await toStep2(el);
      modeRadio(el, 'documents', 'write').click();
      button(el, 'Valider').click();
      await until(() => summary(el), 'summary');
      expect(text(summary(el))).to.include('Le service rencontre une difficulté temporaire.');
      await until(() => focused() === summary(el), 'summary focused');
      expect(modeRadio(el, 'documents', 'write').checked).to.equal(true);
      await expect(el).to.be.accessible();
      const saved = oneEvent(el, 'cibtp-delegation-saved');
      button(el, 'Valider').click();
      await saved;
      const posts = calls.filter((c) => c.method === 'POST' && c.path === '/api/delegations');
      expect(posts).to.have.length(2);
      expect(posts[0]!.idempotencyKey).to.be.a('string').and.equal(posts[1]!.idempotencyKey);
    });

    it('Annuler, on each step, fires cibtp-delegation-cancel and sends nothing; the wizard starts over', async () => {
      const { el, calls } = await render();
      await fillStep1(el, NEW_DELEGATE);
      let cancelled = oneEvent(el, 'cibtp-delegation-cancel');
      button(el, 'Annuler').click();
      const fired = (await cancelled) as CustomEvent;
      expect(fired.detail).to.deep.equal({});
      expect(fired.bubbles && fired.composed).to.equal(true);
      await until(() => ready(el), 'started over');
      expect(field(el, EMAIL).value).to.equal('');
      await fillStep1(el, NEW_DELEGATE);
      await toStep2(el);
      cancelled = oneEvent(el, 'cibtp-delegation-cancel');
      button(el, 'Annuler').click();
      await cancelled;
      await until(() => ready(el) && stepTitle(el) === 'Bénéficiaire de la délégation', 'step 1 again');
      expect(calls.filter((c) => c.method !== 'GET')).to.have.length(0);
    });
  });

  describe('Modifier, Détail', () => {
    it('modifies an existing delegation: its values loaded, updateDelegation received, « Les droits de … sont modifiés. »', async () => {
      const updated = received(mock, 'put', 'delegations/d-lyon-1');
      const { el } = await render({ id: 'd-lyon-1' });
      expect(headingText(el)).to.equal('Modifier la délégation');
      expect(stepText(el)).to.equal('Étape 1 sur 2');
      expect(plain($(el, '[data-part="beneficiary"]'))).to.equal(`Bénéficiaire : MARTIN Sophie (${DEMO_DELEGATIONS.activeUser})`);
      expect(el.querySelector('input[type="email"]')).to.equal(null);
      const delegation = mock.db.delegations.find(DEMO_DELEGATIONS.siteId, 'd-lyon-1')!;
      expect(field(el, EFFECTIVE).value).to.equal(delegation.effectiveDate);
      // An active delegation keeps a date d'effet in the past.
      expect(field(el, EFFECTIVE).hasAttribute('min')).to.equal(false);
      await expect(el).to.be.accessible();
      const end = addDays(today(), 45);
      type(field(el, END), end);
      await toStep2(el);
      expect(modeRadio(el, 'declarations-salaires', 'write').checked).to.equal(true);
      expect(modeRadio(el, 'situation-compte', 'read').checked).to.equal(true);
      modeRadio(el, 'situation-compte', 'none').click();
      await el.updateComplete;
      const saved = oneEvent(el, 'cibtp-delegation-saved');
      button(el, 'Valider').click();
      const { detail } = (await saved) as CustomEvent<DelegationSavedDetail>;
      expect(detail.action).to.equal('updated');
      expect(updated).to.deep.equal([{
        effectiveDate: delegation.effectiveDate,
        endDate: end,
        rights: {
          administrator: false,
          colleges: ['ouvrier', 'etam', 'cadre'],
          functions: { 'declarations-salaires': 'write', 'declarations-nominatives': 'write', 'gerer-salaries': 'write', documents: 'read' },
        },
      }]);
      await until(() => headingText(el) === 'Délégation enregistrée', 'done');
      expect(plain($(el, '[data-part="done"]'))).to.equal('Les droits de MARTIN Sophie sont modifiés.');
      await expect(el).to.be.accessible();
    });

    it('view: email, role, status, dates and the matrix read-only; Modifier switches to modifying in place', async () => {
      const { el } = await render({ id: 'd-lyon-3', readonly: true });
      expect(headingText(el)).to.equal('Détail de la délégation');
      expect(stepText(el)).to.equal('');
      const facts = plain($(el, '[data-part="recap"]'));
      expect(facts).to.include(DEMO_DELEGATIONS.activeUntil);
      expect(facts).to.include('Rôle Utilisateur');
      expect(facts).to.include('Statut Actif');
      const d = mock.db.delegations.find(DEMO_DELEGATIONS.siteId, 'd-lyon-3')!;
      const long = (iso: string) => new Intl.DateTimeFormat('fr', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
      expect(facts).to.include(`Date d’effet ${long(d.effectiveDate)}`);
      expect(facts).to.include(`Date de fin ${long(d.endDate!)}`);
      await matrixShown(el);
      expect(matrix(el).hasAttribute('readonly')).to.equal(true);
      expect(el.querySelectorAll('cibtp-rights-matrix input')).to.have.length(0);
      expect(text($(el, 'tr[data-function="planning"] td'))).to.equal('Mise à jour');
      expect(el.querySelector('form')).to.equal(null);
      await expect(el).to.be.accessible();

      button(el, 'Modifier').click();
      await until(() => headingText(el) === 'Modifier la délégation', 'modifying');
      expect(focused()).to.equal($(el, 'h2'));
      expect(field(el, END).value).to.equal(d.endDate);
      const cancelled = oneEvent(el, 'cibtp-delegation-cancel');
      button(el, 'Annuler').click();
      await cancelled;
      // Still on the page: the view again, as the host asked for it.
      await until(() => ready(el) && headingText(el) === 'Détail de la délégation', 'the view again');
    });

    it('view of a closed delegation: no Modifier; Retour à la liste fires the cancel event', async () => {
      const { el } = await render({ id: 'd-lyon-6', readonly: true });
      expect(plain($(el, '[data-part="recap"]'))).to.include('Statut Inactif');
      expect(() => button(el, 'Modifier')).to.throw();
      const cancelled = oneEvent(el, 'cibtp-delegation-cancel');
      button(el, 'Retour à la liste').click();
      await cancelled;
    });

    it('a delegation that no longer exists: « Cette délégation n’existe plus. », no retry', async () => {
      const { el } = await render({ id: 'd-lyon-404' });
      const box = $(el, '[data-part="notice"]');
      expect(text(box)).to.include('Cette délégation n’existe plus.');
      expect(() => button(box, 'Réessayer')).to.throw();
      expect(button(box, 'Retour à la liste')).to.exist;
      await expect(el).to.be.accessible();
    });
  });

  describe('Déléguer à mon cabinet comptable', () => {
    it('the firm’s name instead of an email; delegateToCabinet received; the firm gets its complete-account link', async () => {
      const sent = received(mock, 'post', 'delegations/cabinet');
      const { el } = await render({ cabinet: true });
      expect(headingText(el)).to.equal('Déléguer à mon cabinet comptable');
      expect(plain($(el, '[data-part="beneficiary"]'))).to.equal('Cabinet comptable : FIDUCIAIRE DU RHÔNE');
      expect(el.querySelector('input[type="email"]')).to.equal(null);
      await expect(el).to.be.accessible();
      alignStart(el);
      await toStep2(el);
      modeRadio(el, 'declarations-salaires', 'write').click();
      await el.updateComplete;
      const saved = oneEvent(el, 'cibtp-delegation-saved');
      button(el, 'Valider').click();
      const { detail } = (await saved) as CustomEvent<DelegationSavedDetail>;
      expect(detail).to.deep.include({ action: 'created' });
      expect(detail.delegation.role).to.equal('cabinet');
      expect(sent).to.deep.equal([{
        effectiveDate: startDate(),
        rights: { administrator: false, colleges: ['ouvrier', 'etam', 'cadre'], functions: { 'declarations-salaires': 'write' } },
      }]);
      const mail = mock.outbox.last({ kind: 'email', to: DEMO_DELEGATIONS.cabinet.email });
      expect(mail?.link).to.match(/#action=complete-account&token=[\w-]{16,}$/);
      await until(() => headingText(el) === 'Délégation enregistrée', 'done');
      expect(plain($(el, '[data-part="done"]'))).to.equal('Un courriel a été envoyé à FIDUCIAIRE DU RHÔNE pour compléter son compte.');

      // Back to the list, then again: the firm has its delegation now.
      button(el, 'Retour à la liste').click();
      await until(() => ready(el) && el.querySelector('[data-part="notice"]'), 'the firm already delegated');
      expect(plain($(el, '[data-part="notice"]'))).to.include('Votre cabinet comptable FIDUCIAIRE DU RHÔNE a déjà une délégation.');
    });
  });

  describe('sub-delegation (cabinet@comptagestion.fr)', () => {
    it('after choosing a tiers: the matrix bounded by the firm’s own rights; the backend refuses more, even sent directly', async () => {
      const created = received(mock, 'post', 'delegations');
      const { el, client } = await render({ email: DEMO_ACCOUNTS.cabinet });
      expect(headingText(el)).to.equal('Ajouter une délégation');
      await fillStep1(el, 'collaborateur@comptagestion.fr');
      await toStep2(el);
      // No bank accounts for the firm: neither mode can be ticked, and the row says why.
      expect(modeRadio(el, 'comptes-bancaires', 'read').disabled).to.equal(true);
      expect(modeRadio(el, 'comptes-bancaires', 'write').disabled).to.equal(true);
      expect(modeRadio(el, 'comptes-bancaires', 'none').disabled).to.equal(false);
      expect(modeRadio(el, 'informations-adherent', 'write').disabled).to.equal(true);
      expect(modeRadio(el, 'informations-adherent', 'read').disabled).to.equal(false);
      expect($<HTMLInputElement>(el, '[data-part="administrator"] input').disabled).to.equal(true);
      expect(text($(el, 'tr[data-function="comptes-bancaires"]'))).to.include('Non délégable');
      await expect(el).to.be.accessible();
      modeRadio(el, 'declarations-salaires', 'write').click();
      modeRadio(el, 'informations-adherent', 'read').click();
      await el.updateComplete;
      const saved = oneEvent(el, 'cibtp-delegation-saved');
      button(el, 'Valider').click();
      await saved;
      expect((created[0] as { rights: unknown }).rights).to.deep.equal({
        administrator: false, colleges: ['ouvrier', 'etam', 'cadre'], functions: { 'informations-adherent': 'read', 'declarations-salaires': 'write' },
      });

      // The same firm, through the SDK, beyond its rights: refused by the backend.
      const refused = await createDelegation(client, {
        email: 'autre.collaborateur@comptagestion.fr', effectiveDate: startDate(),
        rights: { administrator: false, colleges: ['ouvrier'], functions: { 'comptes-bancaires': 'read' } },
      }).then(() => undefined, (error: unknown) => error);
      expect(isPortalError(refused, 'validation')).to.equal(true);
      expect((refused as { fields: unknown }).fields).to.deep.equal({ rights: 'beyond-rights' });
    });

    it('rights the firm lost while choosing: the backend’s beyond-rights is said on step 2, at the matrix', async () => {
      const { el } = await render({ email: DEMO_ACCOUNTS.cabinet });
      await fillStep1(el, 'collaborateur@comptagestion.fr');
      await toStep2(el);
      modeRadio(el, 'documents', 'write').click();
      await el.updateComplete;
      // Meanwhile, the firm's own rights on documents went down to Consultation.
      const firm = mock.db.accounts.find((a) => a.email === DEMO_ACCOUNTS.cabinet)!;
      firm.defaultRights = { ...firm.defaultRights!, functions: { ...firm.defaultRights!.functions, documents: 'read' } };
      button(el, 'Valider').click();
      const message = 'Droits d’accès délégués : ces droits dépassent les vôtres';
      await until(() => summaryEntries(el).length === 1, 'summary');
      expect(summaryEntries(el)).to.deep.equal([message]);
      expect(stepTitle(el)).to.equal('Droits d’accès délégués');
      expect(text($(el, '[data-part="rights"] > .cibtp-field-error'))).to.equal(message);
      await expect(el).to.be.accessible();
      // The link of the summary leads into the matrix.
      $<HTMLAnchorElement>(el, '[data-part="error-summary"] a').click();
      expect(el.querySelector('cibtp-rights-matrix')!.contains(focused())).to.equal(true);
    });
  });

  describe('loading and its failures', () => {
    it('« Chargement… » while the rights are on their way', async () => {
      mock.faults.set('tiersRights', { kind: 'latency', ms: 500 }, { times: 1 });
      const { client } = await signedIn(DEMO_ACCOUNTS.admin);
      const el = mount(client, {});
      await el.updateComplete;
      expect(text($(el, '[data-part="loading"]'))).to.equal('Chargement…');
      expect(text($(el, '[data-part="status"]'))).to.equal('Chargement…');
      await expect(el).to.be.accessible();
      await until(() => ready(el), 'loaded');
      expect(field(el, EMAIL)).to.exist;
    });

    it('a failed load: its message and Réessayer, which loads and moves the focus to the heading', async () => {
      // Failing on every attempt (a read is retried by the SDK itself) until the user retries.
      mock.faults.set('getDelegation', { kind: 'server' });
      const { el } = await render({ id: 'd-lyon-1' });
      const box = $(el, '[data-part="notice"]');
      expect(text(box)).to.include('Le service rencontre une difficulté temporaire.');
      await expect(el).to.be.accessible();
      mock.faults.clear('getDelegation');
      const retry = button(box, 'Réessayer');
      retry.focus();
      retry.click();
      await until(() => ready(el) && el.querySelector('form'), 'loaded');
      expect(plain($(el, '[data-part="beneficiary"]'))).to.include(DEMO_DELEGATIONS.activeUser);
      await until(() => focused() === $(el, 'h2'), 'heading focused');
    });

    it('a login that may not manage delegations here (403): the forbidden message, before anything is typed', async () => {
      const { el } = await render({ email: DEMO_ACCOUNTS.multi, tiersId: 'durand-btp/saint-etienne' });
      const box = $(el, '[data-part="notice"]');
      expect(text(box)).to.include('Vous n’avez pas les droits nécessaires pour effectuer cette action.');
      expect(el.querySelector('form')).to.equal(null);
      expect(() => button(box, 'Réessayer')).to.throw();
      await expect(el).to.be.accessible();
    });

    it('an expired session: said, with Se connecter (cibtp-navigate to the login); nothing typed is kept', async () => {
      const { el, client } = await render();
      await fillStep1(el, NEW_DELEGATE);
      await toStep2(el);
      mock.expireSession();
      button(el, 'Valider').click();
      await until(() => summary(el), 'summary');
      expect(text(summary(el))).to.include('Votre session a expiré.');
      // Shown anew (the host re-opens it): the load says it too.
      const again = mount(client, {});
      await until(() => again.querySelector('[data-part="notice"]'), 'notice');
      expect(text($(again, '[data-part="notice"]'))).to.include('Votre session a expiré.');
      const navigate = oneEvent(again, 'cibtp-navigate');
      button(again, 'Se connecter').click();
      expect(((await navigate) as CustomEvent).detail).to.deep.equal({ to: 'login' });
    });
  });

  describe('in <cibtp-portal>, following the session', () => {
    it('another tiers: what was typed for the previous one goes; signed out: nothing stays, the session’s end is said', async () => {
      const { client } = await signedIn(DEMO_ACCOUNTS.multi, 'durand-btp/lyon');
      const page = fixtureSync<HTMLElement>(html`<div><cibtp-portal .client=${client}><cibtp-delegation-wizard></cibtp-delegation-wizard></cibtp-portal></div>`);
      const el = $<CibtpDelegationWizard>(page, 'cibtp-delegation-wizard');
      await until(() => ready(el), 'first screen');
      await fillStep1(el, NEW_DELEGATE);
      await toStep2(el);
      await selectTiers(client, { tiersId: 'durand-charpente/grenoble' });
      await until(() => ready(el) && stepTitle(el) === 'Bénéficiaire de la délégation', 'started over');
      expect(field(el, EMAIL).value).to.equal('');
      await fillStep1(el, NEW_DELEGATE);
      await logout(client);
      await until(() => el.querySelector('[data-part="notice"]'), 'ended');
      expect(text($(el, '[data-part="notice"]'))).to.include('Votre session a expiré.');
      expect(el.querySelector('input')).to.equal(null);
      expect(text(el)).to.not.include(NEW_DELEGATE);
      await expect(el).to.be.accessible();
    });
  });

  describe('on a phone (320 px)', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('both steps reflow: the page never scrolls sideways', async () => {
      await setViewport({ width: 320, height: 800 });
      const { el } = await render();
      const page = document.documentElement;
      expect(page.scrollWidth).to.be.at.most(page.clientWidth);
      await fillStep1(el, NEW_DELEGATE);
      await toStep2(el);
      expect(page.scrollWidth).to.be.at.most(page.clientWidth);
      const recap = $(el, '[data-part="recap"]').getBoundingClientRect();
      expect(recap.right).to.be.at.most(320);
      await expect(el).to.be.accessible();
    });
  });

  it('keyboard only: the whole wizard with real key presses', async () => {
    const created = received(mock, 'post', 'delegations');
    const { client } = await signedIn(DEMO_ACCOUNTS.admin);
    const root = fixtureSync<HTMLElement>(html`<div><button>Avant</button><cibtp-delegation-wizard .client=${client}></cibtp-delegation-wizard></div>`);
    const el = $<CibtpDelegationWizard>(root, 'cibtp-delegation-wizard');
    await until(() => ready(el), 'first screen');
    alignStart(el);
    $<HTMLButtonElement>(root, 'button').focus();
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(field(el, EMAIL));
    await sendKeys({ type: NEW_DELEGATE });
    // Enter in the email submits step 1 (the date d'effet is today already).
    await sendKeys({ press: 'Enter' });
    await until(() => stepTitle(el) === 'Droits d’accès délégués', 'step 2');
    await matrixShown(el);
    expect(focused()).to.equal($(el, 'h2'));
    // Into the matrix: the administrator box, the collèges, the column controls, then the rows.
    const target = modeRadio(el, 'informations-adherent', 'none');
    for (let i = 0; i < 12 && focused() !== target; i++) await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(target);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(modeRadio(el, 'informations-adherent', 'read').checked).to.equal(true);
    const valider = button(el, 'Valider');
    for (let i = 0; i < 40 && focused() !== valider; i++) await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(valider);
    await sendKeys({ press: 'Enter' });
    await until(() => headingText(el) === 'Délégation enregistrée', 'done');
    expect((created[0] as { rights: unknown }).rights).to.deep.equal({
      administrator: false, colleges: ['ouvrier', 'etam', 'cadre'], functions: { 'informations-adherent': 'read' },
    });
    expect(focused()).to.equal($(el, 'h2'));
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(button(el, 'Retour à la liste'));
    const cancelled = oneEvent(el, 'cibtp-delegation-cancel');
    await sendKeys({ press: 'Enter' });
    await cancelled;
  });

  it('in English: headings, fields, the server’s codes and the end screen', async () => {
    const { el } = await render();
    // It ends on the end screen: back in French, that is its heading.
    await inEnglish(el, { en: 'Add a delegation', fr: 'Délégation enregistrée' }, async () => {
      expect(stepText(el)).to.equal('Step 1 of 2');
      expect(stepTitle(el)).to.equal('Beneficiary of the delegation');
      expect(field(el, 'Beneficiary’s email address')).to.exist;
      expect(field(el, 'Start date').value).to.equal(today());
      expect(text(el)).to.include('The rights will end automatically on this date.');
      await fillStep1(el, DEMO_ACCOUNTS.admin);
      button(el, 'Continue').click();
      await until(() => stepTitle(el) === 'Delegated access rights', 'step 2');
      await matrixShown(el);
      expect(button(el, 'Back')).to.exist;
      button(el, 'Confirm').click();
      await until(() => summaryEntries(el).length === 1, 'summary');
      expect(summaryEntries(el)).to.deep.equal(['Beneficiary’s email address: you cannot delegate rights to yourself']);
      await fillStep1(el, NEW_DELEGATE);
      button(el, 'Continue').click();
      await until(() => stepTitle(el) === 'Delegated access rights', 'step 2 again');
      await matrixShown(el);
      button(el, 'Confirm').click();
      await until(() => headingText(el) === 'Delegation saved', 'done');
      expect(plain($(el, '[data-part="done"]'))).to.equal(`An email containing the activation link has been sent to ${NEW_DELEGATE}.`);
      expect(button(el, 'Back to the list')).to.exist;
    });
  });
});
