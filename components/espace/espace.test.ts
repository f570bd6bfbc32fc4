import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import './espace.js';
import '../portal/portal.js';
import type { CibtpEspace } from './espace.component.js';
import type { CibtpPortal } from '../portal/portal.component.js';
import { CibtpTiles } from '../tiles/tiles.js';
import { CibtpSideBar } from '../side-bar/side-bar.js';
import { CibtpFooter } from '../footer/footer.js';
import { login, logout, selectTiers } from '../../sdk/auth/index.js';
import type { PortalClient, Session } from '../../sdk/index.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import type { NavigateDetail } from '../shared/routes.js';
import { setLocale } from '../shared/localization.js';
import { THEME_TOKENS, frameStyles } from '../shared/styles.js';
import { $, button, focused, recordingClient, resetBackend, text, until, type RecordedCall } from '../shared/testing.js';

const PASSWORD = 'Chantier2026!';
const WELCOME = 'Bienvenue sur votre Espace sécurisé';

async function render(client: PortalClient, o: { chooseTiers?: boolean; routes?: string } = {}) {
  const portal = await fixture<CibtpPortal>(html`<cibtp-portal .client=${client} routes=${o.routes ?? '{}'}>
    <cibtp-espace ?choose-tiers=${o.chooseTiers ?? false}></cibtp-espace>
  </cibtp-portal>`);
  const el = $<CibtpEspace>(portal, 'cibtp-espace');
  await el.updateComplete;
  return { portal, el };
}

const tileNames = (el: Element) => [...el.querySelectorAll('cibtp-tiles [data-part="tile"] .cibtp-tile__name')].map((n) => text(n));
const homeHeading = (el: Element) => el.querySelector<HTMLElement>('[data-part="home"] > [data-part="heading"] > :is(h1, h2, h3, h4, h5, h6)');
const sessionCalls = (calls: RecordedCall[]) => calls.filter((c) => c.path === '/api/auth/session');

async function home(el: CibtpEspace): Promise<void> {
  await until(() => homeHeading(el), 'the home page');
  await until(() => tileNames(el).length === 6, 'its tiles');
}

/** A session the server holds before the tiers choice (a backend that starts one then). */
function pendingSession(): Session {
  return {
    user: { email: 'multi@durand-btp.fr', firstName: 'Sophie', lastName: 'Lambert', kind: 'entreprise' },
    tiers: null,
    tiersCount: 3,
    expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
  };
}

describe('<cibtp-espace>', () => {
  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('an administrator signed in: the home page with top bar, menu, welcome heading, tiles, side bar and footer', async () => {
    const { client, calls } = recordingClient();
    await login(client, { email: 'admin@durand-btp.fr', password: PASSWORD });
    const { el } = await render(client);
    await home(el);
    const layout = $(el, '[data-part="layout"]');
    expect([...layout.children].map((c) => c.localName)).to.deep.equal([
      'cibtp-top-bar', 'cibtp-nav-menu', 'section', 'cibtp-side-bar', 'cibtp-footer',
    ]);
    expect($(el, 'cibtp-nav-menu').getAttribute('current')).to.equal('home');
    const section = $(el, '[data-part="home"]');
    const heading = homeHeading(el)!;
    expect(heading.localName).to.equal('h2');
    expect(text(heading)).to.equal(WELCOME);
    expect(section.getAttribute('aria-labelledby')).to.equal(heading.id);
    // The tiles' heading sits one level below the welcome.
    expect(text($(section, 'cibtp-tiles h3'))).to.equal('Accès rapides');
    expect(tileNames(el).slice(0, 4)).to.deep.equal(['Gérer mes salariés', 'Mes déclarations de salaires', 'Mes comptes bancaires', 'Situation de compte']);
    expect($(el, 'cibtp-side-bar nav').getAttribute('aria-label')).to.equal('Fonctions complémentaires');
    expect($(el, 'cibtp-footer nav').getAttribute('aria-label')).to.equal('Informations légales');
    // The page owns <main>; no frame around the page shell; the session was known: not asked again.
    expect(el.querySelector('main')).to.equal(null);
    expect(el.shadowRoot?.querySelector('[part="card"]')).to.equal(null);
    expect(sessionCalls(calls)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('heading-level="1": the welcome is an h1, the tiles an h2', async () => {
    const { client } = recordingClient();
    await login(client, { email: 'admin@durand-btp.fr', password: PASSWORD });
    const portal = await fixture<CibtpPortal>(html`<cibtp-portal .client=${client}><cibtp-espace heading-level="1"></cibtp-espace></cibtp-portal>`);
    const el = $<CibtpEspace>(portal, 'cibtp-espace');
    await home(el);
    expect(homeHeading(el)!.localName).to.equal('h1');
    expect(text($(el, 'cibtp-tiles h2'))).to.equal('Accès rapides');
  });

  it('what the parts fire bubbles out of the espace (cibtp-navigate)', async () => {
    const { client } = recordingClient();
    await login(client, { email: 'admin@durand-btp.fr', password: PASSWORD });
    const { el } = await render(client);
    await home(el);
    for (const [selector, to] of [['cibtp-side-bar [data-part="link"]', 'contact'], ['cibtp-footer [data-part="link"]', 'legal-notice']] as const) {
      const event = oneEvent(el, 'cibtp-navigate');
      $(el, selector).click();
      expect(((await event) as CustomEvent<NavigateDetail>).detail).to.deep.equal({ to });
    }
  });

  it('page="delegations": Gérer les droits d’accès in the content area (its list in the address under its own keys), the way home, then home again', async () => {
    const { client, calls } = recordingClient();
    await login(client, { email: 'admin@durand-btp.fr', password: PASSWORD });
    const { el } = await render(client);
    await home(el);
    expect(calls.some((c) => c.path.startsWith('/api/delegations'))).to.equal(false);

    el.page = 'delegations';
    await until(() => el.querySelector('cibtp-delegations tbody tr'), 'the beneficiaries');
    expect(homeHeading(el)).to.equal(null);
    expect(el.querySelector('cibtp-nav-menu')?.getAttribute('current')).to.equal('delegations');
    expect(el.querySelector('cibtp-delegations')?.getAttribute('url-state')).to.equal('delegations');
    await el.focusHeading();
    expect(text(focused())).to.equal('Gérer les droits d’accès');
    await expect(el).to.be.accessible();

    const event = oneEvent(el, 'cibtp-navigate');
    $(el, '[data-part="home-link"]').click();
    expect(((await event) as CustomEvent<NavigateDetail>).detail).to.deep.equal({ to: 'home' });
    el.page = 'home';
    await home(el);
    expect(el.querySelector('cibtp-delegations')).to.equal(null);
    history.replaceState(null, '', location.pathname);
  });

  it('nobody signed in: asks the server once, then « Vous n’êtes pas connecté(e). » and Se connecter', async () => {
    const { client, calls } = recordingClient();
    const { el } = await render(client);
    await until(() => el.querySelector('[data-part="notice"]'), 'signed-out notice');
    expect(sessionCalls(calls)).to.have.length(1);
    expect(text($(el, '[data-part="notice"]'))).to.include('Vous n’êtes pas connecté(e).');
    expect(el.querySelector('[data-part="layout"], cibtp-tiles, cibtp-top-bar')).to.equal(null);
    await expect(el).to.be.accessible();
    const event = oneEvent(el, 'cibtp-navigate');
    button(el, 'Se connecter').click();
    expect(((await event) as CustomEvent<NavigateDetail>).detail).to.deep.equal({ to: 'login' });
  });

  it('with a login URL in routes, Se connecter is a real link', async () => {
    const { client } = recordingClient();
    const { el } = await render(client, { routes: '{"login": "/connexion"}' });
    await until(() => el.querySelector('[data-part="sign-in"]'), 'signed-out notice');
    const link = $(el, '[data-part="sign-in"]');
    expect(link.localName).to.equal('a');
    expect(link.getAttribute('href')).to.equal('/connexion');
  });

  it('a page opened after signing in on another one: the running session is found on the server', async () => {
    // Signed in by the login page (another client: the SDK keeps the session in memory only).
    await login(recordingClient().client, { email: 'admin@durand-btp.fr', password: PASSWORD });
    const { client, calls } = recordingClient();
    const { el } = await render(client);
    expect(text($(el, '[data-part="loading"]'))).to.equal('Chargement…');
    await home(el);
    expect(sessionCalls(calls)).to.have.length(1);
    expect(client.session?.user.email).to.equal('admin@durand-btp.fr');
  });

  it('the look-up of the session failed: the message and Réessayer', async () => {
    mock.faults.set('currentSession', { kind: 'server' });
    await login(recordingClient().client, { email: 'admin@durand-btp.fr', password: PASSWORD });
    const { client } = recordingClient({ retryLimit: 0 });
    const { el } = await render(client);
    await until(() => el.querySelector('[data-part="error"]'), 'error');
    expect(text($(el, '[data-part="error"]'))).to.include('difficulté temporaire');
    await expect(el).to.be.accessible();
    mock.faults.clear();
    button(el, 'Réessayer').click();
    await home(el);
  });

  describe('the tiers choice', () => {
    it('multi, after login answered choose-tiers: the picker first, then the home page of the tiers chosen', async () => {
      const { client } = recordingClient();
      const result = await login(client, { email: 'multi@durand-btp.fr', password: PASSWORD });
      expect(result.status).to.equal('choose-tiers');
      const { el } = await render(client, { chooseTiers: true });
      await until(() => el.querySelector('cibtp-tiers-picker'), 'the picker');
      const picker = $(el, '[data-part="choose"] cibtp-tiers-picker');
      expect(picker.hasAttribute('embedded')).to.equal(true);
      expect(picker.getAttribute('heading-level')).to.equal('2');
      expect(el.querySelector('[data-part="layout"]')).to.equal(null);
      // What the picker does on *Valider*: selectTiers, then cibtp-tiers-selected.
      const { session } = await selectTiers(client, { tiersId: 'durand-btp/saint-etienne' });
      picker.dispatchEvent(new CustomEvent('cibtp-tiers-selected', { detail: { session }, bubbles: true, composed: true }));
      await home(el);
      expect(tileNames(el)[0]).to.equal('Mon planning');
      expect(el.querySelector('cibtp-tiers-picker')).to.equal(null);
      await until(() => focused() === homeHeading(el), 'focus on the welcome heading');
      await expect(el).to.be.accessible();
    });

    it('multi chooses Saint-Étienne in the picker (its radios and Valider): the home page follows', async () => {
      const { client, calls } = recordingClient();
      await login(client, { email: 'multi@durand-btp.fr', password: PASSWORD });
      const { el } = await render(client, { chooseTiers: true });
      await until(() => el.querySelector('cibtp-tiers-picker input[type="radio"]'), 'the picker’s rows');
      const picker = $(el, 'cibtp-tiers-picker');
      await expect(el).to.be.accessible();
      const row = [...picker.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) =>
        text(picker.querySelector(`label[for="${r.id}"]`)?.closest('tr')).includes('Saint-Étienne'),
      );
      row!.click();
      button(picker, 'Valider').click();
      await home(el);
      expect(calls.some((c) => c.method === 'POST' && c.path === '/api/auth/tiers')).to.equal(true);
      expect(client.session?.tiers?.siteName).to.equal('Agence de Saint-Étienne');
      expect(tileNames(el)[0]).to.equal('Mon planning');
      await until(() => focused() === homeHeading(el), 'focus on the welcome heading');
    });

    it('a session whose tiers is still to choose (tiersCount ≥ 2, no tiers): the picker', async () => {
      const { client: loginPage } = recordingClient();
      await login(loginPage, { email: 'multi@durand-btp.fr', password: PASSWORD });
      mock.worker.use(http.get('*/api/auth/session', () => HttpResponse.json({ session: pendingSession() })));
      const { client } = recordingClient();
      const { el } = await render(client);
      await until(() => el.querySelector('[data-part="choose"] cibtp-tiers-picker'), 'the picker');
      expect(client.session?.tiers).to.equal(null);
    });

    it('Annuler in the picker: a notice with the way back to the choice', async () => {
      const { client } = recordingClient();
      await login(client, { email: 'multi@durand-btp.fr', password: PASSWORD });
      const { el } = await render(client, { chooseTiers: true });
      await until(() => el.querySelector('cibtp-tiers-picker'), 'the picker');
      $(el, 'cibtp-tiers-picker').dispatchEvent(new CustomEvent('cibtp-tiers-cancel', { detail: {}, bubbles: true, composed: true }));
      await until(() => el.querySelector('[data-part="notice"]'), 'notice');
      expect(text($(el, '[data-part="notice"]'))).to.include('Aucun adhérent ni site déclarant choisi');
      await until(() => focused() === $(el, '[data-part="notice"]'), 'focus on the notice');
      await expect(el).to.be.accessible();
      button(el, 'Choisir un adhérent et un site').click();
      await until(() => el.querySelector('cibtp-tiers-picker'), 'the picker again');
    });
  });

  it('a change of tiers (from the top bar): the tiles follow, the espace stays and announces nothing', async () => {
    const { client } = recordingClient();
    await login(client, { email: 'multi@durand-btp.fr', password: PASSWORD });
    await selectTiers(client, { tiersId: 'durand-btp/lyon' });
    const { el } = await render(client);
    await home(el);
    expect(tileNames(el)[0]).to.equal('Mes remboursements');
    const section = $(el, '[data-part="home"]');
    await selectTiers(client, { tiersId: 'durand-btp/saint-etienne' });
    await until(() => tileNames(el)[0] === 'Mon planning', 'the new tiers’ tiles');
    expect($(el, '[data-part="home"]')).to.equal(section);
    expect(text(el.querySelector(':scope > [data-part="status"]'))).to.equal('');
  });

  it('after a sign-out: the signed-out notice, which takes the focus', async () => {
    const { client } = recordingClient();
    await login(client, { email: 'admin@durand-btp.fr', password: PASSWORD });
    const { el } = await render(client);
    await home(el);
    $(el, 'cibtp-footer [data-part="link"]').focus();
    await logout(client);
    await until(() => el.querySelector('[data-part="notice"]'), 'signed-out notice');
    expect(text($(el, '[data-part="notice"]'))).to.include('Vous n’êtes pas connecté(e).');
    expect(el.querySelector('cibtp-tiles')).to.equal(null);
    await until(() => focused() === $(el, '[data-part="notice"]'), 'focus on the notice');
  });

  it('a tiers chosen elsewhere ends the pending choice: a later sign-out shows the signed-out notice, not the picker', async () => {
    const { client } = recordingClient();
    await login(client, { email: 'multi@durand-btp.fr', password: PASSWORD });
    const { el } = await render(client, { chooseTiers: true });
    await until(() => el.querySelector('cibtp-tiers-picker'), 'the picker');
    await selectTiers(client, { tiersId: 'durand-btp/lyon' });
    await home(el);
    await logout(client);
    await until(() => el.querySelector('[data-part="notice"]'), 'signed-out notice');
    expect(el.querySelector('cibtp-tiers-picker')).to.equal(null);
    expect(el.chooseTiers).to.equal(false);
  });

  it('at 375 px: nothing scrolls sideways, the side bar comes under the home content', async () => {
    await setViewport({ width: 375, height: 800 });
    const { client } = recordingClient();
    await login(client, { email: 'admin@durand-btp.fr', password: PASSWORD });
    const { el } = await render(client);
    await home(el);
    const root = document.documentElement;
    expect(root.scrollWidth, 'no sideways scroll').to.be.at.most(root.clientWidth);
    const section = $(el, '[data-part="home"]').getBoundingClientRect();
    const side = $(el, 'cibtp-side-bar').getBoundingClientRect();
    expect(side.top).to.be.at.least(section.bottom - 1);
    await expect(el).to.be.accessible();
  });

  it('wide: the side bar is on the right of the home content', async () => {
    await setViewport({ width: 1280, height: 900 });
    const { client } = recordingClient();
    await login(client, { email: 'admin@durand-btp.fr', password: PASSWORD });
    const { el } = await render(client);
    await home(el);
    const section = $(el, '[data-part="home"]').getBoundingClientRect();
    const side = $(el, 'cibtp-side-bar').getBoundingClientRect();
    expect(side.left).to.be.at.least(section.right - 1);
    expect(side.top).to.be.below(section.bottom);
  });

  it('in English: the headings of the home page', async () => {
    const { client } = recordingClient();
    await login(client, { email: 'admin@durand-btp.fr', password: PASSWORD });
    const { el } = await render(client);
    await home(el);
    try {
      await setLocale('en');
      await until(() => text(homeHeading(el)) === 'Welcome to your secure area', 'english');
      await until(() => text(el.querySelector('cibtp-tiles h3')) === 'Quick access', 'the tiles in English');
      expect($(el, 'cibtp-footer nav').getAttribute('aria-label')).to.equal('Legal information');
    } finally {
      await setLocale('fr');
    }
    await until(() => text(homeHeading(el)) === WELCOME, 'french again');
  });

  it('signed out, in English', async () => {
    const { client } = recordingClient();
    const { el } = await render(client);
    await until(() => el.querySelector('[data-part="notice"]'), 'signed-out notice');
    try {
      await setLocale('en');
      await until(() => text($(el, '[data-part="notice"] h2')) === 'You are not signed in.', 'english');
      expect(button(el, 'Sign in')).to.exist;
    } finally {
      await setLocale('fr');
    }
  });
});

describe('the home page parts: every --cibtp-* property they read is documented', () => {
  const widgets = [
    ['components/tiles/tiles.component.ts', CibtpTiles],
    ['components/side-bar/side-bar.component.ts', CibtpSideBar],
    ['components/footer/footer.component.ts', CibtpFooter],
    ['components/espace/espace.component.ts', customElements.get('cibtp-espace')!],
  ] as const;
  for (const [file, ctor] of widgets) {
    it(file.split('/')[1]!, async () => {
      const source = await (await fetch(`/__source__/${file}`)).text();
      const documented = new Set([...source.matchAll(/@cssproperty\s+(--cibtp-[\w-]+)/g)].map((m) => m[1]));
      const styles = (ctor as unknown as { elementStyles: Array<{ cssText?: string }> }).elementStyles;
      const css = [...styles, frameStyles].map((s) => s.cssText ?? '').join('\n');
      const read = new Set([...css.matchAll(/var\(\s*(--cibtp-[\w-]+)/g)].map((m) => m[1]));
      expect([...read].filter((t) => !documented.has(t)), 'undocumented tokens').to.deep.equal([]);
      expect([...documented].filter((t) => !(THEME_TOKENS as readonly string[]).includes(t!)), 'unknown tokens').to.deep.equal([]);
    });
  }
});
