import { localized } from '@lit/localize';
import { msg } from '../shared/localization.js';
import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { passwordPolicy, resetPassword } from '../../sdk/auth/index.js';
import type { PortalError } from '../../sdk/errors.js';
import { DEFAULT_PASSWORD_POLICY, evaluatePassword, type PasswordPolicy } from '../../sdk/rules/password.js';
import { ResetPasswordRequest, resetPasswordRequest } from '../../sdk/schemas/auth.js';
import { CibtpElement } from '../shared/base-element.js';
import { emit } from '../shared/events.js';
import { button, formActions, formShell, passwordField, requiredNote } from '../shared/fields.js';
import { linkProblemOf, linkProblemTitle } from '../shared/link-problem.js';
import { readLinkToken } from '../shared/link-token.js';
import { ensureDefined } from '../shared/lazy.js';
import { RequestController } from '../shared/request-controller.js';
import type { FieldProblem } from '../shared/messages.js';
import type { CibtpForgotPassword } from '../forgot-password/forgot-password.component.js';
import { resetPasswordStyles } from './reset-password.styles.js';

type Step = 'form' | 'done' | 'link-problem' | 'forgot';

/**
 * Choosing a new password from the link received by email (`#action=reset-password&token=…`): new
 * password and confirmation, with the caisse policy shown as a live checklist. Success says
 * « Votre mot de passe a été modifié » and offers to go to the login: there is no automatic sign-in
 * after a reset (ASVS 7.4.3). An expired or invalid link says so and offers to ask for a new one
 * (the forgotten-password flow, inline unless the host handles `cibtp-navigate`).
 *
 * Without a `token`, the widget reads it once from the address bar and removes it from there
 * (`readLinkToken('reset-password')`).
 *
 * Rendering is in the light DOM, like every widget of the kit (see `<cibtp-login>`): the password inputs
 * are native `<input autocomplete="new-password">` in a native `<form>`. Only the frame is in the shadow
 * root (`cibtp-reset-password::part(card)`); the other parts are `data-part` attributes, because the
 * form must stay in the light DOM.
 *
 * @summary New password from a reset link.
 *
 * @fires cibtp-password-reset - `CustomEvent<{}>`: the password was changed.
 * @fires cibtp-navigate - `CustomEvent<{ to: 'login' | 'forgot-password' }>`, cancelable: « Se connecter » after
 *   success; « Demander un nouveau lien » (shown inline when not prevented).
 * @fires cibtp-recovery-requested - `CustomEvent<{ channel: 'email' | 'letter' }>`: from the inline forgotten-password flow.
 *
 * @csspart card - The frame around the widget (a real part: `cibtp-reset-password::part(card)`).
 * @datapart heading - The heading of the current step.
 * @datapart form - The `<form>`.
 * @datapart required-note - The note that explains the required-field marker (*).
 * @datapart field - A label + hint + error + input group.
 * @datapart password-toggle - The show/hide password buttons.
 * @datapart password-rules - The live checklist of the password policy.
 * @datapart submit - The submit button of the form.
 * @datapart error-summary - The box listing the problems after a failed submission.
 * @datapart notice - The success box.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - Hints, notes and the checklist.
 * @cssproperty --cibtp-color-background - Background of the card, inputs and boxes.
 * @cssproperty --cibtp-color-border - Borders of the card and inputs.
 * @cssproperty --cibtp-color-primary - Buttons and links.
 * @cssproperty --cibtp-color-primary-hover - Primary button on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - Errors, the required marker and the error summary.
 * @cssproperty --cibtp-color-success - Success box and met password rules.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit.
 * @cssproperty --cibtp-max-width - Widest the widget grows.
 * @cssproperty --cibtp-control-height - Height of inputs and buttons.
 *
 * @example
 * ```html
 * <cibtp-reset-password base-url="/api/"></cibtp-reset-password>
 * ```
 */
@localized()
export class CibtpResetPassword extends CibtpElement {
  static override styles = resetPasswordStyles;

  /** The token of the reset link; read from `#action=reset-password&token=…` when not set. */
  @property() token?: string | undefined;

  /**
   * The caisse's password policy: served by its backend (`passwordPolicy()`, fetched when the widget
   * connects) unless the page sets one. The checklist and the live validation both read this value;
   * until the served one arrives, the common bounds apply and the server has the last word.
   */
  @property({ attribute: false }) policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY;

  /** Whether `policy` is the caisse's (served, or set by the page), not the default. */
  private get policyKnown(): boolean {
    return this.policy !== DEFAULT_PASSWORD_POLICY;
  }
  /** The schema built from `policy`, rebuilt when it changes. */
  private policySchema: { policy: PasswordPolicy; schema: ReturnType<typeof resetPasswordRequest> } | undefined;
  private readonly policyRequest = new RequestController(this);
  private policyLoading: Promise<void> | undefined;

  /**
   * The account's email, when the host page knows it: it fills the hidden `username` field, so that a
   * password manager files the new password under the right account.
   */
  @property() email = '';

  @state() private step: Step = 'form';
  @state() private passwordVisible = false;
  @state() private confirmationVisible = false;

  private readonly form = this.createForm({
    fields: [
      { name: 'password', input: 'new-password', label: () => msg('Nouveau mot de passe', { id: 'reset.password.label' }) },
      { name: 'confirmation', input: 'confirm-password', label: () => msg('Confirmation du nouveau mot de passe', { id: 'reset.confirmation.label' }) },
    ],
    schema: () => this.schema(),
    extra: () => ({ token: this.token ?? '' }),
    check: ({ password, confirmation }): Record<string, FieldProblem> =>
      !confirmation ? { confirmation: 'required' } : confirmation !== password ? { confirmation: 'mismatch' } : {},
  });

  /** Why the link cannot be used (expired, invalid). */
  @state() private linkProblem: PortalError | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.token) this.token = readLinkToken('reset-password')?.token;
    this.policyLoading = this.loadPolicy();
  }

  /** The request schema under the current policy (the served one once known). */
  private schema(): ReturnType<typeof resetPasswordRequest> | typeof ResetPasswordRequest {
    if (!this.policyKnown) return ResetPasswordRequest;
    if (this.policySchema?.policy !== this.policy) this.policySchema = { policy: this.policy, schema: resetPasswordRequest(this.policy) };
    return this.policySchema.schema;
  }

  /** Asks the backend for the caisse's policy once; on failure the checklist keeps the default. */
  private async loadPolicy(): Promise<void> {
    const client = this.clients.value;
    if (this.policyKnown || !this.token || !client) return;
    const outcome = await this.policyRequest.run((signal) => passwordPolicy(client, { signal }));
    if (outcome?.ok) this.policy = outcome.value;
  }

  protected override stepTemplate(): TemplateResult {
    switch (this.step) {
      case 'done':
        return this.doneTemplate();
      case 'link-problem':
        return this.linkProblemTemplate();
      case 'forgot':
        return html`<cibtp-forgot-password
          .client=${this.clients.value}
          situation="email"
          heading-level=${this.headingLevel}
          embedded
        ></cibtp-forgot-password>`;
      default:
        return this.token ? this.formTemplate() : this.linkProblemTemplate();
    }
  }

  private formTemplate(): TemplateResult {
    const form = this.form;
    const password = form.values['password'] ?? '';
    return html`${this.headingTemplate(msg('Choisissez un nouveau mot de passe', { id: 'reset.title' }))}
      ${form.summary()}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: form.pending,
        onSubmit: this.onSubmit,
        body: html`${requiredNote()}
          <input type="text" name="username" autocomplete="username" .value=${this.email} hidden />
          ${passwordField({
            ...form.bind('password'),
            autocomplete: 'new-password',
            required: true,
            visible: this.passwordVisible,
            onToggle: () => (this.passwordVisible = !this.passwordVisible),
            evaluation: evaluatePassword(password, this.policy),
            policy: this.policy,
          })}
          ${passwordField({
            ...form.bind('confirmation'),
            autocomplete: 'new-password',
            required: true,
            visible: this.confirmationVisible,
            onToggle: () => (this.confirmationVisible = !this.confirmationVisible),
          })}
          ${formActions({ submit: msg('Valider', { id: 'common.validate' }), pending: form.pending })}`,
      })}`;
  }

  private doneTemplate(): TemplateResult {
    return html`${this.headingTemplate(msg('Votre mot de passe a été modifié', { id: 'reset.done.title' }))}
      ${this.successNotice(
        'done',
        msg('Modification enregistrée', { id: 'reset.done.notice' }),
        msg('Vous pouvez maintenant vous connecter à votre espace sécurisé avec votre nouveau mot de passe.', { id: 'reset.done.body' }),
      )}
      ${this.loginLink()}`;
  }

  private linkProblemTemplate(): TemplateResult {
    return html`${this.headingTemplate(linkProblemTitle(this.linkProblem))}
      <p class="cibtp-note">
        ${this.linkProblem?.code === 'link-expired'
          ? msg('Par sécurité, un lien de réinitialisation du mot de passe n’est valable que pour une durée limitée.', { id: 'reset.link.expired.body' })
          : msg("Ce lien de réinitialisation est incomplet ou a déjà été utilisé. Vérifiez que vous avez ouvert le dernier lien reçu, en entier.", { id: 'reset.link.invalid.body' })}
      </p>
      <p>${button({ variant: 'primary', label: msg('Demander un nouveau lien', { id: 'reset.link.new' }), onClick: this.onNewLink })}</p>`;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    // The caisse's policy decides what is refused here: wait for it if it is on its way.
    await this.policyLoading;
    const outcome = await this.form.submit(form, {
      pending: () => msg('Enregistrement du nouveau mot de passe…', { id: 'reset.pending' }),
      send: (client, { token, password }, call) => resetPassword(client, { token, password }, call),
      // A link that is missing, malformed, expired or already used: nothing to correct in the form.
      onError: async (error) => {
        const link = linkProblemOf(error);
        if (!link) return false;
        this.linkProblem = link;
        this.step = 'link-problem';
        await this.focusId('heading');
        return true;
      },
    });
    if (!outcome?.ok) return;
    // The server has the new password: nothing here needs it any more.
    this.form.values = {};
    this.step = 'done';
    this.status = () => msg('Votre mot de passe a été modifié.', { id: 'reset.done.status' });
    emit(this, 'cibtp-password-reset', {});
    await this.focusId('heading');
  }

  private async onNewLink(): Promise<void> {
    if (!emit(this, 'cibtp-navigate', { to: 'forgot-password' })) return;
    // Fetched when asked for, like the login's inline flow.
    try {
      await ensureDefined('cibtp-forgot-password', () => import('../forgot-password/forgot-password.js'));
    } catch (error) {
      await this.form.fail(error as PortalError);
      return;
    }
    this.step = 'forgot';
    await this.updateComplete;
    const inner = this.querySelector<CibtpForgotPassword>('cibtp-forgot-password');
    await inner?.updateComplete;
    await inner?.focusHeading();
  }
}
