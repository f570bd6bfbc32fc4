/**
 * The mock backend over real HTTP (`npx cibtp-mock-server`): the same handlers, data and outbox as the
 * browser and Node-interception mocks, answered by MSW's `getResponse()` inside a `node:http` server.
 * Each session cookie has its own session; CORS for the listed origins only; control endpoints under
 * `/__mock/` (outbox, clock, faults, reset). A development tool, never a production server: see
 * docs/BACKEND.md ("The mock over HTTP").
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { getResponse } from 'msw';
import { operations, type OperationName } from '../sdk/operations.js';
import type { PasswordPolicy } from '../sdk/schemas/common.js';
import { z } from '../sdk/zod.js';
import type { Fault } from './faults.js';
import { createBackend } from './backend.js';
import type { MockBackend } from './index.js';
import { OUTBOX_PAGE_CSP, renderOutboxPage } from './outbox-page.js';
import { randomToken } from './random.js';
import { applySeed, describeIssues, parseSeed, readSeedFile, type MockSeed } from './seed.js';
import type { BackendState } from './state.js';

export type { MockSeed } from './seed.js';
export { SeedError } from './seed.js';

export interface HttpMockOptions {
  /** Default 8080; 0 = any free port. */
  port?: number;
  /** Default `'127.0.0.1'`. */
  host?: string;
  /** Exact origins allowed to call `/api/` with credentials (default: none). */
  corsOrigins?: readonly string[];
  /** The mock's clock starts at this instant and runs on from there (default: now). */
  clock?: Date | string;
  /** A JSON seed file's path, or its parsed content: logins added on every start and reset. */
  seed?: string | MockSeed;
  /** Faults in force from the start, and again after each reset. */
  faults?: ReadonlyArray<{ operation: OperationName | '*'; fault: Fault; times?: number }>;
  /** Where email links point (a page running the widgets); default: the mock's own root. */
  linkBase?: string;
  passwordPolicy?: PasswordPolicy;
  /**
   * Wraps the API's handling of each request (tests only: e.g. the conformance suite's broken variants,
   * which live in test code, never in the published mock). It runs in the one-at-a-time queue: it must
   * not call this mock over HTTP itself (that call would wait behind it for ever).
   */
  intercept?: (request: Request, next: (request: Request) => Promise<Response>) => Promise<Response>;
}

export interface RunningHttpMock {
  /** Origin + `/`, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string;
  /** `url` + `api/`. */
  readonly apiUrl: string;
  readonly backend: MockBackend;
  readonly clock: MockClock;
  close(): Promise<void>;
}

export interface MockClock {
  now(): Date;
  advance(ms: number): void;
  set(at: Date): void;
}

export const SESSION_COOKIE = 'cibtp_mock_session';

/** Largest request body read (multipart uploads included); beyond, 413. */
const MAX_BODY = 32 * 1024 * 1024;

const CORS_PREFLIGHT = {
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
  'Access-Control-Allow-Headers': 'Content-Type, X-CSRF-Token, Idempotency-Key',
  'Access-Control-Max-Age': '600',
} as const;

/** A clock that runs with real time from `start`; moved by `advance` and `set`. */
export function createClock(start?: Date | string): MockClock {
  const at = start === undefined ? new Date() : new Date(start);
  if (Number.isNaN(at.getTime())) throw new RangeError(`invalid clock: ${String(start)}`);
  let offset = at.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms) {
      if (!Number.isFinite(ms)) throw new RangeError('advance needs a finite number of milliseconds');
      offset += ms;
    },
    set(to) {
      if (Number.isNaN(to.getTime())) throw new RangeError('invalid date');
      offset = to.getTime() - Date.now();
    },
  };
}

const FaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('latency'), ms: z.number().check(z.nonnegative(), z.maximum(60_000)) }),
  z.strictObject({ kind: z.literal('network') }),
  z.strictObject({ kind: z.literal('server') }),
  z.strictObject({ kind: z.literal('unavailable'), retryAfter: z.number().check(z.nonnegative(), z.maximum(86_400)) }),
  z.strictObject({ kind: z.literal('malformed') }),
  z.strictObject({ kind: z.literal('unexpected-shape') }),
]);

const OPERATION_NAMES = Object.keys(operations) as [OperationName, ...OperationName[]];

const FaultRequest = z.strictObject({
  operation: z.union([z.enum(OPERATION_NAMES), z.literal('*')]),
  fault: FaultSchema,
  times: z.optional(z.number().check(z.int(), z.positive())),
});

const ClockRequest = z.union([
  z.strictObject({ advance: z.number().check(z.refine(Number.isFinite)) }),
  z.strictObject({ set: z.iso.datetime({ offset: true }) }),
]);

export type FaultSpec = z.output<typeof FaultRequest>;

/**
 * A `--fault` value of the CLI: `op=kind[:arg]`, e.g. `login=server`, `*=latency:800`,
 * `login=unavailable:30` (seconds). Throws a `RangeError` saying what is wrong.
 */
export function parseFaultSpec(spec: string): FaultSpec {
  const match = /^([^=]+)=([a-z-]+)(?::(\d+))?$/.exec(spec.trim());
  if (!match) throw new RangeError(`--fault ${spec}: expected op=kind[:arg], e.g. login=server or *=latency:800`);
  const [, operation, kind, arg] = match;
  const number = arg === undefined ? undefined : Number(arg);
  const fault = kind === 'latency' ? { kind, ms: number ?? 1_000 } : kind === 'unavailable' ? { kind, retryAfter: number ?? 30 } : { kind };
  const parsed = FaultRequest.safeParse({ operation, fault });
  if (!parsed.success) {
    throw new RangeError(`--fault ${spec}: ${describeIssues(parsed.error.issues)} (operations: ${OPERATION_NAMES.join(', ')}, *; kinds: latency:ms, network, server, unavailable:seconds, malformed, unexpected-shape)`);
  }
  return parsed.data;
}

/** Chains tasks so that they run one at a time, in arrival order (the session slot is per request). */
function serialiser(): <T>(task: () => Promise<T>) => Promise<T> {
  let chain: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = chain.then(task, task);
    chain = run.catch(() => undefined);
    return run;
  };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function sessionCookie(value: string | null): string {
  return value === null
    ? `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`
    : `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Lax; Path=/`;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, headers: Record<string, string | string[]>, body?: string | Uint8Array): void {
  res.writeHead(status, { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }, JSON.stringify(value));
}

function originOf(url: string, what: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`${what}: not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new RangeError(`${what}: not an http(s) URL: ${url}`);
  return parsed.origin;
}

export async function startHttpMock(options: HttpMockOptions = {}): Promise<RunningHttpMock> {
  const clock = createClock(options.clock);
  const seed = options.seed === undefined ? undefined : typeof options.seed === 'string' ? await readSeedFile(options.seed) : parseSeed(options.seed);
  const corsOrigins = new Set((options.corsOrigins ?? []).map((o) => originOf(o, 'corsOrigins')));
  if (options.linkBase !== undefined) originOf(options.linkBase, 'linkBase');
  const startFaults = (options.faults ?? []).map((f) => {
    const parsed = FaultRequest.safeParse(f);
    if (!parsed.success) throw new RangeError(`faults: ${describeIssues(parsed.error.issues)}`);
    return parsed.data;
  });

  let app: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const server = createServer((req, res) => {
    if (!app) {
      sendJson(res, 503, { code: 'server' }, { 'Retry-After': '1' });
      return;
    }
    app(req, res).catch((error: unknown) => {
      console.error('[cibtp-mock-server]', error);
      if (!res.headersSent) sendJson(res, 500, { code: 'server' });
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8080);
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}/`;
  const apiUrl = `${url}api/`;
  const origin = new URL(url).origin;

  const linkBase = options.linkBase ?? url;
  const { backend, state } = createBackend({
    now: clock.now,
    baseUrl: apiUrl,
    linkBase,
    passwordPolicy: options.passwordPolicy,
    // The simulated FranceConnect page of the site that runs the widgets (the demo has one).
    franceConnectPage: new URL('franceconnect.html', linkBase).href,
  });

  const seedNow = (): void => {
    if (seed) applySeed(backend.db, seed, clock.now());
    for (const f of startFaults) backend.faults.set(f.operation, f.fault, f.times === undefined ? {} : { times: f.times });
  };
  const reset = (): void => {
    backend.reset();
    seedNow();
  };
  try {
    seedNow();
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }

  const running: MockBackend = {
    handlers: backend.handlers,
    baseUrl: backend.baseUrl,
    outbox: backend.outbox,
    faults: backend.faults,
    get db() {
      return backend.db;
    },
    handlersFor: backend.handlersFor,
    expireSession: backend.expireSession,
    reset,
  };

  const serial = serialiser();
  const handleApi = apiHandler({ state, backend, intercept: options.intercept, origin, corsOrigins, serial });
  const handleControl = controlHandler({ backend: running, clock, reset, url, apiUrl, origin, serial });

  app = async (req, res) => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', origin).pathname;
    } catch {
      sendJson(res, 400, { error: 'bad request' });
      return;
    }
    if (pathname.startsWith('/api/')) return handleApi(req, res);
    if (pathname === '/__mock' || pathname.startsWith('/__mock/')) return handleControl(req, res, pathname);
    if (pathname === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
      send(res, 302, { Location: '/__mock/outbox' });
      return;
    }
    sendJson(res, 404, { error: 'not found: the API is under /api/, the control endpoints under /__mock/' });
  };

  return {
    url,
    apiUrl,
    backend: running,
    clock,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

interface ApiEnv {
  state: BackendState;
  backend: MockBackend;
  intercept: HttpMockOptions['intercept'];
  origin: string;
  corsOrigins: ReadonlySet<string>;
  serial: ReturnType<typeof serialiser>;
}

function apiHandler(env: ApiEnv): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { state, backend, serial } = env;
  const next = async (request: Request): Promise<Response> => {
    try {
      const answer = await getResponse(backend.handlers, request);
      return answer ?? Response.json({ code: 'not-found' }, { status: 404, headers: { 'Cache-Control': 'no-store' } });
    } catch (error) {
      // A handler answering outside its contract is a bug of the mock: loud, as MSW does elsewhere.
      console.error('[cibtp-mock-server]', error);
      return Response.json({ code: 'server' }, { status: 500, headers: { 'Cache-Control': 'no-store' } });
    }
  };

  return async (req, res) => {
    const requestOrigin = req.headers.origin;
    const allowed = requestOrigin !== undefined && env.corsOrigins.has(requestOrigin);
    const cors: Record<string, string> = { Vary: 'Origin' };
    if (allowed) {
      cors['Access-Control-Allow-Origin'] = requestOrigin;
      cors['Access-Control-Allow-Credentials'] = 'true';
    }
    if (req.method === 'OPTIONS') {
      send(res, 204, allowed ? { ...cors, ...CORS_PREFLIGHT } : cors);
      return;
    }
    if (allowed) cors['Access-Control-Expose-Headers'] = 'Retry-After, Content-Disposition';

    let body: Uint8Array<ArrayBuffer> | undefined;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      try {
        body = new Uint8Array(await readBody(req));
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        send(res, 413, { ...cors, 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' }, JSON.stringify({ code: 'validation' }));
        return;
      }
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    const request = new Request(new URL(req.url ?? '/', env.origin), { method: req.method, headers, body });
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);

    const { response, bytes, setCookie } = await serial(async () => {
      // An unknown cookie is never adopted: its holder gets a slot under a value the server chose.
      const known = cookie !== undefined && state.hasSlot(cookie);
      const id = known ? cookie : randomToken();
      state.useSlot(id);
      try {
        const answer = env.intercept ? await env.intercept(request, next) : await next(request);
        const answerBytes = answer.type === 'error' ? null : new Uint8Array(await answer.arrayBuffer());
        const change = state.slotChange();
        let value: string | null | undefined = known ? undefined : id;
        if (change === 'started') {
          value = randomToken();
          state.moveSlot(id, value);
        } else if (change === 'ended') {
          state.dropSlot(id);
          value = null;
        }
        return { response: answer, bytes: answerBytes, setCookie: value };
      } finally {
        state.useSlot();
      }
    });

    if (!bytes) {
      // The `network` fault: the connection drops without an answer.
      res.destroy();
      return;
    }
    const out: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie' && name !== 'content-length') out[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (setCookie !== undefined) cookies.push(sessionCookie(setCookie));
    if (cookies.length > 0) out['Set-Cookie'] = cookies;
    send(res, response.status, { ...out, ...cors }, req.method === 'HEAD' ? undefined : bytes);
  };
}

interface ControlEnv {
  backend: MockBackend;
  clock: MockClock;
  reset(): void;
  url: string;
  apiUrl: string;
  origin: string;
  serial: ReturnType<typeof serialiser>;
}

function controlHandler(env: ControlEnv): (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void> {
  const { backend, clock, serial } = env;
  const clockAnswer = () => ({ now: clock.now().toISOString() });

  const readJson = async (req: IncomingMessage): Promise<unknown> => {
    const raw = (await readBody(req)).toString('utf8');
    return raw === '' ? undefined : JSON.parse(raw);
  };

  return async (req, res, pathname) => {
    const method = req.method ?? 'GET';
    const route = `${method} ${pathname}`;
    // Changes come from the developer's tools (curl, tests, the same origin), not from another site's page.
    const requestOrigin = req.headers.origin;
    if (method !== 'GET' && method !== 'HEAD' && requestOrigin !== undefined && requestOrigin !== env.origin) {
      sendJson(res, 403, { error: 'control endpoints answer only their own origin' });
      return;
    }
    let input: unknown;
    if (method === 'POST') {
      try {
        input = await readJson(req);
      } catch (error) {
        sendJson(res, error instanceof BodyTooLarge ? 413 : 400, { error: 'the body must be JSON' });
        return;
      }
    }
    const invalid = (issues: readonly z.core.$ZodIssue[]) => sendJson(res, 400, { error: describeIssues(issues) });

    switch (route) {
      case 'GET /__mock':
      case 'GET /__mock/':
        sendJson(res, 200, { name: 'cibtp-mock-server', api: env.apiUrl, outbox: `${env.url}__mock/outbox.json`, clock: `${env.url}__mock/clock` });
        return;
      case 'GET /__mock/outbox':
        send(res, 200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': OUTBOX_PAGE_CSP,
          'Referrer-Policy': 'no-referrer',
          'X-Frame-Options': 'DENY',
        }, renderOutboxPage(backend.outbox.list()));
        return;
      case 'GET /__mock/outbox.json':
        sendJson(res, 200, backend.outbox.list());
        return;
      case 'GET /__mock/clock':
        sendJson(res, 200, clockAnswer());
        return;
      case 'POST /__mock/clock': {
        const parsed = ClockRequest.safeParse(input);
        if (!parsed.success) return invalid(parsed.error.issues);
        await serial(async () => {
          if ('advance' in parsed.data) clock.advance(parsed.data.advance);
          else clock.set(new Date(parsed.data.set));
        });
        sendJson(res, 200, clockAnswer());
        return;
      }
      case 'POST /__mock/faults': {
        const parsed = FaultRequest.safeParse(input);
        if (!parsed.success) return invalid(parsed.error.issues);
        const { operation, fault, times } = parsed.data;
        await serial(async () => backend.faults.set(operation, fault, times === undefined ? {} : { times }));
        send(res, 204, {});
        return;
      }
      case 'DELETE /__mock/faults':
        await serial(async () => backend.faults.clear());
        send(res, 204, {});
        return;
      case 'POST /__mock/reset':
        await serial(async () => env.reset());
        send(res, 204, {});
        return;
      default:
        sendJson(res, 404, { error: `no control endpoint ${route}` });
    }
  };
}
