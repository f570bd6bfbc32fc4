import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import './login.js';
import '../portal/portal.js';
import type { CibtpLogin } from './login.component.js';
import type { CibtpPortal } from '../portal/portal.component.js';
import type { CibtpTiersPicker } from '../tiers-picker/tiers-picker.component.js';
import type { Fault } from '../../mock-server/index.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import type { Session } from '../../sdk/index.js';
import { setLocale } from '../shared/localization.js';
import {
  $, autofill, button, field, fieldError, focused, recordingClient, resetBackend, summaryEntries, text, type, until, type RecordedCall, expectFieldProblem, inEnglish,
  headingText, stepText,
} from '../shared/testing.js';
import { formWidgetSuite } from '../shared/form-suite.js';

const PASSWORD = 'Chantier2026!';

async function render(options: Parameters<typeof recordingClient>[0] = {}) {
  const { client, calls } = recordingClient(options);
  const el = await fixture<CibtpLogin>(html`<cibtp-login .client=${client}></cibtp-login>`);
  return { el, calls, client };
}

function signIn(el: CibtpLogin, email: string, password = PASSWORD): void {
  // As a password manager does: values set without input events.
  autofill(field(el, 'Adresse électronique'), email);
  autofill(field(el, 'Mot de passe'), password);
  button(el, 'Se connecter').click();
}

function summary(el: Element): HTMLElement {
  return $(el, '[data-part="error-summary"]');
}

const loginCalls = (calls: RecordedCall[]) => calls.filter((c) => c.path === "/api/auth/login");

describe('<cibtp-login>', () => {
  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });

  describe('credentials step', () =>
    formWidgetSuite({
      render: async () => (await render()).el,
      fill: (el) => {
        type(field(el, 'Adresse électronique'), 'admin@durand-btp.fr');
        type(field(el, 'Mot de passe'), PASSWORD);
      },
      operation: 'login',
      required: 2,
    }));

  describe('one-time code step: the form suite', () =>
    formWidgetSuite({
      render: async () => {
        const { el } = await render();
        signIn(el, 'jean.martin@exemple.fr');
        await until(() => el.querySelector('input[name="code"]'), 'otp step');
        return el;
      },
      fill: (el) => type(field(el, 'Code reçu par SMS'), '000000'),
      operation: 'verifyOtp',
      required: 1,
    }));

  describe('idle form', () => {
    it('renders native credential inputs in the light DOM, in a native form with a real submit button', async () => {
      const { el } = await render();
      // The shadow root holds only the frame (::part(card)); nothing of the form goes there.
      expect(el.shadowRoot?.querySelector('form, input, label, button')).to.equal(null);
      const email = field(el, 'Adresse électronique');
      const password = field(el, 'Mot de passe');
      for (const input of [email, password]) {
        expect(input.getRootNode()).to.equal(document);
        expect(input.form).to.be.instanceOf(HTMLFormElement);
        expect(input.required).to.equal(true);
      }
      expect(email.name).to.equal('email');
      expect(email.type).to.equal('email');
      expect(email.autocomplete).to.equal('username');
      expect(password.name).to.equal('password');
      expect(password.type).to.equal('password');
      expect(password.autocomplete).to.equal('current-password');
      expect(password.maxLength).to.equal(-1);
      expect(button(el, 'Se connecter').type).to.equal('submit');
      expect(text($(el, 'h2'))).to.equal('Connexion à votre espace CIBTP');
      expect(text(el)).to.include("Les champs marqués d’un astérisque (*) sont obligatoires.");
      expect(text(el)).to.include('Je crée mon espace sécurisé');
      expect(text(el)).to.include("D’autres sites déclarants ? Je les associe à un espace existant");
      await expect(el).to.be.accessible();
    });

    it('shows and hides the password with a toggle button that says what it will do', async () => {
      const { el } = await render();
      const toggle = $<HTMLButtonElement>(el, '[data-part="password-toggle"]');
      expect(toggle.getAttribute('aria-label')).to.equal('Afficher le mot de passe');
      expect(text(toggle)).to.equal('Afficher');
      // Its name changes, so it is not also a pressed/unpressed toggle (that would say it twice).
      expect(toggle.hasAttribute('aria-pressed')).to.equal(false);
      toggle.click();
      await el.updateComplete;
      expect(field(el, 'Mot de passe').type).to.equal('text');
      expect(text(toggle)).to.equal('Masquer');
      expect(toggle.getAttribute('aria-label')).to.equal('Masquer le mot de passe');
      toggle.click();
      await el.updateComplete;
      expect(field(el, 'Mot de passe').type).to.equal('password');
    });

    it('after an empty submission, focuses an error summary whose links use the inline messages', async () => {
      const { el, calls } = await render();
      button(el, 'Se connecter').click();
      await until(() => el.querySelector('[data-part="error-summary"]'), 'summary shown');
      await until(() => focused() === summary(el), 'summary focused');
      const links = [...summary(el).querySelectorAll('a')].map((a) => text(a));
      expect(links).to.deep.equal(['Adresse électronique : ce champ est obligatoire', 'Mot de passe : ce champ est obligatoire']);
      const email = field(el, 'Adresse électronique');
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      const errorIdRef = email.getAttribute('aria-describedby')!.split(' ').find((id) => id.endsWith('-error'))!;
      expect(text(document.getElementById(errorIdRef))).to.equal(links[0]);
      (summary(el).querySelector('a') as HTMLAnchorElement).click();
      expect(focused()).to.equal(email);
      expect(calls).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('names the field and suggests a format for an invalid email, and clears it live once corrected', async () => {
      const { el } = await render();
      type(field(el, 'Adresse électronique'), 'admin@');
      type(field(el, 'Mot de passe'), PASSWORD);
      button(el, 'Se connecter').click();
      await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
      expect(text(summary(el))).to.include('Adresse électronique : format invalide (exemple : nom@entreprise.fr)');
      type(field(el, 'Adresse électronique'), 'admin@durand-btp.fr');
      await el.updateComplete;
      expect(field(el, 'Adresse électronique').getAttribute('aria-invalid')).to.equal('false');
    });

    it('rewrites the inline error and the summary in the new language when the locale switches', async () => {
      const { el } = await render();
      type(field(el, 'Adresse électronique'), 'admin@');
      type(field(el, 'Mot de passe'), PASSWORD);
      button(el, 'Se connecter').click();
      await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
      expectFieldProblem(el, 'Adresse électronique', 'Adresse électronique : format invalide (exemple : nom@entreprise.fr)');
      await inEnglish(el, { en: 'Sign in to your CIBTP secure area', fr: 'Connexion à votre espace CIBTP' }, async () => {
        const email = expectFieldProblem(el, 'Email address', 'Email address: enter it in the correct format, like nom@entreprise.fr');
        expect(text($(el, '[data-part="error-summary"]'))).to.include('There is 1 error in this form');
        // Live validation still works, in the new language.
        type(email, '');
        await el.updateComplete;
        expect(fieldError(email)).to.equal('Email address: this field is required');
      });
      expect(summaryEntries(el)).to.deep.equal(['Adresse électronique : ce champ est obligatoire']);
    });
  });

  describe('answers', () => {
    it('signs in: success state, focus on its heading, cibtp-signed-in with the session', async () => {
      const { el } = await render();
      const event = oneEvent(el, 'cibtp-signed-in');
      signIn(el, 'admin@durand-btp.fr');
      const { detail } = (await event) as CustomEvent<{ session: Session }>;
      expect(detail.session.user.email).to.equal('admin@durand-btp.fr');
      await until(() => text(el).includes('Connexion réussie'), 'success');
      expect(focused()).to.equal($(el, 'h2'));
      await expect(el).to.be.accessible();
    });

    it('the status line follows a locale switch too', async () => {
      const { el } = await render();
      signIn(el, 'admin@durand-btp.fr');
      await until(() => text($(el, '[data-part="status"]')) === 'Connexion réussie.', 'status in French');
      try {
        await setLocale('en');
        await until(() => text($(el, '[data-part="status"]')) === 'You are now signed in.', 'status in English');
      } finally {
        await setLocale('fr');
      }
      await until(() => text($(el, '[data-part="status"]')) === 'Connexion réussie.', 'status back in French');
    });

    it('refuses wrong credentials with a generic message and keeps what was typed', async () => {
      const { el, calls } = await render();
      signIn(el, 'admin@durand-btp.fr', 'wrong-password');
      await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
      const message = text(summary(el));
      expect(message).to.include('Adresse électronique ou mot de passe incorrect.');
      await until(() => focused() === summary(el), 'summary focused');
      expect(field(el, 'Adresse électronique').value).to.equal('admin@durand-btp.fr');
      expect(field(el, 'Mot de passe').value).to.equal('wrong-password');
      // An unknown account gets the very same words.
      signIn(el, 'personne@inconnu.fr', 'wrong-password');
      await until(() => loginCalls(calls).length === 2, 'second request');
      await until(() => !el.querySelector('form[aria-busy="true"]') && el.querySelector('[data-part="error-summary"]'), 'again');
      expect(text(summary(el))).to.equal(message);
      await expect(el).to.be.accessible();
    });

    it('a delegate whose delegation was closed: the right password, but access to no adhérent, said as such', async () => {
      const { el } = await render();
      signIn(el, 'i.morel@durand-btp.fr');
      await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
      expect(text(summary(el))).to.include('Votre compte n’a accès à aucun adhérent pour le moment');
      expect(text(summary(el))).to.not.include('Vous n’avez pas les droits nécessaires');
      await until(() => focused() === summary(el), 'summary focused');
      await expect(el).to.be.accessible();
    });

    it('says until when a locked account can try again', async () => {
      const { el } = await render();
      signIn(el, 'bloque@durand-btp.fr');
      await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
      expect(text(summary(el))).to.match(/temporairement bloqué .* Vous pourrez réessayer à partir de \d\d:\d\d\./);
      await expect(el).to.be.accessible();
    });

    it('offers a new activation link to an account not activated', async () => {
      const { el } = await render();
      signIn(el, 'nouveau@durand-btp.fr');
      await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
      expect(text(summary(el))).to.include("Votre compte n’est pas encore activé.");
      const before = mock.outbox.list().length;
      button(el, "Recevoir un nouveau lien d’activation").click();
      await until(() => text(el).includes("Un nouveau lien d’activation vient d’être envoyé"), 'confirmation');
      expect(mock.outbox.list().length).to.equal(before + 1);
      expect(mock.outbox.last({ kind: 'email' })?.to).to.equal('nouveau@durand-btp.fr');
      await expect(el).to.be.accessible();
    });

    it('offers to renew an expired email certification', async () => {
      const { el } = await render();
      signIn(el, 'certif@durand-btp.fr');
      await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
      expect(text(summary(el))).to.include('La certification de votre adresse électronique a expiré');
      button(el, 'Recevoir un nouveau lien de certification').click();
      await until(() => text(el).includes("Un nouveau lien de certification vient d’être envoyé"), 'confirmation');
      const sent = mock.outbox.last({ kind: 'email', to: 'certif@durand-btp.fr' });
      expect(sent?.link).to.match(/#action=activate&token=/);
    });

    it('counts down a rate limit and keeps the submit unavailable meanwhile', async () => {
      mock.worker.use(
        http.post('*/api/auth/login', () =>
          HttpResponse.json({ code: 'rate-limited' }, { status: 429, headers: { 'Retry-After': '120' } }),
        ),
      );
      const { el, calls } = await render();
      signIn(el, 'admin@durand-btp.fr');
      await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
      expect(text(summary(el))).to.match(/Trop de tentatives\. Vous pourrez réessayer dans (\d+ min \d\d s|\d+ s)\./);
      expect(button(el, 'Se connecter').getAttribute('aria-disabled')).to.equal('true');
      button(el, 'Se connecter').click();
      await el.updateComplete;
      expect(loginCalls(calls)).to.have.length(1);
      expect(field(el, 'Mot de passe').value).to.equal(PASSWORD);
    });
  });

  describe('tiers step', () => {
    // Keep this test first of those that reach the tiers step: the picker's module is then not loaded yet.
    it('a login with one tiers never fetches the picker', async () => {
      const { el } = await render();
      signIn(el, 'admin@durand-btp.fr');
      await until(() => text(el).includes('Connexion réussie'), 'signed in');
      expect(customElements.get('cibtp-tiers-picker')).to.equal(undefined);
    });

    it('shows the picker under « Étape 2 sur 2 »; its Valider signs in with the chosen tiers (cibtp-signed-in)', async () => {
      const { el, calls } = await render();
      signIn(el, 'multi@durand-btp.fr');
      await until(() => el.querySelector('cibtp-tiers-picker tbody tr'), 'tiers step');
      const picker = $<CibtpTiersPicker>(el, 'cibtp-tiers-picker');
      // One heading per level: the login's step, then the picker's choice; the step's heading has the focus.
      expect(stepText(el)).to.equal('Étape 2 sur 2');
      expect(headingText(el)).to.equal('Connexion à votre espace CIBTP');
      expect(el.querySelectorAll('h2')).to.have.length(1);
      expect(focused()).to.equal($(el, 'h2'));
      expect(text($(picker, 'h3'))).to.equal('Choix de l’adhérent et du site déclarant');
      expect(picker.hasAttribute('embedded')).to.equal(true);
      expect(picker.shadowRoot?.querySelector('[part="card"]')).to.equal(null);
      expect(el.hasAttribute('data-wide')).to.equal(true);
      const radios = [...picker.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
      expect(radios.map((r) => r.value)).to.deep.equal(['durand-btp/saint-etienne', 'durand-btp/lyon', 'durand-charpente/grenoble']);
      // The picker asks the backend for a page of tiers with the login's client.
      expect(calls.some((c) => c.path === '/api/tiers')).to.equal(true);
      await expect(el).to.be.accessible();

      button(el, 'Valider').click();
      await until(() => el.querySelector('[data-part="error-summary"]'), 'choice required');
      expect(summaryEntries(el)).to.deep.equal(['Sélectionnez un adhérent et un site déclarant']);
      await expect(el).to.be.accessible();

      let leaked = 0;
      const outside = () => leaked++;
      document.addEventListener('cibtp-tiers-selected', outside);
      radios[0]!.click();
      const event = oneEvent(el, 'cibtp-signed-in');
      button(el, 'Valider').click();
      const { detail } = (await event) as CustomEvent<{ session: Session }>;
      document.removeEventListener('cibtp-tiers-selected', outside);
      expect(detail.session.tiers?.id).to.equal('durand-btp/saint-etienne');
      await until(() => text(el).includes('Connexion réussie'), 'signed in');
      expect(focused()).to.equal($(el, 'h2'));
      expect(text(el).replace(/[\u2068\u2069]/g, '')).to.include('Espace de : DURAND BTP — Agence de Saint-Étienne');
      expect(el.hasAttribute('data-wide')).to.equal(false);
      // The login's contract is as before: the picker's own events stay inside it.
      expect(leaked).to.equal(0);
    });

    it('inside <cibtp-portal>: the session the choice starts does not skip cibtp-signed-in', async () => {
      const portal = await fixture<CibtpPortal>(html`<cibtp-portal base-url="/api/"><cibtp-login></cibtp-login></cibtp-portal>`);
      const el = $<CibtpLogin>(portal, 'cibtp-login');
      await el.updateComplete;
      signIn(el, 'multi@durand-btp.fr');
      await until(() => el.querySelector('cibtp-tiers-picker tbody tr'), 'tiers step');
      el.querySelectorAll<HTMLInputElement>('cibtp-tiers-picker input[type="radio"]')[2]!.click();
      const event = oneEvent(el, 'cibtp-signed-in');
      button(el, 'Valider').click();
      const { detail } = (await event) as CustomEvent<{ session: Session }>;
      expect(detail.session.tiers?.id).to.equal('durand-charpente/grenoble');
      expect(portal.session?.tiers?.id).to.equal('durand-charpente/grenoble');
      await until(() => text(el).includes('Connexion réussie'), 'signed in');
    });

    it('on a phone-wide page each tiers is a card: nothing scrolls sideways, every site name is on screen', async () => {
      const { el } = await render();
      // The fixture's container, made positioned and scrolling, stands for a 320-px-wide page.
      const page = el.parentElement!;
      page.style.cssText = 'width: 320px; overflow: auto; position: relative';
      signIn(el, 'multi@durand-btp.fr');
      await until(() => el.querySelector('cibtp-tiers-picker tbody tr'), 'tiers step');
      expect(page.scrollWidth).to.equal(page.clientWidth);
      const bounds = page.getBoundingClientRect();
      const sites = [...el.querySelectorAll<HTMLElement>('cibtp-tiers-picker tbody [id$="-site"]')];
      expect(sites.map((s) => text(s))).to.deep.equal(['Agence de Saint-Étienne', 'Siège — Lyon', 'Atelier de Grenoble']);
      for (const site of sites) {
        const box = site.getBoundingClientRect();
        expect(box.width, text(site)).to.be.greaterThan(0);
        expect(box.left, text(site)).to.be.at.least(bounds.left);
        expect(box.right, text(site)).to.be.at.most(bounds.right);
      }
      await expect(el).to.be.accessible();
    });

    it('Annuler goes back to the credentials: the email is kept, the accepted password is not held any more', async () => {
      const { el } = await render();
      signIn(el, 'multi@durand-btp.fr');
      await until(() => el.querySelector('cibtp-tiers-picker tbody tr'), 'tiers step');
      let leaked = 0;
      const outside = () => leaked++;
      document.addEventListener('cibtp-tiers-cancel', outside);
      button(el, 'Annuler').click();
      await until(() => el.querySelector('input[name="email"]'), 'back');
      document.removeEventListener('cibtp-tiers-cancel', outside);
      expect(leaked).to.equal(0);
      expect(el.querySelector('cibtp-tiers-picker')).to.equal(null);
      expect(field(el, 'Adresse électronique').value).to.equal('multi@durand-btp.fr');
      expect(el.querySelector<HTMLInputElement>('input[name="password"]')!.value).to.equal('');
      expect(stepText(el)).to.equal('');
      expect(el.hasAttribute('data-wide')).to.equal(false);
    });

    it('a wait for the choice that ran out on the server: back to the password, with why', async () => {
      const { el } = await render();
      signIn(el, 'multi@durand-btp.fr');
      await until(() => el.querySelector('cibtp-tiers-picker tbody tr'), 'tiers step');
      mock.expireSession();
      type($<HTMLInputElement>(el, 'cibtp-tiers-picker input[type="search"]'), 'durand');
      await until(() => el.querySelector('input[name="email"]'), 'back to the credentials');
      expect(text(summary(el))).to.include('Votre session a expiré. Veuillez vous reconnecter.');
      await until(() => focused() === summary(el), 'summary focused');
      expect(field(el, 'Adresse électronique').value).to.equal('multi@durand-btp.fr');
      expect(stepText(el)).to.equal('');
    });

    it('the tiers step in English', async () => {
      const { el } = await render();
      signIn(el, 'multi@durand-btp.fr');
      await until(() => el.querySelector('cibtp-tiers-picker tbody tr'), 'tiers step');
      await inEnglish(el, { en: 'Sign in to your CIBTP secure area', fr: 'Connexion à votre espace CIBTP' }, () => {
        expect(stepText(el)).to.equal('Step 2 of 2');
        expect(text($(el, 'cibtp-tiers-picker h3'))).to.equal('Choose a member company and declaring site');
        expect(button(el, 'Confirm').type).to.equal('submit');
      });
    });
  });

  describe('one-time code step', () => {
    it('asks for the SMS code with one numeric one-time-code input, then signs in', async () => {
      const { el } = await render();
      signIn(el, 'jean.martin@exemple.fr');
      await until(() => el.querySelector('input[name="code"]'), 'otp step');
      const code = field(el, 'Code reçu par SMS');
      expect(code.autocomplete).to.equal('one-time-code');
      expect(code.inputMode).to.equal('numeric');
      expect(code.getRootNode()).to.equal(document);
      await until(() => focused() === code, 'code focused');
      expect(text(el)).to.match(/Un code a été envoyé au •+\d\d/);
      expect(text(el)).to.match(/Ce code est valable jusqu’à \d\d:\d\d/);
      expect(button(el, 'Renvoyer le code (possible dans 30 s)').disabled).to.equal(true);
      await expect(el).to.be.accessible();

      type(code, '000000' === mock.outbox.last({ kind: 'sms' })?.code ? '111111' : '000000');
      button(el, 'Valider').click();
      await until(() => el.querySelector('[data-part="error-summary"]'), 'wrong code');
      expect(text(summary(el))).to.include('Code reçu par SMS : code incorrect, il vous reste 2 tentatives');
      await expect(el).to.be.accessible();

      const sms = mock.outbox.last({ kind: 'sms' });
      type(field(el, 'Code reçu par SMS'), sms!.code!);
      const event = oneEvent(el, 'cibtp-signed-in');
      button(el, 'Valider').click();
      await event;
      await until(() => text(el).includes('Connexion réussie'), 'signed in');
    });

    it('rewrites a wrong-code error, and the message after the last attempt, when the locale switches', async () => {
      const { el } = await render();
      signIn(el, 'jean.martin@exemple.fr');
      await until(() => el.querySelector('input[name="code"]'), 'otp step');
      const wrong = '000000' === mock.outbox.last({ kind: 'sms' })?.code ? '111111' : '000000';
      type(field(el, 'Code reçu par SMS'), wrong);
      button(el, 'Valider').click();
      await until(() => el.querySelector('[data-part="error-summary"]'), 'wrong code');
      expectFieldProblem(el, 'Code reçu par SMS', 'Code reçu par SMS : code incorrect, il vous reste 2 tentatives');
      // The heading is the login's again at the end: the last wrong code sends the user back to it.
      await inEnglish(el, { en: 'Verifying your identity', fr: 'Connexion à votre espace CIBTP' }, async () => {
        const code = expectFieldProblem(
          el,
          'Code received by text message',
          'Code received by text message: incorrect code. You have 2 attempts left',
        );
        // The last two attempts, in English: back to the credentials, with the login widget's own message.
        type(code, wrong);
        button(el, 'Confirm').click();
        await until(() => summaryEntries(el)[0] === 'Code received by text message: incorrect code. You have 1 attempt left', 'one left');
        type(field(el, 'Code received by text message'), wrong);
        button(el, 'Confirm').click();
        await until(() => el.querySelector('input[name="email"]'), 'back to the credentials');
        expect(text($(el, '[data-part="error-summary"]'))).to.include('Too many incorrect codes. Sign in again to receive a new code.');
      });
      expect(text($(el, '[data-part="error-summary"]'))).to.include(
        'Trop de codes incorrects. Connectez-vous à nouveau pour recevoir un nouveau code.',
      );
    });
  });

  describe('faults', () => {
    const cases: Array<[string, Fault, string]> = [
      ['network', { kind: 'network' }, 'Impossible de joindre le service.'],
      ['server (500)', { kind: 'server' }, 'Le service rencontre une difficulté temporaire.'],
      ['unavailable (503)', { kind: 'unavailable', retryAfter: 1 }, 'Le service rencontre une difficulté temporaire.'],
      ['malformed body', { kind: 'malformed' }, 'Le service a renvoyé une réponse inattendue.'],
      ['unexpected shape', { kind: 'unexpected-shape' }, 'Le service a renvoyé une réponse inattendue.'],
    ];
    for (const [name, fault, message] of cases) {
      it(`${name}: a readable message, and nothing typed is lost`, async () => {
        mock.faults.set('login', fault);
        const { el } = await render();
        signIn(el, 'admin@durand-btp.fr');
        await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
        expect(text(summary(el))).to.include(message);
        expect(field(el, 'Adresse électronique').value).to.equal('admin@durand-btp.fr');
        expect(field(el, 'Mot de passe').value).to.equal(PASSWORD);
        await until(() => focused() === summary(el), 'summary focused');
        await expect(el).to.be.accessible();
      });
    }

    it('timeout: a slow server and a short client timeout', async () => {
      mock.faults.set('login', { kind: 'latency', ms: 3000 });
      const { el } = await render({ timeout: 300, totalTimeout: 600 });
      signIn(el, 'admin@durand-btp.fr');
      await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
      expect(text(summary(el))).to.include('Le service met trop de temps à répondre.');
      expect(field(el, 'Mot de passe').value).to.equal(PASSWORD);
    });

    it('a manual retry of the same values reuses the Idempotency-Key; new values get a new one', async () => {
      mock.faults.set('login', { kind: 'network' }, { times: 1 });
      const { el, calls } = await render();
      signIn(el, 'admin@durand-btp.fr', 'wrong-1');
      await until(() => el.querySelector('[data-part="error-summary"]'), 'failed');
      button(el, 'Se connecter').click();
      await until(() => text(el).includes('Adresse électronique ou mot de passe incorrect.'), 'second answer');
      signIn(el, 'admin@durand-btp.fr', 'wrong-2');
      await until(() => loginCalls(calls).length === 3 && !el.querySelector('form[aria-busy="true"]'), 'third');
      const keys = loginCalls(calls).map((c) => c.idempotencyKey);
      expect(keys[0]).to.be.a('string');
      expect(keys[1]).to.equal(keys[0]);
      expect(keys[2]).to.not.equal(keys[0]);
    });
  });

  it('ignores a second submission while the first runs (one request, one effect)', async () => {
    mock.faults.set('login', { kind: 'latency', ms: 300 });
    const { el, calls } = await render();
    let signedIn = 0;
    el.addEventListener('cibtp-signed-in', () => signedIn++);
    signIn(el, 'admin@durand-btp.fr');
    await el.updateComplete;
    expect($(el, 'form').getAttribute('aria-busy')).to.equal('true');
    expect(button(el, 'Se connecter').getAttribute('aria-disabled')).to.equal('true');
    button(el, 'Se connecter').click();
    $<HTMLFormElement>(el, 'form').requestSubmit();
    await until(() => signedIn === 1, 'signed in');
    expect(loginCalls(calls)).to.have.length(1);
  });

  it('aborts its request when removed from the page and ignores the late answer', async () => {
    mock.faults.set('login', { kind: 'latency', ms: 400 });
    const { el, calls } = await render();
    let events = 0;
    el.addEventListener('cibtp-signed-in', () => events++);
    signIn(el, 'admin@durand-btp.fr');
    await until(() => loginCalls(calls).length === 1, 'request sent');
    el.remove();
    await until(() => loginCalls(calls)[0]!.signal?.aborted, 'aborted');
    expect(events).to.equal(0);
  });

  describe('navigation', () => {
    it('shows the forgotten-password flow inline, and comes back with the email kept', async () => {
      const { el } = await render();
      type(field(el, 'Adresse électronique'), 'admin@durand-btp.fr');
      const navigate = oneEvent(el, 'cibtp-navigate');
      button(el, 'Mot de passe oublié ?').click();
      expect(((await navigate) as CustomEvent).detail).to.deep.equal({ to: 'forgot-password' });
      const inner = await (async () => {
        await until(() => el.querySelector('cibtp-forgot-password h2'), 'inline flow');
        return $(el, 'cibtp-forgot-password');
      })();
      await until(() => focused() === $(inner, 'h2'), 'heading focused');
      expect(text($(inner, 'legend'))).to.include('Quelle est votre situation ?');
      await expect(el).to.be.accessible();
      let leaked = false;
      const outside = () => (leaked = true);
      document.addEventListener('cibtp-navigate', outside);
      button(inner, 'Annuler').click();
      await until(() => el.querySelector('input[name="email"]'), 'back to login');
      document.removeEventListener('cibtp-navigate', outside);
      expect(leaked).to.equal(false);
      expect(field(el, 'Adresse électronique').value).to.equal('admin@durand-btp.fr');
      await until(() => focused() === button(el, 'Mot de passe oublié ?'), 'focus back on the trigger');
    });

    it('lets the host route « Mot de passe oublié ? » by cancelling cibtp-navigate', async () => {
      const { el } = await render();
      el.addEventListener('cibtp-navigate', (e) => e.preventDefault());
      button(el, 'Mot de passe oublié ?').click();
      await el.updateComplete;
      expect(el.querySelector('cibtp-forgot-password')).to.equal(null);
    });

    it('entry points: links when an address is given, cibtp-navigate in every case', async () => {
      const { client } = recordingClient();
      const el = await fixture<CibtpLogin>(
        html`<cibtp-login .client=${client} signup-href="/creer" associate-href="javascript:alert(1)"></cibtp-login>`,
      );
      const signup = $<HTMLAnchorElement>(el, '[data-part="links"] a');
      expect(text(signup)).to.equal('Je crée mon espace sécurisé');
      expect(signup.getAttribute('href')).to.equal('/creer');
      // An unsafe URL is never bound: the entry point falls back to a button.
      const associate = button(el, "D’autres sites déclarants ? Je les associe à un espace existant");
      const targets: string[] = [];
      el.addEventListener('cibtp-navigate', (e) => {
        targets.push(e.detail.to);
        e.preventDefault();
      });
      signup.click();
      associate.click();
      expect(targets).to.deep.equal(['signup', 'associate-site']);
    });
  });

  describe('inside <cibtp-portal>', () => {
    it('uses the portal client and switches to English at run time', async () => {
      const portal = await fixture<CibtpPortal>(html`<cibtp-portal base-url="/api/"><cibtp-login></cibtp-login></cibtp-portal>`);
      const el = $<CibtpLogin>(portal, 'cibtp-login');
      await el.updateComplete;
      expect(el.getAttribute('lang')).to.equal('fr');
      portal.locale = 'en';
      await until(() => text($(el, 'h2')) === 'Sign in to your CIBTP secure area', 'english');
      expect(el.getAttribute('lang')).to.equal('en');
      expect(field(el, 'Email address')).to.exist;
      expect($(el, '[data-part="password-toggle"]').getAttribute('aria-label')).to.equal('Show password');
      button(el, 'Sign in').click();
      await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
      expect(text(summary(el))).to.include('Email address: this field is required');
      await expect(el).to.be.accessible();
      portal.locale = 'fr';
      await until(() => text($(el, 'h2')) === 'Connexion à votre espace CIBTP', 'french again');
    });
  });
});
