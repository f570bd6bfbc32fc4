/**
 * The wording of the phone field codes (an open set, see `FieldErrorCode`), for a host form's field
 * definition: `{ name: 'mobilePhone', label, messages: phoneFieldMessages }`. Imports no element and
 * no phone rules: a wizard may use it before `<cibtp-phone-field>` is loaded.
 */
import type { FormField } from '../shared/form-controller.js';
import { msg, str } from '../shared/localization.js';

export const phoneFieldMessages: NonNullable<FormField['messages']> = {
  /** A valid number that is not a mobile (a landline, a toll-free number) in a mobile field. */
  'not-mobile': (label) =>
    msg(str`${label}\u00a0: ce numéro n’est pas un numéro de mobile, saisissez un numéro de mobile`, { id: 'phone.not-mobile' }),
  /** A mobile that must be certified by the code received by SMS, and is not. */
  'not-certified': (label) =>
    msg(str`${label}\u00a0: certifiez ce numéro avec le code reçu par SMS (bouton «\u00a0Certifier\u00a0»)`, { id: 'phone.not-certified' }),
};

/** A landline in a mobile field, as the field itself sees it (it knows the number's type). */
export function landlineMessage(label: string): string {
  return msg(str`${label}\u00a0: ce numéro est un fixe, saisissez un numéro de mobile`, { id: 'phone.landline' });
}
