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
 * Resolves the portal client of a widget, so that a widget works inside `<cibtp-portal>` as well as
 * alone on a page:
 * 1. the `client` property, when the host page set one (the most specific wins);
 * 2. the client provided by an enclosing `<cibtp-portal>` (`@lit/context`);
 * 3. a client of its own, created from the `base-url` attribute.
 */
export class ClientController implements ReactiveController {
  private readonly consumer: ContextConsumer<typeof clientContext, ClientHost>;
  private own: { baseUrl: string; client: PortalCore } | undefined;

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
    if (this.own?.baseUrl !== baseUrl) {
      this.own = { baseUrl, client: createPortalCore({ baseUrl, locale: getLocale() }) };
    }
    // A client of our own follows the page's locale (Accept-Language).
    this.own.client.locale = getLocale();
    return this.own.client;
  }

  /**
   * For a widget that found no client (`value` is `undefined`): says on the console what the page must
   * do, and returns the error to show. That is the generic « server » error, as for a portal that is
   * down: the user can do nothing about a page that was set up wrong.
   */
  missing(): PortalError {
    console.error(`[cibtp] <${this.host.localName}> has no portal client: set base-url, set client, or place it inside <cibtp-portal>.`);
    return new PortalError('server');
  }
}
