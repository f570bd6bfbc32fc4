import { localized } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalCore } from '../../sdk/core.js';
import { PortalError } from '../../sdk/errors.js';
import { confirmDelegation, delegationConfirmation } from '../../sdk/rights/operations.js';
import type { Delegation, DelegationConfirmation } from '../../sdk/schemas/rights.js';
import { CibtpElement } from '../shared/base-element.js';
import { emit } from '../shared/events.js';
import { button, heading } from '../shared/fields.js';
import { formatDay } from '../shared/delegation-labels.js';
import { ensureDefined } from '../shared/lazy.js';
import { linkProblemOf, linkProblemTitle } from '../shared/link-problem.js';
import { readLinkToken } from '../shared/link-token.js';
import { msg, str } from '../shared/localization.js';
import { errorMessage, isolate } from '../shared/messages.js';
import { NavController } from '../shared/nav-link.js';
import { RequestController, RetryKeys, toPortalError } from '../shared/request-controller.js';
import { confirmDelegationStyles } from './confirm-delegation.styles.js';


/**
 * The administrator's side of *Déléguer à mon cabinet comptable*: once the accounting firm has completed
 * its account, the member's administrator receives an email whose link (`#action=confirm-delegation&token=…`)
 * opens this widget. It shows what is confirmed — the firm's name and address, the company and its
 * identifiant CIBTP, the date d'effet and date de fin, and the rights (`<cibtp-rights-matrix readonly>`,
 * fetched with the delegation) — and *Confirmer la délégation* (`confirmDelegation`) makes the firm's
 * access active: « La délégation à FIDUCIAIRE DU RHÔNE est active. Le cabinet peut désormais se connecter. »
 *
 * Without a `token`, the widget reads it once from the address bar and removes it from there
 * (`readLinkToken('confirm-delegation')`). A missing, unknown, used or expired link says so and offers
 * the login (the delegation, still pending, can be confirmed from *Gérer les droits d'accès*). The
 * delegation is loaded through `@lit/task` with its `AbortSignal` (aborted when the widget leaves the
 * page, loaded again if it comes back); the confirmation carries an `Idempotency-Key`, the same on a
 * retry after a transport failure.
 *
 * Rendering is in the light DOM, like every widget of the kit: only the frame is in the shadow root
 * (`cibtp-confirm-delegation::part(card)`); the other parts are `data-part` attributes.
 *
 * @summary The administrator confirms the delegation to its accounting firm, from the link received.
 *
 * @fires cibtp-delegation-confirmed - `CustomEvent<{ delegation: Delegation }>`: the firm's delegation is active.
 * @fires cibtp-navigate - `CustomEvent<{ to: 'login' | 'delegations' }>`, cancelable: « Se connecter » under
 *   a link that cannot be used; « Gérer les droits d’accès » after the confirmation.
 *
 * @csspart card - The frame around the widget (a real part: `cibtp-confirm-delegation::part(card)`).
 * @datapart heading - The heading of the current state.
 * @datapart intro - What is asked, above the details.
 * @datapart details - What is confirmed: the firm, the company, the dates.
 * @datapart rights - The rights delegated (a read-only `<cibtp-rights-matrix>`).
 * @datapart confirm - The « Confirmer la délégation » button.
 * @datapart error-summary - The box saying why the confirmation failed.
 * @datapart notice - The box of the end screen.
 * @datapart link - The link to *Gérer les droits d’accès* after the confirmation.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - Notes and progress.
 * @cssproperty --cibtp-color-background - Background of the card and boxes.
 * @cssproperty --cibtp-color-border - Border of the card.
 * @cssproperty --cibtp-color-primary - Buttons and links.
 * @cssproperty --cibtp-color-primary-hover - Primary button on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - The error box.
 * @cssproperty --cibtp-color-success - The success box.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit.
 * @cssproperty --cibtp-max-width - Widest the shared form rules let a widget grow (superseded here by the next).
 * @cssproperty --cibtp-max-width-wide - Widest the widget grows (the rights matrix needs room; default `60rem`).
 * @cssproperty --cibtp-control-height - Height of buttons.
 *
 * @example
 * ```html
 * <!-- The page the email's link opens: https://caisse.example/espace#action=confirm-delegation&token=… -->
 * <cibtp-confirm-delegation base-url="/api/"></cibtp-confirm-delegation>
 * ```
 */
@localized()
export class CibtpConfirmDelegation extends CibtpElement {
  static override styles = confirmDelegationStyles;

  /** The token of the confirmation link; read from `#action=confirm-delegation&token=…` when not set. */
  @property() token?: string | undefined;

  /** The delegation as the server confirmed it (the end screen). */
  @state() private confirmed: Delegation | undefined;
  /** The link turned out expired or spent when confirming. */
  @state() private linkProblem: PortalError | undefined;
  /** Why the confirmation failed (the link still serves: it can be tried again). */
  @state() private problem: PortalError | undefined;

  private readonly confirmRequest = new RequestController(this);
  private readonly keys = new RetryKeys();
  private readonly nav = new NavController(this, () => this.clients.value);

  private readonly loading = new Task<readonly [PortalCore | undefined, string | undefined], DelegationConfirmation>(this, {
    args: () => [this.clients.value, this.token] as const,
    task: async ([client, token], { signal }) => {
      if (!token) throw new PortalError('link-invalid');
      if (!client) throw this.clients.missing();
      try {
        const [found] = await Promise.all([
          delegationConfirmation(client, { token }, { signal }),
          ensureDefined('cibtp-rights-matrix', () => import('../rights-matrix/rights-matrix.js')),
        ]);
        return found;
      } catch (error) {
        throw toPortalError(error);
      }
    },
    onError: (error) => {
      // The heading changed (a link that cannot be used, a failure): the focus follows it. The task sets
      // its status and asks for the render after this callback: the focus moves once that render is done.
      if (this.isConnected && toPortalError(error).code !== 'aborted') queueMicrotask(() => void this.focusId('heading'));
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.token) this.token = readLinkToken('confirm-delegation')?.token;
    if (this.loading.status === TaskStatus.ERROR && toPortalError(this.loading.error).code === 'aborted') void this.loading.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.loading.status === TaskStatus.PENDING) this.loading.abort();
  }

  protected override render(): TemplateResult {
    // A plain wrapper, for `aria-busy` over the whole region while the delegation loads or is confirmed.
    const busy = this.loading.status === TaskStatus.PENDING || this.confirmRequest.pending;
    return html`<div aria-busy=${busy ? 'true' : 'false'}>${super.render()}</div>`;
  }

  protected override stepTemplate(): TemplateResult {
    if (this.confirmed) return this.doneTemplate(this.confirmed);
    if (this.linkProblem) return this.linkProblemTemplate(this.linkProblem);
    return this.loading.render({
      initial: () => this.pendingTemplate(),
      pending: () => this.pendingTemplate(),
      complete: (found) => this.detailsTemplate(found),
      error: (error) => this.errorTemplate(toPortalError(error)),
    });
  }

  private confirmTitle(): string {
    return msg('Confirmer la délégation à votre cabinet comptable', { id: 'confirm-delegation.title' });
  }

  private pendingTemplate(): TemplateResult {
    return html`${this.headingTemplate(this.confirmTitle())}
      <p class="cibtp-progress">${msg('Chargement de la délégation, veuillez patienter…', { id: 'confirm-delegation.progress' })}</p>`;
  }

  private errorTemplate(error: PortalError): TemplateResult {
    if (error.code === 'aborted') return this.pendingTemplate();
    const link = linkProblemOf(error);
    if (link) return this.linkProblemTemplate(link);
    return html`${this.headingTemplate(msg('La délégation n’a pas pu être chargée', { id: 'confirm-delegation.failed.title' }))}
      <p class="cibtp-note">${errorMessage(error)}</p>
      <p>${button({ variant: 'primary', label: msg('Réessayer', { id: 'common.retry' }), onClick: () => void this.loading.run() })}</p>`;
  }

  private linkProblemTemplate(problem: PortalError): TemplateResult {
    return html`${this.headingTemplate(linkProblemTitle(problem))}
      <p class="cibtp-note">
        ${problem.code === 'link-expired'
          ? msg('Par sécurité, un lien de confirmation n’est valable que pour une durée limitée. Connectez-vous à votre espace sécurisé\u00a0: la délégation en attente peut être confirmée depuis «\u00a0Gérer les droits d’accès\u00a0».', {
              id: 'confirm-delegation.link.expired.body',
            })
          : msg('Ce lien de confirmation est incomplet ou a déjà été utilisé. Si vous avez déjà confirmé la délégation, elle est active. Sinon, connectez-vous à votre espace sécurisé\u00a0: la délégation en attente peut être confirmée depuis «\u00a0Gérer les droits d’accès\u00a0».', {
              id: 'confirm-delegation.link.invalid.body',
            })}
      </p>
      ${this.loginLink()}`;
  }

  private detailsTemplate(found: DelegationConfirmation): TemplateResult {
    const delegation = found.delegation;
    const pending = this.confirmRequest.pending;
    const firm = isolate(delegation.name || delegation.email);
    return html`${this.headingTemplate(this.confirmTitle())}
      ${this.problem
        ? this.summaryTemplate({ items: [], message: errorMessage(this.problem) })
        : nothing}
      <p class="cibtp-lead" data-part="intro">
        ${delegation.awaitingConfirmation
          ? msg(str`Le cabinet comptable ${firm} a complété son compte. Vérifiez la délégation ci-dessous\u00a0: une fois confirmée, le cabinet pourra se connecter et agir pour votre entreprise, avec les droits indiqués.`, {
              id: 'confirm-delegation.intro',
            })
          : msg(str`Le cabinet comptable ${firm} n’a pas encore complété son compte\u00a0: la délégation pourra être confirmée ensuite.`, {
              id: 'confirm-delegation.intro.not-ready',
            })}
      </p>
      <dl class="cibtp-details" data-part="details">
        <dt>${msg('Cabinet comptable', { id: 'confirm-delegation.cabinet' })}</dt>
        <dd><bdi>${delegation.name}</bdi></dd>
        <dt>${msg('Adresse électronique du cabinet', { id: 'confirm-delegation.email' })}</dt>
        <dd><bdi>${delegation.email}</bdi></dd>
        <dt>${msg('Entreprise', { id: 'confirm-delegation.company' })}</dt>
        <dd><bdi>${found.company}</bdi></dd>
        <dt>${msg('Identifiant CIBTP', { id: 'confirm-delegation.identifiant' })}</dt>
        <dd><bdi>${found.identifiantCibtp}</bdi></dd>
        <dt>${msg('Date d’effet', { id: 'confirm-delegation.effective-date' })}</dt>
        <dd>${formatDay(delegation.effectiveDate, 'long')}</dd>
        <dt>${msg('Date de fin', { id: 'confirm-delegation.end-date' })}</dt>
        <dd>${delegation.endDate ? formatDay(delegation.endDate, 'long') : msg('Aucune (jusqu’à la suppression de la délégation)', { id: 'confirm-delegation.end-date.none' })}</dd>
      </dl>
      <section class="cibtp-rights" data-part="rights" aria-labelledby=${this.fid('rights-title')}>
        ${heading(this.headingLevel + 1, this.fid('rights-title'), msg('Droits délégués', { id: 'confirm-delegation.rights.title' }), 'cibtp-subheading')}
        <cibtp-rights-matrix readonly .client=${this.clients.value} .value=${delegation.rights}></cibtp-rights-matrix>
      </section>
      ${delegation.awaitingConfirmation
        ? html`<div class="cibtp-actions">
              <button
                type="button"
                class="cibtp-button cibtp-button--primary"
                id=${this.fid('confirm')}
                data-part="confirm"
                aria-disabled=${pending ? 'true' : 'false'}
                @click=${this.onConfirm}
              >
                ${msg('Confirmer la délégation', { id: 'confirm-delegation.submit' })}
              </button>
            </div>
            <p class="cibtp-note">
              ${msg('Vous ne reconnaissez pas ce cabinet ou ces droits\u00a0? Ne confirmez pas, et contactez votre caisse.', { id: 'confirm-delegation.warning' })}
            </p>`
        : nothing}`;
  }

  private doneTemplate(delegation: Delegation): TemplateResult {
    const firm = isolate(delegation.name || delegation.email);
    // A date d'effet still ahead: confirmed, but the firm's access opens only that day.
    const later = delegation.status !== 'active';
    const start = formatDay(delegation.effectiveDate, 'long');
    return html`${this.headingTemplate(msg('Délégation confirmée', { id: 'confirm-delegation.done.title' }))}
      ${this.successNotice(
        'done',
        later
          ? msg(str`La délégation à ${firm} est confirmée.`, { id: 'confirm-delegation.done.notice.later' })
          : msg(str`La délégation à ${firm} est active.`, { id: 'confirm-delegation.done.notice' }),
        later
          ? msg(str`Le cabinet pourra se connecter à partir du ${start}.`, { id: 'confirm-delegation.done.body.later' })
          : msg('Le cabinet peut désormais se connecter.', { id: 'confirm-delegation.done.body' }),
      )}
      <p>${this.nav.link({ to: 'delegations' }, msg('Gérer les droits d’accès', { id: 'confirm-delegation.done.delegations' }), { part: 'link', className: 'cibtp-button cibtp-button--secondary' })}</p>`;
  }

  private async onConfirm(): Promise<void> {
    const client = this.clients.value;
    const token = this.token;
    if (this.confirmRequest.pending || !client || !token) return;
    this.problem = undefined;
    const idempotencyKey = this.keys.key([token]);
    this.status = () => msg('Confirmation de la délégation…', { id: 'confirm-delegation.pending' });
    const outcome = await this.confirmRequest.run((signal) => confirmDelegation(client, { token }, { signal, idempotencyKey }));
    if (!outcome) return;
    this.status = undefined;
    this.keys.settle(outcome.ok ? undefined : outcome.error);
    if (outcome.ok) {
      this.confirmed = outcome.value;
      const active = outcome.value.status === 'active';
      this.status = () =>
        active
          ? msg('La délégation est active.', { id: 'confirm-delegation.done.status' })
          : msg('La délégation est confirmée.', { id: 'confirm-delegation.done.status.later' });
      emit(this, 'cibtp-delegation-confirmed', { delegation: outcome.value });
      await this.focusId('heading');
      return;
    }
    if (outcome.error.code === 'aborted') return;
    const link = linkProblemOf(outcome.error);
    if (link) {
      this.linkProblem = link;
      await this.focusId('heading');
      return;
    }
    this.problem = outcome.error;
    await this.focusId('summary');
  }
}
