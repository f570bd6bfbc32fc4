/**
 * The account fields that `<cibtp-signup>` (step 2) and `<cibtp-complete-account>` ask alike: the new
 * password and its confirmation under the caisse's policy, the holder's nom and prénom, and the fixed
 * and mobile phones, the mobile certifiable by SMS. Their field definitions go into the widget's
 * `createForm({ fields })`; `AccountFields` renders `<cibtp-password-field>` and `<cibtp-phone-field>`
 * bound to that `FormController`, and reads the mobile's certificate for the request.
 *
 * Neither element nor the phone rules are imported here (types only): the widget loads the elements with
 * the step that shows them (`ensureDefined`), so that a page without that step stays light.
 */
import { html, type TemplateResult } from 'lit';
import type { PortalCore } from '../../sdk/core.js';
import type { PasswordPolicy } from '../../sdk/rules/password.js';
import type { CibtpPhoneField } from '../phone-field/phone-field.component.js';
import { phoneFieldMessages } from '../phone-field/phone-messages.js';
import type { FormController, FormField } from './form-controller.js';
import { msg } from './localization.js';
import type { FieldProblem } from './messages.js';

/** The two phones of an account, by request name (also the fields' `name` and instance id). */
export type PhoneName = 'fixedPhone' | 'mobilePhone';

/** The new password and its confirmation (input `password-confirmation`, the password field's own name for it). */
export function passwordFields(): FormField[] {
  return [
    { name: 'password', label: () => msg('Mot de passe', { id: 'signup.password.label' }) },
    {
      name: 'passwordConfirmation',
      input: 'password-confirmation',
      label: () => msg('Confirmation du mot de passe', { id: 'signup.password-confirmation.label' }),
    },
  ];
}

/** The account holder's nom and prénom. */
export function holderFields(): FormField[] {
  return [
    { name: 'lastName', label: () => msg('Nom', { id: 'signup.last-name.label' }) },
    { name: 'firstName', label: () => msg('Prénom', { id: 'signup.first-name.label' }) },
  ];
}

/** A phone: optional unless `required` (a blank optional one is left out of the request). */
export function phoneFormField(name: PhoneName, o: { required?: boolean } = {}): FormField {
  const label = name === 'mobilePhone'
    ? () => msg('Téléphone mobile', { id: 'signup.mobile-phone.label' })
    : () => msg('Téléphone fixe', { id: 'signup.fixed-phone.label' });
  return { name, label, optional: !o.required, messages: phoneFieldMessages };
}

/**
 * What a confirmation owes (typed twice, the same), for a form's `check`: the widget's own check, the
 * confirmation is not sent. `trim` compares without the spaces around (an address, which the schema trims).
 */
export function confirmations(
  values: Record<string, unknown>,
  pairs: ReadonlyArray<readonly [field: string, confirmation: string]>,
  o: { trim?: boolean } = {},
): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  const comparable = (value: unknown) => (o.trim ? String(value ?? '').trim() : String(value ?? ''));
  for (const [field, confirmation] of pairs) {
    if (!String(values[confirmation] ?? '')) problems[confirmation] = 'required';
    else if (comparable(values[confirmation]) !== comparable(values[field])) problems[confirmation] = 'mismatch';
  }
  return problems;
}

export interface AccountFieldsOptions {
  /** The instance id of `name` (`CibtpElement.fid`). */
  id: (name: string) => string;
  /** The widget's client (the policy checklist's and the SMS certification's). */
  client: () => PortalCore | undefined;
  /** The caisse's password policy, as the widget knows it now. */
  policy: () => PasswordPolicy;
  /**
   * Keeps the mobile last certified, and sends its certificate whenever that very number is typed
   * again, even once the field has dropped it (a wizard whose steps come and go).
   */
  remember?: boolean;
}

/** The password and phone elements of an account, on a widget's `FormController`. */
export class AccountFields {
  private certified: { phone: string; certificate: string } | undefined;

  constructor(
    private readonly host: HTMLElement,
    private readonly options: AccountFieldsOptions,
  ) {}

  /**
   * The two inputs of `<cibtp-password-field confirm>` on `form` (fields `password` and
   * `passwordConfirmation`): the form reads them at submit time; their native `input` and `focusout`
   * keep its values and its live re-validation (the toggles' `focusout` is not an input's: left out).
   */
  password(form: FormController): TemplateResult {
    const { id, client, policy } = this.options;
    const fieldOf = (target: EventTarget | null): string | undefined => {
      const name = target instanceof HTMLInputElement ? target.name : '';
      return name === 'password' ? 'password' : name === 'password-confirmation' ? 'passwordConfirmation' : undefined;
    };
    return html`<cibtp-password-field
      confirm
      required
      name="password"
      field-id=${id('password')}
      confirm-id=${id('passwordConfirmation')}
      .client=${client()}
      .policy=${policy()}
      .value=${form.values['password'] ?? ''}
      .confirmValue=${form.values['passwordConfirmation'] ?? ''}
      .error=${form.error('password')}
      .confirmError=${form.error('passwordConfirmation')}
      @input=${(e: Event) => {
        const name = fieldOf(e.target);
        if (name) form.input(name, (e.target as HTMLInputElement).value);
      }}
      @focusout=${(e: Event) => {
        const name = fieldOf(e.target);
        if (name) form.leave(name);
      }}
    ></cibtp-password-field>`;
  }

  /**
   * A `<cibtp-phone-field>` on `form`: its hidden input (the number in E.164 once it parses, else as
   * typed) is what the form reads and validates; the mobile can be certified by SMS.
   */
  phone(form: FormController, name: PhoneName, o: { required?: boolean } = {}): TemplateResult {
    const { id, client } = this.options;
    const mobile = name === 'mobilePhone';
    // The field writes the number into its hidden input as it renders.
    const read = async (e: Event) => {
      const el = e.currentTarget as CibtpPhoneField;
      await el.updateComplete;
      const hidden = el.querySelector<HTMLInputElement>(`input[type="hidden"][name="${name}"]`);
      form.input(name, hidden?.value ?? el.value);
    };
    return html`<cibtp-phone-field
      name=${name}
      kind=${mobile ? 'mobile' : 'fixed'}
      field-id=${id(name)}
      ?certify=${mobile}
      ?required=${o.required ?? false}
      .client=${client()}
      .error=${form.error(name)}
      @input=${read}
      @change=${read}
      @focusout=${(e: FocusEvent) => {
        // Within the field (to its « Certifier » button): not left yet. A message shown now would push
        // the button down under the pointer, and the click on it would be lost.
        if (!(e.currentTarget as Element).contains(e.relatedTarget as Node | null)) form.leave(name);
      }}
      @cibtp-phone-certified=${(e: CustomEvent<{ phone: string; certificate: string }>) => {
        if (this.options.remember) this.certified = { phone: e.detail.phone, certificate: e.detail.certificate };
        form.input(name, e.detail.phone);
      }}
    ></cibtp-phone-field>`;
  }

  /** The certificate of the number now typed in `name`, if that very number was certified (else none is sent). */
  certificate(form: FormController, name: PhoneName): string | undefined {
    const el = this.host.querySelector<CibtpPhoneField>(`cibtp-phone-field[name="${name}"]`);
    if (el?.certified && el.certificate) return el.certificate;
    const phone = form.values[name];
    return this.certified && phone && this.certified.phone === phone ? this.certified.certificate : undefined;
  }

  /** Forgets the certified mobile kept by `remember` (the wizard is abandoned). */
  forget(): void {
    this.certified = undefined;
  }
}
