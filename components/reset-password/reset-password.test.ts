import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import './reset-password.js';
import type { CibtpResetPassword } from './reset-password.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import {
  $, advanceClock, button, field, focused, recordingClient, resetBackend, summaryEntries, text, type, until, expectFieldProblem, inEnglish,
} from '../shared/testing.js';
import { formWidgetSuite } from '../shared/form-suite.js';
import { mockBackend } from '../shared/testing.js';

const NEW_PASSWORD = 'Nouveau-Chantier-2027';

async function resetToken(mock: RunningMockWorker, email = 'admin@durand-btp.fr'): Promise<string> {
  const { client } = recordingClient();
  await client.forgotPassword({ email });
  const link = mock.outbox.last({ kind: 'email', to: email })!.link!;
  return new URLSearchParams(link.split('#')[1]).get('token')!;
}

async function render(token: string | undefined) {
  const { client, calls } = recordingClient();
  const el = await fixture<CibtpResetPassword>(html`<cibtp-reset-password .client=${client} .token=${token}></cibtp-reset-password>`);
  return { el, calls, client };
}

describe('<cibtp-reset-password>', () => {
  describe('new password form', () =>
    formWidgetSuite({
      render: async () => (await render(await resetToken(await mockBackend()))).el,
      fill: (el) => {
        type(field(el, 'Nouveau mot de passe'), NEW_PASSWORD);
        type(field(el, 'Confirmation du nouveau mot de passe'), NEW_PASSWORD);
      },
      operation: 'resetPassword',
      required: 2,
    }));

  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });

  it('two new-password inputs with a live policy checklist', async () => {
    const { el } = await render(await resetToken(mock));
    const password = field(el, 'Nouveau mot de passe');
    const confirmation = field(el, 'Confirmation du nouveau mot de passe');
    for (const input of [password, confirmation]) {
      expect(input.autocomplete).to.equal('new-password');
      expect(input.getRootNode()).to.equal(document);
    }
    const rules = $(el, '[data-part="password-rules"]');
    expect(password.getAttribute('aria-describedby')).to.include(rules.id);
    expect(rules.querySelectorAll('[data-ok="true"]')).to.have.length(0);
    type(password, 'abcdefgH1');
    await el.updateComplete;
    expect(rules.querySelectorAll('[data-ok="true"]').length).to.equal(5);
    await expect(el).to.be.accessible();
  });

  it('shows and applies the caisse’s own policy, as its backend serves it', async () => {
    mock.worker.use(
      http.get('*/api/password/policy', () =>
        HttpResponse.json({ minLength: 12, maxLength: 64, minCategories: 2, categories: ['lower', 'digit'] }),
      ),
    );
    const { el, calls } = await render(await resetToken(mock));
    await until(() => text($(el, '[data-part="password-rules"]')).includes('de 12 à 64 caractères'), 'the served policy');
    const rules = $(el, '[data-part="password-rules"]');
    expect(text(rules)).to.include('chacune des 2 catégories suivantes');
    expect(text(rules)).to.include('une minuscule');
    expect(text(rules)).not.to.include('une majuscule');
    // What the checklist says is what the form refuses: 11 characters, before anything is sent.
    type(field(el, 'Nouveau mot de passe'), 'abcdefghij1');
    type(field(el, 'Confirmation du nouveau mot de passe'), 'abcdefghij1');
    button(el, 'Valider').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'refused');
    expect(summaryEntries(el)).to.deep.equal(['Nouveau mot de passe : ne respecte pas les règles de composition indiquées']);
    expect(calls.filter((c) => c.path.endsWith('password/reset'))).to.have.length(0);
    type(field(el, 'Nouveau mot de passe'), 'abcdefghijk1');
    await el.updateComplete;
    expect(rules.querySelectorAll('[data-ok="false"]')).to.have.length(0);
  });

  it('a policy the page sets wins: none is asked of the backend', async () => {
    const { client, calls } = recordingClient();
    const policy = { minLength: 10, maxLength: 40, minCategories: 1, categories: ['digit'] as const };
    const el = await fixture<CibtpResetPassword>(
      html`<cibtp-reset-password .client=${client} .policy=${policy} .token=${await resetToken(mock)}></cibtp-reset-password>`,
    );
    expect(text($(el, '[data-part="password-rules"]'))).to.include('de 10 à 40 caractères');
    expect(calls.filter((c) => c.path.endsWith('password/policy'))).to.have.length(0);
  });

  it('explains a weak password and a mismatch, in the summary and inline', async () => {
    const { el, calls } = await render(await resetToken(mock));
    type(field(el, 'Nouveau mot de passe'), 'court');
    type(field(el, 'Confirmation du nouveau mot de passe'), 'autre');
    button(el, 'Valider').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
    const links = [...el.querySelectorAll('[data-part="error-summary"] a')].map((a) => text(a));
    expect(links).to.deep.equal([
      'Nouveau mot de passe : ne respecte pas les règles de composition indiquées',
      'Confirmation du nouveau mot de passe : ne correspond pas au mot de passe saisi',
    ]);
    await until(() => focused() === $(el, '[data-part="error-summary"]'), 'focused');
    expect(calls.filter((c) => c.path.endsWith('password/reset'))).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('rewrites the inline error and the summary in the new language when the locale switches', async () => {
    const { el } = await render(await resetToken(mock));
    type(field(el, 'Nouveau mot de passe'), NEW_PASSWORD);
    type(field(el, 'Confirmation du nouveau mot de passe'), 'autre');
    button(el, 'Valider').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
    const french = 'Confirmation du nouveau mot de passe : ne correspond pas au mot de passe saisi';
    expectFieldProblem(el, 'Confirmation du nouveau mot de passe', french);
    await inEnglish(el, { en: 'Choose a new password', fr: 'Choisissez un nouveau mot de passe' }, () => {
      expectFieldProblem(el, 'Confirm new password', 'Confirm new password: does not match the new password');
    });
    expect(summaryEntries(el)).to.deep.equal([french]);
  });

  it('changes the password, says so, and does not sign in', async () => {
    const { el, client } = await render(await resetToken(mock));
    type(field(el, 'Nouveau mot de passe'), NEW_PASSWORD);
    type(field(el, 'Confirmation du nouveau mot de passe'), NEW_PASSWORD);
    const done = oneEvent(el, 'cibtp-password-reset');
    button(el, 'Valider').click();
    await done;
    await until(() => text(el).includes('Votre mot de passe a été modifié'), 'success');
    expect(focused()).to.equal($(el, 'h2'));
    expect(client.session).to.equal(null);
    await expect(el).to.be.accessible();
    const login = await client.login({ email: 'admin@durand-btp.fr', password: NEW_PASSWORD });
    expect(login.status).to.equal('signed-in');
    const navigate = oneEvent(el, 'cibtp-navigate');
    button(el, 'Se connecter').click();
    expect(((await navigate) as CustomEvent).detail).to.deep.equal({ to: 'login' });
  });

  it('an expired link says so and leads to a new one (forgotten-password flow inline)', async () => {
    const token = await resetToken(mock);
    advanceClock(31 * 60_000);
    const { el } = await render(token);
    type(field(el, 'Nouveau mot de passe'), NEW_PASSWORD);
    type(field(el, 'Confirmation du nouveau mot de passe'), NEW_PASSWORD);
    button(el, 'Valider').click();
    await until(() => text(el).includes('Ce lien a expiré'), 'expired');
    expect(focused()).to.equal($(el, 'h2'));
    await expect(el).to.be.accessible();
    button(el, 'Demander un nouveau lien').click();
    await until(() => el.querySelector('cibtp-forgot-password input[name="email"]'), 'forgot flow, email option');
  });

  it('an invalid link says so', async () => {
    const { el } = await render('abcdefghijklmnopqrstuvwxyz');
    type(field(el, 'Nouveau mot de passe'), NEW_PASSWORD);
    type(field(el, 'Confirmation du nouveau mot de passe'), NEW_PASSWORD);
    button(el, 'Valider').click();
    await until(() => text(el).includes("Ce lien n’est pas valide"), 'invalid');
    await expect(el).to.be.accessible();
  });

  it('reads the token from the address bar and removes it from there', async () => {
    const token = await resetToken(mock);
    history.replaceState(null, '', `${location.pathname}${location.search}#action=reset-password&token=${token}`);
    const { el } = await render(undefined);
    expect(el.token).to.equal(token);
    expect(location.hash).to.equal('');
  });
});
