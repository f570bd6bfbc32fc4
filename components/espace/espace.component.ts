import { localized } from '@lit/localize';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { currentSession } from '../../sdk/auth/index.js';
import type { PortalCore } from '../../sdk/core.js';
import type { PortalError } from '../../sdk/errors.js';
import type { CibtpElement } from '../shared/base-element.js';
import { CibtpShellElement } from '../shared/shell-element.js';
import { button, notice } from '../shared/fields.js';
import { LatestRequest } from '../shared/latest-request.js';
import { ensureDefined } from '../shared/lazy.js';
import { msg } from '../shared/localization.js';
import { errorMessage } from '../shared/messages.js';
// The parts of the home page: in the espace's chunk. The tiers picker is fetched only when a choice is due.
import '../top-bar/top-bar.js';
import '../nav-menu/nav-menu.js';
import '../tiles/tiles.js';
import '../side-bar/side-bar.js';
import '../footer/footer.js';
import { espaceStyles } from './espace.styles.js';

/**
 * What the espace shows: the session being looked for on the server, that look-up failed, nobody
 * signed in, the tiers choice (or its refusal), or the home page.
 */
type View = 'checking' | 'check-failed' | 'signed-out' | 'choose' | 'declined' | 'home';

/** The parts the espace fetches when it first shows them, and how. */
const LAZY_PARTS = {
  'cibtp-tiers-picker': () => import('../tiers-picker/tiers-picker.js'),
  'cibtp-delegations': () => import('../delegations/delegations.js'),
} as const;
type LazyPart = keyof typeof LAZY_PARTS;

/** The pages of the space the espace composes itself. */
export type EspacePage = 'home' | 'delegations';

/** The session looked for on the server (a page opened after signing in elsewhere): under way, or failed. */
type Restore = { kind: 'running' } | { kind: 'failed'; error: PortalError };

/**
 * The home page of the Espace sécurisé, composed of the kit's page-shell widgets: the top bar
 * (`<cibtp-top-bar>`), the navigation menu (`<cibtp-nav-menu current="home">`), the welcome heading
 * « Bienvenue sur votre Espace sécurisé » with the tiles (`<cibtp-tiles>`), the side bar
 * (`<cibtp-side-bar>`) and the footer links (`<cibtp-footer>`).
 *
 * **States.** It follows the portal's session:
 * - signed in with a tiers: the home page. A change of tiers (*Changer de tiers* in the top bar) reaches
 *   every part through the session, which each follows itself (the tiles reload); nothing is announced
 *   twice;
 * - signed in and the tiers still to choose (a session without a tiers and `tiersCount` of 2 or more, or
 *   `choose-tiers` set by a host that called `login()` itself and got `choose-tiers`): the tiers picker
 *   (`<cibtp-tiers-picker embedded>`, fetched then only), then the home page once a tiers is chosen,
 *   with the focus on its heading. *Annuler* leaves a notice with the way back to the choice;
 * - nobody signed in: « Vous n’êtes pas connecté(e). » and *Se connecter* (`cibtp-navigate`
 *   `{ to: 'login' }`); after a sign-out, the focus moves to that notice.
 *
 * The SDK keeps the session in memory only: on a page opened after signing in on another one, the
 * espace first asks the server for the running session (`currentSession()`), showing « Chargement… »
 * meanwhile.
 *
 * **Layout and landmarks.** A CSS grid that follows the widget's own width (container queries): the top
 * bar across the top, the menu under it, the home content, the side bar on its right when there is room
 * for it and under it otherwise, the footer links at the bottom. The page owns `<main>` (and its header
 * and footer landmarks): the espace renders no `<main>`; the home content is a `<section>` named by its
 * heading, the menu, side bar and footer links are `<nav>`s named by their widgets. No card frame.
 *
 * **Links.** Every part goes through the kit's route contract (`<cibtp-portal routes>`): each link fires
 * the cancelable `cibtp-navigate`, which bubbles out of the espace.
 *
 * @summary The home page of the Espace sécurisé: top bar, menu, tiles, side bar and footer, following the session.
 *
 * @fires cibtp-navigate - `CustomEvent<NavigateDetail>`, cancelable: a link of the espace or of one of its parts was
 *   followed (`{ to: 'login' }` from the signed-out notice; the menu's, tiles', side bar's and footer's destinations);
 *   call `preventDefault()` to route it yourself.
 * @fires cibtp-tiers-selected - `CustomEvent<{ session: Session }>`: from the tiers picker, a tiers was chosen.
 * @fires cibtp-tiers-cancel - `CustomEvent<{}>`: from the tiers picker, *Annuler*.
 *
 * @datapart layout - The grid of the home page.
 * @datapart home - The home content (`<section>` named by its heading): heading and tiles.
 * @datapart page - The content area when `page` is not `home` (around `<cibtp-delegations>`).
 * @datapart home-link - « Retour à l’accueil » above a page other than the home (`cibtp-navigate` `{ to: 'home' }`).
 * @datapart heading - The « Bienvenue sur votre Espace sécurisé » heading.
 * @datapart notice - The signed-out notice, or the notice after *Annuler* in the tiers choice.
 * @datapart sign-in - *Se connecter* in the signed-out notice (a link when `routes` has `login`).
 * @datapart choose - The tiers choice (around `<cibtp-tiers-picker>`).
 * @datapart loading - « Chargement… » while the session or the picker is on its way.
 * @datapart error - The message and *Réessayer* when the session or the picker could not be obtained.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - The loading line.
 * @cssproperty --cibtp-color-background - Background of the notices.
 * @cssproperty --cibtp-color-primary - Buttons and the notices' border.
 * @cssproperty --cibtp-color-primary-hover - Primary button on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - Error messages.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius of the notices and buttons.
 * @cssproperty --cibtp-spacing - Base spacing unit, the gaps of the grid (default `1rem`).
 * @cssproperty --cibtp-control-height - Height of the buttons (default `2.75rem`).
 * @cssproperty --cibtp-color-border - Shared form rules (the parts have their own borders).
 * @cssproperty --cibtp-color-success - Shared form rules (unused by the espace itself).
 * @cssproperty --cibtp-max-width - Widest the notices grow (default `34rem`); the home page spans the width of its container.
 *
 * @example
 * ```html
 * <cibtp-portal base-url="/api/" routes='{"login": "/connexion", "legal-notice": "/mentions-legales"}'>
 *   <main><cibtp-espace heading-level="1"></cibtp-espace></main>
 * </cibtp-portal>
 * ```
 */
@localized()
export class CibtpEspace extends CibtpShellElement {
  static override styles = espaceStyles;

  /**
   * The login answered `choose-tiers` on this page (a host that signs in with the SDK itself): without a
   * session yet, the espace shows the tiers picker first.
   */
  @property({ type: Boolean, attribute: 'choose-tiers' }) chooseTiers = false;

  /**
   * The page of the space shown in the content area: `home` (the tiles), or `delegations` (*Gérer les
   * droits d’accès*: `<cibtp-delegations>`, fetched when first shown, keeping its list's state in the
   * address under `delegations-…` keys). The host sets it when it routes `cibtp-navigate` (`{ to: 'delegations' }`, `{ to: 'home' }`).
   */
  @property({ reflect: true }) page: EspacePage = 'home';

  @state() private restore: Restore | undefined;
  /** The chunks of the parts fetched when first shown: on their way, there, or not obtained. */
  @state() private parts: Partial<Record<LazyPart, 'loading' | 'ready' | PortalError>> = {};
  /** *Annuler* in the tiers choice. */
  @state() private declined = false;

  private readonly restoring = new LatestRequest();
  /** The client whose server session was looked for (or seen): once per client. */
  private checkedFor: PortalCore | undefined;
  /** The error said when no client could be found, kept so the console hint is logged once. */
  private missing: PortalError | undefined;
  private lastView: View | undefined;



  private get view(): View {
    const session = this.session;
    if (session?.tiers) return 'home';
    if (session ? session.tiersCount >= 2 : this.chooseTiers) return this.declined ? 'declined' : 'choose';
    if (session) return 'home';
    if (this.restore?.kind === 'running' || (!this.checkedFor && !this.missing)) return 'checking';
    if (this.restore?.kind === 'failed' || this.missing) return 'check-failed';
    return 'signed-out';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.restoring.cancel();
    if (this.restore?.kind === 'running') {
      this.restore = undefined;
      this.checkedFor = undefined;
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A tiers chosen by any way (the picker, another widget of the page): the pending choice is over,
    // and a later sign-out leads to the signed-out notice, not back to a picker.
    if (this.session?.tiers) {
      this.chooseTiers = false;
      this.declined = false;
    }
    const client = this.clients.value;
    if (!client) {
      if (!this.session && !this.chooseTiers) this.missing ??= this.clients.missing();
    } else {
      this.missing = undefined;
      if (this.checkedFor !== client) {
        this.checkedFor = client;
        if (!this.session && !this.chooseTiers) void this.restoreSession(client);
      }
    }
    const part = this.lazyPart;
    if (part && this.parts[part] === undefined) void this.fetchPart(part);
  }

  /** The part the view shows that is fetched when first shown, if any. */
  private get lazyPart(): LazyPart | undefined {
    if (this.view === 'choose') return 'cibtp-tiers-picker';
    return this.view === 'home' && this.page === 'delegations' ? 'cibtp-delegations' : undefined;
  }

  private async fetchPart(tag: LazyPart): Promise<void> {
    this.parts = { ...this.parts, [tag]: 'loading' };
    try {
      await ensureDefined(tag, LAZY_PARTS[tag]);
      this.parts = { ...this.parts, [tag]: 'ready' };
    } catch (error) {
      this.parts = { ...this.parts, [tag]: error as PortalError };
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const view = this.view;
    const from = this.lastView;
    this.lastView = view;
    if (from === undefined || from === view) return;
    // The user's own steps move the focus; a page that opens in a state (a reload) leaves it alone.
    if (view === 'home' && from === 'choose') void this.focusHeading();
    else if (view === 'signed-out' && (from === 'home' || from === 'choose' || from === 'declined')) void this.focusId('notice');
    else if (view === 'declined') void this.focusId('notice');
    else if (view === 'choose' && from === 'declined') void this.focusPicker();
  }

  /** Asks the server for the running session; the SDK then holds it and the portal hands it to every widget. */
  private async restoreSession(client: PortalCore): Promise<void> {
    this.restore = { kind: 'running' };
    const outcome = await this.restoring.run((signal) => currentSession(client, { signal }));
    if (!outcome) return;
    // An expired session is no failure: nobody is signed in (the portal announces the expiry).
    this.restore = outcome.ok || outcome.error.code === 'session-expired' ? undefined : { kind: 'failed', error: outcome.error };
  }

  private async focusPicker(): Promise<void> {
    await this.updateComplete;
    const picker = this.querySelector<CibtpElement>('cibtp-tiers-picker');
    await picker?.updateComplete;
    await picker?.focusHeading();
  }

  /** *Réessayer*: the chunk of the part shown (the picker, the delegations page), else the look-up of the session. */
  private retry(): void {
    const part = this.lazyPart;
    if (part) {
      void this.fetchPart(part);
      return;
    }
    const client = this.clients.value;
    if (client) {
      this.checkedFor = client;
      void this.restoreSession(client);
    }
  }

  private onTiersSelected(): void {
    // The SDK's session now has the tiers (the portal hands it to every part); the choice is over.
    this.chooseTiers = false;
    this.declined = false;
    this.requestUpdate();
  }

  private onTiersCancel(): void {
    this.declined = true;
  }

  private problem(error: PortalError): TemplateResult {
    return html`<div class="cibtp-espace__problem" data-part="error">
      <p class="cibtp-espace__message">${errorMessage(error)}</p>
      ${button({ variant: 'primary', label: msg('Réessayer', { id: 'common.retry' }), onClick: () => this.retry() })}
    </div>`;
  }

  private loading(): TemplateResult {
    return html`<p class="cibtp-espace__loading" data-part="loading">${msg('Chargement…', { id: 'home.loading' })}</p>`;
  }

  private signedOutTemplate(): TemplateResult {
    return notice({
      id: this.fid('notice'),
      tone: 'info',
      headingLevel: this.headingLevel,
      title: msg('Vous n’êtes pas connecté(e).', { id: 'home.espace.signed-out' }),
      body: msg('Connectez-vous pour accéder à votre Espace sécurisé.', { id: 'home.espace.signed-out.body' }),
      actions: html`<p class="cibtp-espace__actions">
        ${this.nav.link({ to: 'login' }, msg('Se connecter', { id: 'common.sign-in' }), {
          part: 'sign-in',
          className: 'cibtp-button cibtp-button--primary',
        })}
      </p>`,
    });
  }

  private declinedTemplate(): TemplateResult {
    return notice({
      id: this.fid('notice'),
      tone: 'info',
      headingLevel: this.headingLevel,
      title: msg('Aucun adhérent ni site déclarant choisi', { id: 'home.espace.declined' }),
      body: msg('Choisissez l’adhérent et le site déclarant pour lesquels vous agissez afin d’accéder à votre Espace sécurisé.', {
        id: 'home.espace.declined.body',
      }),
      actions: html`<p class="cibtp-espace__actions">
        ${button({
          variant: 'primary',
          label: msg('Choisir un adhérent et un site', { id: 'home.espace.choose' }),
          onClick: () => {
            this.declined = false;
          },
        })}
      </p>`,
    });
  }

  /** A part fetched when first shown: itself once its chunk is there, else « Chargement… » or the problem. */
  private partTemplate(tag: LazyPart, ready: () => TemplateResult): TemplateResult {
    const state = this.parts[tag];
    if (state === 'ready') return ready();
    return state === undefined || state === 'loading' ? this.loading() : this.problem(state);
  }

  private chooseTemplate(): TemplateResult {
    return html`<div class="cibtp-espace__choose" data-part="choose">
      ${this.partTemplate('cibtp-tiers-picker', () => html`<cibtp-tiers-picker
        embedded
        heading-level=${this.headingLevel}
        .client=${this.client}
        @cibtp-tiers-selected=${() => this.onTiersSelected()}
        @cibtp-tiers-cancel=${() => this.onTiersCancel()}
      ></cibtp-tiers-picker>`)}
    </div>`;
  }

  private homeTemplate(): TemplateResult {
    const sub = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2) + 1);
    return html`<div class="cibtp-espace" data-part="layout">
      <cibtp-top-bar class="cibtp-espace__top" .client=${this.client}></cibtp-top-bar>
      <cibtp-nav-menu class="cibtp-espace__menu" current=${this.page} .client=${this.client}></cibtp-nav-menu>
      ${this.page === 'delegations'
        ? html`<div class="cibtp-espace__home" data-part="page">
            <p class="cibtp-espace__back">${this.nav.link({ to: 'home' }, msg('Retour à l’accueil', { id: 'home.espace.back-home' }), { part: 'home-link' })}</p>
            ${this.delegationsTemplate()}
          </div>`
        : html`<section class="cibtp-espace__home" data-part="home" aria-labelledby=${this.fid('heading')}>
            ${this.headingTemplate(msg('Bienvenue sur votre Espace sécurisé', { id: 'home.espace.heading' }))}
            <cibtp-tiles heading-level=${sub} .client=${this.client}></cibtp-tiles>
          </section>`}
      <cibtp-side-bar class="cibtp-espace__side" .client=${this.client}></cibtp-side-bar>
      <cibtp-footer class="cibtp-espace__footer" .client=${this.client}></cibtp-footer>
    </div>`;
  }

  private delegationsTemplate(): TemplateResult {
    return this.partTemplate('cibtp-delegations', () =>
      html`<cibtp-delegations url-state="delegations" heading-level=${this.headingLevel} .client=${this.client}></cibtp-delegations>`);
  }

  /** The heading of the page shown (the home's, or the delegations page's), for a host that moved there. */
  override async focusHeading(): Promise<void> {
    if (this.view === 'home' && this.page === 'delegations') {
      await this.updateComplete;
      const inner = this.querySelector<CibtpElement>('cibtp-delegations');
      await inner?.updateComplete;
      if (inner) return inner.focusHeading();
    }
    return super.focusHeading();
  }

  protected stepTemplate(): TemplateResult {
    switch (this.view) {
      case 'home':
        return this.homeTemplate();
      case 'choose':
        return this.chooseTemplate();
      case 'declined':
        return this.declinedTemplate();
      case 'signed-out':
        return this.signedOutTemplate();
      case 'check-failed':
        return this.problem(this.missing ?? (this.restore?.kind === 'failed' ? this.restore.error : this.clients.missing()));
      case 'checking':
        return this.loading();
    }
  }
}
