import { expect, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './signup.js';
import '../activate-account/activate-account.js';
import type { CibtpSignup } from './signup.component.js';
import type { CibtpActivateAccount } from '../activate-account/activate-account.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { DEMO_SIGNUP, DEMO_WORKERS } from '../../mock-server/index.js';
import { login } from '../../sdk/auth/index.js';
import { formWidgetSuite } from '../shared/form-suite.js';
import {
  $, advanceClock, button, field, fieldError, focused, headingText, inEnglish, recordingClient, resetBackend, stepText, summaryEntries,
  text, type, until, type RecordedCall,
} from '../shared/testing.js';

const PASSWORD = 'Echafaudage-2027!';
const COMPANY_EMAIL = 'emilie.garnier@garnier-renov.fr';
const WORKER_EMAIL = 'marie.dupont@exemple.fr';

const STEP1_COMPANY = 'Identification de l’entreprise';
const STEP1_WORKER = 'Vos informations personnelles';
const STEP2 = 'Création de votre compte';
const DONE = 'Activez votre espace sécurisé';

let mock: RunningMockWorker;

async function render(kind: 'entreprise' | 'salarie' = 'entreprise', loginHref?: string) {
  const { client, calls } = recordingClient();
  const el = fixtureSync<CibtpSignup>(
    html`<cibtp-signup type=${kind} .client=${client} .loginHref=${loginHref}></cibtp-signup>`,
  );
  await el.updateComplete;
  return { el, calls, client };
}

const summary = (el: Element) => el.querySelector<HTMLElement>('[data-part="error-summary"]');
const callsTo = (calls: RecordedCall[], path: string) => calls.filter((c) => c.method === 'POST' && c.path === `/api/${path}`);
const tokenOf = (link: string | undefined) => new URLSearchParams((link ?? '').split('#')[1]).get('token') ?? '';

function companySiret(): string {
  const site = mock.db.sites.find((s) => s.identifiantCibtp === DEMO_SIGNUP.company.identifiantCibtp);
  if (!site) throw new Error('no signup site in the seed');
  // Typed by groups, as on the letter: the schema drops the spaces.
  return `${site.siret.slice(0, 3)} ${site.siret.slice(3, 6)} ${site.siret.slice(6, 9)} ${site.siret.slice(9)}`;
}

function fillCompanyIdentification(el: HTMLElement, code: string = DEMO_SIGNUP.company.confidentialCode): void {
  type(field(el, 'Identifiant CIBTP'), DEMO_SIGNUP.company.identifiantCibtp);
  type(field(el, 'Numéro SIRET'), companySiret());
  type(field(el, 'Code confidentiel provisoire'), code);
}

/** Step 2 is shown once its custom fields (password, phones) are defined and rendered. */
async function untilAccountStep(el: HTMLElement): Promise<void> {
  await until(() => headingText(el) === STEP2, 'step 2', 8000);
  await until(() => el.querySelector('cibtp-password-field input[name="password"]') && el.querySelector('cibtp-phone-field input[type="tel"]'), 'custom fields rendered');
}

async function toCompanyAccount(el: CibtpSignup): Promise<void> {
  fillCompanyIdentification(el);
  button(el, 'Valider').click();
  await untilAccountStep(el);
}

function fillCompanyAccount(el: HTMLElement, email = COMPANY_EMAIL): void {
  type(field(el, 'Adresse électronique'), email);
  type(field(el, 'Confirmation de l’adresse électronique'), email);
  type(field(el, 'Mot de passe'), PASSWORD);
  type(field(el, 'Confirmation du mot de passe'), PASSWORD);
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

function select(el: HTMLElement, label: string): HTMLSelectElement {
  return field(el, label) as unknown as HTMLSelectElement;
}

function fillWorkerAbroad(el: HTMLElement): void {
  type(field(el, 'Nom de naissance'), 'Da Silva');
  type(field(el, 'Prénoms'), 'João Miguel');
  choose(select(el, 'Pays de naissance'), 'PT');
  type(field(el, 'Identifiant CIBTP'), DEMO_WORKERS.bornAbroad);
  type(field(el, 'Jour'), '30');
  type(field(el, 'Mois'), '9');
  type(field(el, 'Année'), '1979');
  $<HTMLInputElement>(el, 'input[name="sex"][value="M"]').click();
}

const options = (el: Element) => [...el.querySelectorAll<HTMLElement>('[role="option"]')];

/** Marie Hélène Dupont, born in Paris: the commune is picked from the suggestions. */
async function fillWorkerBornInParis(el: CibtpSignup): Promise<void> {
  type(field(el, 'Nom de naissance'), 'Dupont');
  type(field(el, 'Prénoms'), 'Marie-Hélène');
  choose(select(el, 'Pays de naissance'), 'FR');
  await el.updateComplete;
  choose(select(el, 'Département de naissance'), '75');
  await el.updateComplete;
  type(field(el, 'Commune de naissance'), 'Pari');
  await until(() => options(el).some((o) => text(o) === 'Paris'), 'Paris suggested', 8000);
  options(el).find((o) => text(o) === 'Paris')!.click();
  await el.updateComplete;
  type(field(el, 'Identifiant CIBTP'), DEMO_WORKERS.bornInFrance);
  type(field(el, 'Jour'), '24');
  type(field(el, 'Mois'), '11');
  type(field(el, 'Année'), '1992');
  $<HTMLInputElement>(el, 'input[name="sex"][value="F"]').click();
}

/** Types a mobile, certifies it with the code the mock "sent" by SMS, and waits for the badge. */
async function certifyMobile(el: CibtpSignup, number = '06 12 34 56 78'): Promise<void> {
  const phone = $<HTMLElement>(el, 'cibtp-phone-field[name="mobilePhone"]');
  type($<HTMLInputElement>(phone, 'input[type="tel"]'), number);
  await until(() => [...phone.querySelectorAll('button')].some((b) => text(b) === 'Certifier'), 'Certifier offered');
  const before = mock.outbox.list().length;
  button(phone, 'Certifier').click();
  await until(() => mock.outbox.list().length > before && mock.outbox.last({ kind: 'sms' })?.code, 'SMS sent', 8000);
  const code = mock.outbox.last({ kind: 'sms' })!.code!;
  await until(() => phone.querySelector('dialog[open] input[autocomplete="one-time-code"]'), 'code dialog', 8000);
  const dialog = $<HTMLDialogElement>(phone, 'dialog[open]');
  await expect(dialog).to.be.accessible();
  type($<HTMLInputElement>(dialog, 'input[autocomplete="one-time-code"]'), code);
  $<HTMLButtonElement>(dialog, '[data-part="submit"]').click();
  await until(() => phone.hasAttribute('certified'), 'certified', 8000);
}

describe('<cibtp-signup type="entreprise">', () => {
  beforeEach(async () => {
    mock = await resetBackend();
  });

  describe('step 1: the form suite', () =>
    formWidgetSuite({
      render: async () => (await render()).el,
      fill: (el) => fillCompanyIdentification(el),
      operation: 'identifyCompany',
      required: 3,
    }));

  it('step 1: the three fields with where to find them, the step indicator, axe', async () => {
    const { el } = await render();
    expect(headingText(el)).to.equal(STEP1_COMPANY);
    expect(stepText(el)).to.equal('Étape 1 sur 2');
    expect(text(el)).to.include('14 chiffres, sans espace ou par groupes');
    expect(text(el)).to.include('Courrier informatique');
    expect(field(el, 'Numéro SIRET').inputMode).to.equal('numeric');
    expect(field(el, 'Code confidentiel provisoire').autocomplete).to.equal('off');
    await expect(el).to.be.accessible();
  });

  it('creates the space: identification, account, activation email; then the link activates it and the login works', async () => {
    const { el, calls } = await render();
    await toCompanyAccount(el);
    expect(focused()).to.equal($(el, 'h2'));
    expect(stepText(el)).to.equal('Étape 2 sur 2');
    // The caisse's record pre-fills the holder, and names the company.
    expect(field(el, 'Nom').value).to.equal('Garnier');
    expect(field(el, 'Prénom').value).to.equal('Émilie');
    expect(text($(el, '[data-part="identity"]'))).to.include('Villeurbanne');
    expect(text($(el, '[data-part="information"]'))).to.include('informations réglementaires');
    expect(el.querySelector('[data-part="password-rules"]'), 'the policy checklist').to.exist;
    await expect(el).to.be.accessible();

    fillCompanyAccount(el);
    const complete = oneEvent(el, 'cibtp-signup-complete');
    button(el, 'Valider').click();
    expect((await complete).detail).to.deep.equal({ type: 'entreprise', email: COMPANY_EMAIL });
    await until(() => headingText(el) === DONE, 'end screen');
    expect(focused()).to.equal($(el, 'h2'));
    expect(stepText(el)).to.equal('');
    expect(text($(el, '[data-part="notice"]'))).to.include(`Un courriel d’activation a été envoyé à ${COMPANY_EMAIL}`);
    expect($(el, '[data-part="notice"] bdi').textContent).to.equal(COMPANY_EMAIL);
    expect(text(el)).to.include('courriers indésirables');
    await expect(el).to.be.accessible();

    const sent = callsTo(calls, 'signup/company');
    expect(sent).to.have.length(1);
    const mail = mock.outbox.last({ kind: 'email', to: COMPANY_EMAIL });
    expect(mail?.link).to.be.a('string');

    const activation = fixtureSync<CibtpActivateAccount>(html`<cibtp-activate-account .client=${recordingClient().client} .token=${tokenOf(mail!.link)}></cibtp-activate-account>`);
    await until(() => text(activation).includes('Votre compte est activé'), 'activated', 8000);
    const result = await login(recordingClient().client, { email: COMPANY_EMAIL, password: PASSWORD });
    expect(['signed-in', 'choose-tiers', 'otp-required']).to.include(result.status);
  });

  it('a refused identification: one message that names no field, nothing marked, what was typed kept', async () => {
    const { el } = await render();
    fillCompanyIdentification(el, 'ABCD1234');
    button(el, 'Valider').click();
    await until(() => summary(el) && focused() === summary(el), 'summary focused');
    expect(text(summary(el))).to.include('Les informations saisies ne permettent pas de vous identifier');
    expect(summaryEntries(el)).to.deep.equal([]);
    for (const label of ['Identifiant CIBTP', 'Numéro SIRET', 'Code confidentiel provisoire']) {
      expect(field(el, label).getAttribute('aria-invalid'), label).to.equal('false');
      expect(fieldError(field(el, label))).to.equal('');
    }
    expect(field(el, 'Code confidentiel provisoire').value).to.equal('ABCD1234');
    await expect(el).to.be.accessible();
  });

  it('repeated refusals: the rate limit counts down and holds the submission', async () => {
    const { el, calls } = await render();
    fillCompanyIdentification(el, 'ABCD1234');
    for (let i = 0; i < 8 && !text(summary(el)).includes('Trop de tentatives'); i++) {
      const before = callsTo(calls, 'signup/company/identify').length;
      button(el, 'Valider').click();
      await until(() => callsTo(calls, 'signup/company/identify').length > before && !el.querySelector('form[aria-busy="true"]') && summary(el), 'answered');
    }
    expect(text(summary(el))).to.match(/Trop de tentatives\. Vous pourrez réessayer dans \d+/);
    const count = callsTo(calls, 'signup/company/identify').length;
    button(el, 'Valider').click();
    await el.updateComplete;
    expect(callsTo(calls, 'signup/company/identify')).to.have.length(count);
    await expect(el).to.be.accessible();
  });

  it('step 2 problems: empty, mismatched confirmations, each on its field and in the summary; axe', async () => {
    const { el } = await render();
    await toCompanyAccount(el);
    type(field(el, 'Adresse électronique'), COMPANY_EMAIL);
    type(field(el, 'Confirmation de l’adresse électronique'), 'autre@garnier-renov.fr');
    type(field(el, 'Mot de passe'), PASSWORD);
    type(field(el, 'Confirmation du mot de passe'), `${PASSWORD}x`);
    button(el, 'Valider').click();
    await until(() => summary(el) && focused() === summary(el), 'summary');
    expect(summaryEntries(el)).to.deep.equal([
      'Confirmation de l’adresse électronique : ne correspond pas à l’adresse saisie',
      'Confirmation du mot de passe : ne correspond pas au mot de passe saisi',
    ]);
    // The summary links to the password field element's inner input.
    const link = [...summary(el)!.querySelectorAll('a')].find((a) => text(a).startsWith('Confirmation du mot de passe'))!;
    link.click();
    expect(focused()).to.equal(field(el, 'Confirmation du mot de passe'));
    await expect(el).to.be.accessible();
  });

  it('an address already in use is refused on the email field', async () => {
    const { el } = await render();
    await toCompanyAccount(el);
    fillCompanyAccount(el, DEMO_SIGNUP.emailInUse);
    button(el, 'Valider').click();
    await until(() => summaryEntries(el).length > 0, 'refused');
    const email = field(el, 'Adresse électronique');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(fieldError(email)).to.match(/déjà utilisée/);
    expect(summaryEntries(el)).to.deep.equal([fieldError(email)]);
    await expect(el).to.be.accessible();
  });

  it('« Retour » keeps what was typed on both steps', async () => {
    const { el } = await render();
    await toCompanyAccount(el);
    fillCompanyAccount(el);
    type(field(el, 'Nom'), 'Garnier-Martin');
    button(el, 'Retour').click();
    await until(() => headingText(el) === STEP1_COMPANY, 'step 1 again');
    expect(focused()).to.equal($(el, 'h2'));
    expect(field(el, 'Identifiant CIBTP').value).to.equal(DEMO_SIGNUP.company.identifiantCibtp);
    expect(field(el, 'Code confidentiel provisoire').value).to.equal(DEMO_SIGNUP.company.confidentialCode);
    button(el, 'Valider').click();
    await untilAccountStep(el);
    expect(field(el, 'Adresse électronique').value).to.equal(COMPANY_EMAIL);
    expect(field(el, 'Mot de passe').value).to.equal(PASSWORD);
    expect(field(el, 'Nom').value).to.equal('Garnier-Martin');
  });

  it('« Annuler » on each step asks for the login (cancelable), and starts over', async () => {
    const { el } = await render();
    const first = oneEvent(el, 'cibtp-navigate');
    el.addEventListener('cibtp-navigate', (e) => e.preventDefault(), { once: true });
    button(el, 'Annuler').click();
    const event = await first;
    expect(event.detail).to.deep.equal({ to: 'login' });
    expect(event.cancelable).to.equal(true);
    await toCompanyAccount(el);
    el.addEventListener('cibtp-navigate', (e) => e.preventDefault(), { once: true });
    const second = oneEvent(el, 'cibtp-navigate');
    button(el, 'Annuler').click();
    expect((await second).detail).to.deep.equal({ to: 'login' });
    await until(() => headingText(el) === STEP1_COMPANY, 'back to the start');
    expect(field(el, 'Identifiant CIBTP').value).to.equal('');
  });

  it('« Je n’ai pas mon code confidentiel » asks for the forgotten-code flow, inline when not handled', async () => {
    const { el } = await render();
    const navigate = oneEvent(el, 'cibtp-navigate');
    button(el, 'Je n’ai pas mon code confidentiel').click();
    expect((await navigate).detail).to.deep.equal({ to: 'confidential-code' });
    await until(() => el.querySelector('cibtp-forgot-password input[name="identifiantCibtp"]'), 'inline code request');
    await expect(el).to.be.accessible();
  });

  it('no double submission: two quick submits send one request', async () => {
    const { el, calls } = await render();
    await toCompanyAccount(el);
    fillCompanyAccount(el);
    mock.faults.set('registerCompany', { kind: 'latency', ms: 300 });
    button(el, 'Valider').click();
    button(el, 'Valider').click();
    await until(() => el.querySelector('form[aria-busy="true"]'), 'busy');
    expect(button(el, 'Valider').getAttribute('aria-disabled')).to.equal('true');
    await until(() => headingText(el) === DONE, 'done', 8000);
    expect(callsTo(calls, 'signup/company')).to.have.length(1);
  });

  it('a network failure on step 2 keeps everything typed; the retry succeeds with the same key', async () => {
    const { el, calls } = await render();
    await toCompanyAccount(el);
    fillCompanyAccount(el);
    mock.faults.set('registerCompany', { kind: 'network' }, { times: 1 });
    button(el, 'Valider').click();
    await until(() => text(summary(el)).includes('Impossible de joindre le service'), 'network message');
    expect(field(el, 'Adresse électronique').value).to.equal(COMPANY_EMAIL);
    expect(field(el, 'Mot de passe').value).to.equal(PASSWORD);
    expect(field(el, 'Confirmation du mot de passe').value).to.equal(PASSWORD);
    await expect(el).to.be.accessible();
    button(el, 'Valider').click();
    await until(() => headingText(el) === DONE, 'done', 8000);
    const keys = callsTo(calls, 'signup/company').map((c) => c.idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
  });

  it('an expired ticket: back to step 1 with an explanation, what was typed kept', async () => {
    const { el } = await render();
    await toCompanyAccount(el);
    fillCompanyAccount(el);
    advanceClock(31 * 60_000);
    button(el, 'Valider').click();
    await until(() => headingText(el) === STEP1_COMPANY, 'step 1 again', 8000);
    await until(() => focused() === summary(el), 'summary focused');
    expect(text(summary(el))).to.include('Le délai pour créer votre espace est dépassé');
    expect(field(el, 'Code confidentiel provisoire').value).to.equal(DEMO_SIGNUP.company.confidentialCode);
    button(el, 'Valider').click();
    await untilAccountStep(el);
    expect(field(el, 'Adresse électronique').value).to.equal(COMPANY_EMAIL);
  });

  it('a certified mobile sends its certificate', async () => {
    const { el } = await render();
    await toCompanyAccount(el);
    fillCompanyAccount(el);
    await certifyMobile(el);
    button(el, 'Valider').click();
    await until(() => headingText(el) === DONE, 'done', 8000);
    const account = mock.db.accounts.find((a) => a.email === COMPANY_EMAIL);
    expect(account?.mobile).to.deep.equal({ number: '+33612345678', certified: true });
  });

  it('with the keyboard alone: Tab, type, Enter through both steps', async () => {
    const { el } = await render();
    field(el, 'Identifiant CIBTP').focus();
    await sendKeys({ type: DEMO_SIGNUP.company.identifiantCibtp });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: companySiret() });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: DEMO_SIGNUP.company.confidentialCode });
    await sendKeys({ press: 'Enter' });
    await untilAccountStep(el);
    await until(() => focused() === $(el, 'h2'), 'heading focused');
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(field(el, 'Adresse électronique'));
    await sendKeys({ type: COMPANY_EMAIL });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: COMPANY_EMAIL });
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(field(el, 'Mot de passe'));
    await sendKeys({ type: PASSWORD });
    await sendKeys({ press: 'Tab' });
    expect(focused()?.getAttribute('data-part')).to.equal('password-toggle');
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(field(el, 'Confirmation du mot de passe'));
    await sendKeys({ type: PASSWORD });
    await sendKeys({ press: 'Enter' });
    await until(() => headingText(el) === DONE, 'done', 8000);
    expect(focused()).to.equal($(el, 'h2'));
  });

  it('in English', async () => {
    const { el } = await render();
    await inEnglish(el, { en: 'Company identification', fr: STEP1_COMPANY }, async () => {
      expect(text(el)).to.include('CIBTP identifier');
      expect(text(el)).to.include('SIRET number');
      expect(text(el)).to.include('I do not have my confidential code');
      expect(stepText(el)).to.equal('Step 1 of 2');
      await expect(el).to.be.accessible();
    });
  });
});

describe('<cibtp-signup type="salarie">', () => {
  beforeEach(async () => {
    mock = await resetBackend();
  });

  describe('step 1: the form suite', () =>
    formWidgetSuite({
      render: async () => (await render('salarie')).el,
      fill: (el) => fillWorkerAbroad(el),
      operation: 'identifyWorker',
      // Nom, prénoms, pays, identifiant, date (legend), sexe (legend): France adds département and commune.
      required: 6,
    }));

  it('step 1: countries named in the locale with France first; France asks for département and commune', async () => {
    const { el } = await render('salarie');
    expect(headingText(el)).to.equal(STEP1_WORKER);
    const country = select(el, 'Pays de naissance');
    const names = [...country.options].map((o) => o.textContent?.trim());
    expect(names[1]).to.equal('France');
    const rest = names.slice(2) as string[];
    expect(rest).to.deep.equal([...rest].sort((a, b) => a.localeCompare(b, 'fr')));
    expect(el.querySelector('[role="combobox"]')).to.equal(null);
    choose(country, 'FR');
    await el.updateComplete;
    const departement = select(el, 'Département de naissance');
    expect([...departement.options].map((o) => o.textContent?.trim())).to.include('69 — Rhône');
    expect(el.querySelector('[role="combobox"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('a commune typed but not chosen: « choisissez une commune dans la liste »', async () => {
    const { el } = await render('salarie');
    await fillWorkerBornInParis(el);
    type(field(el, 'Commune de naissance'), 'Parisx');
    await el.updateComplete;
    button(el, 'Confirmer mes informations').click();
    await until(() => summaryEntries(el).length > 0, 'refused');
    expect(summaryEntries(el)).to.deep.equal(['Commune de naissance : choisissez une commune dans la liste']);
    expect(fieldError(field(el, 'Commune de naissance'))).to.equal('Commune de naissance : choisissez une commune dans la liste');
    await expect(el).to.be.accessible();
  });

  it('a date of birth that does not exist, or in the future, is refused on the date', async () => {
    const { el } = await render('salarie');
    fillWorkerAbroad(el);
    type(field(el, 'Jour'), '29');
    type(field(el, 'Mois'), '2');
    type(field(el, 'Année'), '1979');
    button(el, 'Confirmer mes informations').click();
    await until(() => summaryEntries(el).length > 0, 'refused');
    expect(summaryEntries(el)[0]).to.match(/^Date de naissance : indiquez une date réelle/);
    expect(field(el, 'Jour').getAttribute('aria-invalid')).to.equal('true');
  });

  it('a mismatch: one message (contact your caisse) that names no field', async () => {
    const { el } = await render('salarie');
    fillWorkerAbroad(el);
    type(field(el, 'Jour'), '29');
    button(el, 'Confirmer mes informations').click();
    await until(() => summary(el) && focused() === summary(el), 'summary');
    expect(text(summary(el))).to.include('contactez votre caisse');
    expect(summaryEntries(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('creates the space: civil status with the commune, certified mobile, secret question, activation email', async () => {
    const { el, calls } = await render('salarie');
    await fillWorkerBornInParis(el);
    button(el, 'Confirmer mes informations').click();
    await untilAccountStep(el);
    const sent = calls.find((c) => c.path === '/api/signup/worker/identify');
    expect(sent).to.exist;
    expect(text($(el, '[data-part="information"]'))).to.include('Mes notifications et consentements RGPD');
    await until(() => select(el, 'Question secrète').options.length > 1, 'questions loaded');
    await expect(el).to.be.accessible();

    type(field(el, 'Adresse électronique'), WORKER_EMAIL);
    type(field(el, 'Mot de passe'), PASSWORD);
    type(field(el, 'Confirmation du mot de passe'), PASSWORD);
    choose(select(el, 'Question secrète'), select(el, 'Question secrète').options[1]!.value);
    type(field(el, 'Réponse à la question secrète'), 'Médor');

    // Not certified yet: refused on the mobile.
    type($<HTMLInputElement>(el, 'cibtp-phone-field[name="mobilePhone"] input[type="tel"]'), '06 12 34 56 78');
    button(el, 'Finaliser la création de mon espace').click();
    await until(() => summaryEntries(el).length > 0, 'not certified');
    expect(summaryEntries(el)).to.have.length(1);
    expect(summaryEntries(el)[0]).to.match(/^Téléphone mobile/);
    expect(callsTo(calls, 'signup/worker')).to.have.length(0);
    await expect(el).to.be.accessible();

    await certifyMobile(el);
    await expect(el).to.be.accessible();
    const complete = oneEvent(el, 'cibtp-signup-complete');
    button(el, 'Finaliser la création de mon espace').click();
    expect((await complete).detail).to.deep.equal({ type: 'salarie', email: WORKER_EMAIL });
    await until(() => headingText(el) === DONE, 'done', 8000);
    expect(callsTo(calls, 'signup/worker')).to.have.length(1);
    expect(mock.outbox.last({ kind: 'email', to: WORKER_EMAIL })?.link).to.be.a('string');
    await expect(el).to.be.accessible();
  });

  it('born abroad: neither département nor commune is sent; « Retour » keeps step 1', async () => {
    const { el } = await render('salarie');
    fillWorkerAbroad(el);
    button(el, 'Confirmer mes informations').click();
    await untilAccountStep(el);
    type(field(el, 'Adresse électronique'), WORKER_EMAIL);
    button(el, 'Retour').click();
    await until(() => headingText(el) === STEP1_WORKER, 'step 1 again');
    expect(field(el, 'Nom de naissance').value).to.equal('Da Silva');
    expect(field(el, 'Jour').value).to.equal('30');
    expect(select(el, 'Pays de naissance').value).to.equal('PT');
    expect($<HTMLInputElement>(el, 'input[name="sex"][value="M"]').checked).to.equal(true);
    button(el, 'Confirmer mes informations').click();
    await untilAccountStep(el);
    expect(field(el, 'Adresse électronique').value).to.equal(WORKER_EMAIL);
  });

  it('step 1 with the keyboard alone, the commune chosen with the arrows and Enter', async () => {
    const { el } = await render('salarie');
    field(el, 'Nom de naissance').focus();
    await sendKeys({ type: 'Dupont' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Marie Hélène' });
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(select(el, 'Pays de naissance'));
    // A closed select takes the first letters of an option.
    await sendKeys({ type: 'France' });
    await until(() => el.querySelector('[role="combobox"]'), 'France chosen');
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(select(el, 'Département de naissance'));
    await sendKeys({ type: '75' });
    await until(() => select(el, 'Département de naissance').value === '75', 'Paris département');
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(field(el, 'Commune de naissance'));
    await sendKeys({ type: 'Pari' });
    await until(() => options(el).length > 0, 'suggestions', 8000);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => $<HTMLInputElement>(el, 'input[name="birthCommune"]').value === '75056', 'Paris chosen');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: DEMO_WORKERS.bornInFrance });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '24' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '11' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '1992' });
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal($(el, 'input[name="sex"][value="F"]'));
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Enter' });
    await untilAccountStep(el);
    expect(focused()).to.equal($(el, 'h2'));
  });

  it('step 2 with the keyboard alone, the mobile certified in its dialog', async () => {
    const { el } = await render('salarie');
    await fillWorkerBornInParis(el);
    button(el, 'Confirmer mes informations').click();
    await untilAccountStep(el);
    await until(() => focused() === $(el, 'h2'), 'heading focused');
    /** Tab until the focus is on `target` (the order is the page's: toggles, country selects…). */
    const tabTo = async (target: () => Element | null, what: string) => {
      for (let i = 0; i < 25 && focused() !== target(); i++) await sendKeys({ press: 'Tab' });
      expect(focused(), what).to.equal(target());
    };
    await tabTo(() => field(el, 'Adresse électronique'), 'email');
    await sendKeys({ type: WORKER_EMAIL });
    await tabTo(() => field(el, 'Mot de passe'), 'password');
    await sendKeys({ type: PASSWORD });
    await tabTo(() => field(el, 'Confirmation du mot de passe'), 'confirmation');
    await sendKeys({ type: PASSWORD });
    const phone = $<HTMLElement>(el, 'cibtp-phone-field[name="mobilePhone"]');
    await tabTo(() => phone.querySelector('input[type="tel"]'), 'mobile');
    await sendKeys({ type: '06 12 34 56 78' });
    await tabTo(() => phone.querySelector('[data-part="certify"]'), 'Certifier');
    const before = mock.outbox.list().length;
    await sendKeys({ press: 'Enter' });
    await until(() => mock.outbox.list().length > before && mock.outbox.last({ kind: 'sms' })?.code, 'SMS sent', 8000);
    await until(() => focused() === phone.querySelector('dialog[open] input[autocomplete="one-time-code"]'), 'code input focused', 8000);
    await sendKeys({ type: mock.outbox.last({ kind: 'sms' })!.code! });
    await sendKeys({ press: 'Enter' });
    await until(() => phone.hasAttribute('certified'), 'certified', 8000);
    await until(() => select(el, 'Question secrète').options.length > 1, 'questions loaded', 8000);
    await tabTo(() => select(el, 'Question secrète'), 'question');
    await sendKeys({ press: 'ArrowDown' });
    await tabTo(() => field(el, 'Réponse à la question secrète'), 'answer');
    await sendKeys({ type: 'Médor' });
    await sendKeys({ press: 'Enter' });
    await until(() => headingText(el) === DONE, 'done', 8000);
    expect(focused()).to.equal($(el, 'h2'));
  });

  it('in English', async () => {
    const { el } = await render('salarie');
    await inEnglish(el, { en: 'Your personal details', fr: STEP1_WORKER }, async () => {
      expect(text(el)).to.include('Country of birth');
      expect([...select(el, 'Country of birth').options].map((o) => o.textContent?.trim())[1]).to.equal('France');
      expect(text(el)).to.include('Confirm my details');
      await expect(el).to.be.accessible();
    });
  });
});
