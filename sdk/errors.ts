/**
 * Every failure of the SDK is a `PortalError` with a `code` from this closed union, so that a widget
 * maps codes to localised messages and never shows a raw server or transport message.
 */
export const PORTAL_ERROR_CODES = [
  'validation',
  'invalid-credentials',
  'account-not-activated',
  'account-locked',
  'otp-required',
  'otp-invalid',
  'otp-expired',
  'email-certification-expired',
  'link-invalid',
  'link-expired',
  'session-expired',
  'csrf',
  'forbidden',
  'not-found',
  'conflict',
  'rate-limited',
  'network',
  'timeout',
  'server',
  'malformed-response',
  'aborted',
] as const;

export type PortalErrorCode = (typeof PORTAL_ERROR_CODES)[number];

/** Why a field was refused; the widget turns it into a message naming the field. */
export type FieldErrorCode = 'required' | 'invalid' | 'too-long' | 'policy' | 'mismatch';

export interface PortalErrorInit {
  status?: number;
  fields?: Record<string, FieldErrorCode>;
  /** When a locked account or a rate limit lets the user try again. */
  retryAt?: Date;
  /** One-time code attempts left. */
  attemptsLeft?: number;
  cause?: unknown;
}

export class PortalError extends Error {
  override readonly name = 'PortalError';
  readonly code: PortalErrorCode;
  readonly status: number | undefined;
  readonly fields: Readonly<Record<string, FieldErrorCode>>;
  readonly retryAt: Date | undefined;
  readonly attemptsLeft: number | undefined;

  constructor(code: PortalErrorCode, init: PortalErrorInit = {}) {
    // The message is for developers' consoles only: never user data, never a token.
    super(`Portal request failed: ${code}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.status = init.status;
    this.fields = Object.freeze({ ...init.fields });
    this.retryAt = init.retryAt;
    this.attemptsLeft = init.attemptsLeft;
  }

  /** Transport failures, where the request may not have reached the server. */
  get isTransient(): boolean {
    return this.code === 'network' || this.code === 'timeout' || this.code === 'server' || this.code === 'rate-limited';
  }
}

/**
 * Whether `value` is a PortalError (with `code`, when given). Recognises one thrown by another copy of
 * the kit too (by its name and code, not `instanceof`): a widget may call the core of another copy.
 */
export function isPortalError(value: unknown, code?: PortalErrorCode): value is PortalError {
  const portal =
    value instanceof PortalError ||
    (value instanceof Error && value.name === 'PortalError' && isPortalErrorCode(String((value as { code?: unknown }).code)));
  return portal && (code === undefined || (value as PortalError).code === code);
}

export function isPortalErrorCode(value: string): value is PortalErrorCode {
  return (PORTAL_ERROR_CODES as readonly string[]).includes(value);
}

const FIELD_CODES: readonly FieldErrorCode[] = ['required', 'invalid', 'too-long', 'policy', 'mismatch'];

export function toFieldErrorCode(value: string): FieldErrorCode {
  return (FIELD_CODES as readonly string[]).includes(value) ? (value as FieldErrorCode) : 'invalid';
}
