import { ContextProvider } from '@lit/context';
import { localized } from '@lit/localize';
import { msg, str } from '../shared/localization.js';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { currentSession, logout } from '../../sdk/auth/index.js';
import { createPortalCore, type PortalCore } from '../../sdk/core.js';
import type { PortalError, Locale, Session } from '../../sdk/index.js';
import { ClockController } from '../shared/clock-controller.js';
import { clientContext, localeContext, sessionContext } from '../shared/context.js';
import { routesContext, type Routes } from '../shared/routes.js';
import { emit } from '../shared/events.js';
import { button, statusRegion } from '../shared/fields.js';
import { SOURCE_LOCALE, TextsController, getLocale, isLocale, setLocale } from '../shared/localization.js';
import { errorMessage, formatDuration } from '../shared/messages.js';
import { portalStyles } from './portal.styles.js';
import { CLIENT_ATTRIBUTE, upgradeClient, warnClientAttribute } from '../shared/client-property.js';

/**
 * The root of a page's widgets: it creates the portal client (or takes the one given), provides the
 * client, the session and the locale to every widget placed inside it, switches the widgets' language
 * at run time and announces the end of the session once.
 *
 * Its shadow root holds one default `<slot>`, so the widgets placed inside stay in the page's light DOM
 * (their credential inputs remain visible to password managers), plus its own session warning.
 *
 * **Session warning (WCAG 2.2.1 Timing adjustable).** When the session's `expiresAt` comes within
 * `session-warning` seconds (default 120; `0` turns it off), the portal opens a modal
 * `<dialog role="alertdialog">` (`showModal()`: the rest of the page is inert, the focus moves to
 * « Rester connecté » and returns where it was when the dialog closes) with a live countdown, announced
 * to screen readers only at each minute, then at 30 s and 10 s. « Rester connecté » (or Escape) calls
 * `currentSession()`, which extends the session on the server; « Se déconnecter » calls
 * `logout()` (then `cibtp-signed-out`). If the countdown runs out, the dialog closes and the
 * portal asks the server (`currentSession()`): an expired session is announced once, by
 * `cibtp-session-expired`. No credential input is involved, so this dialog lives in the shadow root.
 *
 * The countdown compares the page's clock (`Date.now()`) with the server's `expiresAt`: it assumes both
 * clocks roughly agree. A page clock running ahead only makes the warning early, and the server has
 * the last word on expiry; if the server says the session is still alive when the page thought it had
 * run out, the portal waits twice as long past `expiresAt` the next time, so that it never keeps an
 * abandoned session alive for long.
 *
 * @summary Provides the portal client, session and locale to the widgets inside it; warns before the session times out.
 *
 * @slot - The widgets (`<cibtp-login>`, …) and any page content.
 *
 * @csspart session-warning - The `<dialog>` that warns before the session times out.
 *
 * @cssproperty --cibtp-font-family - Font of the session warning.
 * @cssproperty --cibtp-font-size - Base font size of the session warning.
 * @cssproperty --cibtp-color-text - Text of the session warning.
 * @cssproperty --cibtp-color-background - Background of the session warning and of its secondary button.
 * @cssproperty --cibtp-color-primary - Border of the session warning; buttons.
 * @cssproperty --cibtp-color-primary-hover - Primary button on hover.
 * @cssproperty --cibtp-color-on-primary - Text of the primary button.
 * @cssproperty --cibtp-color-error - Error message in the session warning.
 * @cssproperty --cibtp-color-focus - Focus outline.
 * @cssproperty --cibtp-radius - Corner radius of the session warning and its buttons.
 * @cssproperty --cibtp-spacing - Spacing inside the session warning.
 * @cssproperty --cibtp-control-height - Minimum height of the buttons.
 *
 * @fires cibtp-session-expired - `CustomEvent<{}>`: the server said the session has expired; fired once per expiry.
 * @fires cibtp-signed-out - `CustomEvent<{}>`: the session ended by a logout (not by expiry).
 *
 * @example
 * ```html
 * <cibtp-portal base-url="/api/" locale="fr" session-warning="120">
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

  /**
   * A client made by the host page (e.g. with custom timeouts); otherwise one is made from `base-url`.
   * A property only: a `client` attribute (what a framework sets on a tag not yet defined) is ignored,
   * with a warning on the console.
   */
  get client(): PortalCore | undefined {
    return this.clientValue;
  }
  set client(value: PortalCore | undefined) {
    const old = this.clientValue;
    this.clientValue = value;
    this.requestUpdate('client', old);
  }
  // A plain accessor, not a Lit property: Lit would keep a client set before the tag was defined aside
  // until the first update, and the portal would make its own from `base-url` on connection meanwhile.
  private clientValue: PortalCore | undefined;

  /**
   * How many seconds before the session times out the portal warns and offers to extend it
   * (WCAG 2.2.1); `0` turns the warning off.
   */
  @property({ attribute: 'session-warning', type: Number }) sessionWarning = 120;

  /**
   * The caisse's URLs for the kit's destinations (`Routes`), as JSON in the attribute or an object:
   * `routes='{"legal-notice": "/mentions-legales", "contact": "/contact"}'`. The widgets inside render a
   * real link to each (and still fire `cibtp-navigate` first); a destination without one is a button
   * whose `cibtp-navigate` the page routes.
   */
  @property({ type: Object }) routes: Routes = {};

  /** The open warning: the server's `expiresAt` (ms) it counts down to, and its state; none when closed. */
  @state() private warning: Warning | undefined;
  /** The polite status of the portal (« Votre session a été prolongée. »). */
  @state() private extended = false;

  private readonly clientProvider = new ContextProvider(this, { context: clientContext, initialValue: undefined });
  private readonly sessionProvider = new ContextProvider(this, { context: sessionContext, initialValue: null });
  private readonly localeProvider = new ContextProvider(this, { context: localeContext, initialValue: getLocale() });
  private readonly routesProvider = new ContextProvider(this, { context: routesContext, initialValue: {} });

  private own: { baseUrl: string; client: PortalCore } | undefined;
  private subscribed: PortalCore | undefined;
  private unsubscribe: Array<() => void> = [];
  private expiredSinceLastSession = false;

  private readonly clock = new ClockController(this);
  /** Re-renders when the caisse overrides texts (`overrideTexts()`). */
  protected readonly texts = new TextsController(this);
  /** The one timer of the session warning: its opening, or the check with the server at expiry. */
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** After « Rester connecté », the warning does not come back before this time (a lead ≥ the session's length). */
  private quietUntil = 0;
  /** How long past the page's idea of `expiresAt` the portal asks the server (doubles when the server disagrees). */
  private grace = 1000;
  /** What the session request in flight is for: the user's « Rester connecté », or the check at expiry. */
  private asking: 'extend' | 'expiry' | undefined;

  /** The client the widgets inside use (`undefined` until `base-url` or `client` is set). */
  get activeClient(): PortalCore | undefined {
    return this.client ?? this.own?.client;
  }

  /** The current session, as the client last saw it (held in memory only). */
  get session(): Session | null {
    return this.activeClient?.session ?? null;
  }

  /**
   * Signs out: ends the session on the server, then every widget inside follows (`cibtp-signed-out`).
   * The page's own « Se déconnecter » calls this. Rejects with a PortalError when the server could not
   * be told (the session then stays as it was: try again).
   */
  async logout(): Promise<void> {
    const client = this.activeClient;
    if (client) await logout(client);
  }

  constructor() {
    super();
    upgradeClient(this);
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, CLIENT_ATTRIBUTE];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === CLIENT_ATTRIBUTE && value !== null) warnClientAttribute(this, value);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Before the first render too: widgets inside may ask for the client as soon as they connect.
    this.syncClient();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribeAll();
    clearTimeout(this.timer);
    this.warning = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('baseUrl') || changed.has('client')) this.syncClient();
    if (changed.has('locale')) {
      const locale = isLocale(this.locale) ? this.locale : SOURCE_LOCALE;
      void setLocale(locale).then(() => this.localeProvider.setValue(getLocale()));
    }
    const active = this.activeClient;
    if (active) active.locale = isLocale(this.locale) ? this.locale : SOURCE_LOCALE;
    if (changed.has('sessionWarning')) this.scheduleWarning();
    if (changed.has('routes')) this.routesProvider.setValue(this.routes && typeof this.routes === 'object' ? this.routes : {});
    if (this.warning) this.tick(this.warning);
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog')!;
    if (this.warning && !dialog.open) {
      // The browser gives the focus back to where it was when the dialog closes.
      dialog.showModal();
      this.renderRoot.querySelector<HTMLElement>('#sw-extend')?.focus();
    } else if (!this.warning && dialog.open) {
      dialog.close();
    }
  }

  private syncClient(): void {
    if (!this.client && this.baseUrl && this.own?.baseUrl !== this.baseUrl) {
      // A portal owns its client (its session lives and ends with it). A base-url that is no http(s)
      // URL or path makes none: the widgets inside then say the portal cannot be reached.
      let client: PortalCore | undefined;
      try {
        client = createPortalCore({ baseUrl: this.baseUrl, locale: this.locale });
      } catch (error) {
        console.error(`[cibtp] <cibtp-portal base-url="${this.baseUrl}">: ${(error as Error).message}`);
      }
      this.own = client ? { baseUrl: this.baseUrl, client } : undefined;
    }
    const active = this.activeClient;
    if (active !== this.subscribed) {
      this.unsubscribeAll();
      if (active && this.isConnected) this.subscribe(active);
    }
    if (this.clientProvider.value !== active) this.clientProvider.setValue(active);
    const session = active?.session ?? null;
    if (this.sessionProvider.value !== session) this.sessionProvider.setValue(session);
    this.scheduleWarning();
  }

  private subscribe(client: PortalCore): void {
    this.subscribed = client;
    this.unsubscribe = [
      client.onSessionExpired(() => {
        this.expiredSinceLastSession = true;
        emit(this, 'cibtp-session-expired', {});
      }),
      client.onSessionChange((session) => {
        const had = this.sessionProvider.value !== null;
        this.sessionProvider.setValue(session);
        this.sessionChanged(session);
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

  // Session warning ------------------------------------------------------------------------------

  private sessionChanged(session: Session | null): void {
    if (!session) {
      this.quietUntil = 0;
      this.extended = false;
    } else if (this.asking === 'extend') {
      // A lead as long as the session would reopen the warning at once: not before half of the new one.
      this.quietUntil = (Date.now() + Date.parse(session.expiresAt)) / 2;
    } else if (this.asking === 'expiry') {
      // The server still knew the session when the page's clock said it had run out: wait longer next time.
      this.grace *= 2;
    }
    this.scheduleWarning();
  }

  /**
   * (Re)schedules the one timer for `expiresAt − session-warning`, from the page's clock (`Date.now()`)
   * compared with the server's `expiresAt`; opens the warning at once when that time has come.
   */
  private scheduleWarning(): void {
    clearTimeout(this.timer);
    const session = this.isConnected ? this.subscribed?.session : null;
    const lead = this.sessionWarning * 1000;
    const deadline = Date.parse(session?.expiresAt ?? '');
    // NaN (no session, a lead that is not a number) and 0 (turned off) close the warning.
    if (!(lead > 0 && deadline)) {
      this.warning = undefined;
      return;
    }
    const delay = Math.max(deadline - lead, this.quietUntil) - Date.now();
    if (delay > 0) {
      this.warning = undefined;
      // setTimeout takes at most 2^31 − 1 ms (about 24 days): a longer wait just schedules again.
      this.timer = setTimeout(() => this.scheduleWarning(), Math.min(delay, 2e9));
    } else if (this.warning?.deadline !== deadline) {
      this.extended = false;
      this.warning = { deadline, step: announceStep((deadline - Date.now()) / 1000) };
    }
  }

  /** Before each render while the warning is open: the countdown's announcements, the local expiry. */
  private tick(warning: Warning): void {
    const seconds = this.clock.secondsUntil(new Date(warning.deadline));
    const step = announceStep(seconds);
    if (!seconds) {
      this.warning = undefined;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.ask('expiry'), this.grace);
    } else if (step < warning.step) {
      this.warning = { ...warning, step, said: true };
    }
  }

  /**
   * « Rester connecté » (`extend`), or the check at the page's expiry (`expiry`): `currentSession()`
   * extends a live session on the server (the session change then reschedules the warning); an expired
   * one answers 401, which the SDK announces once (`onSessionExpired` → `cibtp-session-expired`), and
   * its session change closes the warning.
   */
  private async ask(why: 'extend' | 'expiry' | 'logout'): Promise<void> {
    const client = this.subscribed;
    const warning = this.warning;
    if (!client?.session || warning?.busy || (why !== 'expiry' && !warning)) return;
    if (warning) this.warning = { ...warning, busy: true, error: undefined };
    this.asking = why === 'logout' ? undefined : why;
    try {
      // A logout's session change closes the warning, then the portal fires cibtp-signed-out.
      if (why === 'logout') await logout(client);
      else {
        const { session } = await currentSession(client);
        if (why === 'extend') this.extended = !!session;
      }
    } catch (error) {
      // Shown in the warning if it is still open (an expiry has closed it); at expiry, the next request will tell.
      if (this.warning) this.warning = { ...this.warning, busy: false, error: () => errorMessage(error as PortalError) };
    } finally {
      this.asking = undefined;
    }
  }

  /**
   * Escape means « Rester connecté » (the user is here), as in the usual timeout-warning patterns. (Should
   * the browser close the dialog anyway, on a repeated Escape, the next render opens it again.)
   */
  private onCancel(event: Event): void {
    event.preventDefault();
    void this.ask('extend');
  }

  protected override render(): TemplateResult {
    const w = this.warning;
    const countdown = (seconds: number) =>
      msg(str`Votre session va expirer dans ${formatDuration(seconds)}.`, { id: 'portal.session-warning.countdown' });
    return html`<slot></slot
      ><dialog part="session-warning" role="alertdialog" aria-labelledby="sw-title" aria-describedby="sw-text" lang=${getLocale()}
        @cancel=${this.onCancel}>${w
        ? html`<h2 id="sw-title">${msg('Votre session va expirer', { id: 'portal.session-warning.title' })}</h2>
          <p id="sw-text">${countdown((w.deadline - Date.now()) / 1000)}</p>
          <p class="cibtp-visually-hidden" aria-live="polite">${w.said ? countdown(w.step) : ''}</p>
          ${w.error ? html`<p class="error" role="alert">${w.error()}</p>` : nothing}
          <div class="actions">
            ${button({ variant: 'primary', id: 'sw-extend', pending: !!w.busy, onClick: () => void this.ask('extend'),
              label: msg('Rester connecté', { id: 'portal.session-warning.extend' }) })}
            ${button({ pending: !!w.busy, onClick: () => void this.ask('logout'),
              label: msg('Se déconnecter', { id: 'portal.session-warning.sign-out' }) })}
          </div>`
        : nothing}</dialog
      >${statusRegion(this.extended ? msg('Votre session a été prolongée.', { id: 'portal.session-warning.extended' }) : '')}`;
  }
}

interface Warning {
  /** The server's `expiresAt`, in ms. */
  deadline: number;
  /** The countdown step last reached (see `announceStep`). */
  step: number;
  /** Whether `step` is to be announced (not on opening: the dialog's description is read then). */
  said?: boolean;
  busy?: boolean;
  /** An error of the warning's buttons (other than an expiry). */
  error?: (() => string) | undefined;
}

/**
 * Which countdown value to announce for `seconds` left: each whole minute, then 30 s and 10 s. The
 * countdown is announced when this step goes down (not every second).
 */
function announceStep(seconds: number): number {
  return seconds > 60 ? Math.ceil(seconds / 60) * 60 : seconds > 30 ? 60 : seconds > 10 ? 30 : 10;
}
