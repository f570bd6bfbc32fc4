import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './forgot-password.js';
import type { CibtpForgotPassword } from './forgot-password.component.js';
import { KNOWN_IDENTIFIANT_CIBTP } from '../../mock-server/index.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import {
  $, button, field, focused, headingText, stepText, recordingClient, resetBackend, summaryEntries, text, type, until, expectFieldProblem, inEnglish,
} from '../shared/testing.js';
import { formWidgetSuite } from '../shared/form-suite.js';

async function render() {
  const { client, calls } = recordingClient();
  const el = await fixture<CibtpForgotPassword>(html`<cibtp-forgot-password .client=${client}></cibtp-forgot-password>`);
  return { el, calls };
}

async function choose(el: CibtpForgotPassword, option: RegExp): Promise<void> {
  const label = [...el.querySelectorAll('label')].find((l) => option.test(text(l)))!;
  (label.control as HTMLInputElement).click();
  button(el, 'Continuer').click();
  await until(() => el.querySelector('input[name="email"], input[name="identifiantCibtp"]'), 'form shown');
}

describe('<cibtp-forgot-password>', () => {
  describe('email step', () =>
    formWidgetSuite({
      render: async () => {
        const { el } = await render();
        await choose(el, /oublié mon mot de passe/);
        return el;
      },
      fill: (el) => type(field(el, 'Adresse électronique'), 'admin@durand-btp.fr'),
      operation: 'forgotPassword',
      required: 1,
    }));

  describe('confidential code step', () =>
    formWidgetSuite({
      render: async () => {
        const { el } = await render();
        await choose(el, /code confidentiel/);
        return el;
      },
      fill: (el) => type(field(el, 'Identifiant CIBTP'), KNOWN_IDENTIFIANT_CIBTP),
      operation: 'requestConfidentialCode',
      required: 1,
    }));

  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });

  it('asks « Quelle est votre situation ? » with the two options of the guide', async () => {
    const { el } = await render();
    expect(text($(el, 'legend'))).to.equal('Quelle est votre situation ? *');
    const options = [...el.querySelectorAll('input[type="radio"]')].map((r) => text((r as HTMLInputElement).labels![0]));
    expect(options).to.deep.equal([
      "J’ai déjà créé mon espace sécurisé et j’ai oublié mon mot de passe.",
      'Je veux créer mon espace sécurisé mais je ne connais pas mon code confidentiel.',
    ]);
    await expect(el).to.be.accessible();
    button(el, 'Continuer').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'choice required');
    expect(text($(el, '[data-part="error-summary"]'))).to.include('Votre situation : sélectionnez une option');
    await expect(el).to.be.accessible();
  });

  it('option 1: sends a reset link and confirms without revealing whether the account exists', async () => {
    const { el } = await render();
    await choose(el, /oublié mon mot de passe/);
    const email = field(el, 'Adresse électronique');
    expect(email.autocomplete).to.equal('email');
    expect(email.getRootNode()).to.equal(document);
    await until(() => focused() === email, 'email focused');
    await expect(el).to.be.accessible();
    type(email, 'admin@durand-btp.fr');
    const requested = oneEvent(el, 'cibtp-recovery-requested');
    button(el, 'Valider').click();
    expect(((await requested) as CustomEvent).detail).to.deep.equal({ channel: 'email' });
    await until(() => el.querySelector('[data-part="notice"]'), 'confirmation');
    const confirmation = text($(el, '[data-part="notice"]'));
    expect(confirmation).to.include('Si un espace existe pour cette adresse');
    expect(mock.outbox.last({ kind: 'email', to: 'admin@durand-btp.fr' })?.link).to.match(/#action=reset-password&token=/);
    await until(() => focused() === $(el, '[data-part="notice"]'), 'confirmation focused');
    await expect(el).to.be.accessible();

    // An unknown address: the same words, and nothing sent.
    const { el: other } = await render();
    await choose(other, /oublié mon mot de passe/);
    const before = mock.outbox.list().length;
    type(field(other, 'Adresse électronique'), 'personne@inconnu.fr');
    button(other, 'Valider').click();
    await until(() => other.querySelector('[data-part="notice"]'), 'confirmation');
    expect(text($(other, '[data-part="notice"]'))).to.equal(confirmation);
    expect(mock.outbox.list().length).to.equal(before);
  });

  it('option 2: a new confidential code by post, with the guide help text', async () => {
    const { el } = await render();
    await choose(el, /code confidentiel/);
    expect(headingText(el)).to.equal("Demande d’un nouveau code confidentiel");
    // The heading carries the step indicator, read with it when the focus moves there.
    expect(stepText(el)).to.equal('Étape 2 sur 2');
    expect(document.activeElement).to.equal(field(el, 'Identifiant CIBTP'));
    expect(text(el)).to.include('Nouvel adhérent : votre code confidentiel figure sur le deuxième courrier envoyé.');
    await expect(el).to.be.accessible();
    type(field(el, 'Identifiant CIBTP'), 'x');
    button(el, 'Recevoir mon code confidentiel par courrier').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'invalid');
    expect(text($(el, '[data-part="error-summary"]'))).to.include('Identifiant CIBTP : format invalide');
    await expect(el).to.be.accessible();
    type(field(el, 'Identifiant CIBTP'), KNOWN_IDENTIFIANT_CIBTP);
    button(el, 'Recevoir mon code confidentiel par courrier').click();
    await until(() => el.querySelector('[data-part="notice"]'), 'confirmation');
    expect(text($(el, '[data-part="notice"]'))).to.include('Si cet identifiant correspond à un adhérent');
    expect(mock.outbox.last({ kind: 'letter' })).to.exist;
    await expect(el).to.be.accessible();
  });

  it('rewrites the inline error and the summary in the new language when the locale switches', async () => {
    const { el } = await render();
    await choose(el, /code confidentiel/);
    type(field(el, 'Identifiant CIBTP'), 'x');
    button(el, 'Recevoir mon code confidentiel par courrier').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'invalid');
    const french = 'Identifiant CIBTP : format invalide (exemple : 12345678)';
    expectFieldProblem(el, 'Identifiant CIBTP', french);
    await inEnglish(el, { en: 'Ask for a new confidential code', fr: "Demande d’un nouveau code confidentiel" }, () => {
      expectFieldProblem(el, 'CIBTP ID', 'CIBTP ID: enter it in the correct format, like 12345678');
    });
    expect(summaryEntries(el)).to.deep.equal([french]);
  });

  it('Annuler in a form goes back to the question; Annuler on the question asks for the login', async () => {
    const { el } = await render();
    await choose(el, /oublié mon mot de passe/);
    button(el, 'Annuler').click();
    await until(() => el.querySelector('input[name="situation"]'), 'question');
    const navigate = oneEvent(el, 'cibtp-navigate');
    button(el, 'Annuler').click();
    expect(((await navigate) as CustomEvent).detail).to.deep.equal({ to: 'login' });
  });

  it('a server failure is explained and the address is kept', async () => {
    mock.faults.set('forgotPassword', { kind: 'server' });
    const { el } = await render();
    await choose(el, /oublié mon mot de passe/);
    type(field(el, 'Adresse électronique'), 'admin@durand-btp.fr');
    button(el, 'Valider').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
    expect(text($(el, '[data-part="error-summary"]'))).to.include('Le service rencontre une difficulté temporaire.');
    expect(field(el, 'Adresse électronique').value).to.equal('admin@durand-btp.fr');
  });
});
