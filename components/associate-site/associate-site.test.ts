import { expect, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import './associate-site.js';
import '../login/login.js';
import type { CibtpAssociateSite } from './associate-site.component.js';
import type { CibtpLogin } from '../login/login.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SIGNUP } from '../../mock-server/index.js';
import type { SiteAssociated } from '../../sdk/index.js';
import {
  $, advanceClock, autofill, button, field, fieldError, focused, headingText, inEnglish, recordingClient, resetBackend, stepText,
  summaryEntries, text, type, until, type RecordedCall,
} from '../shared/testing.js';
import { formWidgetSuite } from '../shared/form-suite.js';

const SITE = DEMO_SIGNUP.association;

function render(attributes: { loginHref?: string } = {}) {
  const { client, calls } = recordingClient();
  const el = fixtureSync<CibtpAssociateSite>(
    html`<cibtp-associate-site .client=${client} login-href=${attributes.loginHref ?? ''}></cibtp-associate-site>`,
  );
  return { el, calls, client };
}

/** The SIRET of the site to associate, as the caisse's records hold it. */
function siretOf(mock: RunningMockWorker, identifiant: string): string {
  const site = mock.db.sites.find((s) => s.identifiantCibtp === identifiant);
  if (!site) throw new Error(`no site ${identifiant}`);
  return site.siret;
}

function fillCompany(el: HTMLElement, mock: RunningMockWorker, code: string = SITE.confidentialCode): void {
  type(field(el, 'Identifiant CIBTP'), SITE.identifiantCibtp);
  type(field(el, 'Numéro SIRET'), siretOf(mock, SITE.identifiantCibtp));
  type(field(el, 'Code confidentiel provisoire'), code);
}

/** Step 1 done: the login step is shown. */
async function toLoginStep(el: CibtpAssociateSite, mock: RunningMockWorker): Promise<void> {
  await el.updateComplete;
  fillCompany(el, mock);
  button(el, 'Valider').click();
  await until(() => el.querySelector('input[name="password"]'), 'step 2');
  await el.updateComplete;
}

function signInFields(el: HTMLElement, email: string, password: string): void {
  autofill(field(el, 'Adresse électronique'), email);
  autofill(field(el, 'Mot de passe'), password);
}

const summary = (el: Element) => $(el, '[data-part="error-summary"]');
const calledOf = (calls: RecordedCall[], path: string) => calls.filter((c) => c.path === path);

describe('<cibtp-associate-site>', () => {
  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });

  describe('step 1 (the new site): the form suite', () =>
    formWidgetSuite({
      render: async () => {
        const { el } = render();
        await el.updateComplete;
        return el;
      },
      fill: async (el) => fillCompany(el, await resetBackend()),
      operation: 'identifyCompany',
      required: 3,
    }));

  describe('step 2 (the existing login): the form suite', () =>
    formWidgetSuite({
      render: async () => {
        const { el } = render();
        await toLoginStep(el, await resetBackend());
        return el;
      },
      fill: (el) => {
        type(field(el, 'Adresse électronique'), DEMO_ACCOUNTS.admin);
        type(field(el, 'Mot de passe'), DEMO_PASSWORD);
      },
      operation: 'associateSite',
      required: 2,
    }));

  it('step 1: the guide’s three fields, the step indicator in the focusable heading, what to have at hand', async () => {
    const { el } = render();
    await el.updateComplete;
    expect(headingText(el)).to.equal('Associer un site déclarant à votre espace');
    expect(stepText(el)).to.equal('Étape 1 sur 2');
    for (const label of ['Identifiant CIBTP', 'Numéro SIRET', 'Code confidentiel provisoire']) {
      const input = field(el, label);
      expect(input.required, label).to.equal(true);
      expect(input.getRootNode()).to.equal(document);
    }
    expect(text(el)).to.include('Les champs marqués d’un astérisque (*) sont obligatoires.');
    expect(text(el)).to.include('Courrier informatique');
    expect(el.shadowRoot?.querySelector('form, input')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('wrong details: one message that names no field, what was typed is kept', async () => {
    const { el } = render();
    await el.updateComplete;
    fillCompany(el, mock, 'ZZZZ9999');
    button(el, 'Valider').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'refused');
    await until(() => focused() === summary(el), 'summary focused');
    expect(text(summary(el))).to.include('Les informations saisies ne permettent pas de vous identifier.');
    expect(summaryEntries(el)).to.deep.equal([]);
    for (const label of ['Identifiant CIBTP', 'Numéro SIRET', 'Code confidentiel provisoire']) {
      expect(field(el, label).getAttribute('aria-invalid'), label).to.equal('false');
    }
    expect(field(el, 'Code confidentiel provisoire').value).to.equal('ZZZZ9999');
    await expect(el).to.be.accessible();
  });

  it('associates the site with an existing login, names it, and that login then chooses among its sites', async () => {
    const { el, calls } = render();
    await toLoginStep(el, mock);
    expect(headingText(el)).to.equal('Vos identifiants de connexion');
    expect(stepText(el)).to.equal('Étape 2 sur 2');
    expect(focused()).to.equal($(el, 'h2'));
    expect(text($(el, '[data-part="site"]'))).to.match(/DURAND BTP/i);
    const password = field(el, 'Mot de passe');
    expect(password.autocomplete).to.equal('current-password');
    expect(password.type).to.equal('password');
    expect(field(el, 'Adresse électronique').autocomplete).to.equal('username');
    await expect(el).to.be.accessible();

    // A wrong password first: the login's generic message, nothing lost.
    signInFields(el, DEMO_ACCOUNTS.admin, 'Pas-le-bon-1');
    button(el, 'Valider').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'refused');
    expect(text(summary(el))).to.include('Adresse électronique ou mot de passe incorrect.');
    expect(field(el, 'Mot de passe').value).to.equal('Pas-le-bon-1');
    await expect(el).to.be.accessible();

    const associated = oneEvent(el, 'cibtp-site-associated');
    signInFields(el, DEMO_ACCOUNTS.admin, DEMO_PASSWORD);
    button(el, 'Valider').click();
    const { detail } = (await associated) as CustomEvent<SiteAssociated>;
    await until(() => headingText(el) === 'Association effectuée', 'done');
    expect(focused()).to.equal($(el, 'h2'));
    const notice = $(el, '[data-part="notice"]');
    expect(text(notice)).to.include(detail.siteName);
    expect(notice.querySelector('bdi')).to.exist;
    // The refused password, then the right one: one request each.
    expect(calledOf(calls, '/api/signup/associate')).to.have.length(2);
    await expect(el).to.be.accessible();

    // The way back to the login (no login-href: the host is asked).
    const navigate = oneEvent(el, 'cibtp-navigate');
    button(el, 'Retour à la connexion').click();
    expect(((await navigate) as CustomEvent).detail).to.deep.equal({ to: 'login' });

    // That login now has two sites: the tiers step, the new one among them.
    const { client } = recordingClient();
    const login = fixtureSync<CibtpLogin>(html`<cibtp-login .client=${client}></cibtp-login>`);
    await login.updateComplete;
    signInFields(login, DEMO_ACCOUNTS.admin, DEMO_PASSWORD);
    button(login, 'Se connecter').click();
    await until(() => login.querySelectorAll('cibtp-tiers-picker tbody tr').length === 2, 'the tiers picker, with two sites');
    expect(text($(login, 'cibtp-tiers-picker [data-part="table"]'))).to.include(detail.siteName);
    expect(text($(login, 'cibtp-tiers-picker [data-part="table"]'))).to.include(SITE.identifiantCibtp);
  });

  it('« Retour » keeps what was typed on both steps', async () => {
    const { el } = render();
    await toLoginStep(el, mock);
    type(field(el, 'Adresse électronique'), DEMO_ACCOUNTS.admin);
    type(field(el, 'Mot de passe'), 'gardé-en-mémoire');
    button(el, 'Retour').click();
    await until(() => el.querySelector('input[name="siret"]'), 'step 1');
    expect(focused()).to.equal($(el, 'h2'));
    expect(field(el, 'Identifiant CIBTP').value).to.equal(SITE.identifiantCibtp);
    expect(field(el, 'Code confidentiel provisoire').value).to.equal(SITE.confidentialCode);
    button(el, 'Valider').click();
    await until(() => el.querySelector('input[name="password"]'), 'step 2 again');
    await el.updateComplete;
    expect(field(el, 'Adresse électronique').value).to.equal(DEMO_ACCOUNTS.admin);
    expect(field(el, 'Mot de passe').value).to.equal('gardé-en-mémoire');
  });

  it('a locked login is said on step 2', async () => {
    const { el } = render();
    await toLoginStep(el, mock);
    signInFields(el, DEMO_ACCOUNTS.locked, DEMO_PASSWORD);
    button(el, 'Valider').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'refused');
    expect(text(summary(el))).to.match(/temporairement bloqué/);
    await expect(el).to.be.accessible();
  });

  it('an expired ticket leads back to step 1 with why, everything typed kept', async () => {
    const { el } = render();
    await toLoginStep(el, mock);
    signInFields(el, DEMO_ACCOUNTS.admin, DEMO_PASSWORD);
    advanceClock(31 * 60_000);
    button(el, 'Valider').click();
    await until(() => el.querySelector('input[name="siret"]') && el.querySelector('[data-part="error-summary"]'), 'step 1, with why');
    await until(() => focused() === summary(el), 'summary focused');
    expect(text(summary(el))).to.include('Le délai pour terminer l’association est dépassé.');
    expect(stepText(el)).to.equal('Étape 1 sur 2');
    expect(field(el, 'Identifiant CIBTP').value).to.equal(SITE.identifiantCibtp);
    await expect(el).to.be.accessible();
    // Step 1 again (on the moved clock), then step 2 still holds the email.
    button(el, 'Valider').click();
    await until(() => el.querySelector('input[name="password"]'), 'step 2 again');
    await el.updateComplete;
    expect(field(el, 'Adresse électronique').value).to.equal(DEMO_ACCOUNTS.admin);
  });

  it('counts down a rate limit on step 1 and holds the submission meanwhile', async () => {
    mock.worker.use(
      http.post('*/api/signup/company/identify', () =>
        HttpResponse.json({ code: 'rate-limited' }, { status: 429, headers: { 'Retry-After': '120' } }),
      ),
    );
    const { el, calls } = render();
    await el.updateComplete;
    fillCompany(el, mock);
    button(el, 'Valider').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
    expect(text(summary(el))).to.match(/Trop de tentatives\. Vous pourrez réessayer dans/);
    expect(button(el, 'Valider').getAttribute('aria-disabled')).to.equal('true');
    button(el, 'Valider').click();
    await el.updateComplete;
    expect(calledOf(calls, '/api/signup/company/identify')).to.have.length(1);
  });

  it('ignores a second submission while the first runs', async () => {
    mock.faults.set('identifyCompany', { kind: 'latency', ms: 300 });
    const { el, calls } = render();
    await el.updateComplete;
    fillCompany(el, mock);
    button(el, 'Valider').click();
    await el.updateComplete;
    expect($(el, 'form').getAttribute('aria-busy')).to.equal('true');
    button(el, 'Valider').click();
    $<HTMLFormElement>(el, 'form').requestSubmit();
    await until(() => el.querySelector('input[name="password"]'), 'step 2');
    expect(calledOf(calls, '/api/signup/company/identify')).to.have.length(1);
  });

  it('« Annuler » asks the host for the login; with login-href, « Retour à la connexion » is a link', async () => {
    const { el } = render({ loginHref: '/espace-entreprise.html' });
    await el.updateComplete;
    const navigate = oneEvent(el, 'cibtp-navigate');
    el.addEventListener('cibtp-navigate', (e) => e.preventDefault());
    button(el, 'Annuler').click();
    expect(((await navigate) as CustomEvent).detail).to.deep.equal({ to: 'login' });

    await toLoginStep(el, mock);
    signInFields(el, DEMO_ACCOUNTS.admin, DEMO_PASSWORD);
    button(el, 'Valider').click();
    await until(() => headingText(el) === 'Association effectuée', 'done');
    const link = $<HTMLAnchorElement>(el, '[data-part="notice"] ~ p a');
    expect(link.getAttribute('href')).to.equal('/espace-entreprise.html');
    expect(text(link)).to.equal('Retour à la connexion');
  });

  it('« Je n’ai pas mon code confidentiel »: the request of a new code by post, inline, and back to step 1', async () => {
    const { el } = render();
    await el.updateComplete;
    type(field(el, 'Identifiant CIBTP'), SITE.identifiantCibtp);
    button(el, 'Je n’ai pas mon code confidentiel').click();
    await until(() => el.querySelector('cibtp-forgot-password input[name="identifiantCibtp"]'), 'inline request');
    const inner = $(el, 'cibtp-forgot-password');
    await until(() => focused() === $(inner, 'h2'), 'its heading focused');
    await expect(el).to.be.accessible();
    button(inner, 'Annuler').click();
    await until(() => el.querySelector('input[name="siret"]'), 'step 1 again');
    expect(field(el, 'Identifiant CIBTP').value).to.equal(SITE.identifiantCibtp);
  });

  it('reads in English, errors included', async () => {
    const { el } = render();
    await el.updateComplete;
    button(el, 'Valider').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
    await inEnglish(el, { en: 'Add a declaring site to your secure area', fr: 'Associer un site déclarant à votre espace' }, async () => {
      expect(stepText(el)).to.equal('Step 1 of 2');
      expect(summaryEntries(el).length).to.equal(3);
      await expect(el).to.be.accessible();
    });
    await toLoginStep(el, mock);
    await inEnglish(el, { en: 'Your sign-in details', fr: 'Vos identifiants de connexion' }, async () => {
      expect(field(el, 'Email address')).to.exist;
      expect(field(el, 'Password')).to.exist;
      expect(text($(el, '[data-part="site"]'))).to.include('Declaring site to add');
      button(el, 'Confirm').click();
      await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
      expect(fieldError(field(el, 'Email address'))).to.equal('Email address: this field is required');
      await expect(el).to.be.accessible();
    });
  });
});
