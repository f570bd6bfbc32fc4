/** English translations of `<cibtp-phone-field>` and its certification dialog (see `./en.ts`). */
import { str } from '@lit/localize';

export const templates = {
  'phone.label.mobile': 'Mobile phone',
  'phone.label.fixed': 'Landline phone',
  'phone.hint': str`For example ${0}`,
  'phone.country.label': str`${0}: country code`,
  'phone.not-mobile': str`${0}: this is not a mobile number. Enter a mobile number`,
  'phone.landline': str`${0}: this is a landline number. Enter a mobile number`,
  'phone.not-certified': str`${0}: verify this number with the code we text you (“Verify” button)`,
  'phone.certify': 'Verify',
  'phone.certified': 'Number verified',
  'phone.certify.title': 'Verifying your mobile number',
  'phone.certify.sending': 'Sending a code by text message to',
  'phone.certify.pending': 'Sending the code…',
  'phone.certify.send-again': 'Get a new code',
  'phone.certify.checking': 'Checking the code…',
  'phone.certify.resent': str`We sent a new code to the number ending in ${0}.`,
  'phone.certify.exhausted': 'Too many incorrect codes. Ask for a new code.',
  'phone.certify.expired': 'This code can no longer be used. Ask for a new code.',
};
