import { z } from '../zod.js';
import { LinkToken, NewPassword, passwordSchema, type PasswordPolicy } from './common.js';
import { MAX_EMAIL, MAX_NAME } from './limits.js';
import { FixedNumber, MobileNumber } from './phone.js';
import { PersonName } from './signup.js';

// The accounting firm's side of a delegation (flow 9): apart from `rights.ts`, so that the rights pages
// do not carry the phone rules the completion form needs.
// Every `.check()` chain is marked `/* @__PURE__ */`, every string and array has a maximum: see common.ts.

/** What the firm's link opens: who delegates, to which address (shown read-only). */
export const Invitation = z.object({
  email: /* @__PURE__ */ z.string().check(z.maxLength(MAX_EMAIL)),
  company: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
  cabinet: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
});
export type Invitation = z.infer<typeof Invitation>;

const completion = {
  token: LinkToken,
  lastName: PersonName,
  firstName: PersonName,
  fixedPhone: z.optional(FixedNumber),
  mobilePhone: z.optional(MobileNumber),
  /** A mobile certified by SMS (`verifyPhoneCode`'s certificate). */
  mobileCertificate: z.optional(/* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(256))),
};

/**
 * The firm completes its account from the link (password and its confirmation — the confirmation is
 * the widget's check —, nom, prénom, phones). The widget checks the caisse's policy live with
 * `completeAccountRequest(policy)`.
 */
export const CompleteAccountRequest = z.object({ ...completion, password: NewPassword });
export type CompleteAccountRequest = z.infer<typeof CompleteAccountRequest>;

export function completeAccountRequest(policy: PasswordPolicy) {
  return z.object({ ...completion, password: passwordSchema(policy) });
}

/** The account is complete; a confirmation request went to the member's administrator. */
export const AccountCompleted = z.object({ status: z.literal('confirmation-requested') });
export type AccountCompleted = z.infer<typeof AccountCompleted>;

