import { localized } from '@lit/localize';
import { msg } from '../shared/localization.js';
import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { resetPassword } from '../../sdk/auth/index.js';
import { PortalError } from '../../sdk/errors.js';
import { DEFAULT_PASSWORD_POLICY, evaluatePassword, type PasswordPolicy } from '../../sdk/rules/password.js';
import { ResetPasswordRequest } from '../../sdk/schemas/auth.js';
import { fieldErrors } from '../../sdk/validate.js';
import { CibtpElement } from '../shared/base-element.js';
import { emit } from '../shared/events.js';
import {
  button, formActions, formShell, passwordField, requiredNote, summaryItems, type PasswordFieldOptions,
} from '../shared/fields.js';
import { readLinkToken } from '../shared/link-token.js';
import { errorMessage, fieldMessage, type FieldMessages, type FieldProblem, type Message } from '../shared/messages.js';
import { ensureDefined } from '../shared/lazy.js';
import { RequestController, RetryKeys } from '../shared/request-controller.js';
import type { CibtpForgotPassword } from '../forgot-password/forgot-password.component.js';
import { resetPasswordStyles } from './reset-password.styles.js';

type Step = 'form' | 'done' | 'link-problem' | 'forgot';
type Field = 'password' | 'confirmation';
const FIELDS: readonly Field[] = ['password', 'confirmation'];

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
 * @csspart heading - (`data-part="heading"`) The heading of the current step.
 * @csspart form - (`data-part="form"`) The `<form>`.
 * @csspart field - (`data-part="field"`) A label + hint + error + input group.
 * @csspart password-toggle - (`data-part="password-toggle"`) The show/hide password buttons.
 * @csspart password-rules - (`data-part="password-rules"`) The live checklist of the password policy.
 * @csspart error-summary - (`data-part="error-summary"`) The box listing the problems after a failed submission.
 * @csspart notice - (`data-part="notice"`) The success box.
 * @csspart status - (`data-part="status"`) The visually hidden live region.
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

  /** The caisse's password policy, shown as a checklist (the server enforces its own). */
  @property({ attribute: false }) policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY;

  @state() private step: Step = 'form';
  /** Messages, not words: written at render time, they follow a locale switch. */
  @state() private problems: FieldMessages<Field> = {};
  @state() private problem: PortalError | undefined;
  @state() private passwordVisible = false;
  @state() private confirmationVisible = false;
  @state() private password = '';

  private confirmation = '';
  private validateLive = false;
  private readonly request = new RequestController(this);
  private readonly keys = new RetryKeys();

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.token) this.token = readLinkToken('reset-password')?.token;
  }

  private label(field: Field): string {
    return field === 'password'
      ? msg('Nouveau mot de passe', { id: 'reset.password.label' })
      : msg('Confirmation du nouveau mot de passe', { id: 'reset.confirmation.label' });
  }

  private problemFor(field: Field, problem: FieldProblem): Message {
    return () => fieldMessage(this.label(field), problem);
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
    const pending = this.request.pending;
    return html`${this.headingTemplate(msg('Choisissez un nouveau mot de passe', { id: 'reset.title' }))}
      ${this.summaryTemplate({
        items: summaryItems(FIELDS, this.problems, (f) => this.fid(f)),
        message: this.problem ? errorMessage(this.problem) : undefined,
      })}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: pending,
        onSubmit: this.onSubmit,
        body: html`${requiredNote()}
          ${passwordField({
            ...this.newPasswordField('password', 'new-password', this.password, this.passwordVisible),
            onToggle: () => (this.passwordVisible = !this.passwordVisible),
            evaluation: evaluatePassword(this.password, this.policy),
            policy: this.policy,
            onInput: (e) => {
              this.password = (e.target as HTMLInputElement).value;
              if (this.validateLive) this.problems = this.validate();
            },
          })}
          ${passwordField({
            ...this.newPasswordField('confirmation', 'confirm-password', this.confirmation, this.confirmationVisible),
            onToggle: () => (this.confirmationVisible = !this.confirmationVisible),
            onInput: (e) => {
              this.confirmation = (e.target as HTMLInputElement).value;
              if (this.validateLive) this.problems = this.validate();
            },
          })}
          ${formActions({ submit: msg('Valider', { id: 'common.validate' }), pending })}`,
      })}`;
  }

  /** What the password and its confirmation have in common: a required `new-password` input. */
  private newPasswordField(
    field: Field,
    name: string,
    value: string,
    visible: boolean,
  ): Omit<PasswordFieldOptions, 'onToggle'> {
    return {
      id: this.fid(field),
      name,
      autocomplete: 'new-password',
      label: this.label(field),
      required: true,
      error: this.problems[field]?.(),
      value,
      visible,
    };
  }

  private doneTemplate(): TemplateResult {
    return html`${this.headingTemplate(msg('Votre mot de passe a été modifié', { id: 'reset.done.title' }))}
      ${this.successNotice(
        'done',
        msg('Modification enregistrée', { id: 'reset.done.notice' }),
        msg('Vous pouvez maintenant vous connecter à votre espace sécurisé avec votre nouveau mot de passe.', { id: 'reset.done.body' }),
      )}
      ${this.signInButton()}`;
  }

  private linkProblemTemplate(): TemplateResult {
    const expired = this.problem?.code === 'link-expired';
    return html`${this.headingTemplate(
        expired
          ? msg('Ce lien a expiré', { id: 'link.expired.title' })
          : msg("Ce lien n'est pas valide", { id: 'link.invalid.title' }),
      )}
      <p class="cibtp-note">
        ${expired
          ? msg("Par sécurité, un lien de réinitialisation du mot de passe n'est valable que pour une durée limitée.", { id: 'reset.link.expired.body' })
          : msg("Ce lien de réinitialisation est incomplet ou a déjà été utilisé. Vérifiez que vous avez ouvert le dernier lien reçu, en entier.", { id: 'reset.link.invalid.body' })}
      </p>
      <p>${button({ variant: 'primary', label: msg('Demander un nouveau lien', { id: 'reset.link.new' }), onClick: this.onNewLink })}</p>`;
  }

  private validate(): FieldMessages<Field> {
    const found = fieldErrors(ResetPasswordRequest, { token: this.token ?? '', password: this.password });
    const problems: FieldMessages<Field> = {};
    if (found['password']) problems.password = this.problemFor('password', found['password']);
    if (!this.confirmation) problems.confirmation = this.problemFor('confirmation', 'required');
    else if (this.confirmation !== this.password) problems.confirmation = this.problemFor('confirmation', 'mismatch');
    return problems;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.request.pending) return;
    const form = event.currentTarget as HTMLFormElement;
    this.password = (form.elements.namedItem('new-password') as HTMLInputElement).value;
    this.confirmation = (form.elements.namedItem('confirm-password') as HTMLInputElement).value;
    this.problem = undefined;
    this.problems = this.validate();
    if (Object.keys(this.problems).length) {
      this.validateLive = true;
      await this.focusId('summary');
      return;
    }
    const client = this.clients.value;
    const token = this.token;
    if (!client || !token) {
      this.problem = client ? new PortalError('link-invalid') : this.clients.missing();
      await this.focusId('summary');
      return;
    }
    const input = { token, password: this.password };
    const idempotencyKey = this.keys.key([token, this.password]);
    this.status = () => msg('Enregistrement du nouveau mot de passe…', { id: 'reset.pending' });
    const outcome = await this.request.run((signal) => resetPassword(client, input, { signal, idempotencyKey }));
    if (!outcome) return;
    this.status = undefined;
    this.keys.settle(outcome.ok ? undefined : outcome.error);
    if (outcome.ok) {
      this.password = '';
      this.confirmation = '';
      this.step = 'done';
      this.status = () => msg('Votre mot de passe a été modifié.', { id: 'reset.done.status' });
      emit(this, 'cibtp-password-reset', {});
      await this.focusId('heading');
      return;
    }
    const error = outcome.error;
    if (error.code === 'aborted') return;
    if (error.code === 'link-expired' || error.code === 'link-invalid' || error.code === 'not-found') {
      this.problem = error.code === 'not-found' ? new PortalError('link-invalid') : error;
      this.step = 'link-problem';
      await this.focusId('heading');
      return;
    }
    if (error.code === 'validation' && error.fields['password']) {
      this.problems = { password: this.problemFor('password', error.fields['password']) };
    } else if (error.code === 'validation' && error.fields['token']) {
      this.problem = new PortalError('link-invalid');
      this.step = 'link-problem';
      await this.focusId('heading');
      return;
    } else {
      this.problem = error;
    }
    await this.focusId('summary');
  }

  private async onNewLink(): Promise<void> {
    if (!emit(this, 'cibtp-navigate', { to: 'forgot-password' })) return;
    // Fetched when asked for, like the login's inline flow.
    try {
      await ensureDefined('cibtp-forgot-password', () => import('../forgot-password/forgot-password.js'));
    } catch (error) {
      this.problem = error as PortalError;
      await this.focusId('summary');
      return;
    }
    this.step = 'forgot';
    await this.updateComplete;
    const inner = this.querySelector<CibtpForgotPassword>('cibtp-forgot-password');
    await inner?.updateComplete;
    await inner?.focusHeading();
  }
}
