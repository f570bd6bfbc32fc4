import { html, nothing, type TemplateResult } from 'lit';
import type { PortalError } from '../../sdk/errors.js';
import type { OtpChallenge } from '../../sdk/schemas/auth.js';
import { button, formActions, formShell, requiredNote, textField, type ButtonOptions, type FieldOptions } from './fields.js';
import type { FormController } from './form-controller.js';
import { msg, str } from './localization.js';
import { errorMessage, formatDuration, formatTime } from './messages.js';

/** The form field of a one-time code: its name in requests and in messages. */
export const codeField = () => ({
  name: 'code',
  label: () => msg('Code reçu par SMS', { id: 'login.otp.code.label' }),
  example: '123456',
});

export interface CodeStepOptions {
  /** The step's form (one field, `codeField()`), on the shared pipeline. */
  form: FormController;
  /** Instance ids of the widget. */
  id: (name: string) => string;
  challenge: OtpChallenge;
  /** Seconds until the code may be sent again (the widget's clock). */
  resendIn: number;
  /** The submit is held (a rate limit is counting down). */
  blocked: boolean;
  onSubmit: (event: SubmitEvent) => void;
  resend: { pending: boolean; problem?: PortalError | undefined; onClick: () => void };
  /** A way out of the step (« Retour à la connexion », « Annuler »). */
  leave?: ButtonOptions;
  /**
   * The id of a `<form>` elsewhere in the same tree that the code input and the submit button belong
   * to (their `form` attribute), for a step shown where a `<form>` of its own would be nested in
   * another one (phone certification inside a signup wizard's form, or a caisse's): HTML forbids
   * nested forms, and an input inside the outer form would be sent and validated with it. The step
   * is then a `role="group"`; Enter in the input submits that form, whose `submit` the widget handles.
   */
  formId?: string;
}

/**
 * The step that asks for a one-time code sent by SMS: where it went (the number's last digits, for a
 * screen reader), one `<input autocomplete="one-time-code" inputmode="numeric">` that accepts paste and
 * autofill (WCAG 3.3.8), its expiry, and « Renvoyer le code » with its cooldown. The login's code step;
 * phone certification shows the same.
 */
export function codeStep(o: CodeStepOptions): TemplateResult {
  const { form, challenge } = o;
  const lastDigits = challenge.maskedPhone.replace(/\D/g, '').slice(-2);
  const expiry = formatTime(new Date(challenge.expiresAt));
  const sentId = o.id('otp-sent');
  const code: FieldOptions = {
    ...form.bind('code'),
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    hint: msg(str`6 chiffres. Ce code est valable jusqu’à ${expiry}.`, { id: 'login.otp.code.hint' }),
    describedBy: [sentId],
    required: true,
    identifier: true,
  };
  const submit = msg('Valider', { id: 'common.validate' });
  const secondary: ButtonOptions = {
    label:
      o.resendIn > 0
        ? msg(str`Renvoyer le code (possible dans ${formatDuration(o.resendIn)})`, { id: 'login.otp.resend.wait' })
        : msg('Renvoyer le code', { id: 'login.otp.resend' }),
    disabled: o.resendIn > 0 || o.resend.pending,
    onClick: o.resend.onClick,
  };
  const body = (field: TemplateResult, actions: TemplateResult) => html`<p class="cibtp-lead" id=${sentId}>
        ${msg('Un code a été envoyé au', { id: 'login.otp.sent-to' })}
        <bdi aria-hidden="true">${challenge.maskedPhone}</bdi><span class="cibtp-visually-hidden"
          >${msg(str`numéro se terminant par ${lastDigits}`, { id: 'login.otp.sent-to.sr' })}</span
        >.
      </p>
      ${requiredNote()} ${field} ${actions}
      ${o.resend.problem ? html`<p class="cibtp-field-error" role="alert">${errorMessage(o.resend.problem)}</p>` : nothing}
      ${o.leave ? html`<p>${button({ variant: 'link', ...o.leave })}</p>` : nothing}`;
  return formShell({
    labelledBy: o.id('heading'),
    busy: form.pending,
    onSubmit: o.onSubmit,
    owner: o.formId,
    body: body(textField({ ...code, form: o.formId }), formActions({ submit, pending: form.pending || o.blocked, secondary, form: o.formId })),
  });
}
