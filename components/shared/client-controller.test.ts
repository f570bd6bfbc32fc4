// One client per base URL for the page: widgets placed alone on one page, with the same base-url in any
// spelling, share one client, hence one session and one CSRF token.
import { expect, fixtureSync, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { forgotPassword, login } from '../../sdk/auth/index.js';
import { ClientController, sharedClient } from './client-controller.js';
import { resetBackend, until } from './testing.js';

/** The smallest host of a ClientController: a `base-url` and nothing else. */
class ClientHostElement extends LitElement {
  static override properties = { baseUrl: { attribute: 'base-url' } };
  declare baseUrl: string | undefined;
  readonly clients = new ClientController(this);
}
customElements.define('test-client-host', ClientHostElement);

describe('ClientController', () => {
  beforeEach(() => resetBackend());

  it('two widgets on the same base-url, in any spelling, share one client, session and CSRF token', async () => {
    // fixtureSync: fixture() of a plain <div> waits for an animation frame, which a background test page may not get.
    const root = fixtureSync<HTMLElement>(html`<div>
      <test-client-host base-url="/api/"></test-client-host>
      <test-client-host base-url="/api"></test-client-host>
      <test-client-host base-url=${`${location.origin}/api/#x`}></test-client-host>
    </div>`);
    const [a, b, c] = [...root.querySelectorAll<ClientHostElement>('test-client-host')].map((host) => host.clients.value);
    expect(a).to.not.equal(undefined);
    expect(b).to.equal(a);
    expect(c).to.equal(a);
    expect(sharedClient('/api/')).to.equal(a);

    const mock = await resetBackend();
    const csrf: string[] = [];
    const count = ({ request }: { request: Request }) => {
      if (request.url.endsWith('/api/auth/csrf')) csrf.push(request.url);
    };
    mock.worker.events.on('request:start', count);
    try {
      await login(a!, { email: 'admin@durand-btp.fr', password: 'Chantier2026!' });
      await until(() => b?.session, 'the other widget sees the session');
      await forgotPassword(b!, { email: 'admin@durand-btp.fr' });
      await forgotPassword(c!, { email: 'admin@durand-btp.fr' });
      expect(csrf.length).to.equal(2, 'one token before sign-in, one after: not one per widget');
    } finally {
      mock.worker.events.removeListener('request:start', count);
    }
  });

  it('another base URL gets another client; one that is not http(s) gets none', async () => {
    const root = fixtureSync<HTMLElement>(html`<div>
      <test-client-host base-url="/api/"></test-client-host>
      <test-client-host base-url="/autre-api/"></test-client-host>
      <test-client-host base-url="javascript:alert(1)"></test-client-host>
    </div>`);
    const [a, other, bad] = [...root.querySelectorAll<ClientHostElement>('test-client-host')];
    expect(other!.clients.value).to.not.equal(undefined);
    expect(other!.clients.value).to.not.equal(a!.clients.value);
    expect(bad!.clients.value).to.equal(undefined);
  });
});
