import { ContextProvider } from '@lit/context';
import { localized } from '@lit/localize';
import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { createPortalClient, type Locale, type PortalClient, type Session } from '../../sdk/index.js';
import { clientContext, localeContext, sessionContext } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { SOURCE_LOCALE, getLocale, isLocale, setLocale } from '../shared/localization.js';
import { portalStyles } from './portal.styles.js';

/**
 * The root of a page's widgets: it creates the portal client (or takes the one given), provides the
 * client, the session and the locale to every widget placed inside it, switches the widgets' language
 * at run time and announces the end of the session once.
 *
 * It renders nothing of its own: a shadow root with one default `<slot>`, so the widgets placed inside
 * stay in the page's light DOM (their credential inputs remain visible to password managers).
 *
 * @summary Provides the portal client, session and locale to the widgets inside it.
 *
 * @slot - The widgets (`<cibtp-login>`, …) and any page content.
 *
 * @fires cibtp-session-expired - `CustomEvent<{}>`: the server said the session has expired; fired once per expiry.
 * @fires cibtp-signed-out - `CustomEvent<{}>`: the session ended by a logout (not by expiry).
 *
 * @example
 * ```html
 * <cibtp-portal base-url="/api/" locale="fr">
 *   <cibtp-login></cibtp-login>
 * </cibtp-portal>
 * ```
 */
@localized()
export class CibtpPortal extends LitElement {
  static override styles = portalStyles;

  /** Where the portal API lives, e.g. `https://espace.caisse.fr/api/`. Ignored when `client` is set. */
  @property({ attribute: 'base-url' }) baseUrl?: string | undefined;

  /** Language of the widgets: `fr` (default) or `en`; switches every widget of the page at run time. */
  @property({ reflect: true }) locale: Locale = SOURCE_LOCALE;

  /** A client made by the host page (e.g. with custom timeouts); otherwise one is made from `base-url`. */
  @property({ attribute: false }) client?: PortalClient | undefined;

  private readonly clientProvider = new ContextProvider(this, { context: clientContext, initialValue: undefined });
  private readonly sessionProvider = new ContextProvider(this, { context: sessionContext, initialValue: null });
  private readonly localeProvider = new ContextProvider(this, { context: localeContext, initialValue: getLocale() });

  private own: { baseUrl: string; client: PortalClient } | undefined;
  private subscribed: PortalClient | undefined;
  private unsubscribe: Array<() => void> = [];
  private expiredSinceLastSession = false;

  /** The client the widgets inside use (`undefined` until `base-url` or `client` is set). */
  get activeClient(): PortalClient | undefined {
    return this.client ?? this.own?.client;
  }

  /** The current session, as the client last saw it (held in memory only). */
  get session(): Session | null {
    return this.activeClient?.session ?? null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Before the first render too: widgets inside may ask for the client as soon as they connect.
    this.syncClient();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribeAll();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('baseUrl') || changed.has('client')) this.syncClient();
    if (changed.has('locale')) {
      const locale = isLocale(this.locale) ? this.locale : SOURCE_LOCALE;
      void setLocale(locale).then(() => this.localeProvider.setValue(getLocale()));
    }
    const active = this.activeClient;
    if (active) active.locale = isLocale(this.locale) ? this.locale : SOURCE_LOCALE;
  }

  private syncClient(): void {
    if (!this.client && this.baseUrl && this.own?.baseUrl !== this.baseUrl) {
      this.own = { baseUrl: this.baseUrl, client: createPortalClient({ baseUrl: this.baseUrl, locale: this.locale }) };
    }
    const active = this.activeClient;
    if (active !== this.subscribed) {
      this.unsubscribeAll();
      if (active && this.isConnected) this.subscribe(active);
    }
    if (this.clientProvider.value !== active) this.clientProvider.setValue(active);
    const session = active?.session ?? null;
    if (this.sessionProvider.value !== session) this.sessionProvider.setValue(session);
  }

  private subscribe(client: PortalClient): void {
    this.subscribed = client;
    this.unsubscribe = [
      client.onSessionExpired(() => {
        this.expiredSinceLastSession = true;
        emit(this, 'cibtp-session-expired', {});
      }),
      client.onSessionChange((session) => {
        const had = this.sessionProvider.value !== null;
        this.sessionProvider.setValue(session);
        if (session) {
          this.expiredSinceLastSession = false;
        } else if (had) {
          // The SDK clears the session just before it announces an expiry: wait for that announcement.
          queueMicrotask(() => {
            if (!this.expiredSinceLastSession) emit(this, 'cibtp-signed-out', {});
          });
        }
      }),
    ];
  }

  private unsubscribeAll(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.subscribed = undefined;
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}
