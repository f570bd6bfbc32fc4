/**
 * The `auth` domain: sign-in, one-time codes, tiers choice, session, forgotten password, confidential
 * code, account activation and email certification. Each definition is its own constant and each
 * function only calls `client.invoke()`, so a page carries the schemas of the functions it imports only.
 */
import type { CallOptions, PortalCore } from '../core.js';
import { defineOperation, type InputOf, type OutputOf } from '../definition.js';
import {
  Accepted, ActivationResult, ConfidentialCodeRequest, CurrentSession, ForgotPasswordRequest, LinkTokenRequest,
  LoginRequest, LoginResult, OtpChallenge, RenewCertificationRequest, ResendActivationRequest, ResendOtpRequest,
  ResetPasswordRequest, SelectTiersRequest, SignedIn, VerifyOtpRequest,
} from '../schemas/auth.js';
import { PasswordPolicy } from '../schemas/common.js';

export const loginDef = defineOperation({
  method: 'POST', path: 'auth/login', request: LoginRequest, response: LoginResult, retry: false, session: 'result',
});
export const verifyOtpDef = defineOperation({
  method: 'POST', path: 'auth/otp/verify', request: VerifyOtpRequest, response: LoginResult, retry: false, session: 'result',
});
export const resendOtpDef = defineOperation({
  method: 'POST', path: 'auth/otp/resend', request: ResendOtpRequest, response: OtpChallenge, retry: false,
});
export const selectTiersDef = defineOperation({
  method: 'POST', path: 'auth/tiers', request: SelectTiersRequest, response: SignedIn, retry: false, session: 'result',
});
export const logoutDef = defineOperation({
  method: 'POST', path: 'auth/logout', request: undefined, response: undefined, retry: false, session: 'end',
});
export const currentSessionDef = defineOperation({
  method: 'GET', path: 'auth/session', request: undefined, response: CurrentSession, retry: true, session: 'current',
});
export const forgotPasswordDef = defineOperation({
  method: 'POST', path: 'password/forgot', request: ForgotPasswordRequest, response: Accepted, retry: false,
});
export const passwordPolicyDef = defineOperation({
  method: 'GET', path: 'password/policy', request: undefined, response: PasswordPolicy, retry: true,
});
export const resetPasswordDef = defineOperation({
  method: 'POST', path: 'password/reset', request: ResetPasswordRequest, response: undefined, retry: false,
});
export const requestConfidentialCodeDef = defineOperation({
  method: 'POST', path: 'confidential-code/request', request: ConfidentialCodeRequest, response: Accepted, retry: false,
});
export const activateAccountDef = defineOperation({
  method: 'POST', path: 'account/activate', request: LinkTokenRequest, response: ActivationResult, retry: false,
});
export const resendActivationDef = defineOperation({
  method: 'POST', path: 'account/activation/resend', request: ResendActivationRequest, response: Accepted, retry: false,
});
export const renewCertificationDef = defineOperation({
  method: 'POST', path: 'account/certification/renew', request: RenewCertificationRequest, response: Accepted, retry: false,
});

/** Every operation of the domain, by name: for `sdk/operations.ts` only (a page importing it carries them all). */
export const authOperations = {
  login: loginDef,
  verifyOtp: verifyOtpDef,
  resendOtp: resendOtpDef,
  selectTiers: selectTiersDef,
  logout: logoutDef,
  currentSession: currentSessionDef,
  forgotPassword: forgotPasswordDef,
  passwordPolicy: passwordPolicyDef,
  resetPassword: resetPasswordDef,
  requestConfidentialCode: requestConfidentialCodeDef,
  activateAccount: activateAccountDef,
  resendActivation: resendActivationDef,
  renewCertification: renewCertificationDef,
} as const;

/**
 * Signs in with email and password: signed in (the client then holds the session), a tiers to choose
 * (`selectTiers`), or a one-time code was sent (`verifyOtp`).
 *
 * @example
 * ```ts
 * const result = await login(client, { email, password });
 * if (result.status === 'otp-required') showCodeForm(result.challenge);
 * ```
 */
export function login(client: PortalCore, input: InputOf<typeof loginDef>, options?: CallOptions): Promise<OutputOf<typeof loginDef>> {
  return client.invoke(loginDef, input, options);
}

/** Checks the one-time code of a login challenge; answers like `login`. */
export function verifyOtp(client: PortalCore, input: InputOf<typeof verifyOtpDef>, options?: CallOptions): Promise<OutputOf<typeof verifyOtpDef>> {
  return client.invoke(verifyOtpDef, input, options);
}

/** Sends a new one-time code for a challenge (rate-limited: see `resendAvailableAt`). */
export function resendOtp(client: PortalCore, input: InputOf<typeof resendOtpDef>, options?: CallOptions): Promise<OutputOf<typeof resendOtpDef>> {
  return client.invoke(resendOtpDef, input, options);
}

/** Chooses the tiers to act for, after `login` asked for it or from a running session (*Changer de tiers*). */
export function selectTiers(client: PortalCore, input: InputOf<typeof selectTiersDef>, options?: CallOptions): Promise<OutputOf<typeof selectTiersDef>> {
  return client.invoke(selectTiersDef, input, options);
}

/** Ends the session; the client then holds none. */
export function logout(client: PortalCore, options?: CallOptions): Promise<OutputOf<typeof logoutDef>> {
  return client.invoke(logoutDef, undefined, options);
}

/** The server's view of the session (`null` when signed out); extends a running session. */
export function currentSession(client: PortalCore, options?: CallOptions): Promise<OutputOf<typeof currentSessionDef>> {
  return client.invoke(currentSessionDef, undefined, options);
}

/** Asks for a password reset link; always "accepted", whether the account exists or not. */
export function forgotPassword(client: PortalCore, input: InputOf<typeof forgotPasswordDef>, options?: CallOptions): Promise<OutputOf<typeof forgotPasswordDef>> {
  return client.invoke(forgotPasswordDef, input, options);
}

/**
 * The caisse's password policy, as its backend enforces it: show its checklist (`evaluatePassword(password,
 * policy)`) and validate with the schema built from it (`resetPasswordRequest(policy)`, `passwordSchema(policy)`).
 *
 * @example
 * ```ts
 * const policy = await passwordPolicy(client);
 * const schema = resetPasswordRequest(policy);          // once
 * const problems = fieldErrors(schema, { token, password }); // at each check
 * const checklist = evaluatePassword(password, policy).checks;
 * ```
 */
export function passwordPolicy(client: PortalCore, options?: CallOptions): Promise<OutputOf<typeof passwordPolicyDef>> {
  return client.invoke(passwordPolicyDef, undefined, options);
}

/**
 * Sets a new password with the token of a reset link; no sign-in follows. Only the bounds every policy
 * shares are checked before sending: the backend checks its policy (a `validation` error, `policy` on
 * `password`), which the widget checks live with `resetPasswordRequest(policy)`.
 */
export function resetPassword(client: PortalCore, input: InputOf<typeof resetPasswordDef>, options?: CallOptions): Promise<OutputOf<typeof resetPasswordDef>> {
  return client.invoke(resetPasswordDef, input, options);
}

/** Asks for the confidential code letter of a site; always "accepted". */
export function requestConfidentialCode(
  client: PortalCore, input: InputOf<typeof requestConfidentialCodeDef>, options?: CallOptions,
): Promise<OutputOf<typeof requestConfidentialCodeDef>> {
  return client.invoke(requestConfidentialCodeDef, input, options);
}

/** Follows an activation or certification link: activates the account and certifies its email. */
export function activateAccount(client: PortalCore, input: InputOf<typeof activateAccountDef>, options?: CallOptions): Promise<OutputOf<typeof activateAccountDef>> {
  return client.invoke(activateAccountDef, input, options);
}

/** Sends a new activation link, from an expired link or an email address; always "accepted". */
export function resendActivation(client: PortalCore, input: InputOf<typeof resendActivationDef>, options?: CallOptions): Promise<OutputOf<typeof resendActivationDef>> {
  return client.invoke(resendActivationDef, input, options);
}

/** Sends a link to renew the email certification; always "accepted". */
export function renewCertification(client: PortalCore, input: InputOf<typeof renewCertificationDef>, options?: CallOptions): Promise<OutputOf<typeof renewCertificationDef>> {
  return client.invoke(renewCertificationDef, input, options);
}
