import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createPortalCore, type PortalCore } from '../../sdk/core.js';
import { PortalError } from '../../sdk/errors.js';
import { clientContext } from './context.js';
import { getLocale } from './localization.js';

export interface ClientHost extends ReactiveControllerHost, HTMLElement {
  client?: PortalCore | undefined;
  baseUrl?: string | undefined;
}

/**
 * The page's clients, one per API base URL: kept on `globalThis` under a registered symbol, so that two
 * copies of the kit on one page share them too (a core of one copy works with the other's functions).
 */
const CLIENTS = Symbol.for('cibtp.clients');

/** A base URL as a key: absolute (against the page's base), without query nor fragment, ending with `/`. */
function clientKey(baseUrl: string): string | undefined {
  try {
    const url = new URL(baseUrl, document.baseURI);
    url.search = '';
    url.hash = '';
    return url.href.replace(/\/?$/, '/');
  } catch {
    return undefined;
  }
}

/**
 * The page's one client for `baseUrl` (made on first use): widgets on the same base URL, in any
 * spelling (`/api`, `/api/`, `https://site/api/`), share its session and CSRF token. `undefined` when
 * `baseUrl` cannot be an API address (not http(s)).
 */
export function sharedClient(baseUrl: string): PortalCore | undefined {
  const key = clientKey(baseUrl);
  if (!key) return undefined;
  const holder = globalThis as unknown as Record<symbol, Map<string, PortalCore> | undefined>;
  const clients = (holder[CLIENTS] ??= new Map());
  let client = clients.get(key);
  if (!client) {
    try {
      client = createPortalCore({ baseUrl: key, locale: getLocale() });
    } catch {
      // Not http(s): `missing()` says so.
      return undefined;
    }
    clients.set(key, client);
  }
  return client;
}

/**
 * Resolves the portal client of a widget, so that a widget works inside `<cibtp-portal>` as well as
 * alone on a page:
 * 1. the `client` property, when the host page set one (the most specific wins);
 * 2. the client provided by an enclosing `<cibtp-portal>` (`@lit/context`);
 * 3. the page's client for the `base-url` attribute (`sharedClient()`: one per base URL, so that two
 *    widgets on one page keep one session).
 */
export class ClientController implements ReactiveController {
  private readonly consumer: ContextConsumer<typeof clientContext, ClientHost>;
  private own: { baseUrl: string; client: PortalCore | undefined } | undefined;

  constructor(private readonly host: ClientHost) {
    this.consumer = new ContextConsumer(host, { context: clientContext, subscribe: true });
    host.addController(this);
  }

  hostConnected(): void {}

  /** The client to call, or `undefined` when the widget has no way to reach the portal API. */
  get value(): PortalCore | undefined {
    if (this.host.client) return this.host.client;
    if (this.consumer.value) return this.consumer.value;
    const baseUrl = this.host.baseUrl;
    if (!baseUrl) return undefined;
    if (this.own?.baseUrl !== baseUrl) this.own = { baseUrl, client: sharedClient(baseUrl) };
    // The page's client follows the page's locale (Accept-Language).
    if (this.own.client) this.own.client.locale = getLocale();
    return this.own.client;
  }

  /**
   * For a widget that found no client (`value` is `undefined`): says on the console what the page must
   * do, and returns the error to show. That is the generic « server » error, as for a portal that is
   * down: the user can do nothing about a page that was set up wrong.
   */
  missing(): PortalError {
    const baseUrl = this.host.baseUrl;
    // Inside a portal whose code has not arrived yet (the per-widget entries load in any order): its
    // client is on its way, and the widget is updated when it comes. Nothing to tell the page.
    const portal = this.host.closest('cibtp-portal');
    if (portal && !customElements.get('cibtp-portal')) return new PortalError('server');
    console.error(baseUrl
      ? `[cibtp] <${this.host.localName}> base-url "${baseUrl}" is not an http(s) URL or path.`
      : `[cibtp] <${this.host.localName}> has no portal client: set base-url, set client, or place it inside <cibtp-portal>.`);
    return new PortalError('server');
  }
}
