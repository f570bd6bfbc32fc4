import type { PortalErrorCode, FieldErrorCode } from '../sdk/errors.js';

/** The error body of the HTTP conventions (docs/ARCHITECTURE.md). */
export interface MockErrorBody {
  code: PortalErrorCode;
  fields?: Record<string, FieldErrorCode>;
  retryAt?: string;
  attemptsLeft?: number;
}

/**
 * Thrown by a route handler to answer with an error status. Anything else a handler throws is a bug
 * in the mock and turns into a loud 500.
 */
export class MockHttpError extends Error {
  override readonly name = 'MockHttpError';
  readonly status: number;
  readonly body: MockErrorBody;
  readonly headers: Record<string, string>;

  constructor(status: number, body: MockErrorBody, headers: Record<string, string> = {}) {
    super(`Mock answer ${status} ${body.code}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** 429 with both the `Retry-After` header (whole seconds, rounded up) and `retryAt` in the body. */
export function rateLimited(retryAt: Date, now: Date): MockHttpError {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  return new MockHttpError(429, { code: 'rate-limited', retryAt: retryAt.toISOString() }, { 'Retry-After': String(seconds) });
}
