// A `client` given before the kit's code arrived: as a property (kept, from the connection on) and as an
// attribute (what React 19 and Vue set on a tag not yet defined: ignored, with one console warning).
// Each test defines a subclass under a tag of its own, so that its elements exist before the definition.
import { expect } from '@open-wc/testing';
import '../login/login.js';
import { CibtpLogin } from '../login/login.component.js';
import { CibtpPortal } from '../portal/portal.component.js';
import type { PortalCore } from '../../sdk/core.js';
import { autofill, button, field, recordingClient, resetBackend, until } from './testing.js';

let tags = 0;
/** Defines a fresh subclass of `base` under a new tag, and returns that tag. */
function defineLater<T extends CustomElementConstructor>(base: T, prefix: string): { tag: string; define: () => void } {
  const tag = `${prefix}-${++tags}`;
  return { tag, define: () => customElements.define(tag, class extends (base as CustomElementConstructor) {}) };
}

/** The element as a page holds it before its tag is defined: a plain HTMLElement with a `client` own property. */
type Early = HTMLElement & { client?: PortalCore };

const added: Element[] = [];
function place<E extends Element>(element: E, parent: Element = document.body): E {
  parent.append(element);
  if (parent === document.body) added.push(element);
  return element;
}

/** Captures console.warn while `body` runs. */
async function warnings(body: () => Promise<void> | void): Promise<string[]> {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => seen.push(args.map(String).join(' '));
  try {
    await body();
  } finally {
    console.warn = original;
  }
  return seen.filter((line) => line.startsWith('[cibtp]'));
}

describe('client set before the tag is defined', () => {
  beforeEach(() => resetBackend());
  afterEach(() => {
    for (const element of added.splice(0)) element.remove();
  });

  it('a widget keeps a client property set before its definition, and calls through it', async () => {
    const { tag, define } = defineLater(CibtpLogin, 'test-early-login');
    const { client, calls } = recordingClient();
    const el = place(document.createElement(tag) as Early);
    el.client = client;
    define();
    // At once, not only from the first update on: code running on connection sees it. (Identities are
    // compared as booleans: a failed chai comparison of two clients would serialise their whole graph.)
    expect(el.client === client).to.equal(true, 'the client is there right after the definition');
    expect(Object.hasOwn(el, 'client')).to.equal(false, 'the own property no longer hides the accessor');
    const login = el as unknown as CibtpLogin;
    await login.updateComplete;
    autofill(field(login, 'Adresse électronique'), 'admin@durand-btp.fr');
    autofill(field(login, 'Mot de passe'), 'Chantier2026!');
    button(login, 'Se connecter').click();
    await until(() => calls.some((c) => c.path === '/api/auth/login'), 'the login went through the given client');
    await until(() => client.session, 'the given client holds the session');
  });

  it('a client set after the definition, before the first update, wins over the one set before', async () => {
    const { tag, define } = defineLater(CibtpLogin, 'test-early-login');
    const first = recordingClient().client;
    const second = recordingClient().client;
    const el = place(document.createElement(tag) as Early);
    el.client = first;
    define();
    el.client = second;
    await (el as unknown as CibtpLogin).updateComplete;
    expect(el.client === second).to.equal(true, 'the newer client is kept');
  });

  it('<cibtp-portal> keeps a client property set before its definition and makes none of its own', async () => {
    const { tag, define } = defineLater(CibtpPortal, 'test-early-portal');
    const { client, calls } = recordingClient();
    const portal = place(document.createElement(tag) as Early);
    portal.setAttribute('base-url', '/autre-api/');
    portal.client = client;
    const login = place(document.createElement('cibtp-login') as CibtpLogin, portal);
    define();
    const defined = portal as unknown as CibtpPortal;
    // Provided to the widgets from the connection on: never a client of its own for `base-url`.
    expect(defined.activeClient === client).to.equal(true, 'the portal provides the given client at once');
    await defined.updateComplete;
    await login.updateComplete;
    autofill(field(login, 'Adresse électronique'), 'admin@durand-btp.fr');
    autofill(field(login, 'Mot de passe'), 'Chantier2026!');
    button(login, 'Se connecter').click();
    await until(() => defined.session?.user.email === 'admin@durand-btp.fr', 'signed in through the portal');
    expect(calls.some((c) => c.path === '/api/auth/login')).to.equal(true, 'the login used the portal\'s given client');
    expect(calls.some((c) => c.path.startsWith('/autre-api/'))).to.equal(false);
  });

  it('a client attribute (a framework rendering before the definition) logs one warning naming the property', async () => {
    for (const [base, prefix] of [[CibtpLogin, 'test-attr-login'], [CibtpPortal, 'test-attr-portal']] as const) {
      const { tag, define } = defineLater(base, prefix);
      const el = place(document.createElement(tag));
      el.setAttribute('client', '[object Object]');
      el.setAttribute('base-url', '/api/');
      const seen = await warnings(async () => {
        define();
        await (el as unknown as CibtpLogin).updateComplete;
      });
      expect(seen.length, `${tag}: ${seen.join(' | ')}`).to.equal(1);
      expect(seen[0]).to.contain(`<${tag}>`);
      expect(seen[0]).to.contain('client is a property');
      expect(seen[0]).to.contain('set element.client');
      expect((el as Early).client).to.equal(undefined, 'a string is never taken for a client');
    }
  });

  it('no warning without a client attribute, nor for a client property', async () => {
    const { tag, define } = defineLater(CibtpLogin, 'test-attr-login');
    const el = place(document.createElement(tag) as Early);
    el.setAttribute('base-url', '/api/');
    el.client = recordingClient().client;
    const seen = await warnings(async () => {
      define();
      await (el as unknown as CibtpLogin).updateComplete;
    });
    expect(seen).to.deep.equal([]);
    // Set later by a page's script, the attribute is told too.
    const later = await warnings(() => el.setAttribute('client', '[object Object]'));
    expect(later.length).to.equal(1);
  });
});
