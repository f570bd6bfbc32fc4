import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import './complete-account.js';
import '../confirm-delegation/confirm-delegation.js';
import type { CibtpCompleteAccount } from './complete-account.component.js';
import type { CibtpConfirmDelegation } from '../confirm-delegation/confirm-delegation.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { LIMITS } from '../../mock-server/index.js';
import type { PortalError } from '../../sdk/errors.js';
import { allows } from '../../sdk/rules/rights.js';
import { formWidgetSuite } from '../shared/form-suite.js';
import {
  $, advanceClock, button, expectFieldProblem, field, fieldError, focused, headingText, inEnglish, mockBackend, recordingClient,
  resetBackend, summaryEntries, text, type, until,
} from '../shared/testing.js';
import { ADMIN, FIRM, FIRM_PASSWORD, delegateToFirm, outboxToken } from './test-support.js';

const PASSWORD = 'Mot de passe';
const CONFIRMATION = 'Confirmation du mot de passe';
const TITLE = 'Ouverture de délégation';
const DONE = 'Finalisation de l’ouverture d’une délégation';

async function render(token: string | undefined) {
  const { client, calls } = recordingClient();
  const el = await fixture<CibtpCompleteAccount>(html`<cibtp-complete-account .client=${client} .token=${token}></cibtp-complete-account>`);
  return { el, calls, client };
}

/** Renders with a fresh link of the firm, and waits for the form. */
async function renderForm(mock: RunningMockWorker) {
  const rendered = await render(await delegateToFirm(mock));
  await until(() => rendered.el.querySelector('form'), 'the form');
  return rendered;
}

function fill(el: HTMLElement, o: { password?: string; confirmation?: string; lastName?: string; firstName?: string } = {}): void {
  type(field(el, PASSWORD), o.password ?? FIRM_PASSWORD);
  type(field(el, CONFIRMATION), o.confirmation ?? o.password ?? FIRM_PASSWORD);
  type(field(el, 'Nom'), o.lastName ?? 'Girard');
  type(field(el, 'Prénom'), o.firstName ?? 'Hélène');
}

/** Text as read, without the isolation marks around the server's names (FSI…PDI). */
const plain = (node: Node | null | undefined) => text(node).replace(/[\u2068\u2069]/g, '');

const completions = (calls: Array<{ method: string; path: string }>) =>
  calls.filter((c) => c.method === 'POST' && c.path.endsWith('/delegations/invitation/complete'));

describe('<cibtp-complete-account>', () => {
  describe('the form', () =>
    formWidgetSuite({
      render: async () => (await renderForm(await mockBackend())).el,
      fill: (el) => fill(el),
      operation: 'completeAccount',
      required: 4,
    }));

  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });

  it('says who delegates, shows the address read-only, and asks for the account’s details', async () => {
    const { el } = await renderForm(mock);
    expect(headingText(el)).to.equal(TITLE);
    expect(plain($(el, '[data-part="intro"]'))).to.include('L’entreprise DURAND BTP vous a délégué des droits d’accès');
    expect(text(el)).to.include('Informations de contact et de connexion');
    expect(text($(el, '[data-part="required-note"]'))).to.include('obligatoires');
    expect([...el.querySelectorAll('legend')].map((l) => text(l))).to.deep.equal(['Informations de connexion', 'Informations de contact']);
    expect(text($(el, '[data-part="email"]'))).to.include(FIRM.email);
    // The address is not an input the firm could change, but password managers get it as the username.
    const username = $<HTMLInputElement>(el, 'input[autocomplete="username"]');
    expect(username.value).to.equal(FIRM.email);
    expect(username.hidden).to.equal(true);
    for (const label of [PASSWORD, CONFIRMATION]) {
      expect(field(el, label).autocomplete).to.equal('new-password');
      expect(field(el, label).required).to.equal(true);
    }
    expect(field(el, 'Nom').autocomplete).to.equal('family-name');
    expect(field(el, 'Prénom').autocomplete).to.equal('given-name');
    expect(field(el, 'Téléphone fixe').required).to.equal(false);
    expect(field(el, 'Téléphone mobile').required).to.equal(false);
    expect(el.querySelector('[data-part="password-rules"]'), 'the policy checklist').to.exist;
    await expect(el).to.be.accessible();
  });

  it('the whole firm flow: complete with the keyboard, the administrator confirms, then the firm acts for the member', async () => {
    const token = await delegateToFirm(mock);
    const { el, calls } = await render(token);
    await until(() => el.querySelector('form'), 'the form');

    // Keyboard only: each field is reached with Tab, typed into, and Enter submits the native form.
    field(el, PASSWORD).focus();
    await sendKeys({ type: FIRM_PASSWORD });
    await sendKeys({ press: 'Tab' });
    expect(text(focused())).to.equal('Afficher');
    await sendKeys({ press: 'Tab' });
    expect(focused() === field(el, CONFIRMATION), 'focus').to.equal(true);
    await sendKeys({ type: FIRM_PASSWORD });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused() === field(el, 'Nom'), 'focus').to.equal(true);
    await sendKeys({ type: 'Girard' });
    await sendKeys({ press: 'Tab' });
    expect(focused() === field(el, 'Prénom'), 'focus').to.equal(true);
    await sendKeys({ type: 'Hélène' });
    const completed = oneEvent(el, 'cibtp-account-completed');
    await sendKeys({ press: 'Enter' });
    expect((await completed).detail).to.deep.equal({ email: FIRM.email });
    await until(() => headingText(el) === DONE, 'the end screen');
    expect(text(el)).to.include('Merci d’avoir finalisé l’ouverture de la délégation.');
    expect(text(el)).to.include('Un courriel de demande de confirmation de votre délégation vient d’être envoyé à l’administrateur.');
    expect(text(el)).to.include('Votre compte sera définitivement actif une fois que l’administrateur aura validé votre délégation.');
    await until(() => focused() === $(el, 'h2'), 'the heading has the focus');
    expect(completions(calls)).to.have.length(1);
    expect(el.querySelector('form'), 'no form any more').to.equal(null);
    await expect(el).to.be.accessible();

    // Not confirmed yet: the right password, but the firm acts for no one, so it has nothing to enter.
    const firm = recordingClient().client;
    const before = await firm.login({ email: FIRM.email, password: FIRM_PASSWORD }).then(
      () => 'signed in',
      (error: PortalError) => error.code,
    );
    expect(before).to.equal('forbidden');

    // The administrator's link → the confirmation widget.
    const confirmation = await fixture<CibtpConfirmDelegation>(
      html`<cibtp-confirm-delegation .client=${recordingClient().client} .token=${outboxToken(mock, ADMIN)}></cibtp-confirm-delegation>`,
    );
    await until(() => confirmation.querySelector('[data-part="confirm"]'), 'the confirmation');
    expect(text(confirmation)).to.include(FIRM.name);
    const confirmed = oneEvent(confirmation, 'cibtp-delegation-confirmed');
    button(confirmation, 'Confirmer la délégation').click();
    expect((await confirmed).detail.delegation.status).to.equal('active');
    await until(() => plain(confirmation).includes(`La délégation à ${FIRM.name} est active.`), 'confirmed');
    expect(text(confirmation)).to.include('Le cabinet peut désormais se connecter.');

    // Now the firm acts for DURAND BTP, with the rights it was given, and those only.
    const after = await firm.login({ email: FIRM.email, password: FIRM_PASSWORD });
    expect(after.status).to.equal('signed-in');
    const session = after.status === 'signed-in' ? after.session : undefined;
    expect(session?.tiers?.raisonSociale).to.equal('DURAND BTP');
    const rights = await firm.tiersRights(undefined);
    expect(allows(rights, 'gerer-salaries', 'write')).to.equal(true);
    expect(allows(rights, 'documents', 'read')).to.equal(true);
    expect(allows(rights, 'documents', 'write')).to.equal(false);
    expect(allows(rights, 'comptes-bancaires')).to.equal(false);
  });

  it('while the invitation loads: the heading, a progress line, the region busy', async () => {
    const token = await delegateToFirm(mock);
    mock.faults.set('invitation', { kind: 'latency', ms: 1500 });
    const { el } = await render(token);
    expect(headingText(el)).to.equal(TITLE);
    expect(text(el)).to.include('Chargement de votre invitation');
    expect(el.querySelector('[aria-busy="true"]')).to.exist;
    expect(el.querySelector('form')).to.equal(null);
    await expect(el).to.be.accessible();
    await until(() => el.querySelector('form'), 'the form once loaded');
    expect(el.querySelector('[aria-busy="true"]')).to.equal(null);
  });

  it('the invitation cannot be loaded: says so, and « Réessayer » loads it', async () => {
    const token = await delegateToFirm(mock);
    mock.faults.set('invitation', { kind: 'server' }, { times: 1 });
    const { el } = await render(token);
    await until(() => headingText(el) === 'Votre invitation n’a pas pu être chargée', 'the failure');
    expect(text(el)).to.include('difficulté temporaire');
    await until(() => focused() === $(el, 'h2'), 'the heading has the focus');
    await expect(el).to.be.accessible();
    button(el, 'Réessayer').click();
    await until(() => el.querySelector('form'), 'the form');
  });

  it('reads the token from the address bar and removes it from there', async () => {
    const token = await delegateToFirm(mock);
    history.replaceState(null, '', `${location.pathname}${location.search}#action=complete-account&token=${token}`);
    const { el } = await render(undefined);
    expect(el.token).to.equal(token);
    expect(location.hash).to.equal('');
    await until(() => el.querySelector('form'), 'the form');
    expect(text($(el, '[data-part="email"]'))).to.include(FIRM.email);
  });

  it('without a token: the link is not valid, and no form', async () => {
    const { el, calls } = await render(undefined);
    await until(() => headingText(el) === 'Ce lien n’est pas valide', 'invalid');
    expect(el.querySelector('form')).to.equal(null);
    expect(calls.filter((c) => c.path.includes('/delegations/'))).to.have.length(0);
    expect(el.querySelector('[data-part="status"]'), 'the live region').to.exist;
    await expect(el).to.be.accessible();
  });

  it('an unknown link: not valid, no form, a way to the login', async () => {
    const { el } = await render('A'.repeat(43));
    await until(() => headingText(el) === 'Ce lien n’est pas valide', 'invalid');
    expect(el.querySelector('form')).to.equal(null);
    expect(text(el)).to.include('incomplet ou a déjà été utilisé');
    await until(() => focused() === $(el, 'h2'), 'the heading has the focus');
    const navigate = oneEvent(el, 'cibtp-navigate');
    button(el, 'Se connecter').click();
    expect((await navigate).detail).to.deep.equal({ to: 'login' });
    await expect(el).to.be.accessible();
  });

  it('an expired link says so, and shows no form', async () => {
    const token = await delegateToFirm(mock);
    advanceClock(LIMITS.activationLinkTtl + 60_000);
    const { el } = await render(token);
    await until(() => headingText(el) === 'Ce lien a expiré', 'expired');
    expect(el.querySelector('form')).to.equal(null);
    expect(text(el)).to.include('nouvelle délégation');
    await expect(el).to.be.accessible();
  });

  it('a link already used: not valid', async () => {
    const first = await renderForm(mock);
    fill(first.el);
    button(first.el, 'Valider').click();
    await until(() => headingText(first.el) === DONE, 'done');
    const { el } = await render(first.el.token);
    await until(() => headingText(el) === 'Ce lien n’est pas valide', 'used');
    expect(el.querySelector('form')).to.equal(null);
  });

  it('the link expires while the form is filled: the expired message', async () => {
    const { el, calls } = await renderForm(mock);
    fill(el);
    advanceClock(LIMITS.activationLinkTtl + 60_000);
    button(el, 'Valider').click();
    await until(() => headingText(el) === 'Ce lien a expiré', 'expired');
    expect(completions(calls)).to.have.length(1);
    await until(() => focused() === $(el, 'h2'), 'the heading has the focus');
    await expect(el).to.be.accessible();
  });

  it('names missing, password mismatch: each on its field and in the summary, nothing sent', async () => {
    const { el, calls } = await renderForm(mock);
    fill(el, { confirmation: 'Autre-Chose-2027', lastName: '', firstName: '' });
    button(el, 'Valider').click();
    await until(() => focused() === el.querySelector('[data-part="error-summary"]'), 'the summary has the focus');
    expect(summaryEntries(el)).to.deep.equal([
      'Confirmation du mot de passe : ne correspond pas au mot de passe saisi',
      'Nom : ce champ est obligatoire',
      'Prénom : ce champ est obligatoire',
    ]);
    expect(fieldError(field(el, 'Nom'))).to.equal('Nom : ce champ est obligatoire');
    expect(field(el, 'Prénom').getAttribute('aria-invalid')).to.equal('true');
    expect(fieldError(field(el, CONFIRMATION))).to.equal('Confirmation du mot de passe : ne correspond pas au mot de passe saisi');
    expect(completions(calls)).to.have.length(0);
    await expect(el).to.be.accessible();
    // Corrected, the messages go as the user types (live after a submission).
    type(field(el, 'Nom'), 'Girard');
    await el.updateComplete;
    expect(fieldError(field(el, 'Nom'))).to.equal('');
  });

  it('a password outside the caisse’s policy is refused before anything is sent', async () => {
    const { el, calls } = await renderForm(mock);
    fill(el, { password: 'court' });
    button(el, 'Valider').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'refused');
    expectFieldProblem(el, PASSWORD, 'Mot de passe : ne respecte pas les règles de composition indiquées');
    expect(completions(calls)).to.have.length(0);
  });

  it('applies the caisse’s own policy, as its backend serves it', async () => {
    mock.worker.use(
      http.get('*/api/password/policy', () => HttpResponse.json({ minLength: 12, maxLength: 64, minCategories: 2, categories: ['lower', 'digit'] })),
    );
    const { el, calls } = await renderForm(mock);
    await until(() => text($(el, '[data-part="password-rules"]')).includes('de 12 à 64 caractères'), 'the served policy');
    fill(el, { password: 'abcdefghij1' });
    button(el, 'Valider').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'refused');
    expect(summaryEntries(el)).to.deep.equal(['Mot de passe : ne respecte pas les règles de composition indiquées']);
    expect(completions(calls)).to.have.length(0);
  });

  it('a field the server refuses goes back to its field, and what was typed is kept', async () => {
    mock.worker.use(
      http.post('*/api/delegations/invitation/complete', () =>
        HttpResponse.json({ code: 'validation', fields: { lastName: 'invalid' } }, { status: 400 })),
    );
    const { el } = await renderForm(mock);
    fill(el);
    type(field(el, 'Téléphone fixe'), '04 78 00 00 00');
    button(el, 'Valider').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'refused');
    expectFieldProblem(el, 'Nom', 'Nom : format invalide');
    expect(field(el, PASSWORD).value).to.equal(FIRM_PASSWORD);
    expect(field(el, 'Prénom').value).to.equal('Hélène');
    expect(field(el, 'Téléphone fixe').value).to.include('04');
    expect(headingText(el)).to.equal(TITLE);
  });

  it('one submission at a time: a second click while the first runs sends nothing more', async () => {
    mock.faults.set('completeAccount', { kind: 'latency', ms: 800 });
    const { el, calls } = await renderForm(mock);
    fill(el);
    button(el, 'Valider').click();
    await until(() => el.querySelector('form[aria-busy="true"]'), 'busy');
    button(el, 'Valider').click();
    await until(() => headingText(el) === DONE, 'done');
    expect(completions(calls)).to.have.length(1);
  });

  it('sends the phones, and the mobile’s certificate once certified by SMS', async () => {
    const { el, calls } = await renderForm(mock);
    fill(el);
    type(field(el, 'Téléphone fixe'), '04 78 12 34 56');
    const mobile = field(el, 'Téléphone mobile');
    type(mobile, '06 12 34 56 78');
    mobile.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => [...el.querySelectorAll('button')].some((b) => text(b) === 'Certifier'), 'the certify button');
    button(el, 'Certifier').click();
    const code = () => el.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]');
    await until(code, 'the code step');
    type(code()!, mock.outbox.last({ kind: 'sms', to: '+33612345678' })!.code!);
    const certified = oneEvent(el, 'cibtp-phone-certified');
    button($(el, 'dialog'), 'Valider').click();
    await certified;
    await until(() => el.querySelector('[data-part="certified"]'), 'certified badge');
    // Looks at the body, then lets the mock answer (a resolver that returns nothing falls through).
    const sent: unknown[] = [];
    mock.worker.use(http.post('*/api/delegations/invitation/complete', async ({ request }) => {
      sent.push(await request.clone().json());
    }));
    button(el, 'Valider').click();
    await until(() => headingText(el) === DONE, 'done');
    const body = sent[0] as Record<string, unknown>;
    expect(body['fixedPhone']).to.equal('+33478123456');
    expect(body['mobilePhone']).to.equal('+33612345678');
    expect(body['mobileCertificate']).to.be.a('string').and.not.equal('');
    expect(body).not.to.have.property('passwordConfirmation');
    expect(completions(calls)).to.have.length(1);
  });

  it('in English', async () => {
    const { el } = await renderForm(mock);
    button(el, 'Valider').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'refused');
    await inEnglish(el, { en: 'Opening of a delegation', fr: TITLE }, async () => {
      expect(plain(el)).to.include('The company DURAND BTP has delegated access rights');
      expect(text(el)).to.include('Contact and sign-in information');
      expect(summaryEntries(el)).to.include('Last name: this field is required');
      await expect(el).to.be.accessible();
    });
  });

  describe('on a phone (375 and 320 px)', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    for (const width of [375, 320]) it(`the form reflows: nothing scrolls sideways (${width} px)`, async () => {
      await setViewport({ width, height: 800 });
      const { el } = await renderForm(mock);
      button(el, 'Valider').click();
      await until(() => el.querySelector('[data-part="error-summary"]'), 'refused');
      const page = document.documentElement;
      expect(page.scrollWidth).to.be.at.most(page.clientWidth);
      expect(el.getBoundingClientRect().right).to.be.at.most(width);
    });
  });
});
