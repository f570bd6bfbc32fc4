import { z } from '../zod.js';
import {
  CurrentPassword, Email, IdentifiantCibtp, IsoDateTime, LinkToken, NewPassword, OtpCode, Session, passwordSchema,
  type PasswordPolicy,
} from './common.js';
import { MAX_CODE, MAX_EMAIL, MAX_ID } from './limits.js';

// Every `.check()` chain is marked `/* @__PURE__ */`, every string and array has a maximum: see common.ts.

export { CsrfResponse } from '../csrf.js';

export const LoginRequest = z.object({ email: Email, password: CurrentPassword });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const OtpChallenge = z.object({
  id: /* @__PURE__ */ z.string().check(z.maxLength(MAX_ID)),
  channel: z.literal('sms'),
  maskedPhone: /* @__PURE__ */ z.string().check(z.maxLength(MAX_CODE)),
  expiresAt: IsoDateTime,
  resendAvailableAt: IsoDateTime,
});
export type OtpChallenge = z.infer<typeof OtpChallenge>;

/** Signed in, several tiers to choose from, or a one-time code was sent. */
export const LoginResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-in'), session: Session }),
  // Only how many: the tiers themselves are searched and paged by `searchTiers` (thousands for a firm).
  z.object({ status: z.literal('choose-tiers'), tiersCount: /* @__PURE__ */ z.int().check(z.minimum(2), z.maximum(1_000_000)) }),
  z.object({ status: z.literal('otp-required'), challenge: OtpChallenge }),
]);
export type LoginResult = z.infer<typeof LoginResult>;

/** The id of a thing the server made (challenge, tiers): sent back as it came. */
const Id = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(MAX_ID));

export const VerifyOtpRequest = z.object({ challengeId: Id, code: OtpCode });
export type VerifyOtpRequest = z.infer<typeof VerifyOtpRequest>;

export const ResendOtpRequest = z.object({ challengeId: Id });
export type ResendOtpRequest = z.infer<typeof ResendOtpRequest>;

export const SelectTiersRequest = z.object({ tiersId: Id });
export type SelectTiersRequest = z.infer<typeof SelectTiersRequest>;

export const SignedIn = z.object({ status: z.literal('signed-in'), session: Session });
export type SignedIn = z.infer<typeof SignedIn>;

export const CurrentSession = z.object({ session: z.nullable(Session) });
export type CurrentSession = z.infer<typeof CurrentSession>;

/** Answers that must not reveal whether an account exists: always the same "accepted". */
export const Accepted = z.object({ accepted: z.literal(true) });
export type Accepted = z.infer<typeof Accepted>;

export const ForgotPasswordRequest = z.object({ email: Email });
export type ForgotPasswordRequest = z.infer<typeof ForgotPasswordRequest>;

/**
 * What `resetPassword()` checks before sending: the link token, and a password within the bounds every
 * policy shares. The caisse's own policy is checked by its backend, and live by the widget with
 * `resetPasswordRequest(policy)` (the policy from `passwordPolicy()`).
 */
export const ResetPasswordRequest = z.object({ token: LinkToken, password: NewPassword });
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

/**
 * `ResetPasswordRequest` under the caisse's `policy` (`passwordSchema(policy)` for the password): what the
 * reset widget validates with, and the mock backend enforces. Build it once per policy.
 */
export function resetPasswordRequest(policy: PasswordPolicy) {
  return z.object({ token: LinkToken, password: passwordSchema(policy) });
}

export const ConfidentialCodeRequest = z.object({ identifiantCibtp: IdentifiantCibtp });
export type ConfidentialCodeRequest = z.infer<typeof ConfidentialCodeRequest>;

export const LinkTokenRequest = z.object({ token: LinkToken });
export type LinkTokenRequest = z.infer<typeof LinkTokenRequest>;

export const ActivationResult = z.object({
  purpose: z.enum(['activation', 'certification']),
  email: /* @__PURE__ */ z.string().check(z.maxLength(MAX_EMAIL)),
});
export type ActivationResult = z.infer<typeof ActivationResult>;

/** A new activation link: from the expired link itself (no retyping), or from an email address. */
export const ResendActivationRequest = z.union([z.object({ token: LinkToken }), z.object({ email: Email })]);
export type ResendActivationRequest = z.infer<typeof ResendActivationRequest>;

export const RenewCertificationRequest = z.object({ email: Email });
export type RenewCertificationRequest = z.infer<typeof RenewCertificationRequest>;
