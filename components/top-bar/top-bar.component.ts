import { localized } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { logout } from '../../sdk/auth/index.js';
import type { PortalError } from '../../sdk/errors.js';
import type { Session, Tiers } from '../../sdk/schemas/common.js';
import { CibtpShellElement } from '../shared/shell-element.js';
import { TooltipController, dsnAlerts } from '../shared/dsn-alerts.js';
import type { CibtpEvent } from '../shared/events.js';
import { ensureDefined } from '../shared/lazy.js';
import { msg, str } from '../shared/localization.js';
import { errorMessage, isolate, type Message } from '../shared/messages.js';
import { RequestController } from '../shared/request-controller.js';
import { topBarStyles } from './top-bar.styles.js';

/** What the top bar needs of `<cibtp-tiers-picker>` (loaded on demand: no static import of its class). */
type Picker = HTMLElement & { updateComplete?: Promise<unknown>; focusHeading?: () => Promise<void> };

/**
 * The top bar of the Espace sécurisé, as in the caisses' guides (« Bienvenue… / (SOC) »): the user's
 * name, the tiers the user acts for (raison sociale — site déclarant, and its identifiant CIBTP), the
 * bell of its DSN alerts, *Changer de tiers* and *Se déconnecter*.
 *
 * **DSN alerts.** The bell shows how many alerts the tiers has; hovering or focusing it lists their
 * messages (a tooltip per WCAG 1.4.13, read by a screen reader as the bell's description). A click asks
 * the host page to open *Suivi DSN* (`cibtp-navigate` with `{ to: 'suivi-dsn', params: { tiersId } }`);
 * when the caisse gave that destination a URL (`<cibtp-portal routes>`) and no listener cancelled the
 * event, the browser goes there. Without an alert, the bell shows no count and is named « Aucune
 * alerte DSN ».
 *
 * **Changer de tiers** (only for a login that may act for two tiers or more) opens a modal dialog
 * holding `<cibtp-tiers-picker embedded>`, whose code is fetched the first time (a failed fetch shows
 * the network error in the bar). The focus moves to the picker's heading; Escape, *Fermer* or the
 * picker's *Annuler* close the dialog and the focus returns to *Changer de tiers*. Once a tiers is
 * chosen (the picker has called `selectTiers`, so the portal's session has changed), the dialog closes
 * and the bar says politely « Vous agissez maintenant pour … ». The picker's `cibtp-tiers-selected`
 * and `cibtp-tiers-cancel` bubble out of the bar.
 *
 * **Se déconnecter** ends the session on the server (`logout`); the button is busy meanwhile; if the
 * server cannot be told, the bar says why and the session stays. On success `<cibtp-portal>` fires
 * `cibtp-signed-out`, and the bar, like every widget, follows the session: without one it renders
 * nothing. A change of tiers made elsewhere on the page shows at once.
 *
 * **Layout.** One row on a wide screen; on a phone the names wrap and the buttons go to a second row
 * (each at least 44 px). No card frame and no landmark of its own: the page places it in its header.
 *
 * @summary The top bar of the Espace sécurisé: user, current tiers, DSN alerts, change of tiers, sign-out.
 *
 * @fires cibtp-navigate - `CustomEvent<{ to: 'suivi-dsn', params: { tiersId: string } }>`, cancelable: a click
 *   on the bell; call `preventDefault()` to route it yourself.
 *
 * @datapart bar - The bar (absent without a session).
 * @datapart user - « Bienvenue, Prénom Nom ».
 * @datapart tiers - The current tiers: raison sociale — site déclarant, identifiant CIBTP.
 * @datapart bell - The DSN alerts bell (its tooltip is `dsn-messages`).
 * @datapart dsn-alerts - The bell's button and its tooltip, together (the hovered area).
 * @datapart dsn-messages - The tooltip listing the DSN alerts.
 * @datapart change-tiers - The *Changer de tiers* button.
 * @datapart sign-out - The *Se déconnecter* button.
 * @datapart error - The message of a sign-out (or picker fetch) that failed.
 * @datapart dialog - The modal `<dialog>` holding the tiers picker.
 * @datapart close - The dialog's *Fermer* button.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - The identifiant CIBTP.
 * @cssproperty --cibtp-color-background - Background of the buttons, the tooltip and the dialog.
 * @cssproperty --cibtp-color-surface - Background of the bar.
 * @cssproperty --cibtp-color-border - Bottom border of the bar, border of the tooltip.
 * @cssproperty --cibtp-color-primary - Buttons and the dialog's border.
 * @cssproperty --cibtp-color-primary-hover - Primary buttons on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - The bell with alerts, error messages.
 * @cssproperty --cibtp-color-success - Shared form rules (unused by the bar itself).
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit (default `1rem`).
 * @cssproperty --cibtp-control-height - Height of the buttons (default `2.75rem`).
 * @cssproperty --cibtp-max-width - Not applied: the bar spans the width of its container.
 *
 * @example
 * ```html
 * <cibtp-portal base-url="/api/" routes='{"suivi-dsn": "/suivi-dsn"}'>
 *   <header><cibtp-top-bar></cibtp-top-bar></header>
 * </cibtp-portal>
 * ```
 */
@localized()
export class CibtpTopBar extends CibtpShellElement {
  static override styles = topBarStyles;

  /** Whether the *Changer de tiers* dialog is open. */
  @state() private dialogOpen = false;
  /** A sign-out, or the fetch of the picker, that failed. */
  @state() private problem: Message | undefined;

  private readonly tooltips = new TooltipController(this);
  private readonly signOutRequest = new RequestController(this);
  /** The picker's code is on its way (a second click waits for it). */
  private pickerLoading = false;


  protected override sessionChanged(session: Session | null): void {
    super.sessionChanged(session);
    if (!session) {
      // Signed out or expired: nothing of the previous session stays, the dialog neither.
      this.dialogOpen = false;
      this.problem = undefined;
      this.status = undefined;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const dialog = this.dialog;
    if (dialog && this.dialogOpen && !dialog.open) {
      dialog.showModal();
      void this.focusPicker();
    } else if (dialog && !this.dialogOpen && dialog.open) {
      dialog.close();
    }
  }

  private get dialog(): HTMLDialogElement | null {
    return this.querySelector<HTMLDialogElement>(`#${CSS.escape(this.fid('dialog'))}`);
  }

  private async focusPicker(): Promise<void> {
    const picker = this.querySelector<Picker>('cibtp-tiers-picker');
    await picker?.updateComplete;
    await picker?.focusHeading?.();
  }

  // Actions -------------------------------------------------------------------------------------

  /** The bell: *Suivi DSN* of the current tiers, through the host page (or the caisse's URL for it). */
  private openSuiviDsn(tiers: Tiers): void {
    if (!this.nav.follow({ to: 'suivi-dsn', params: { tiersId: tiers.id } })) return;
    const href = this.nav.href('suivi-dsn');
    if (href) location.assign(href);
  }

  private async openPicker(): Promise<void> {
    if (this.pickerLoading || this.dialogOpen) return;
    this.problem = undefined;
    this.pickerLoading = true;
    try {
      await ensureDefined('cibtp-tiers-picker', () => import('../tiers-picker/tiers-picker.js'));
    } catch (error) {
      this.problem = () => errorMessage(error as PortalError);
      return;
    } finally {
      this.pickerLoading = false;
    }
    this.dialogOpen = true;
  }

  /** *Fermer*, *Annuler*, Escape or a choice: the dialog closes and the focus goes back to *Changer de tiers*. */
  private async closePicker(): Promise<void> {
    if (!this.dialogOpen) return;
    this.dialogOpen = false;
    await this.updateComplete;
    this.querySelector<HTMLElement>('[data-part="change-tiers"]')?.focus();
  }

  /**
   * Escape: the bar closes the dialog itself. Chromium fires a dialog's `close` event at the next
   * animation frame, which a page in the background never gets; `cancel` comes at once.
   */
  private onDialogCancel(event: Event): void {
    if (event.target !== event.currentTarget) return;
    event.preventDefault();
    void this.closePicker();
  }

  /** A close the bar did not ask for (the browser's own): the state follows. */
  private onDialogClose(event: Event): void {
    if (event.target === event.currentTarget) void this.closePicker();
  }

  private async onTiersSelected(event: CibtpEvent<'cibtp-tiers-selected'>): Promise<void> {
    const tiers = event.detail.session.tiers;
    void this.closePicker();
    if (!tiers) return;
    // Emptied first, so that choosing the same tiers again is announced again.
    this.status = undefined;
    await this.updateComplete;
    this.status = () =>
      msg(str`Vous agissez maintenant pour ${isolate(tiers.raisonSociale)} — ${isolate(tiers.siteName)}.`, { id: 'topbar.tiers-changed' });
  }

  private async signOut(): Promise<void> {
    const client = this.clients.value;
    if (!client) {
      const error = this.clients.missing();
      this.problem = () => errorMessage(error);
      return;
    }
    if (this.signOutRequest.pending) return;
    this.problem = undefined;
    const outcome = await this.signOutRequest.run((signal) => logout(client, { signal }));
    // On success the session ends: the portal tells the page and the bar renders nothing.
    if (outcome && !outcome.ok) {
      const error = outcome.error;
      this.problem = () => errorMessage(error);
    }
  }

  // Rendering -----------------------------------------------------------------------------------

  private welcome(session: Session): string {
    const name = [session.user.firstName, session.user.lastName].filter(Boolean).join(' ');
    return name
      ? msg(str`Bienvenue, ${isolate(name)}`, { id: 'topbar.welcome' })
      : msg('Bienvenue', { id: 'topbar.welcome.anonymous' });
  }

  private tiersTemplate(tiers: Tiers): TemplateResult {
    return html`<p class="cibtp-top-bar__tiers" data-part="tiers">
      <span class="cibtp-top-bar__tiers-name"><bdi>${tiers.raisonSociale}</bdi> — <bdi>${tiers.siteName}</bdi></span>
      <span class="cibtp-top-bar__tiers-id">${msg(str`Identifiant CIBTP\u00a0: ${isolate(tiers.identifiantCibtp)}`, { id: 'topbar.tiers.id' })}</span>
    </p>`;
  }

  private dialogTemplate(): TemplateResult {
    return html`<dialog class="cibtp-top-bar__dialog" id=${this.fid('dialog')} data-part="dialog"
      aria-label=${msg('Changer de tiers', { id: 'topbar.change-tiers' })}
      @cancel=${this.onDialogCancel} @close=${this.onDialogClose} @cibtp-tiers-selected=${this.onTiersSelected} @cibtp-tiers-cancel=${this.closePicker}>
      ${this.dialogOpen
        ? html`<div class="cibtp-top-bar__dialog-bar">
              <button type="button" class="cibtp-button cibtp-button--secondary" data-part="close" @click=${this.closePicker}>
                ${msg('Fermer', { id: 'topbar.dialog.close' })}
              </button>
            </div>
            <cibtp-tiers-picker embedded heading-level="2" .client=${this.clients.value}></cibtp-tiers-picker>`
        : nothing}
    </dialog>`;
  }

  protected override render(): TemplateResult {
    // No session: nothing at all (no empty bar, no live region to find).
    return this.session ? super.render() : html``;
  }

  protected stepTemplate(): TemplateResult {
    const session = this.session;
    if (!session) return html``;
    const tiers = session.tiers;
    const busy = this.signOutRequest.pending;
    return html`<div class="cibtp-top-bar" data-part="bar">
      <div class="cibtp-top-bar__who">
        <p class="cibtp-top-bar__user" data-part="user">${this.welcome(session)}</p>
        ${tiers ? this.tiersTemplate(tiers) : nothing}
      </div>
      ${tiers
        ? html`<div class="cibtp-top-bar__bell" data-part="bell">
            ${dsnAlerts({
              id: this.fid('dsn'),
              icon: 'bell',
              alerts: tiers.dsnAlerts,
              tooltips: this.tooltips,
              onClick: () => this.openSuiviDsn(tiers),
            })}
          </div>`
        : nothing}
      <div class="cibtp-top-bar__actions">
        ${session.tiersCount >= 2
          ? html`<button type="button" class="cibtp-button cibtp-button--secondary" data-part="change-tiers"
              aria-haspopup="dialog" @click=${() => void this.openPicker()}>
              ${msg('Changer de tiers', { id: 'topbar.change-tiers' })}
            </button>`
          : nothing}
        <button type="button" class="cibtp-button cibtp-button--secondary" data-part="sign-out"
          aria-disabled=${busy ? 'true' : nothing} @click=${() => void this.signOut()}>
          ${msg('Se déconnecter', { id: 'topbar.sign-out' })}
        </button>
      </div>
      ${this.problem ? html`<p class="cibtp-top-bar__error" role="alert" data-part="error">${this.problem()}</p>` : nothing}
      ${this.dialogTemplate()}
    </div>`;
  }
}
