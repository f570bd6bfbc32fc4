/**
 * The core transport: one ky instance, the CSRF token, `Idempotency-Key`, timeouts, retries, error
 * mapping and session tracking, and `invoke()`, which runs any operation definition. It imports no
 * operation's schema but the CSRF token's: the operations a page calls come with the functions it
 * imports (`sdk/<domain>/index.ts`), or all at once with `createPortalClient()` (`sdk/client.ts`).
 */
import ky, { HTTPError, NetworkError, TimeoutError, type KyInstance, type Options } from 'ky';
import { csrfDef } from './csrf.js';
import type { FileDownload, InputOf, OperationDef, OutputOf, SessionEffect } from './definition.js';
import { CLIENT_ONLY_CODES, PortalError, isPortalErrorCode, toFieldErrorCode, toRetryAt, type FieldErrorCode } from './errors.js';
import type { Locale, Session } from './schemas/common.js';
import { parseFields } from './validate.js';
import { xhrFetch } from './xhr-fetch.js';

/**
 * How to reach the portal API. `createPortalCore()` throws a `TypeError` at once for an option it cannot
 * use (a base URL that is not http(s), a time that is not a number of ms…): a mistake of the page's code.
 */
export interface PortalClientOptions {
  /**
   * Where the portal API lives: an http(s) URL, e.g. `https://espace.caisse.fr/api/`, or in a browser a
   * path on the page's origin, e.g. `/api/`.
   */
  baseUrl: string | URL;
  /**
   * A fetch implementation (tests, Node); defaults to the global one, looked up at call time. When
   * given, it carries every call, so uploads then report no progress.
   */
  fetch?: typeof globalThis.fetch;
  /** Per-attempt timeout in ms, the answer's body included (default 10 000). */
  timeout?: number;
  /** Ceiling for a whole call in ms: CSRF token, every attempt, body and wait included (default 30 000). */
  totalTimeout?: number;
  /** How many times an idempotent read is retried (default 2). */
  retryLimit?: number;
  /**
   * Longest wait a server may ask for (`Retry-After`, `retryAt`) that a read waits for before its retry,
   * in ms (default 5 000). A longer wait, or one that would end after `totalTimeout`, is not waited for:
   * the call fails at once (`rate-limited`, `server`…) with its `retryAt`.
   */
  maxRetryAfter?: number;
  locale?: Locale;
  /** Called once when the server says the session has expired (see also `onSessionExpired`). */
  onSessionExpired?: () => void;
}

export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number;
  /** Bytes to send in all (`0` when unknown). */
  total: number;
}

/**
 * Options of one call. A value of the wrong kind (a `signal` that is no AbortSignal, an `idempotencyKey`
 * that cannot be a header value, an `onUploadProgress` that is no function) is a mistake of the calling
 * code, not a failure of the portal: the call then rejects with a `TypeError` (not a PortalError) before
 * anything is sent, the CSRF token included.
 */
export interface CallOptions {
  /** Aborts the call: it then rejects with an `aborted` PortalError, at once. */
  signal?: AbortSignal;
  /**
   * Reuse the key of a failed attempt when the user retries the same action, so that the server
   * applies it once. A fresh key is made when none is given. 1 to 255 visible ASCII characters (no
   * spaces), as `newIdempotencyKey()` makes.
   */
  idempotencyKey?: string;
  /**
   * Upload progress of a request with a body (multipart uploads). Reported in browsers (the call then
   * goes through `XMLHttpRequest`, as `fetch` reports no upload progress); never called in Node or
   * when the client was given its own `fetch`.
   */
  onUploadProgress?: (progress: UploadProgress) => void;
}

/**
 * The transport every operation goes through: what the widgets hold, and what the operation functions
 * (`login(client, …)`) take. Any object of this shape works, including one made by another copy of
 * the kit: the functions only call `invoke()`.
 */
export interface PortalCore {
  readonly baseUrl: string;
  /** Sent as `Accept-Language`; may be changed at any time. */
  locale: Locale;
  /** The session this client last saw, or `null`. Held in memory only. */
  readonly session: Session | null;
  /** Subscribes to the single "session expired" announcement; returns an unsubscribe function. */
  onSessionExpired(listener: () => void): () => void;
  /** Subscribes to session changes (sign-in, tiers choice, logout, expiry). */
  onSessionChange(listener: (session: Session | null) => void): () => void;
  /**
   * Runs one operation: checks the input with its request schema (a `validation` PortalError, nothing
   * sent, when it fails), sends it, parses the answer, applies the definition's session effect.
   * Every failure is a `PortalError`, but a mistake of the calling code (bad `CallOptions`, a `locale`
   * that cannot be a header value): a `TypeError`, before anything is sent.
   */
  invoke<D extends OperationDef>(def: D, input: InputOf<D>, options?: CallOptions): Promise<OutputOf<D>>;
}

/**
 * Codes a server may not send: they say what happened on the client's side (a widget shows nothing for
 * `aborted`, for one). Such a body code is ignored, as an unknown one is.
 */
/** Largest answer read, in bytes: far above any JSON answer of the portal, and above any file it serves. */
const MAX_ANSWER = 1 << 22;
const MAX_FILE = 1 << 27;
/** The longest time ky (and setTimeout) can wait. */
const MAX_MS = 2_147_483_647;
/** The longest wait ky adds before a retry on its own (its backoff, jittered below this). */
const BACKOFF_LIMIT = 3_000;

/** A mistake of the calling code: a TypeError naming the option (not a PortalError), never sent anywhere. */
function misuse(option: string): never {
  throw new TypeError(`[cibtp] invalid ${option}`);
}

export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Creates the transport of the portal API, without any operation: pass it to the operation functions.
 *
 * @example
 * ```ts
 * import { createPortalCore, login, verifyOtp } from '@cibtp/espace-widgets/sdk';
 *
 * const client = createPortalCore({ baseUrl: '/api/' });
 * const result = await login(client, { email, password });
 * if (result.status === 'otp-required') await verifyOtp(client, { challengeId: result.challenge.id, code });
 * ```
 */
export function createPortalCore(options: PortalClientOptions): PortalCore {
  const given = options.baseUrl;
  let protocol = '';
  try {
    // A path resolves to http(s); `javascript:`, `data:`, `ftp:`… keep their own scheme.
    protocol = new URL(given, 'http://h/').protocol;
  } catch {
    // Not a URL at all: refused below.
  }
  if ((typeof given !== 'string' && !(given instanceof URL)) || !given || !/^https?:$/.test(protocol)) {
    misuse('baseUrl (an http(s) URL or a path)');
  }
  // Numbers of ms (or of retries) that ky and setTimeout can take: NaN, negative or infinite ones are refused.
  const number = (value: number | undefined, fallback: number, name: string, min = 1): number => {
    if (value !== undefined && !(value >= min && value <= MAX_MS)) misuse(name);
    return value ?? fallback;
  };
  const timeout = number(options.timeout, 10_000, 'timeout');
  const totalTimeout = number(options.totalTimeout, 30_000, 'totalTimeout');
  const maxRetryAfter = number(options.maxRetryAfter, 5_000, 'maxRetryAfter', 0);
  const retryLimit = number(options.retryLimit, 2, 'retryLimit', 0);
  if (!Number.isInteger(retryLimit)) misuse('retryLimit');
  for (const name of ['fetch', 'onSessionExpired'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') misuse(name);
  }
  const baseUrl = String(given).replace(/\/?$/, '/');
  /** Whether the "no backend here?" hint was logged: once per client. */
  let warned = false;
  /** The CSRF token, in memory only; a promise, so that concurrent first calls fetch it once. */
  let csrfToken: Promise<string> | null = null;
  let session: Session | null = null;
  let expiryAnnounced = false;
  const expiredListeners = new Set<() => void>();
  const sessionListeners = new Set<(s: Session | null) => void>();
  if (options.onSessionExpired) expiredListeners.add(options.onSessionExpired);

  // Looked up at call time so that a mock installed after the client was made still sees the calls.
  const globalFetch: typeof globalThis.fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);
  const http: KyInstance = ky.create({
    baseUrl,
    credentials: 'include',
    timeout,
    retry: {
      limit: retryLimit,
      methods: ['get'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      backoffLimit: BACKOFF_LIMIT,
      jitter: true,
    },
  });

  /**
   * ky's own retry decision, unless the retry cannot help: the server asks to wait longer than
   * `maxRetryAfter`, or the wait (the server's, else the longest backoff) would end after the call's
   * deadline. ky would then sleep out the budget and end as `timeout`; the call fails at once instead,
   * with the server's answer and its `retryAt`.
   */
  function mayRetry(error: Error, retryCount: number, deadline: number): false | undefined {
    const now = Date.now();
    const serverWait = error instanceof HTTPError ? Math.max(0, (retryAtOf(error)?.getTime() ?? 0) - now) : 0;
    const wait = serverWait || Math.min(BACKOFF_LIMIT, 300 * 2 ** (retryCount - 1));
    return serverWait > maxRetryAfter || now + wait >= deadline ? false : undefined;
  }

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

  function applySessionEffect(effect: SessionEffect | undefined, result: unknown): void {
    if (effect === 'end') {
      csrfToken = null;
      setSession(null);
    } else if (effect === 'current' && isRecord(result)) {
      setSession((result.session as Session | null | undefined) ?? null);
    } else if (effect === 'result' && isRecord(result) && result.status === 'signed-in') {
      // A new session gets a new CSRF token on the server.
      csrfToken = null;
      setSession(result.session as Session);
    }
  }

  function csrf(): Promise<string> {
    if (!csrfToken) {
      // Not tied to one caller's AbortSignal: other calls may be waiting for the same token.
      const pending = core.invoke(csrfDef, undefined).then((result) => result.token);
      csrfToken = pending;
      pending.catch(() => {
        if (csrfToken === pending) csrfToken = null;
      });
    }
    return csrfToken;
  }

  async function send(def: OperationDef, request: Prepared, call: CallOptions, idempotencyKey: string, deadline: number): Promise<unknown> {
    const headers: Record<string, string> = {
      Accept: def.response === 'blob' ? '*/*' : 'application/json',
      'Accept-Language': core.locale,
    };
    if (def.method !== 'GET') {
      headers['Idempotency-Key'] = idempotencyKey;
      // Shared with other calls: this one stops waiting when its own signal or time says so.
      headers['X-CSRF-Token'] = await bounded(csrf(), call.signal, deadline);
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new PortalError('timeout');
    const transport = call.onUploadProgress && def.method !== 'GET' && !options.fetch && typeof XMLHttpRequest === 'function'
      ? xhrFetch(call.onUploadProgress)
      : globalFetch;
    const init: Options = {
      method: def.method,
      headers,
      signal: call.signal,
      totalTimeout: left,
      retry: def.retry ? { shouldRetry: ({ error, retryCount }) => mayRetry(error, retryCount, deadline) } : 0,
      // ky is handed the whole answer, body included, so that its timeouts cover the body too.
      fetch: (input, init) => buffered(transport(input, init), (input as Request).signal, def.response === 'blob' ? MAX_FILE : MAX_ANSWER),
    };
    if (request.fields !== undefined) {
      if (def.method === 'GET') init.searchParams = toSearchParams(request.fields);
      else if (def.body === 'multipart') init.body = toFormData(request.fields);
      else init.json = request.fields;
    }
    const response = await http(request.path, init);
    if (def.response === 'blob') {
      return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) } satisfies FileDownload;
    }
    const text = await response.text();
    const malformed = (cause?: unknown) => new PortalError('malformed-response', { status: response.status, cause });
    // An empty answer (204) is empty: an HTML page or any JSON in its place is not the success it seems.
    if (!def.response) {
      if (text) throw malformed();
      return undefined;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (cause) {
      throw malformed(cause);
    }
    const parsed = def.response.safeParse(body);
    if (!parsed.success) throw malformed(parsed.error);
    return parsed.data;
  }

  async function invoke(def: OperationDef, input: unknown, call: CallOptions = {}): Promise<unknown> {
    checkCall(call, core.locale);
    if (call.signal?.aborted) throw new PortalError('aborted');
    const deadline = Date.now() + totalTimeout;
    const request = prepare(def, input);
    const key = call.idempotencyKey ?? newIdempotencyKey();
    let result: unknown;
    try {
      result = await send(def, request, call, key, deadline);
    } catch (error) {
      const portalError = toPortalError(error, call.signal);
      // Only a write carries the token: the server refused it before doing anything, so fetch a fresh
      // one and try once more, with the same key, within the same deadline.
      if (portalError.code !== 'csrf' || def.method === 'GET') throw portalError;
      csrfToken = null;
      try {
        result = await send(def, request, call, key, deadline);
      } catch (retryError) {
        throw toPortalError(retryError, call.signal);
      }
    }
    applySessionEffect(def.session, result);
    return result;
  }

  function toPortalError(error: unknown, signal: AbortSignal | undefined): PortalError {
    const portalError = mapError(error, signal);
    if (portalError.code === 'session-expired') announceExpiry();
    return portalError;
  }

  function mapError(error: unknown, signal: AbortSignal | undefined): PortalError {
    if (error instanceof PortalError) return error;
    if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
      return new PortalError('aborted', { cause: error });
    }
    if (error instanceof TimeoutError) return new PortalError('timeout', { cause: error });
    if (error instanceof NetworkError) return new PortalError('network', { cause: error });
    if (error instanceof HTTPError) {
      const status = error.response.status;
      // Read field by field: one wrong field (`fields: null`) must not cost the code, nor the other fields.
      const body = isRecord(error.data) ? error.data : {};
      const code = isPortalErrorCode(body.code) && !(CLIENT_ONLY_CODES as readonly string[]).includes(body.code) ? body.code : undefined;
      if (!code && (status === 404 || status === 405 || status === 501) && !warned) {
        // Most likely no portal API at this address (a static server's 404 page): say so to the integrator.
        warned = true;
        console.error(`[cibtp] ${baseUrl} answered ${status} without a portal error body: is base-url right?`);
      }
      // Without a code of ours, a status says too little to tell the user more (a 401 is no proof of an
      // expired session, a 404 no proof of a missing item): only a rate limit is standard HTTP.
      return new PortalError(code ?? (status === 429 ? 'rate-limited' : 'server'), {
        status,
        fields: fieldsOf(body.fields),
        retryAt: retryAtOf(error),
        attemptsLeft: body.attemptsLeft as number,
        cause: error,
      });
    }
    if (error instanceof TypeError) return new PortalError('network', { cause: error });
    return new PortalError('server', { cause: error });
  }

  const core: PortalCore = {
    baseUrl,
    locale: options.locale ?? 'fr',
    get session() {
      return session;
    },
    onSessionExpired(listener) {
      expiredListeners.add(listener);
      return () => expiredListeners.delete(listener);
    },
    onSessionChange(listener) {
      sessionListeners.add(listener);
      return () => sessionListeners.delete(listener);
    },
    // The generic signature is the interface's; the body works on any definition.
    invoke: invoke as PortalCore['invoke'],
  };
  return core;
}

interface Prepared {
  /** The path with its parameters filled in. */
  path: string;
  /** What goes in the query string or the body: the parsed input less the path parameters. */
  fields: unknown;
}

/**
 * Checks the input and fills the path; throws a `validation` PortalError naming the refused fields.
 * Exported for the conformance suite, which sends each operation as the SDK does (not in the SDK's API).
 */
export function prepare(def: OperationDef, input: unknown): Prepared {
  let data: unknown = undefined;
  if (def.request) {
    const checked = parseFields(def.request, input);
    if (!checked.success) throw new PortalError('validation', { fields: checked.fields });
    data = checked.data;
  }
  const rest: Record<string, unknown> = isRecord(data) ? { ...data } : {};
  const refused: Record<string, FieldErrorCode> = {};
  const path = def.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    if (value === undefined || value === null || value === '') refused[name] = 'required';
    // '.' and '..' would be resolved as path segments and reach another endpoint.
    else if ((typeof value !== 'string' && typeof value !== 'number') || value === '.' || value === '..') refused[name] = 'invalid';
    else return encodeURIComponent(value);
    return '';
  });
  if (Object.keys(refused).length > 0) throw new PortalError('validation', { fields: refused });
  return { path, fields: isRecord(data) ? rest : data };
}

/** Field values as sent in a query string or a form: arrays repeat their key, `undefined` and `null` are left out. */
function entries(fields: unknown): [string, unknown][] {
  if (!isRecord(fields)) return [];
  return Object.entries(fields).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null).map((v): [string, unknown] => [name, v]),
  );
}

function toText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The query string of a GET's fields (exported, like `prepare`, for the conformance suite). */
export function toSearchParams(fields: unknown): URLSearchParams {
  return new URLSearchParams(entries(fields).map(([name, value]) => [name, toText(value)]));
}

function toFormData(fields: unknown): FormData {
  const form = new FormData();
  for (const [name, value] of entries(fields)) {
    if (value instanceof Blob) form.append(name, value);
    else form.append(name, toText(value));
  }
  return form;
}

/** The file name of a `Content-Disposition` header: the UTF-8 `filename*` form first, then `filename`. */
function fileNameOf(header: string | null): string | undefined {
  if (!header) return undefined;
  let name: string | undefined;
  const extended = /filename\*\s*=\s*utf-8'[^']*'([^;\s]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      name = decodeURIComponent(extended[1]);
    } catch {
      // Not valid UTF-8 percent-encoding: fall back to the plain form.
    }
  }
  if (name === undefined) {
    const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/i.exec(header);
    name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  }
  // A server's name is a suggestion for the user's downloads folder, never a path.
  const base = name?.split(/[\\/]/).pop();
  return base ? base : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Blob);
}

/** The checks of `CallOptions` (and of the locale it sends): a TypeError before anything is sent. */
function checkCall(call: CallOptions, locale: string): void {
  if (typeof call !== 'object' || !call) misuse('options');
  const { signal, idempotencyKey, onUploadProgress } = call;
  // By its tag, not instanceof: a signal of another frame is an AbortSignal too.
  if (signal !== undefined && Object.prototype.toString.call(signal) !== '[object AbortSignal]') misuse('signal');
  // A header value: visible ASCII, no spaces, no line breaks.
  if (idempotencyKey !== undefined && !(typeof idempotencyKey === 'string' && /^[!-~]{1,255}$/.test(idempotencyKey))) {
    misuse('idempotencyKey');
  }
  if (onUploadProgress !== undefined && typeof onUploadProgress !== 'function') misuse('onUploadProgress');
  if (!/^[\w-]{1,35}$/.test(locale)) misuse('locale');
}

/** `promise`, unless the caller's signal aborts (its reason) or the call's deadline passes (timeout) first. */
function bounded<T>(promise: Promise<T>, signal: AbortSignal | undefined, deadline: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal?.reason);
    const timer = setTimeout(() => reject(new PortalError('timeout')), deadline - Date.now());
    signal?.addEventListener('abort', abort);
    void promise.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    });
  });
}

/**
 * The answer with its whole body read, so that ky, which times the fetch it is handed, times the body
 * too: a body read after ky returned (`response.text()`) had no time limit, and one that stalled
 * midway never settled. An abort (the caller's, or ky's at its timeout) ends the read at once; a body
 * larger than `limit` bytes is refused (`malformed-response`) instead of filling the memory.
 */
async function buffered(pending: Promise<Response>, signal: AbortSignal, limit: number): Promise<Response> {
  const response = await pending;
  // A browser may hand a 204 an empty stream, which a new Response of that status refuses.
  const reader = [101, 204, 205, 304].includes(response.status) ? undefined : response.body?.getReader();
  if (!reader) return response;
  // Cancelling ends the pending read, even on a stream whose source ignores the request's abort.
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', stop);
  try {
    signal.throwIfAborted();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (let chunk; !(chunk = await reader.read()).done; ) {
      if ((size += chunk.value.byteLength) > limit) {
        stop();
        throw new PortalError('malformed-response', { status: response.status });
      }
      chunks.push(chunk.value);
    }
    signal.throwIfAborted();
    return new Response(new Blob(chunks as BlobPart[]), response);
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** The error's `retryAt`: the body's (a valid date), else the `Retry-After` header's (seconds or an HTTP date). */
function retryAtOf(error: HTTPError): Date | undefined {
  const given = (error.data as { retryAt?: unknown } | undefined)?.retryAt;
  const header = error.response.headers.get('Retry-After')?.trim();
  // Delay seconds (never negative), else an HTTP date.
  const seconds = Number(header || Number.NaN);
  const fromHeader = seconds >= 0 ? Date.now() + seconds * 1000 : Number.isNaN(seconds) ? Date.parse(header ?? '') : Number.NaN;
  return (typeof given === 'string' ? toRetryAt(Date.parse(given)) : undefined) ?? toRetryAt(fromHeader);
}

/** The per-field codes of an error body: unknown codes are `invalid`; at most 50 fields, names of at most 128 characters. */
function fieldsOf(value: unknown): Record<string, FieldErrorCode> | undefined {
  if (!isRecord(value)) return undefined;
  const fields = Object.entries(value).filter(([name]) => name.length <= 128).slice(0, 50);
  return Object.fromEntries(fields.map(([name, code]) => [name, toFieldErrorCode(code)]));
}
