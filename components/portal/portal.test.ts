import { expect, fixture, html } from '@open-wc/testing';
import './portal.js';
import '../login/login.js';
import { CibtpPortal } from './portal.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { $, advanceClock, autofill, button, field, recordingClient, resetBackend, text, until, type RecordedCall } from '../shared/testing.js';
import { getLocale } from '../shared/localization.js';
import { THEME_TOKENS } from '../shared/styles.js';
import { currentSession, logout } from '../../sdk/auth/index.js';
import type { PortalClient } from '../../sdk/index.js';

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
    button(login, 'Se connecter').click();
    await until(() => portal.session !== null, 'session');
    return portal;
  }

  it('slots its children in the light DOM and gives them its client and session', async () => {
    const portal = await signedInPortal();
    expect(portal.shadowRoot?.querySelector('slot')).to.exist;
    expect(portal.session?.user.email).to.equal('admin@durand-btp.fr');
    expect(text($(portal, 'cibtp-login'))).to.include('Connexion réussie');
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
    await currentSession(client).catch(() => undefined);
    await currentSession(client).catch(() => undefined);
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
    await logout(portal.activeClient!);
    await until(() => signedOut === 1, 'signed out');
  });

  it('switches the locale of the widgets and of the client at run time', async () => {
    const portal = await fixture<CibtpPortal>(html`<cibtp-portal base-url="/api/" locale="en"><cibtp-login></cibtp-login></cibtp-portal>`);
    await until(() => getLocale() === 'en', 'english loaded');
    const login = $(portal, 'cibtp-login');
    await until(() => text($(login, 'h2')) === 'Sign in to your CIBTP secure area', 'english');
    expect(portal.activeClient?.locale).to.equal('en');
    portal.setAttribute('locale', 'fr');
    await until(() => text($(login, 'h2')) === 'Connexion à votre espace CIBTP', 'french');
    expect(portal.activeClient?.locale).to.equal('fr');
  });

  describe('session warning (WCAG 2.2.1)', () => {
    const SESSION_PATH = '/api/auth/session';

    /** A portal around a focused button, signed in through its (recording) client. */
    async function warnedPortal(warning: string, locale = 'fr'): Promise<{ portal: CibtpPortal; client: PortalClient; calls: RecordedCall[]; before: HTMLButtonElement }> {
      const { client, calls } = recordingClient();
      const portal = await fixture<CibtpPortal>(
        html`<cibtp-portal .client=${client} session-warning=${warning} locale=${locale}><button type="button">Avant</button></cibtp-portal>`,
      );
      const before = $<HTMLButtonElement>(portal, 'button');
      before.focus();
      await client.login({ email: 'admin@durand-btp.fr', password: 'Chantier2026!' });
      await until(() => portal.session !== null, 'session');
      await portal.updateComplete;
      return { portal, client, calls, before };
    }

    function dialog(portal: CibtpPortal): HTMLDialogElement {
      return $<HTMLDialogElement>(portal.shadowRoot!, 'dialog[part="session-warning"]');
    }

    async function openWarning(warning = '1800', locale = 'fr') {
      const setup = await warnedPortal(warning, locale);
      await until(() => dialog(setup.portal).open, 'warning open');
      return setup;
    }

    it('warns when the session is within session-warning seconds of its end, focus inside, accessible', async () => {
      const { portal } = await openWarning();
      const d = dialog(portal);
      expect(d.getAttribute('role')).to.equal('alertdialog');
      expect(text(d)).to.match(/Votre session va expirer dans \d+ min \d{2} s\./);
      expect(text(portal.shadowRoot!.getElementById(d.getAttribute('aria-labelledby')!))).to.equal('Votre session va expirer');
      expect(text(portal.shadowRoot!.getElementById(d.getAttribute('aria-describedby')!))).to.include('Votre session va expirer dans');
      await until(() => d.contains(portal.shadowRoot!.activeElement), 'focus in the dialog');
      expect(text(portal.shadowRoot!.activeElement)).to.equal('Rester connecté');
      button(d, 'Rester connecté');
      button(d, 'Se déconnecter');
      await expect(portal).to.be.accessible();
    });

    it('« Rester connecté » extends the session on the server, closes, says so and gives the focus back', async () => {
      const { portal, calls, before } = await openWarning();
      const previous = portal.session!.expiresAt;
      const asked = calls.filter((c) => c.path === SESSION_PATH).length;
      button(dialog(portal), 'Rester connecté').click();
      await until(() => !dialog(portal).open, 'warning closed');
      expect(calls.filter((c) => c.method === 'GET' && c.path === SESSION_PATH).length).to.equal(asked + 1);
      expect(Date.parse(portal.session!.expiresAt)).to.be.at.least(Date.parse(previous));
      await until(() => text($(portal.shadowRoot!, '[role="status"]')) === 'Votre session a été prolongée.', 'extended status');
      await until(() => document.activeElement === before, 'focus back');
      await expect(portal).to.be.accessible();
    });

    it('shows nothing with session-warning="0"', async () => {
      const { portal, client } = await warnedPortal('0');
      await client.currentSession();
      await portal.updateComplete;
      expect(dialog(portal).open).to.equal(false);
      expect(text(dialog(portal))).to.equal('');
    });

    it('« Se déconnecter » logs out and fires cibtp-signed-out', async () => {
      const { portal, calls } = await openWarning();
      let signedOut = 0;
      let expired = 0;
      portal.addEventListener('cibtp-signed-out', () => signedOut++);
      portal.addEventListener('cibtp-session-expired', () => expired++);
      button(dialog(portal), 'Se déconnecter').click();
      await until(() => signedOut === 1, 'signed out');
      expect(calls.some((c) => c.method === 'POST' && c.path === '/api/auth/logout')).to.equal(true);
      expect(portal.session).to.equal(null);
      await until(() => !dialog(portal).open, 'warning closed');
      expect(expired).to.equal(0);
    });

    it('an expired session closes the warning and is announced once, through cibtp-session-expired', async () => {
      const { portal } = await openWarning();
      let expired = 0;
      let signedOut = 0;
      document.addEventListener('cibtp-session-expired', () => expired++);
      portal.addEventListener('cibtp-signed-out', () => signedOut++);
      mock.expireSession();
      button(dialog(portal), 'Rester connecté').click();
      await until(() => expired === 1, 'one expiry');
      await until(() => !dialog(portal).open, 'warning closed');
      await currentSession(portal.activeClient!).catch(() => undefined);
      await Promise.resolve();
      expect(expired).to.equal(1);
      expect(signedOut).to.equal(0);
      expect(portal.session).to.equal(null);
      expect(text($(portal.shadowRoot!, '[role="status"]'))).to.equal('');
    });

    it('when the countdown runs out, the warning closes and the server confirms the expiry, announced once', async () => {
      // The backend's clock runs almost 30 min late: the session it opens ends 2 s from now for the page.
      advanceClock(-(30 * 60_000 - 2_000));
      const { portal, calls } = await openWarning();
      let expired = 0;
      let signedOut = 0;
      portal.addEventListener('cibtp-session-expired', () => expired++);
      portal.addEventListener('cibtp-signed-out', () => signedOut++);
      mock.expireSession();
      const asked = calls.filter((c) => c.path === SESSION_PATH).length;
      await until(() => expired === 1, 'expiry announced', 8000);
      expect(dialog(portal).open).to.equal(false);
      expect(calls.filter((c) => c.path === SESSION_PATH).length).to.equal(asked + 1);
      expect(signedOut).to.equal(0);
      expect(portal.session).to.equal(null);
    });

    it('Escape means « Rester connecté »', async () => {
      const { portal, calls } = await openWarning();
      const asked = calls.filter((c) => c.path === SESSION_PATH).length;
      dialog(portal).dispatchEvent(new Event('cancel', { cancelable: true }));
      await until(() => !dialog(portal).open, 'warning closed');
      expect(calls.filter((c) => c.path === SESSION_PATH).length).to.equal(asked + 1);
    });

    it('speaks English with the widgets', async () => {
      const { portal } = await openWarning('1800', 'en');
      await until(() => /Your session will expire in \d+ min \d{2} s\./.test(text(dialog(portal))), 'english countdown');
      button(dialog(portal), 'Stay signed in');
      button(dialog(portal), 'Sign out');
      expect(dialog(portal).getAttribute('lang')).to.equal('en');
    });

    it('reads only documented theme tokens', async () => {
      const source = await (await fetch('/__source__/components/portal/portal.component.ts')).text();
      const documented = new Set([...source.matchAll(/@cssproperty\s+(--cibtp-[\w-]+)/g)].map((m) => m[1]));
      const css = CibtpPortal.elementStyles.map((s) => ('cssText' in s ? s.cssText : '')).join('\n');
      const read = new Set([...css.matchAll(/var\(\s*(--cibtp-[\w-]+)/g)].map((m) => m[1]));
      expect([...read].filter((t) => !documented.has(t)), 'undocumented tokens').to.deep.equal([]);
      expect([...documented].filter((t) => !(THEME_TOKENS as readonly string[]).includes(t!)), 'outside THEME_TOKENS').to.deep.equal([]);
      expect(source).to.match(/@csspart session-warning/);
    });
  });
});
