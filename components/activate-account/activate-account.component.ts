import { localized } from '@lit/localize';
import { msg } from '../shared/localization.js';
import { Task, TaskStatus } from '@lit/task';
import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { activateAccount, resendActivation } from '../../sdk/auth/index.js';
import type { PortalCore } from '../../sdk/core.js';
import { PortalError } from '../../sdk/errors.js';
import type { ActivationResult } from '../../sdk/schemas/auth.js';
import { CibtpElement } from '../shared/base-element.js';
import { emit } from '../shared/events.js';
import { button } from '../shared/fields.js';
import { linkProblemOf, linkProblemTitle } from '../shared/link-problem.js';
import { readLinkToken } from '../shared/link-token.js';
import { errorMessage } from '../shared/messages.js';
import { RequestController, RetryKeys, toPortalError } from '../shared/request-controller.js';
import { activateAccountStyles } from './activate-account.styles.js';

/**
 * Follows an activation link (`#action=activate&token=…`): activates the account — or renews the
 * certification of the email address — as soon as it is on the page, and says which. An expired link
 * offers « Recevoir un nouveau lien » (sent from the expired link itself, no retyping; the confirmation
 * never says whether the account exists); an invalid link says so and offers the login.
 *
 * Without a `token`, the widget reads it once from the address bar and removes it from there
 * (`readLinkToken('activate')`). The request runs through `@lit/task`, with its `AbortSignal`; the
 * widget aborts it when removed from the page, and runs it again (same `Idempotency-Key`) if put back.
 *
 * Rendering is in the light DOM, like every widget of the kit (see `<cibtp-login>`): only the frame is
 * in the shadow root (`cibtp-activate-account::part(card)`); the other parts are `data-part` attributes
 * on the light-DOM content.
 *
 * @summary Activation (or email certification) from the link received by email.
 *
 * @fires cibtp-account-activated - `CustomEvent<{ email: string; purpose: 'activation' | 'certification' }>`.
 * @fires cibtp-navigate - `CustomEvent<{ to: 'login' }>`, cancelable: « Se connecter ».
 *
 * @csspart card - The frame around the widget (a real part: `cibtp-activate-account::part(card)`).
 * @datapart heading - The heading of the current state.
 * @datapart notice - The result box.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - Progress and notes.
 * @cssproperty --cibtp-color-background - Background of the card and boxes.
 * @cssproperty --cibtp-color-border - Border of the card.
 * @cssproperty --cibtp-color-primary - Buttons and links.
 * @cssproperty --cibtp-color-primary-hover - Primary button on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - Error box.
 * @cssproperty --cibtp-color-success - Success box.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit.
 * @cssproperty --cibtp-max-width - Widest the widget grows.
 * @cssproperty --cibtp-control-height - Height of buttons.
 *
 * @example
 * ```html
 * <cibtp-activate-account base-url="/api/"></cibtp-activate-account>
 * ```
 */
@localized()
export class CibtpActivateAccount extends CibtpElement {
  static override styles = activateAccountStyles;

  /** The token of the activation link; read from `#action=activate&token=…` when not set. */
  @property() token?: string | undefined;

  @state() private resent = false;
  @state() private resendProblem: PortalError | undefined;

  private readonly keys = new RetryKeys();
  private readonly resendRequest = new RequestController(this);
  private readonly resendKeys = new RetryKeys();

  private readonly activation = new Task<readonly [PortalCore | undefined, string | undefined], ActivationResult>(this, {
    args: () => [this.clients.value, this.token] as const,
    task: async ([client, token], { signal }) => {
      if (!token) throw new PortalError('link-invalid');
      if (!client) throw this.clients.missing();
      const idempotencyKey = this.keys.key([token]);
      try {
        const result = await activateAccount(client, { token }, { signal, idempotencyKey });
        this.keys.settle();
        return result;
      } catch (error) {
        const portalError = toPortalError(error);
        this.keys.settle(portalError);
        throw portalError;
      }
    },
    onComplete: (result) => {
      if (!this.isConnected) return;
      const purpose = result.purpose;
      this.status = () =>
        purpose === 'activation'
          ? msg('Votre compte est activé.', { id: 'activate.done.status' })
          : msg('Votre adresse électronique est certifiée.', { id: 'activate.certified.status' });
      emit(this, 'cibtp-account-activated', { email: result.email, purpose: result.purpose });
      void this.focusId('heading');
    },
    onError: (error) => {
      if (!this.isConnected || toPortalError(error).code === 'aborted') return;
      this.status = undefined;
      void this.focusId('heading');
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.token) this.token = readLinkToken('activate')?.token;
    // Put back on the page after an aborted run: activate again (same Idempotency-Key, one effect).
    if (this.activation.status === TaskStatus.ERROR && toPortalError(this.activation.error).code === 'aborted') {
      void this.activation.run();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.activation.status === TaskStatus.PENDING) this.activation.abort();
  }

  protected override render(): TemplateResult {
    // A plain wrapper, kept for `aria-busy` over the whole result region (the frame is in the shadow root).
    return html`<div aria-busy=${this.activation.status === TaskStatus.PENDING ? 'true' : 'false'}>${super.render()}</div>`;
  }

  protected override stepTemplate(): TemplateResult {
    return this.activation.render({
      initial: () => this.pendingTemplate(),
      pending: () => this.pendingTemplate(),
      complete: (result) => this.doneTemplate(result),
      error: (error) => this.errorTemplate(toPortalError(error)),
    });
  }

  private pendingTemplate(): TemplateResult {
    return html`${this.headingTemplate(msg('Activation de votre compte', { id: 'activate.title' }))}
      <p class="cibtp-progress">${msg('Vérification du lien en cours, veuillez patienter…', { id: 'activate.progress' })}</p>`;
  }

  private doneTemplate(result: ActivationResult): TemplateResult {
    const activation = result.purpose === 'activation';
    return html`${this.headingTemplate(
        activation
          ? msg('Votre compte est activé', { id: 'activate.done.title' })
          : msg('Votre adresse électronique est certifiée', { id: 'activate.certified.title' }),
      )}
      ${this.successNotice(
        'done',
        activation
          ? msg('Activation réussie', { id: 'activate.done.notice' })
          : msg('Certification renouvelée', { id: 'activate.certified.notice' }),
        activation
          ? msg('Votre adresse électronique est également certifiée. Vous pouvez maintenant vous connecter à votre espace sécurisé.', {
              id: 'activate.done.body',
            })
          : msg('La certification de votre adresse électronique a été renouvelée. Vous pouvez continuer à utiliser votre espace sécurisé.', {
              id: 'activate.certified.body',
            }),
      )}
      ${this.loginLink()}`;
  }

  private errorTemplate(error: PortalError): TemplateResult {
    if (error.code === 'aborted') return this.pendingTemplate();
    // The token is all this request sends: any refusal of it, or an activation already done, spends the link.
    const link = linkProblemOf(error, { invalid: ['conflict', 'validation'] });
    if (link?.code === 'link-expired') return this.expiredTemplate(link);
    if (link) {
      return html`${this.headingTemplate(linkProblemTitle(link))}
        <p class="cibtp-note">
          ${msg('Ce lien d’activation est incomplet ou a déjà été utilisé. Si votre compte est déjà activé, connectez-vous.', {
            id: 'activate.invalid.body',
          })}
        </p>
        ${this.loginLink()}`;
    }
    return html`${this.headingTemplate(msg('L’activation n’a pas abouti', { id: 'activate.failed.title' }))}
      <p class="cibtp-note">${errorMessage(error)}</p>
      <p>${button({ variant: 'primary', label: msg('Réessayer', { id: 'common.retry' }), onClick: () => void this.activation.run() })}</p>`;
  }

  private expiredTemplate(expired: PortalError): TemplateResult {
    if (this.resent) {
      return html`${this.headingTemplate(linkProblemTitle(expired))}
        ${this.successNotice(
          'resent',
          msg('Votre demande a bien été prise en compte', { id: 'activate.sent.title' }),
          msg('Si ce lien correspond à un compte, un nouveau courriel d’activation vient d’y être envoyé. Pensez à vérifier vos courriers indésirables.', {
            id: 'activate.resent.body',
          }),
        )}`;
    }
    const pending = this.resendRequest.pending;
    return html`${this.headingTemplate(linkProblemTitle(expired))}
      <p class="cibtp-note">
        ${msg('Par sécurité, un lien d’activation n’est valable que pour une durée limitée. Vous pouvez en recevoir un nouveau par courriel.', {
          id: 'activate.expired.body',
        })}
      </p>
      ${this.resendProblem ? html`<p class="cibtp-field-error" role="alert">${errorMessage(this.resendProblem)}</p>` : ''}
      <p>
        ${button({ variant: 'primary', label: msg('Recevoir un nouveau lien', { id: 'activate.resend' }), pending, onClick: this.onResend })}
      </p>`;
  }

  private async onResend(): Promise<void> {
    const client = this.clients.value;
    const token = this.token;
    if (this.resendRequest.pending || !client || !token) return;
    this.resendProblem = undefined;
    const idempotencyKey = this.resendKeys.key([token]);
    this.status = () => msg('Envoi de votre demande…', { id: 'activate.pending' });
    const outcome = await this.resendRequest.run((signal) => resendActivation(client, { token }, { signal, idempotencyKey }));
    if (!outcome) return;
    this.status = undefined;
    this.resendKeys.settle(outcome.ok ? undefined : outcome.error);
    if (outcome.ok) {
      this.resent = true;
      await this.focusId('resent');
    } else if (outcome.error.code !== 'aborted') {
      this.resendProblem = outcome.error;
    }
  }
}
