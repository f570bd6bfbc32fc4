/**
 * Every failure of the SDK is a `PortalError` with a `code` from this closed union, so that a widget
 * maps codes to localised messages and never shows a raw server or transport message.
 */
import { DATE_MIN } from './schemas/limits.js';

export const PORTAL_ERROR_CODES = [
  'validation',
  'invalid-credentials',
  'identification-failed',
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

/** Codes only the client can know (no server sends them): the transport's own failures. */
export const CLIENT_ONLY_CODES = ['aborted', 'network', 'timeout', 'malformed-response'] as const satisfies readonly PortalErrorCode[];

/** Why a field was refused; the widget turns it into a message naming the field. */
/**
 * Why a field was refused. The set is open: the codes every widget words (`required`, `invalid`,
 * `too-long`, `policy`, `mismatch`), and any other a backend defines for a field (`beyond-rights`,
 * `too-large`, `too-many`…), which a widget words itself or reads as `invalid`.
 */
export type FieldErrorCode = 'required' | 'invalid' | 'too-long' | 'policy' | 'mismatch' | (string & {});

export interface PortalErrorInit {
  status?: number;
  fields?: Record<string, FieldErrorCode>;
  /** When a locked account or a rate limit lets the user try again (kept only as `toRetryAt()` allows). */
  retryAt?: Date;
  /** One-time code attempts left (kept only as an integer from 0 to 100). */
  attemptsLeft?: number;
  cause?: unknown;
}

/** Set on every PortalError, so that one thrown by another copy of the kit is recognised (`isPortalError`). */
const BRAND = Symbol.for('cibtp.portal-error');
const DAY = 86_400_000;

/**
 * A "try again at" from the server (ms since 1970), as a widget can show it: a valid date, at most 24 h
 * ahead of this clock (later is clamped: a countdown of years, or an `Invalid Date` that makes
 * `Intl.DateTimeFormat` throw, helps nobody), or `undefined` when it is not a date from 2000 on. A past
 * date is kept: the server's clock may lag behind this one, and the countdown then shows "now".
 */
export function toRetryAt(ms: number): Date | undefined {
  return ms >= DATE_MIN ? new Date(Math.min(ms, Date.now() + DAY)) : undefined;
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
    // Checked here, so that no PortalError, whoever made it, holds a date or a count a widget cannot show.
    this.retryAt = toRetryAt(Number(init.retryAt));
    const left = init.attemptsLeft;
    this.attemptsLeft = Number.isInteger(left) && left! >= 0 && left! <= 100 ? left : undefined;
    (this as unknown as Record<symbol, boolean>)[BRAND] = true;
  }

  /** Transport failures, where the request may not have reached the server. */
  get isTransient(): boolean {
    return this.code === 'network' || this.code === 'timeout' || this.code === 'server' || this.code === 'rate-limited';
  }
}

/**
 * Whether `value` is a PortalError (with `code`, when given). Recognises one thrown by another copy of
 * the kit too: not by `instanceof` (each copy has its own class) nor by its name (anything can be named
 * so), but by the `Symbol.for('cibtp.portal-error')` brand every PortalError carries, and a known code.
 */
export function isPortalError(value: unknown, code?: PortalErrorCode): value is PortalError {
  const candidate = value as { code?: unknown; [BRAND]?: unknown } | null | undefined;
  return candidate?.[BRAND] === true && isPortalErrorCode(candidate.code) && (code === undefined || candidate.code === code);
}

export function isPortalErrorCode(value: unknown): value is PortalErrorCode {
  return (PORTAL_ERROR_CODES as readonly unknown[]).includes(value);
}

const FIELD_CODES: readonly FieldErrorCode[] = ['required', 'invalid', 'too-long', 'policy', 'mismatch'];

/** A field code of a backend's own that the SDK keeps as it is; anything else reads `invalid`. */
export const FIELD_CODE_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * A field code from a server: one of ours, or another well-formed code (kept, for the widget that words
 * it), else `invalid` (the field was refused, whatever the reason).
 */
export function toFieldErrorCode(value: unknown): FieldErrorCode {
  if ((FIELD_CODES as readonly unknown[]).includes(value)) return value as FieldErrorCode;
  return typeof value === 'string' && FIELD_CODE_PATTERN.test(value) ? value : 'invalid';
}
