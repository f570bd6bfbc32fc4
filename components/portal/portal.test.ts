import { expect, fixture, html } from '@open-wc/testing';
import './portal.js';
import '../login/login.js';
import type { CibtpPortal } from './portal.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { $, autofill, button, field, resetBackend, text, until } from '../shared/testing.js';
import { getLocale } from '../shared/localization.js';

describe('<cibtp-portal>', () => {
  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });
  afterEach(async () => {
    const { setLocale } = await import('../shared/localization.js');
    await setLocale('fr');
  });

  async function signedInPortal(): Promise<CibtpPortal> {
    const portal = await fixture<CibtpPortal>(html`<cibtp-portal base-url="/api/"><cibtp-login></cibtp-login></cibtp-portal>`);
    const login = $(portal, 'cibtp-login');
    autofill(field(login, 'Adresse électronique'), 'admin@durand-btp.fr');
    autofill(field(login, 'Mot de passe'), 'Chantier2026!');
    button(login, 'Connexion').click();
    await until(() => portal.session !== null, 'session');
    return portal;
  }

  it('slots its children in the light DOM and gives them its client and session', async () => {
    const portal = await signedInPortal();
    expect(portal.shadowRoot?.querySelector('slot')).to.exist;
    expect(portal.session?.user.email).to.equal('admin@durand-btp.fr');
    expect(text($(portal, 'cibtp-login'))).to.include('Vous êtes connecté');
    await expect(portal).to.be.accessible();
  });

  it('announces an expired session once', async () => {
    const portal = await signedInPortal();
    let expired = 0;
    let signedOut = 0;
    document.addEventListener('cibtp-session-expired', () => expired++);
    portal.addEventListener('cibtp-signed-out', () => signedOut++);
    mock.expireSession();
    const client = portal.activeClient!;
    await client.currentSession().catch(() => undefined);
    await client.currentSession().catch(() => undefined);
    await until(() => expired === 1, 'one expiry');
    await Promise.resolve();
    expect(expired).to.equal(1);
    expect(signedOut).to.equal(0);
    expect(portal.session).to.equal(null);
  });

  it('fires cibtp-signed-out after a logout', async () => {
    const portal = await signedInPortal();
    let signedOut = 0;
    portal.addEventListener('cibtp-signed-out', () => signedOut++);
    await portal.activeClient!.logout();
    await until(() => signedOut === 1, 'signed out');
  });

  it('switches the locale of the widgets and of the client at run time', async () => {
    const portal = await fixture<CibtpPortal>(html`<cibtp-portal base-url="/api/" locale="en"><cibtp-login></cibtp-login></cibtp-portal>`);
    await until(() => getLocale() === 'en', 'english loaded');
    const login = $(portal, 'cibtp-login');
    await until(() => text($(login, 'h2')) === 'Sign in to your CIBTP space', 'english');
    expect(portal.activeClient?.locale).to.equal('en');
    portal.setAttribute('locale', 'fr');
    await until(() => text($(login, 'h2')) === 'Connexion à votre espace CIBTP', 'french');
    expect(portal.activeClient?.locale).to.equal('fr');
  });
});
