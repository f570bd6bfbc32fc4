import ky, { HTTPError, NetworkError, TimeoutError, type KyInstance } from 'ky';
import { PortalError, isPortalErrorCode, toFieldErrorCode, type PortalErrorCode } from './errors.js';
import {
  operations, type OperationDef, type OperationInput, type OperationName, type OperationOutput,
} from './operations.js';
import { ErrorBody, type Locale, type Session } from './schemas/common.js';
import { parseFields } from './validate.js';

export interface PortalClientOptions {
  /** Where the portal API lives, e.g. `https://espace.caisse.fr/api/` or `/api/`. */
  baseUrl: string | URL;
  /** A fetch implementation (tests, Node); defaults to the global one, looked up at call time. */
  fetch?: typeof globalThis.fetch;
  /** Per-attempt timeout in ms (default 10 000). */
  timeout?: number;
  /** Ceiling for a whole call, retries included, in ms (default 30 000). */
  totalTimeout?: number;
  /** How many times an idempotent read is retried (default 2). */
  retryLimit?: number;
  /** Longest `Retry-After` honoured before a retry, in ms (default 5 000). */
  maxRetryAfter?: number;
  locale?: Locale;
  /** Called once when the server says the session has expired (see also `onSessionExpired`). */
  onSessionExpired?: () => void;
}

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * Reuse the key of a failed attempt when the user retries the same action, so that the server
   * applies it once. A fresh key is made when none is given.
   */
  idempotencyKey?: string;
}

type OperationMethods = {
  [N in Exclude<OperationName, 'csrf'>]: (input: OperationInput<N>, options?: CallOptions) => Promise<OperationOutput<N>>;
};

export interface PortalClient extends OperationMethods {
  readonly baseUrl: string;
  locale: Locale;
  /** The session this client last saw, or `null`. Held in memory only. */
  readonly session: Session | null;
  /** Subscribes to the single "session expired" announcement; returns an unsubscribe function. */
  onSessionExpired(listener: () => void): () => void;
  /** Subscribes to session changes (sign-in, tiers choice, logout, expiry). */
  onSessionChange(listener: (session: Session | null) => void): () => void;
}

const STATUS_CODES: Record<number, PortalErrorCode> = {
  400: 'validation',
  401: 'session-expired',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  410: 'link-expired',
  422: 'validation',
  423: 'account-locked',
  429: 'rate-limited',
};

export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Creates the typed client of every portal operation.
 *
 * @example
 * ```ts
 * const client = createPortalClient({ baseUrl: '/api/' });
 * const result = await client.login({ email, password });
 * if (result.status === 'otp-required') await client.verifyOtp({ challengeId: result.challenge.id, code });
 * ```
 */
export function createPortalClient(options: PortalClientOptions): PortalClient {
  const baseUrl = String(options.baseUrl).replace(/\/?$/, '/');
  const retryLimit = options.retryLimit ?? 2;
  /** The CSRF token, in memory only; a promise, so that concurrent first calls fetch it once. */
  let csrfToken: Promise<string> | null = null;
  let session: Session | null = null;
  let expiryAnnounced = false;
  const expiredListeners = new Set<() => void>();
  const sessionListeners = new Set<(s: Session | null) => void>();
  if (options.onSessionExpired) expiredListeners.add(options.onSessionExpired);

  const http: KyInstance = ky.create({
    baseUrl,
    credentials: 'include',
    // Looked up at call time so that a mock installed after the client was made still sees the calls.
    fetch: (input, init) => (options.fetch ?? globalThis.fetch)(input, init),
    timeout: options.timeout ?? 10_000,
    totalTimeout: options.totalTimeout ?? 30_000,
    retry: {
      limit: retryLimit,
      methods: ['get'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: options.maxRetryAfter ?? 5_000,
      backoffLimit: 3_000,
      jitter: true,
    },
  });

  function setSession(next: Session | null): void {
    session = next;
    if (next) expiryAnnounced = false;
    for (const listener of sessionListeners) listener(next);
  }

  function announceExpiry(): void {
    if (session) setSession(null);
    if (expiryAnnounced) return;
    expiryAnnounced = true;
    for (const listener of expiredListeners) listener();
  }

  async function send(def: OperationDef, input: unknown, call: CallOptions, idempotencyKey: string): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': client.locale };
    if (def.method !== 'GET') {
      headers['Idempotency-Key'] = idempotencyKey;
      headers['X-CSRF-Token'] = await csrf();
    }
    const response = await http(def.path, {
      method: def.method,
      headers,
      signal: call.signal,
      ...(def.request ? { json: input } : {}),
      ...(def.retry ? {} : { retry: 0 }),
    });
    if (!def.response) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(await response.text());
    } catch (cause) {
      throw new PortalError('malformed-response', { status: response.status, cause });
    }
    const parsed = def.response.safeParse(body);
    if (!parsed.success) throw new PortalError('malformed-response', { status: response.status, cause: parsed.error });
    return parsed.data;
  }

  function csrf(): Promise<string> {
    if (!csrfToken) {
      // Not tied to one caller's AbortSignal: other calls may be waiting for the same token.
      const pending = call('csrf', undefined).then((result) => (result as { token: string }).token);
      csrfToken = pending;
      pending.catch(() => {
        if (csrfToken === pending) csrfToken = null;
      });
    }
    return csrfToken;
  }

  async function call(name: OperationName, input: unknown, callOptions: CallOptions = {}): Promise<unknown> {
    const def: OperationDef = operations[name];
    if (def.request) {
      const checked = parseFields(def.request, input);
      if (!checked.success) throw new PortalError('validation', { fields: checked.fields });
      input = checked.data;
    }
    const key = callOptions.idempotencyKey ?? newIdempotencyKey();
    try {
      return await send(def, input, callOptions, key);
    } catch (error) {
      const portalError = await toPortalError(error, callOptions.signal);
      if (portalError.code === 'csrf' && name !== 'csrf') {
        // The server refused the token before doing anything: fetch a fresh one and try once more.
        csrfToken = null;
        try {
          return await send(def, input, callOptions, key);
        } catch (retryError) {
          throw await toPortalError(retryError, callOptions.signal);
        }
      }
      throw portalError;
    }
  }

  async function toPortalError(error: unknown, signal: AbortSignal | undefined): Promise<PortalError> {
    if (error instanceof PortalError) return handle(error);
    if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
      return new PortalError('aborted', { cause: error });
    }
    if (error instanceof TimeoutError) return new PortalError('timeout', { cause: error });
    if (error instanceof NetworkError) return new PortalError('network', { cause: error });
    if (error instanceof HTTPError) {
      const status = error.response.status;
      const parsed = ErrorBody.safeParse(error.data);
      const body = parsed.success ? parsed.data : undefined;
      const code: PortalErrorCode =
        body && isPortalErrorCode(body.code) ? body.code : (STATUS_CODES[status] ?? 'server');
      const fields = body?.fields
        ? Object.fromEntries(Object.entries(body.fields).map(([k, v]) => [k, toFieldErrorCode(v)]))
        : undefined;
      const retryAt = body?.retryAt ? new Date(body.retryAt) : retryAfter(error.response.headers.get('Retry-After'));
      return handle(new PortalError(code, { status, fields, retryAt, attemptsLeft: body?.attemptsLeft, cause: error }));
    }
    if (error instanceof TypeError) return new PortalError('network', { cause: error });
    return new PortalError('server', { cause: error });
  }

  function handle(error: PortalError): PortalError {
    if (error.code === 'session-expired') announceExpiry();
    return error;
  }

  const client = {
    baseUrl,
    locale: options.locale ?? 'fr',
    get session() {
      return session;
    },
    onSessionExpired(listener: () => void) {
      expiredListeners.add(listener);
      return () => expiredListeners.delete(listener);
    },
    onSessionChange(listener: (s: Session | null) => void) {
      sessionListeners.add(listener);
      return () => sessionListeners.delete(listener);
    },
  } as unknown as PortalClient;

  const methods = client as unknown as Record<string, (input: unknown, o?: CallOptions) => Promise<unknown>>;
  for (const name of Object.keys(operations) as OperationName[]) {
    if (name === 'csrf') continue;
    methods[name] = async (input, callOptions) => {
      const result = await call(name, input, callOptions);
      track(name, result);
      return result;
    };
  }

  function track(name: OperationName, result: unknown): void {
    if (name === 'logout') {
      csrfToken = null;
      setSession(null);
    } else if (name === 'currentSession') {
      setSession((result as { session: Session | null }).session);
    } else if (isSignedIn(result)) {
      // A new session gets a new CSRF token on the server.
      csrfToken = null;
      setSession(result.session);
    }
  }

  return client;
}

function isSignedIn(value: unknown): value is { status: 'signed-in'; session: Session } {
  return typeof value === 'object' && value !== null && (value as { status?: unknown }).status === 'signed-in';
}

function retryAfter(header: string | null): Date | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return new Date(Date.now() + seconds * 1000);
  const date = new Date(header);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
