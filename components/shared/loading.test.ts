// How the widgets load: in any order, the next widget only when needed, and the caisse's own texts.
// This file imports the login and the portal only, so that the forgotten-password widget is not
// defined until the login asks for it.
import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import '../login/login.js';
import { CibtpPortal } from '../portal/portal.component.js';
import type { CibtpLogin } from '../login/login.component.js';
import { msg, str } from './localization.js';
import { overrideTexts, textStore } from './texts.js';
import { $, autofill, button, field, recordingClient, resetBackend, text, until } from './testing.js';

describe('loading', () => {
  beforeEach(async () => {
    await resetBackend();
    const store = textStore();
    for (const key of Object.keys(store.fr)) delete store.fr[key];
  });

  it('a login that upgrades before its portal still gets the portal’s client', async () => {
    const { client, calls } = recordingClient();
    // The portal's tag is not defined yet: the login's context request finds no provider at first.
    // (fixtureSync: fixture() of an element that is not upgraded waits for an animation frame, which
    // a test page in the background may never get.)
    const root = fixtureSync<HTMLElement>(html`<cibtp-late-portal .client=${client}><cibtp-login></cibtp-login></cibtp-late-portal>`);
    const login = root.querySelector<CibtpLogin>('cibtp-login')!;
    await login.updateComplete;
    customElements.define('cibtp-late-portal', class extends CibtpPortal {});
    await until(() => root instanceof CibtpPortal, 'the portal upgraded');

    autofill(field(login, 'Adresse électronique'), 'admin@durand-btp.fr');
    autofill(field(login, 'Mot de passe'), 'Chantier2026!');
    const signedIn = oneEvent(login, 'cibtp-signed-in');
    button(login, 'Se connecter').click();
    await until(() => calls.some((c) => c.path === '/api/auth/login'), 'the login went through the portal’s client');
    await signedIn;
  });

  it('the login loads the forgotten-password widget only when the user asks for it', async () => {
    const { client } = recordingClient();
    const login = await fixture<CibtpLogin>(html`<cibtp-login .client=${client}></cibtp-login>`);
    expect(customElements.get('cibtp-forgot-password')).to.equal(undefined);
    button(login, 'Mot de passe oublié ?').click();
    await until(() => login.querySelector('cibtp-forgot-password h2'), 'the forgotten-password flow is shown');
    expect(customElements.get('cibtp-forgot-password')).not.to.equal(undefined);
    await until(() => document.activeElement === login.querySelector('cibtp-forgot-password h2'), 'focus on its heading');
  });

  it('a caisse overrides a text by its id, and widgets already shown follow', async () => {
    const { client } = recordingClient();
    const login = await fixture<CibtpLogin>(html`<cibtp-login .client=${client}></cibtp-login>`);
    expect(text($(login, 'h2'))).to.equal('Connexion à votre espace CIBTP');
    overrideTexts('fr', { 'login.title': 'Connexion à l’espace de la Caisse du Nord' });
    await until(() => text($(login, 'h2')) === 'Connexion à l’espace de la Caisse du Nord', 'the new heading');
  });

  it('an overridden text with values takes them by position', () => {
    overrideTexts('fr', { 'test.greeting': 'Appelez le {1}, {0}.' });
    expect(msg(str`Bonjour ${'Ana'}, le ${'01 02'}`, { id: 'test.greeting' })).to.equal('Appelez le 01 02, Ana.');
    expect(() => overrideTexts('de' as 'fr', {})).to.throw(TypeError);
  });
});
