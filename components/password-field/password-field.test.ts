import { expect, fixtureSync, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { TemplateResult } from 'lit';
import './password-field.js';
import '../portal/portal.js';
import type { CibtpPasswordField } from './password-field.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { createPortalClient } from '../../sdk/index.js';
import { DEFAULT_PASSWORD_POLICY } from '../../sdk/rules/password.js';
import { setLocale } from '../shared/localization.js';
import { $, button, field, fieldError, recordingClient, resetBackend, text, type, until } from '../shared/testing.js';

const STRONG = 'Echafaudage-2027';
const CAISSE_POLICY = { minLength: 12, maxLength: 64, minCategories: 2, categories: ['lower', 'digit'] };

/** A caisse's page: its own `<form>` (native validation on), the element inside, a submit button. */
async function onPage(element: (client: ReturnType<typeof recordingClient>['client']) => TemplateResult) {
  const { client, calls } = recordingClient();
  // fixtureSync: fixture() waits for an animation frame, which a background test page may not get.
  const form = fixtureSync<HTMLFormElement>(html`<form action="#" @submit=${(e: Event) => e.preventDefault()}>
    <input type="email" name="email" autocomplete="username" aria-label="Courriel" value="admin@durand-btp.fr" />
    ${element(client)}
    <button type="submit">Enregistrer</button>
  </form>`);
  const el = $<CibtpPasswordField>(form, 'cibtp-password-field');
  await el.updateComplete;
  return { form, el, calls };
}

const policyCalls = (calls: ReturnType<typeof recordingClient>['calls']) => calls.filter((c) => c.path.endsWith('password/policy'));
const rules = (el: HTMLElement) => $(el, '[data-part="password-rules"]');
const met = (el: HTMLElement) => rules(el).querySelectorAll('[data-ok="true"]').length;

/**
 * The user leaves the input (tabs away): the events the browser fires then. Dispatched, because a test
 * page in the background gets no focus events from `focus()` / `blur()`.
 */
function leave(input: HTMLInputElement): void {
  input.dispatchEvent(new FocusEvent('blur'));
  input.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
}

async function typed(el: CibtpPasswordField, input: HTMLInputElement, value: string): Promise<void> {
  type(input, value);
  await el.updateComplete;
}

describe('<cibtp-password-field>', () => {
  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });

  it('two native new-password inputs in the page’s form, a live checklist, and the form’s data', async () => {
    const { form, el } = await onPage(
      (client) => html`<cibtp-password-field .client=${client} confirm required required-note></cibtp-password-field>`,
    );
    const password = field(el, 'Mot de passe');
    const confirmation = field(el, 'Confirmation du mot de passe');
    for (const input of [password, confirmation]) {
      expect(input.form, 'in the page’s own form').to.equal(form);
      expect(input.getRootNode()).to.equal(document);
      expect(input.autocomplete).to.equal('new-password');
      expect(input.type).to.equal('password');
      expect(input.required).to.equal(true);
      expect(input.getAttribute('aria-required')).to.equal('true');
    }
    expect(password.name).to.equal('password');
    expect(confirmation.name).to.equal('password-confirmation');
    expect(el.querySelectorAll('label .cibtp-required')).to.have.length(2);
    expect(text($(el, '[data-part="required-note"]'))).to.equal('Les champs marqués d’un astérisque (*) sont obligatoires.');
    expect(password.getAttribute('aria-describedby')).to.include(rules(el).id);
    await expect(form).to.be.accessible();

    // Half the rules: 9 characters, lower case only (length, lower: 2 of the 5 checks).
    await typed(el, password, 'chantiers');
    expect(met(el)).to.equal(2);
    expect(fieldError(password), 'nothing said while typing').to.equal('');
    await expect(form).to.be.accessible();
    await typed(el, password, STRONG);
    expect(rules(el).querySelectorAll('[data-ok="false"]')).to.have.length(0);
    await typed(el, confirmation, STRONG);
    await expect(form).to.be.accessible();

    const data = new FormData(form);
    expect(data.get('password')).to.equal(STRONG);
    expect(data.get('password-confirmation')).to.equal(STRONG);
    expect(el.value).to.equal(STRONG);
    expect(el.confirmValue).to.equal(STRONG);
    expect(form.checkValidity()).to.equal(true);
  });

  it('a mismatching confirmation: a message linked to it once left, the form refuses; a match clears it', async () => {
    const { form, el } = await onPage((client) => html`<cibtp-password-field .client=${client} confirm required></cibtp-password-field>`);
    const password = field(el, 'Mot de passe');
    const confirmation = field(el, 'Confirmation du mot de passe');
    await typed(el, password, STRONG);
    await typed(el, confirmation, 'Echafaudage-20');
    // Refused at once (a caisse's form must not submit), said once the user leaves the input.
    expect(confirmation.validity.customError).to.equal(true);
    expect(form.checkValidity()).to.equal(false);
    expect(fieldError(confirmation)).to.equal('');
    leave(confirmation);
    await el.updateComplete;
    const message = 'Confirmation du mot de passe : ne correspond pas au mot de passe saisi';
    expect(fieldError(confirmation)).to.equal(message);
    expect(confirmation.validationMessage.replace(/\s/g, ' ')).to.equal(message);
    expect(confirmation.getAttribute('aria-invalid')).to.equal('true');
    await expect(form).to.be.accessible();

    // From now on the message follows the typing.
    await typed(el, confirmation, STRONG);
    expect(fieldError(confirmation)).to.equal('');
    expect(confirmation.validity.customError).to.equal(false);
    expect(confirmation.getAttribute('aria-invalid')).to.equal('false');
    expect(form.checkValidity()).to.equal(true);
    // Changing the password afterwards breaks the match again.
    await typed(el, password, `${STRONG}!`);
    expect(fieldError(confirmation)).to.equal(message);
  });

  it('a weak password is said once left; submitting the page’s form shows what it refused', async () => {
    const { form, el } = await onPage((client) => html`<cibtp-password-field .client=${client} confirm required></cibtp-password-field>`);
    const password = field(el, 'Mot de passe');
    const confirmation = field(el, 'Confirmation du mot de passe');
    let submitted = 0;
    form.addEventListener('submit', () => submitted++);
    button(form, 'Enregistrer').click();
    await el.updateComplete;
    expect(submitted, 'the browser refused the submission').to.equal(0);
    expect(fieldError(password)).to.equal('Mot de passe : ce champ est obligatoire');
    expect(fieldError(confirmation)).to.equal('Confirmation du mot de passe : ce champ est obligatoire');
    await expect(form).to.be.accessible();

    await typed(el, password, 'court');
    leave(password);
    await el.updateComplete;
    expect(fieldError(password)).to.equal('Mot de passe : ne respecte pas les règles de composition indiquées');
    expect(password.validity.customError).to.equal(true);
    await typed(el, password, STRONG);
    await typed(el, confirmation, STRONG);
    expect(fieldError(password)).to.equal('');
    button(form, 'Enregistrer').click();
    expect(submitted).to.equal(1);
  });

  it('an optional field: empty is fine, a typed password still needs its confirmation', async () => {
    const { form, el } = await onPage((client) => html`<cibtp-password-field .client=${client} confirm required-note></cibtp-password-field>`);
    expect(el.querySelector('.cibtp-required')).to.equal(null);
    expect(el.querySelector('[data-part="required-note"]'), 'the note is for required inputs only').to.equal(null);
    expect(field(el, 'Mot de passe').required).to.equal(false);
    expect(form.checkValidity()).to.equal(true);
    await typed(el, field(el, 'Mot de passe'), STRONG);
    expect(form.checkValidity()).to.equal(false);
    expect(field(el, 'Confirmation du mot de passe').validity.customError).to.equal(true);
  });

  it('follows the caisse’s policy, as its backend serves it', async () => {
    mock.worker.use(http.get('*/api/password/policy', () => HttpResponse.json(CAISSE_POLICY)));
    const { form, el, calls } = await onPage((client) => html`<cibtp-password-field .client=${client}></cibtp-password-field>`);
    await until(() => text(rules(el)).includes('de 12 à 64 caractères'), 'the served policy');
    expect(text(rules(el))).to.include('chacune des 2 catégories suivantes');
    expect(text(rules(el))).to.include('une minuscule');
    expect(text(rules(el))).not.to.include('une majuscule');
    expect(policyCalls(calls)).to.have.length(1);
    const password = field(el, 'Mot de passe');
    // 11 characters: too short for this caisse, fine for the default policy.
    await typed(el, password, 'abcdefghij1');
    expect(password.validity.customError).to.equal(true);
    await typed(el, password, 'abcdefghijk1');
    expect(rules(el).querySelectorAll('[data-ok="false"]')).to.have.length(0);
    expect(password.validity.valid).to.equal(true);
    expect(el.activePolicy).to.deep.equal(CAISSE_POLICY);
    await expect(form).to.be.accessible();
    // One request per element: a new render asks nothing more.
    el.label = 'Nouveau mot de passe';
    await el.updateComplete;
    expect(policyCalls(calls)).to.have.length(1);
  });

  it('inside <cibtp-portal>: the portal’s client asks for the policy', async () => {
    mock.worker.use(http.get('*/api/password/policy', () => HttpResponse.json(CAISSE_POLICY)));
    const { client, calls } = recordingClient();
    const portal = fixtureSync<HTMLElement>(html`<cibtp-portal .client=${client}>
      <form><cibtp-password-field></cibtp-password-field></form>
    </cibtp-portal>`);
    const el = $<CibtpPasswordField>(portal, 'cibtp-password-field');
    await until(() => text(el.querySelector('[data-part="password-rules"]')).includes('de 12 à 64 caractères'), 'the served policy');
    expect(policyCalls(calls)).to.have.length(1);
  });

  it('the inputs’ native events reach the page, named', async () => {
    const { form, el } = await onPage((client) => html`<cibtp-password-field .client=${client} confirm></cibtp-password-field>`);
    const heard: string[] = [];
    form.addEventListener('input', (event) => heard.push(`input:${(event.target as HTMLInputElement).name}`));
    form.addEventListener('change', (event) => heard.push(`change:${(event.target as HTMLInputElement).name}`));
    type(field(el, 'Mot de passe'), STRONG);
    type(field(el, 'Confirmation du mot de passe'), STRONG);
    field(el, 'Confirmation du mot de passe').dispatchEvent(new Event('change', { bubbles: true }));
    expect(heard).to.deep.equal(['input:password', 'input:password-confirmation', 'change:password-confirmation']);
  });

  it('a policy the host sets wins: none is asked of the backend', async () => {
    const policy = { minLength: 10, maxLength: 40, minCategories: 1, categories: ['digit'] as const };
    let pageClient: ReturnType<typeof recordingClient>['client'] | undefined;
    const { el, calls } = await onPage((client) => {
      pageClient = client;
      return html`<cibtp-password-field .client=${client} .policy=${policy}></cibtp-password-field>`;
    });
    expect(text(rules(el))).to.include('de 10 à 40 caractères');
    // A request of the element would have started before this one, and reached the network first.
    await pageClient!.passwordPolicy();
    expect(policyCalls(calls)).to.have.length(1);
  });

  it('a policy that cannot be had: the default one, and nothing said', async () => {
    mock.faults.set('passwordPolicy', { kind: 'server' });
    let answered = false;
    const client = createPortalClient({
      baseUrl: '/api/',
      retryLimit: 0,
      fetch: async (input, init) => {
        const response = await globalThis.fetch(input, init);
        answered = true;
        return response;
      },
    });
    const form = fixtureSync<HTMLFormElement>(html`<form><cibtp-password-field .client=${client}></cibtp-password-field></form>`);
    const el = $<CibtpPasswordField>(form, 'cibtp-password-field');
    await until(() => answered, 'answered');
    // The SDK reads the error body, then the element settles.
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
    expect(el.activePolicy).to.equal(DEFAULT_PASSWORD_POLICY);
    expect(text(rules(el))).to.include('de 8 à 128 caractères');
    expect(text(el)).not.to.match(/difficulté|erreur/i);
    await typed(el, field(el, 'Mot de passe'), STRONG);
    expect(field(el, 'Mot de passe').validity.valid).to.equal(true);
  });

  it('removed from the page: the policy’s request is aborted', async () => {
    mock.faults.set('passwordPolicy', { kind: 'latency', ms: 60_000 });
    const { el, calls } = await onPage((client) => html`<cibtp-password-field .client=${client}></cibtp-password-field>`);
    await until(() => policyCalls(calls).length === 1, 'asked');
    el.remove();
    await until(() => policyCalls(calls)[0]!.signal?.aborted, 'aborted');
  });

  it('current-password: one input, no checklist, no confirmation, no request', async () => {
    const { form, el, calls } = await onPage(
      (client) => html`<cibtp-password-field .client=${client} autocomplete="current-password" confirm required></cibtp-password-field>`,
    );
    const password = field(el, 'Mot de passe');
    expect(password.autocomplete).to.equal('current-password');
    expect(el.querySelectorAll('input')).to.have.length(1);
    expect(el.querySelector('[data-part="password-rules"]')).to.equal(null);
    await typed(el, password, 'court');
    expect(password.validity.valid, 'no policy for the current password').to.equal(true);
    await expect(form).to.be.accessible();
    expect(policyCalls(calls)).to.have.length(0);
  });

  it('the toggles show and hide each input', async () => {
    const { form, el } = await onPage((client) => html`<cibtp-password-field .client=${client} confirm></cibtp-password-field>`);
    const password = field(el, 'Mot de passe');
    const confirmation = field(el, 'Confirmation du mot de passe');
    const [first, second] = [...el.querySelectorAll<HTMLButtonElement>('[data-part="password-toggle"]')];
    expect(first!.type).to.equal('button');
    expect(first!.getAttribute('aria-controls')).to.equal(password.id);
    expect(second!.getAttribute('aria-controls')).to.equal(confirmation.id);
    first!.click();
    await el.updateComplete;
    expect(password.type).to.equal('text');
    expect(confirmation.type, 'each its own').to.equal('password');
    expect(text(first)).to.equal('Masquer');
    expect(first!.getAttribute('aria-label')).to.equal('Masquer le mot de passe');
    expect(password.autocomplete).to.equal('new-password');
    await expect(form).to.be.accessible();
    first!.click();
    await el.updateComplete;
    expect(password.type).to.equal('password');
    expect(text(first)).to.equal('Afficher');
  });

  it('a host’s messages win: shown alone, linked, and nothing of the element’s own', async () => {
    const { form, el } = await onPage(
      (client) => html`<cibtp-password-field .client=${client} confirm required .error=${undefined}></cibtp-password-field>`,
    );
    expect(el.managed).to.equal(true);
    const password = field(el, 'Mot de passe');
    const confirmation = field(el, 'Confirmation du mot de passe');
    await typed(el, password, 'court');
    await typed(el, confirmation, 'autre');
    leave(password);
    leave(confirmation);
    await el.updateComplete;
    expect(fieldError(password)).to.equal('');
    expect(fieldError(confirmation)).to.equal('');
    el.error = 'Mot de passe : refusé par le formulaire';
    el.confirmError = 'Confirmation du mot de passe : à corriger';
    await el.updateComplete;
    expect(fieldError(password)).to.equal('Mot de passe : refusé par le formulaire');
    expect(fieldError(confirmation)).to.equal('Confirmation du mot de passe : à corriger');
    expect(password.getAttribute('aria-invalid')).to.equal('true');
    expect(password.validationMessage).to.equal('Mot de passe : refusé par le formulaire');
    await expect(form).to.be.accessible();
    el.error = undefined;
    await el.updateComplete;
    expect(fieldError(password)).to.equal('');
    expect(password.validity.customError).to.equal(false);
  });

  it('names, labels, ids and values from the host', async () => {
    const { form, el } = await onPage(
      (client) => html`<cibtp-password-field
        .client=${client}
        name="new-password"
        label="Nouveau mot de passe"
        confirm
        confirm-name="confirmation"
        confirm-label="Confirmation du nouveau mot de passe"
        field-id="mdp"
        confirm-id="mdp-confirmation"
        .value=${STRONG}
        .confirmValue=${STRONG}
      ></cibtp-password-field>`,
    );
    const password = field(el, 'Nouveau mot de passe');
    const confirmation = field(el, 'Confirmation du nouveau mot de passe');
    expect(password.id).to.equal('mdp');
    expect(confirmation.id).to.equal('mdp-confirmation');
    expect(password.value).to.equal(STRONG);
    expect(met(el), 'the checklist follows a value set by the host').to.equal(6);
    expect(Object.fromEntries(new FormData(form))).to.include({ 'new-password': STRONG, confirmation: STRONG });
    el.value = '';
    await el.updateComplete;
    expect(password.value).to.equal('');
    expect(met(el)).to.equal(0);
    el.focus();
    expect(document.activeElement).to.equal(password);
  });

  it('two elements on one page keep distinct ids', async () => {
    const { form } = await onPage(
      (client) => html`<cibtp-password-field .client=${client} .policy=${CAISSE_POLICY}></cibtp-password-field>
        <cibtp-password-field .client=${client} .policy=${CAISSE_POLICY} name="other" label="Autre mot de passe"></cibtp-password-field>`,
    );
    const ids = [...form.querySelectorAll('[id]')].map((n) => n.id);
    expect(new Set(ids).size).to.equal(ids.length);
    await expect(form).to.be.accessible();
  });

  it('in English when the page switches', async () => {
    const { form, el } = await onPage((client) => html`<cibtp-password-field .client=${client} confirm required></cibtp-password-field>`);
    const confirmation = field(el, 'Confirmation du mot de passe');
    await typed(el, field(el, 'Mot de passe'), STRONG);
    await typed(el, confirmation, 'autre');
    leave(confirmation);
    try {
      await setLocale('en');
      await until(() => el.querySelector('label')?.textContent?.includes('Password'), 'english');
      await el.updateComplete;
      expect(el.getAttribute('lang')).to.equal('en');
      expect(field(el, 'Confirm password')).to.equal(confirmation);
      expect(fieldError(confirmation)).to.equal('Confirm password: does not match the new password');
      expect(confirmation.validationMessage).to.equal('Confirm password: does not match the new password');
      expect(text(rules(el))).to.include('8 to 128 characters');
      expect(text(button(el, 'Show'))).to.equal('Show');
      await expect(form).to.be.accessible();
    } finally {
      await setLocale('fr');
    }
    await until(() => el.querySelector('label')?.textContent?.includes('Mot de passe'), 'french again');
  });
});
