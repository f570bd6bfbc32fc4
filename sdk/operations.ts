import type { z } from './zod.js';
import * as auth from './schemas/auth.js';

/**
 * One entry per portal operation: the only place an operation is declared. The client derives its
 * typed methods from this table and the mock backend registers its routes from it, so adding an
 * operation is one entry here, one handler in `mock-server/`.
 */
export interface OperationDef<
  Req extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  Res extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
> {
  method: 'GET' | 'POST';
  /** Path under the API base URL; never carries a token or a password. */
  path: string;
  request: Req;
  /** `undefined` for an empty (204) answer. */
  response: Res;
  /** Authentication, codes and signup are never retried by themselves (SECURITY.md). */
  retry: boolean;
}

function op<Req extends z.ZodMiniType | undefined, Res extends z.ZodMiniType | undefined>(
  def: OperationDef<Req, Res>,
): OperationDef<Req, Res> {
  return def;
}

export const operations = {
  csrf: op({ method: 'GET', path: 'auth/csrf', request: undefined, response: auth.CsrfResponse, retry: true }),
  login: op({ method: 'POST', path: 'auth/login', request: auth.LoginRequest, response: auth.LoginResult, retry: false }),
  verifyOtp: op({ method: 'POST', path: 'auth/otp/verify', request: auth.VerifyOtpRequest, response: auth.LoginResult, retry: false }),
  resendOtp: op({ method: 'POST', path: 'auth/otp/resend', request: auth.ResendOtpRequest, response: auth.OtpChallenge, retry: false }),
  selectTiers: op({ method: 'POST', path: 'auth/tiers', request: auth.SelectTiersRequest, response: auth.SignedIn, retry: false }),
  logout: op({ method: 'POST', path: 'auth/logout', request: undefined, response: undefined, retry: false }),
  currentSession: op({ method: 'GET', path: 'auth/session', request: undefined, response: auth.CurrentSession, retry: true }),
  forgotPassword: op({ method: 'POST', path: 'password/forgot', request: auth.ForgotPasswordRequest, response: auth.Accepted, retry: false }),
  resetPassword: op({ method: 'POST', path: 'password/reset', request: auth.ResetPasswordRequest, response: undefined, retry: false }),
  requestConfidentialCode: op({ method: 'POST', path: 'confidential-code/request', request: auth.ConfidentialCodeRequest, response: auth.Accepted, retry: false }),
  activateAccount: op({ method: 'POST', path: 'account/activate', request: auth.LinkTokenRequest, response: auth.ActivationResult, retry: false }),
  resendActivation: op({ method: 'POST', path: 'account/activation/resend', request: auth.ResendActivationRequest, response: auth.Accepted, retry: false }),
  renewCertification: op({ method: 'POST', path: 'account/certification/renew', request: auth.RenewCertificationRequest, response: auth.Accepted, retry: false }),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;

export type OperationInput<N extends OperationName> = Operations[N]['request'] extends z.ZodMiniType
  ? z.input<Operations[N]['request']>
  : void;
export type OperationOutput<N extends OperationName> = Operations[N]['response'] extends z.ZodMiniType
  ? z.output<Operations[N]['response']>
  : void;
