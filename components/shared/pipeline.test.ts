// The form pipeline and the login family under hostile answers: widgets follow the portal's session,
// server strings wrap and stay direction-isolated, a success is never shown as an error, the wizard's
// « Retour » keeps what was typed. Each test fails without the fix it covers.
import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../portal/portal.js';
import '../login/login.js';
import '../forgot-password/forgot-password.js';
import '../reset-password/reset-password.js';
import type { CibtpPortal } from '../portal/portal.component.js';
import type { CibtpLogin } from '../login/login.component.js';
import type { CibtpForgotPassword } from '../forgot-password/forgot-password.component.js';
import { logout } from '../../sdk/auth/index.js';
import { PortalError } from '../../sdk/errors.js';
import { z } from '../../sdk/zod.js';
import { html as litHtml, type TemplateResult } from 'lit';
import { CibtpElement } from './base-element.js';
import { formShell, formActions, textField } from './fields.js';


/** A form with a nested field and a field code the generic messages do not know (the next widgets' case). */
class NestedForm extends CibtpElement {
  sent: unknown;
  readonly form = this.createForm({
    fields: [
      { name: 'name', label: () => 'Nom' },
      { name: 'address.city', label: () => 'Ville', messages: { 'beyond-rights': (label) => `${label} : au-delà de vos droits` } },
    ],
    schema: z.object({ name: z.string().check(z.minLength(1), z.maxLength(20)), address: z.object({ city: z.string().check(z.minLength(1), z.maxLength(20)) }) }),
  });
  protected override stepTemplate(): TemplateResult {
    return litHtml`${this.headingTemplate('Adresse')} ${this.form.summary()}
      ${formShell({
        labelledBy: this.fid('heading'),
        onSubmit: (e) =>
          void this.form.submit(e, {
            send: async (_client, data) => {
              this.sent = data;
              throw new PortalError('validation', { fields: { 'address.city': 'beyond-rights' } });
            },
          }),
        body: litHtml`${textField({ ...this.form.bind('name'), autocomplete: 'name', required: true })}
          ${textField({ ...this.form.bind('address.city'), autocomplete: 'address-level2', required: true })}
          ${formActions({ submit: 'Envoyer' })}`,
      })}`;
  }
}
customElements.define('test-nested-form', NestedForm);

import { $, autofill, button, field, recordingClient, resetBackend, stepText, text, type, until } from './testing.js';

const PASSWORD = 'Chantier2026!';

function signIn(login: HTMLElement, email: string): void {
  autofill(field(login, 'Adresse électronique'), email);
  autofill(field(login, 'Mot de passe'), PASSWORD);
  button(login, 'Se connecter').click();
}

/** The longest unbroken name the schema lets through: far wider than a phone. */
const LONG = 'X'.repeat(200);

/** A sign-in answer whose names are hostile: very long, unbroken, with a right-to-left override. */
function hostileSession() {
  const long = LONG;
  return {
    status: 'signed-in',
    session: {
      user: { email: 'admin@durand-btp.fr', firstName: 'Jean', lastName: long, kind: 'entreprise' },
      tiers: { id: 't1', raisonSociale: 'DURAND \u202eBTP', siret: '48205841900011', siteName: 'Siège', identifiantCibtp: '100234567', dsnAlerts: [] },
      tiersCount: 1,
      expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    },
  };
}

describe('the login family on the form pipeline', () => {
  beforeEach(async () => {
    await resetBackend();
  });

  it('a login kept on the page follows a sign-out made elsewhere: its form comes back', async () => {
    const portal = await fixture<CibtpPortal>(html`<cibtp-portal base-url="/api/"><cibtp-login></cibtp-login></cibtp-portal>`);
    const login = $<CibtpLogin>(portal, 'cibtp-login');
    signIn(login, 'admin@durand-btp.fr');
    await until(() => text(login).includes('Connexion réussie'), 'signed in');
    await logout(portal.activeClient!);
    await until(() => login.querySelector('input[name="email"]'), 'the form is back after the sign-out');
    expect(portal.session).to.equal(null);
    expect(text($(login, '[data-part="status"]'))).to.equal('Vous êtes déconnecté.');
  });

  it('a 200-character unbroken name wraps, and a right-to-left override cannot flip the sentence', async () => {
    const mock = await resetBackend();
    mock.worker.use(http.post('*/api/auth/login', () => HttpResponse.json(hostileSession())));
    const { client } = recordingClient();
    // fixtureSync: fixture() of a plain <div> waits for an animation frame, which a background test page may not get.
    const page = fixtureSync<HTMLDivElement>(html`<div style="width: 320px; overflow: auto"><cibtp-login .client=${client}></cibtp-login></div>`);
    const login = $<CibtpLogin>(page, 'cibtp-login');
    await login.updateComplete;
    signIn(login, 'admin@durand-btp.fr');
    await until(() => text(login).includes('Connexion réussie'), 'signed in');
    expect(page.scrollWidth, 'the page does not scroll sideways').to.equal(page.clientWidth);
    const welcome = $(login, '[data-part="notice"]').textContent ?? '';
    // FSI … PDI around each server string inside a sentence.
    expect(welcome).to.include(`\u2068Jean ${LONG}\u2069`);
    expect(welcome).to.include('\u2068DURAND \u202eBTP — Siège\u2069');
  });

  it('« Recevoir un nouveau lien d’activation »: the success is a box of its own, and takes the focus', async () => {
    const { client } = recordingClient();
    const login = await fixture<CibtpLogin>(html`<cibtp-login .client=${client}></cibtp-login>`);
    signIn(login, 'nouveau@durand-btp.fr');
    await until(() => login.querySelector('[data-part="error-summary"]'), 'not activated');
    button(login, 'Recevoir un nouveau lien d’activation').click();
    await until(() => text(login).includes('Un nouveau lien d’activation vient d’être envoyé'), 'sent');
    const notice = $(login, '[data-part="notice"]');
    expect(notice.closest('[data-part="error-summary"]'), 'not inside the error summary').to.equal(null);
    expect(login.querySelector('[data-part="error-summary"]'), 'the error is gone').to.equal(null);
    expect(notice.classList.contains('cibtp-notice--success')).to.equal(true);
    await until(() => document.activeElement === notice, 'the focus is on the success box, not on <body>');
    await expect(login).to.be.accessible();
  });

  it('the code step says « Étape 2 sur 2 » in its heading, which takes the focus from the code field’s step', async () => {
    const { client } = recordingClient();
    const login = await fixture<CibtpLogin>(html`<cibtp-login .client=${client}></cibtp-login>`);
    expect(stepText(login), 'a one-step way has no indicator').to.equal('');
    signIn(login, 'jean.martin@exemple.fr');
    await until(() => login.querySelector('input[name="code"]'), 'code step');
    expect(stepText(login)).to.equal('Étape 2 sur 2');
    expect($(login, 'h2').contains($(login, '[data-part="step"]')), 'inside the heading').to.equal(true);
  });

  it('« Annuler » back to the question keeps what was typed; Continuer brings it back', async () => {
    const { client } = recordingClient();
    const el = await fixture<CibtpForgotPassword>(html`<cibtp-forgot-password .client=${client}></cibtp-forgot-password>`);
    (field(el, 'J’ai déjà créé mon espace sécurisé et j’ai oublié mon mot de passe.') as HTMLInputElement).click();
    button(el, 'Continuer').click();
    await until(() => el.querySelector('input[name="email"]'), 'email step');
    type(field(el, 'Adresse électronique'), 'admin@durand-btp.fr');
    button(el, 'Annuler').click();
    await until(() => el.querySelector('input[name="situation"]'), 'back to the question');
    button(el, 'Continuer').click();
    await until(() => el.querySelector('input[name="email"]'), 'email step again');
    expect(field(el, 'Adresse électronique').value).to.equal('admin@durand-btp.fr');
  });

  it('the new password comes with a username field, so that a password manager files it under the account', async () => {
    const { client } = recordingClient();
    const el = await fixture<HTMLElement>(
      html`<cibtp-reset-password .client=${client} token=${'t'.repeat(32)} email="admin@durand-btp.fr"></cibtp-reset-password>`,
    );
    const username = $<HTMLInputElement>(el, 'input[autocomplete="username"]');
    expect(username.form).to.equal($(el, 'form'));
    expect(username.value).to.equal('admin@durand-btp.fr');
    expect(username.hidden).to.equal(true);
  });

  it('the form pipeline reads nested fields, and words an open set of server field codes', async () => {
    const { client } = recordingClient();
    const el = await fixture<NestedForm>(html`<test-nested-form .client=${client}></test-nested-form>`);
    button(el, 'Envoyer').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'refused');
    expect([...el.querySelectorAll('[data-part="error-summary"] a')].map((a) => text(a))).to.deep.equal([
      'Nom : ce champ est obligatoire',
      'Ville : ce champ est obligatoire',
    ]);
    type(field(el, 'Nom'), 'Durand');
    type(field(el, 'Ville'), 'Lyon');
    button(el, 'Envoyer').click();
    await until(() => text(el).includes('au-delà de vos droits'), 'the server’s own field code');
    expect(el.sent).to.deep.equal({ name: 'Durand', address: { city: 'Lyon' } });
    expect(field(el, 'Ville').getAttribute('aria-invalid')).to.equal('true');
    expect(field(el, 'Ville').value, 'kept').to.equal('Lyon');
  });
});
