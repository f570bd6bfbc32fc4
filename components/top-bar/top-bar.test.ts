import { expect, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import './top-bar.js';
import '../portal/portal.js';
import type { CibtpTopBar } from './top-bar.component.js';
import type { CibtpPortal } from '../portal/portal.component.js';
import type { RunningMockWorker } from '../../mock-server/browser.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../mock-server/index.js';
import { login, selectTiers } from '../../sdk/auth/index.js';
import type { PortalClient } from '../../sdk/index.js';
import type { NavigateDetail } from '../shared/routes.js';
import { setLocale } from '../shared/localization.js';
import { focused, recordingClient, resetBackend, text, until, type RecordedCall } from '../shared/testing.js';

const SAINT_ETIENNE = 'durand-btp/saint-etienne';
const LYON = 'durand-btp/lyon';

/** Text without the direction isolates (FSI…PDI) that surround the server's strings inside a sentence. */
const plain = (s: string) => s.replace(/[\u2068\u2069]/g, '');
const shown = (node: Element | null | undefined) => plain(text(node));

async function signIn(email: string, tiersId?: string, options: Parameters<typeof recordingClient>[0] = {}) {
  const { client, calls } = recordingClient(options);
  const result = await login(client, { email, password: DEMO_PASSWORD });
  if (result.status === 'choose-tiers') await selectTiers(client, { tiersId: tiersId! });
  return { client, calls };
}

async function render(client: PortalClient) {
  // fixtureSync: `fixture` of a plain <div> waits for an animation frame, which a test page running
  // in the background (two at a time) does not get.
  const page = fixtureSync<HTMLDivElement>(html`<div>
    <cibtp-portal .client=${client}><cibtp-top-bar></cibtp-top-bar></cibtp-portal>
  </div>`);
  const portal = page.querySelector<CibtpPortal>('cibtp-portal')!;
  const el = page.querySelector<CibtpTopBar>('cibtp-top-bar')!;
  await el.updateComplete;
  await until(() => el.querySelector('[data-part="bar"]'), 'bar rendered');
  return { el, portal, page };
}

const part = <E extends HTMLElement = HTMLElement>(el: Element, name: string) => el.querySelector<E>(`[data-part="${name}"]`);
const bell = (el: Element) => el.querySelector<HTMLButtonElement>('[data-part="bell"] button')!;
const dialog = (el: Element) => part<HTMLDialogElement>(el, 'dialog')!;
const picker = (el: Element) => el.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('cibtp-tiers-picker');
const statusText = (el: Element) => shown(el.querySelector('[data-part="status"]'));

/** The accessible description of `button`: the text of what its `aria-describedby` names. */
function description(button: Element): string {
  return (button.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => shown(document.getElementById(id)))
    .join(' ');
}

/**
 * Focuses `target` as a person would. A test page running in the background (two run at a time) does not
 * have the browser's focus: Chromium then moves the focus without firing `focus` and `focusin`, so they
 * are dispatched here.
 */
function focusOn(target: HTMLElement): void {
  target.focus();
  if (!document.hasFocus()) {
    target.dispatchEvent(new FocusEvent('focus'));
    target.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
  }
}

async function openDialog(el: CibtpTopBar): Promise<HTMLDialogElement> {
  part(el, 'change-tiers')!.click();
  await until(() => dialog(el).open, 'dialog open');
  await until(() => picker(el), 'picker in the dialog');
  return dialog(el);
}

describe('<cibtp-top-bar>', () => {
  let mock: RunningMockWorker;
  beforeEach(async () => {
    mock = await resetBackend();
  });

  describe('multi on Saint-Étienne (2 DSN alerts)', () => {
    it('shows the name, the tiers with its identifiant, and the bell with 2; axe', async () => {
      const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
      const { el } = await render(client);
      expect(shown(part(el, 'user'))).to.equal('Bienvenue, Sophie Lambert');
      const tiers = shown(part(el, 'tiers'));
      expect(tiers).to.include('DURAND BTP — Agence de Saint-Étienne');
      expect(tiers).to.include('Identifiant CIBTP : 100234568');
      expect(text(bell(el).querySelector('.cibtp-tip__count'))).to.equal('2');
      expect(shown(bell(el).querySelector('.cibtp-visually-hidden'))).to.equal('2 alertes DSN');
      expect(text(part(el, 'change-tiers'))).to.equal('Changer de tiers');
      expect(text(part(el, 'sign-out'))).to.equal('Se déconnecter');
      // No card frame: the shadow root holds the slot alone.
      expect(el.shadowRoot?.querySelector('[part="card"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('focusing the bell shows the tooltip, whose text is the bell’s description; Escape hides it; axe', async () => {
      const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
      const { el } = await render(client);
      const tip = part(el, 'dsn-messages')!;
      expect(tip.hidden).to.equal(true);
      focusOn(bell(el));
      await el.updateComplete;
      expect(tip.hidden).to.equal(false);
      expect(tip.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(description(bell(el))).to.equal(shown(tip));
      expect(shown(tip)).to.include('Anomalie dans le traitement / Déclaration manquante');
      expect(shown(tip)).to.include('Une action de votre part est attendue');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(tip.hidden).to.equal(true);
      expect(focused()).to.equal(bell(el));
    });

    it('a click on the bell asks the host page for *Suivi DSN* of the tiers', async () => {
      const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
      const { el } = await render(client);
      const event = oneEvent(el, 'cibtp-navigate');
      bell(el).click();
      const { detail } = (await event) as CustomEvent<NavigateDetail>;
      expect(detail).to.deep.equal({ to: 'suivi-dsn', params: { tiersId: SAINT_ETIENNE } });
    });

    it('at 375 px the bar wraps without sideways scroll, the buttons at least 44 px; axe', async () => {
      const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
      try {
        await setViewport({ width: 375, height: 800 });
        const { el } = await render(client);
        expect(document.documentElement.scrollWidth, 'no sideways scroll').to.be.at.most(document.documentElement.clientWidth);
        for (const name of ['change-tiers', 'sign-out']) expect(part(el, name)!.getBoundingClientRect().height).to.be.at.least(44);
        expect(bell(el).getBoundingClientRect().height).to.be.at.least(44);
        // The tooltip stays on screen.
        focusOn(bell(el));
        await el.updateComplete;
        const tip = part(el, 'dsn-messages')!.getBoundingClientRect();
        expect(tip.left).to.be.at.least(0);
        expect(tip.right).to.be.at.most(375);
        expect(document.documentElement.scrollWidth).to.be.at.most(document.documentElement.clientWidth);
        await expect(el).to.be.accessible();
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  });

  describe('administrator with one tiers (no alert)', () => {
    it('no *Changer de tiers*; the bell shows no count and says « Aucune alerte DSN »; axe', async () => {
      const { client } = await signIn(DEMO_ACCOUNTS.admin);
      const { el } = await render(client);
      expect(shown(part(el, 'user'))).to.equal('Bienvenue, Claire Durand');
      expect(shown(part(el, 'tiers'))).to.include('DURAND BTP — Siège — Lyon');
      expect(part(el, 'change-tiers')).to.equal(null);
      expect(getComputedStyle(bell(el).querySelector('.cibtp-tip__count')!).display).to.equal('none');
      expect(shown(bell(el).querySelector('.cibtp-visually-hidden'))).to.equal('Aucune alerte DSN');
      expect(bell(el).hasAttribute('aria-describedby')).to.equal(false);
      await expect(el).to.be.accessible();
    });
  });

  describe('Changer de tiers', () => {
    it('opens a labelled modal dialog holding the embedded picker; Escape closes it and the focus returns; axe', async () => {
      const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
      const { el } = await render(client);
      const change = part(el, 'change-tiers')!;
      change.focus();
      const d = await openDialog(el);
      expect(d.matches(':modal')).to.equal(true);
      expect(d.getAttribute('aria-label')).to.equal('Changer de tiers');
      const p = picker(el)!;
      expect(p.hasAttribute('embedded')).to.equal(true);
      expect(p.getAttribute('heading-level')).to.equal('2');
      expect(text(part(el, 'close'))).to.equal('Fermer');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await until(() => !dialog(el).open, 'dialog closed');
      await until(() => focused() === part(el, 'change-tiers'), 'focus back on Changer de tiers');
      expect(picker(el)).to.equal(null);
    });

    it('*Fermer* closes it, the focus back on *Changer de tiers*', async () => {
      const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
      const { el } = await render(client);
      await openDialog(el);
      part(el, 'close')!.click();
      await until(() => !dialog(el).open, 'dialog closed');
      await until(() => focused() === part(el, 'change-tiers'), 'focus back');
    });

    it('the picker’s cibtp-tiers-selected (after selectTiers): closes, shows the new tiers, announces it, focus back', async () => {
      const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
      const { el } = await render(client);
      await openDialog(el);
      // What the picker does once a tiers is chosen: selectTiers, then its event.
      const { session } = await selectTiers(client, { tiersId: LYON });
      picker(el)!.dispatchEvent(new CustomEvent('cibtp-tiers-selected', { detail: { session }, bubbles: true, composed: true }));
      await until(() => !dialog(el).open, 'dialog closed');
      expect(shown(part(el, 'tiers'))).to.include('DURAND BTP — Siège — Lyon');
      expect(shown(bell(el).querySelector('.cibtp-visually-hidden'))).to.equal('Aucune alerte DSN');
      await until(() => statusText(el) === 'Vous agissez maintenant pour DURAND BTP — Siège — Lyon.', 'announced');
      await until(() => focused() === part(el, 'change-tiers'), 'focus back');
      await expect(el).to.be.accessible();
    });

    it('the picker’s cibtp-tiers-cancel closes the dialog, the tiers unchanged', async () => {
      const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
      const { el } = await render(client);
      await openDialog(el);
      picker(el)!.dispatchEvent(new CustomEvent('cibtp-tiers-cancel', { detail: {}, bubbles: true, composed: true }));
      await until(() => !dialog(el).open, 'dialog closed');
      expect(shown(part(el, 'tiers'))).to.include('Agence de Saint-Étienne');
      await until(() => focused() === part(el, 'change-tiers'), 'focus back');
    });

    it('follows a change of tiers made elsewhere on the page, without reload', async () => {
      const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
      const { el } = await render(client);
      await selectTiers(client, { tiersId: 'durand-charpente/grenoble' });
      await until(() => shown(part(el, 'tiers')).includes('DURAND CHARPENTE BOIS — Atelier de Grenoble'), 'new tiers');
      expect(shown(part(el, 'tiers'))).to.include('100451203');
    });

    // These use the real picker (components/tiers-picker): its heading, rows and « Valider ».
    describe('with the tiers picker', () => {
      it('the focus goes to the picker’s heading when the dialog opens', async () => {
        const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
        const { el } = await render(client);
        await openDialog(el);
        await until(() => focused()?.matches('cibtp-tiers-picker h2'), 'focus on the picker’s heading');
        expect(text(focused())).to.equal('Choix de l’adhérent et du site déclarant');
      });

      it('at 375 px the dialog fits the screen, its rows told apart without sideways scroll; axe', async () => {
        const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
        try {
          await setViewport({ width: 375, height: 800 });
          const { el } = await render(client);
          const d = await openDialog(el);
          await until(() => picker(el)!.querySelector('input[type="radio"]'), 'rows loaded');
          const box = d.getBoundingClientRect();
          expect(box.left).to.be.at.least(0);
          expect(box.right).to.be.at.most(375);
          expect(d.scrollWidth, 'nothing scrolls sideways in the dialog').to.be.at.most(d.clientWidth);
          await expect(el).to.be.accessible();
        } finally {
          await setViewport({ width: 800, height: 600 });
        }
      });

      it('picking another tiers in it updates the top bar without reload', async () => {
        const { client, calls } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
        const { el } = await render(client);
        await openDialog(el);
        const p = picker(el)!;
        const row = () => [...p.querySelectorAll('tr')].find((tr) => text(tr).includes('Siège — Lyon'));
        await until(() => row()?.querySelector('input[type="radio"]'), 'rows loaded');
        row()!.querySelector<HTMLInputElement>('input[type="radio"]')!.click();
        // A person's second click comes in a later task, after the picker has rendered the choice.
        await p.updateComplete;
        const validate = [...p.querySelectorAll('button')].find((b) => text(b) === 'Valider')!;
        validate.click();
        await until(() => !dialog(el).open, 'dialog closed');
        expect(calls.some((c: RecordedCall) => c.method === 'POST' && c.path === '/api/auth/tiers')).to.equal(true);
        await until(() => shown(part(el, 'tiers')).includes('DURAND BTP — Siège — Lyon'), 'tiers updated');
        await until(() => statusText(el) === 'Vous agissez maintenant pour DURAND BTP — Siège — Lyon.', 'announced');
        await until(() => focused() === part(el, 'change-tiers'), 'focus back');
      });
    });
  });

  describe('Se déconnecter', () => {
    it('ends the session on the server: cibtp-signed-out, then the bar renders nothing', async () => {
      const { client, calls } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
      const { el, portal } = await render(client);
      const signedOut = oneEvent(portal, 'cibtp-signed-out');
      part(el, 'sign-out')!.click();
      await signedOut;
      expect(calls.some((c) => c.method === 'POST' && c.path === '/api/auth/logout')).to.equal(true);
      await el.updateComplete;
      expect(el.children.length, 'nothing rendered').to.equal(0);
      expect(text(el)).to.equal('');
      expect(client.session).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('busy while it runs; a failure says why and the session stays; axe', async () => {
      mock.faults.set('logout', { kind: 'server' }, { times: 1 });
      const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE, { retryLimit: 0 });
      const { el } = await render(client);
      const signOut = part(el, 'sign-out')!;
      signOut.click();
      await el.updateComplete;
      expect(signOut.getAttribute('aria-disabled')).to.equal('true');
      await until(() => part(el, 'error'), 'error shown');
      expect(text(part(el, 'error'))).to.equal('Le service rencontre une difficulté temporaire. Réessayez dans quelques instants.');
      expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
      expect(signOut.hasAttribute('aria-disabled')).to.equal(false);
      expect(client.session?.tiers?.id).to.equal(SAINT_ETIENNE);
      expect(shown(part(el, 'user'))).to.equal('Bienvenue, Sophie Lambert');
      await expect(el).to.be.accessible();
    });
  });

  it('no session: renders nothing', async () => {
    const { client } = recordingClient();
    const page = fixtureSync<HTMLDivElement>(html`<div><cibtp-portal .client=${client}><cibtp-top-bar></cibtp-top-bar></cibtp-portal></div>`);
    const el = page.querySelector<CibtpTopBar>('cibtp-top-bar')!;
    await el.updateComplete;
    expect(el.children.length).to.equal(0);
    expect(el.getBoundingClientRect().height).to.equal(0);
  });

  it('in English', async () => {
    const { client } = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
    const { el } = await render(client);
    try {
      await setLocale('en');
      await until(() => shown(part(el, 'user')) === 'Welcome, Sophie Lambert', 'english');
      expect(shown(part(el, 'tiers'))).to.include('CIBTP ID: 100234568');
      expect(text(part(el, 'change-tiers'))).to.equal('Change company or site');
      expect(text(part(el, 'sign-out'))).to.equal('Sign out');
      expect(shown(bell(el).querySelector('.cibtp-visually-hidden'))).to.equal('2 DSN alerts');
    } finally {
      await setLocale('fr');
    }
    await until(() => shown(part(el, 'user')) === 'Bienvenue, Sophie Lambert', 'french again');
  });
});
