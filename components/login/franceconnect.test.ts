import { expect, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import './login.js';
import type { CibtpLogin } from './login.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { createPortalClient, type Session } from '../../sdk/index.js';
import { franceConnectStart } from '../../sdk/signup/index.js';
import {
  $, button, field, fieldError, focused, headingText, inEnglish, recordingClient, resetBackend, summaryEntries, text, type, until,
} from '../shared/testing.js';

/** The worker's login, as the worker page of a caisse writes it. */
function renderWorker(attributes: { franceconnect?: boolean; returnUrl?: string } = {}) {
  const { client, calls } = recordingClient();
  const el = fixtureSync<CibtpLogin>(html`<cibtp-login
    .client=${client}
    audience="salarie"
    ?franceconnect=${attributes.franceconnect ?? false}
    franceconnect-return-url=${attributes.returnUrl ?? ''}
  ></cibtp-login>`);
  return { el, calls, client };
}

const summary = (el: Element) => $(el, '[data-part="error-summary"]');

/** The codes the simulated FranceConnect page offers (query of `authorizationUrl`, see mock-server). */
async function franceConnectCodes(): Promise<{ state: string; matched: string; unmatched: string }> {
  const client = createPortalClient({ baseUrl: '/api/' });
  const { authorizationUrl } = await franceConnectStart(client, { returnUrl: `${location.origin}${location.pathname}` });
  const query = new URL(authorizationUrl, location.href).searchParams;
  return { state: query.get('state') ?? '', matched: query.get('matched') ?? '', unmatched: query.get('unmatched') ?? '' };
}

describe('<cibtp-login audience="salarie">', () => {
  beforeEach(async () => {
    await resetBackend();
  });

  it('words the worker space: an example address that is not a company’s, the first-time entry, no « sites déclarants »', async () => {
    const { el } = renderWorker();
    await el.updateComplete;
    const email = field(el, 'Adresse électronique');
    const hint = document.getElementById(email.getAttribute('aria-describedby')!.split(' ')[0]!);
    expect(text(hint)).to.equal('Votre identifiant de connexion, par exemple nom@exemple.fr');
    expect(text(el)).to.not.include('entreprise');
    expect(text($(el, '[data-part="links"]'))).to.equal('Vous vous connectez pour la première fois ? Je crée mon espace sécurisé');
    expect(text(el)).to.not.include('sites déclarants');
    const targets: string[] = [];
    el.addEventListener('cibtp-navigate', (e) => {
      targets.push(e.detail.to);
      e.preventDefault();
    });
    button(el, 'Je crée mon espace sécurisé').click();
    expect(targets).to.deep.equal(['signup']);
    // No FranceConnect unless asked for.
    expect(el.querySelector('[data-part="franceconnect"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('suggests the worker example in the format message, in both languages', async () => {
    const { el } = renderWorker();
    await el.updateComplete;
    type(field(el, 'Adresse électronique'), 'jean@');
    type(field(el, 'Mot de passe'), 'x');
    button(el, 'Se connecter').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
    expect(summaryEntries(el)).to.deep.equal(['Adresse électronique : format invalide (exemple : nom@exemple.fr)']);
    await inEnglish(el, { en: 'Sign in to your CIBTP secure area', fr: 'Connexion à votre espace CIBTP' }, () => {
      expect(fieldError(field(el, 'Email address'))).to.equal('Email address: enter it in the correct format, like nom@exemple.fr');
      expect(text($(el, '[data-part="links"]'))).to.equal('Signing in for the first time? Create your secure area');
    });
  });

  it('« Mot de passe oublié ? » goes straight to the reset link (a worker has no confidential code)', async () => {
    const { el } = renderWorker();
    await el.updateComplete;
    button(el, 'Mot de passe oublié ?').click();
    await until(() => el.querySelector('cibtp-forgot-password input[name="email"]'), 'the email form of the inline flow');
    expect(el.querySelector('cibtp-forgot-password input[name="situation"]')).to.equal(null);
    // Its example address is not a company's either.
    const inner = el.querySelector<HTMLElement>('cibtp-forgot-password')!;
    expect(text($(inner, '.cibtp-hint'))).to.equal('Par exemple nom@exemple.fr');
    const email = inner.querySelector<HTMLInputElement>('input[name="email"]')!;
    email.value = 'jean.martin';
    email.dispatchEvent(new Event('input', { bubbles: true }));
    button(inner, 'Valider').click();
    await until(() => summaryEntries(inner).length > 0, 'the summary of the inline flow');
    expect(summaryEntries(inner)).to.deep.equal(['Adresse électronique : format invalide (exemple : nom@exemple.fr)']);
    await expect(el).to.be.accessible();
  });
});

describe('<cibtp-login franceconnect>', () => {
  let mock: RunningMockWorker;
  const page = location.href;
  beforeEach(async () => {
    mock = await resetBackend();
  });
  afterEach(() => {
    history.replaceState(null, '', page);
  });

  it('shows FranceConnect first, as its rules ask: the sentence, the two-line button, the link below it, then « ou »', async () => {
    const { el } = renderWorker({ franceconnect: true });
    await until(() => el.querySelector('[data-part="franceconnect-button"]'), 'the FranceConnect module');
    const block = $(el, '[data-part="franceconnect"]');
    const fcButton = $<HTMLButtonElement>(el, '[data-part="franceconnect-button"]');
    expect(text(block)).to.include('FranceConnect est la solution proposée par l’État pour sécuriser et simplifier la connexion à vos services en ligne.');
    expect(fcButton.type).to.equal('button');
    expect(text(fcButton)).to.equal('S’identifier avec FranceConnect');
    // The label is two lines: « S’identifier avec » over « FranceConnect ».
    const [login, brand] = [...fcButton.querySelectorAll('span[class*="__login"], span[class*="__brand"]')] as HTMLElement[];
    expect(brand!.getBoundingClientRect().top).to.be.greaterThan(login!.getBoundingClientRect().top);
    expect(fcButton.querySelector('svg')?.closest('[aria-hidden="true"]')).to.exist;
    const about = $<HTMLAnchorElement>(block, 'a');
    expect(about.href).to.equal('https://franceconnect.gouv.fr/');
    expect(about.target).to.equal('_blank');
    expect(about.rel).to.include('noopener');
    expect(text(about)).to.equal('Qu’est-ce que FranceConnect ? (nouvelle fenêtre)');
    // Above the email and password form, with « ou » between them.
    const separator = $(el, '[data-part="separator"]');
    expect(text(separator)).to.equal('ou');
    const form = $(el, 'form');
    expect(block.compareDocumentPosition(separator) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.ok;
    expect(separator.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.ok;
    await expect(el).to.be.accessible();
    await inEnglish(el, { en: 'Sign in to your CIBTP secure area', fr: 'Connexion à votre espace CIBTP' }, () => {
      expect(text($(el, '[data-part="franceconnect-button"]'))).to.equal('Sign in with FranceConnect');
      expect(text($(el, '[data-part="franceconnect"] a'))).to.equal('What is FranceConnect? (opens in a new window)');
      expect(text($(el, '[data-part="separator"]'))).to.equal('or');
    });
  });

  it('a click asks the backend where to go, with this page as the return address, then fires cibtp-franceconnect', async () => {
    const { el, calls } = renderWorker({ franceconnect: true });
    await until(() => el.querySelector('[data-part="franceconnect-button"]'), 'button');
    // The test page must stay: the host takes over the navigation.
    el.addEventListener('cibtp-franceconnect', (e) => e.preventDefault());
    const event = oneEvent(el, 'cibtp-franceconnect');
    $<HTMLButtonElement>(el, '[data-part="franceconnect-button"]').click();
    const { detail } = (await event) as CustomEvent<{ url: string }>;
    const url = new URL(detail.url, location.href);
    expect(url.origin).to.equal(location.origin);
    expect(url.pathname).to.equal('/franceconnect.html');
    expect(url.searchParams.get('return')).to.equal(`${location.origin}${location.pathname}`);
    expect(url.searchParams.get('state')).to.be.a('string').and.not.equal('');
    expect(calls.filter((c) => c.path === '/api/franceconnect/start')).to.have.length(1);
  });

  it('franceconnect-return-url replaces the default return address', async () => {
    const { el } = renderWorker({ franceconnect: true, returnUrl: '/espace-salarie.html' });
    await until(() => el.querySelector('[data-part="franceconnect-button"]'), 'button');
    el.addEventListener('cibtp-franceconnect', (e) => e.preventDefault());
    const event = oneEvent(el, 'cibtp-franceconnect');
    $<HTMLButtonElement>(el, '[data-part="franceconnect-button"]').click();
    const { detail } = (await event) as CustomEvent<{ url: string }>;
    expect(new URL(detail.url, location.href).searchParams.get('return')).to.equal(`${location.origin}/espace-salarie.html`);
  });

  it('a start that fails is said in the summary, and the form is still there', async () => {
    mock.faults.set('franceConnectStart', { kind: 'network' });
    const { el } = renderWorker({ franceconnect: true });
    await until(() => el.querySelector('[data-part="franceconnect-button"]'), 'button');
    let fired = false;
    el.addEventListener('cibtp-franceconnect', () => (fired = true));
    $<HTMLButtonElement>(el, '[data-part="franceconnect-button"]').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'summary');
    expect(text(summary(el))).to.include('Impossible de joindre le service');
    await until(() => focused() === summary(el), 'summary focused');
    expect(fired).to.equal(false);
    expect(field(el, 'Adresse électronique')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('back from FranceConnect with a matched identity: the code leaves the address at once, then signed in', async () => {
    const codes = await franceConnectCodes();
    history.replaceState(null, '', `${page}${page.includes('?') ? '&' : '?'}code=${codes.matched}&state=${codes.state}`);
    const { client } = recordingClient();
    const signedIn = new Promise<Session>((resolve) =>
      document.addEventListener('cibtp-signed-in', (e) => resolve(e.detail.session), { once: true }),
    );
    const el = fixtureSync<CibtpLogin>(html`<cibtp-login .client=${client} audience="salarie" franceconnect></cibtp-login>`);
    await until(() => !location.search.includes('code='), 'code removed from the address');
    expect(location.search).to.not.include('state=');
    // What else the address held is kept.
    expect(location.href.split('?')[0]).to.equal(page.split('?')[0]);
    const session = await signedIn;
    expect(session.user.email).to.equal('jean.martin@exemple.fr');
    await until(() => headingText(el) === 'Connexion réussie', 'signed in');
    expect(focused()).to.equal($(el, 'h2'));
    await expect(el).to.be.accessible();
  });

  it('an identity the caisse cannot match: the identifiant CIBTP, asked once, then signed in', async () => {
    const codes = await franceConnectCodes();
    history.replaceState(null, '', `?code=${codes.unmatched}&state=${codes.state}`);
    const { el } = renderWorker({ franceconnect: true });
    await until(() => headingText(el) === 'Votre identifiant CIBTP', 'identify step');
    expect(focused()).to.equal($(el, 'h2'));
    expect(text(el)).to.include('Nous n’avons pas pu vous identifier automatiquement');
    const input = field(el, 'Identifiant CIBTP');
    expect(input.required).to.equal(true);
    await expect(el).to.be.accessible();

    button(el, 'Valider').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'required');
    expect(summaryEntries(el)).to.deep.equal(['Identifiant CIBTP : ce champ est obligatoire']);
    await expect(el).to.be.accessible();

    type(field(el, 'Identifiant CIBTP'), '800100004');
    const event = oneEvent(el, 'cibtp-signed-in');
    button(el, 'Valider').click();
    const { detail } = (await event) as CustomEvent<{ session: Session }>;
    expect(detail.session.user.email).to.equal('nicolas.petit@exemple.fr');
    await until(() => headingText(el) === 'Connexion réussie', 'signed in');
  });

  it('an identifiant CIBTP that is not this person’s: the message naming no field, and the way back to the login', async () => {
    const codes = await franceConnectCodes();
    history.replaceState(null, '', `?code=${codes.unmatched}&state=${codes.state}`);
    const { el } = renderWorker({ franceconnect: true });
    await until(() => el.querySelector('input[name="identifiantCibtp"]'), 'identify step');
    type(field(el, 'Identifiant CIBTP'), '800100001');
    button(el, 'Valider').click();
    await until(() => el.querySelector('[data-part="error-summary"]'), 'refused');
    await until(() => focused() === summary(el), 'summary focused');
    expect(text(summary(el))).to.include('Les informations saisies ne permettent pas de vous identifier.');
    expect(summaryEntries(el)).to.deep.equal([]);
    expect(field(el, 'Identifiant CIBTP').getAttribute('aria-invalid')).to.equal('false');
    expect(field(el, 'Identifiant CIBTP').value).to.equal('800100001');
    await expect(el).to.be.accessible();
    button(summary(el), 'Retour à la connexion').click();
    await until(() => el.querySelector('input[name="email"]'), 'the login again');
    expect(el.querySelector('[data-part="franceconnect-button"]')).to.exist;
  });

  it('an identity the caisse cannot identify at all: a screen that says so, and the way back to the login', async () => {
    const codes = await franceConnectCodes();
    mock.worker.use(http.post('*/api/franceconnect/return', () => HttpResponse.json({ code: 'identification-failed' }, { status: 401 })));
    history.replaceState(null, '', `?code=${codes.matched}&state=${codes.state}`);
    const { el } = renderWorker({ franceconnect: true });
    await until(() => headingText(el) === 'Identification impossible', 'failed');
    expect(focused()).to.equal($(el, 'h2'));
    expect(text($(el, '[data-part="notice"]'))).to.include('Les informations saisies ne permettent pas de vous identifier.');
    await expect(el).to.be.accessible();
    button(el, 'Retour à la connexion').click();
    await until(() => el.querySelector('input[name="email"]'), 'the login again');
  });

  it('a code already used: the link message, and the normal login', async () => {
    const codes = await franceConnectCodes();
    await createPortalClient({ baseUrl: '/api/' }).franceConnectReturn({ code: codes.matched, state: codes.state });
    history.replaceState(null, '', `?code=${codes.matched}&state=${codes.state}`);
    const { el } = renderWorker({ franceconnect: true });
    await until(() => el.querySelector('input[name="email"]') && el.querySelector('[data-part="error-summary"]'), 'the login, with why');
    expect(text(summary(el))).to.match(/lien|link/i);
    expect(location.search).to.not.include('code=');
    await expect(el).to.be.accessible();
  });

  it('a return that cannot reach the backend can be tried again with the same code', async () => {
    const codes = await franceConnectCodes();
    mock.faults.set('franceConnectReturn', { kind: 'network' }, { times: 1 });
    history.replaceState(null, '', `?code=${codes.matched}&state=${codes.state}`);
    const { el, calls } = renderWorker({ franceconnect: true });
    await until(() => el.querySelector('[data-part="error-summary"]'), 'failed');
    expect(text(summary(el))).to.include('Impossible de joindre le service');
    await expect(el).to.be.accessible();
    const event = oneEvent(el, 'cibtp-signed-in');
    button(el, 'Réessayer').click();
    await event;
    const keys = calls.filter((c) => c.path === '/api/franceconnect/return').map((c) => c.idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(keys[0]);
  });

  it('without franceconnect, an address with a code is left alone', async () => {
    history.replaceState(null, '', '?code=abcdefghijklmnopqrstu&state=abcdefghijklmnopqrstu');
    const { el } = renderWorker();
    await el.updateComplete;
    expect(location.search).to.include('code=abcdefghijklmnopqrstu');
    expect(headingText(el)).to.equal('Connexion à votre espace CIBTP');
  });
});
