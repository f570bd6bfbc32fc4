/**
 * The one way to add a mock route. `route(name, handler)` binds a typed handler to the operation's
 * method and path from `sdk/operations.ts` and does, in this order, what every real endpoint of the
 * caisse must do: injected fault → CSRF check (POST) → body parsed with the SDK's own request schema
 * (400 + per-field codes) → Idempotency-Key replay (POST) → handler → answer checked against the SDK's
 * response schema. A handler only writes the business rule.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { operations, type OperationDef, type OperationName, type OperationOutput, type Operations } from '../sdk/operations.js';
import { parseFields } from '../sdk/validate.js';
import type { z } from '../sdk/zod.js';
import type { Fault, FaultTable } from './faults.js';
import { MockHttpError, type MockErrorBody } from './http-error.js';
import { LIMITS, type BackendState, type StoredAnswer } from './state.js';

/** The parsed (output) type of an operation's request body. */
export type RequestBody<N extends OperationName> = Operations[N]['request'] extends z.ZodMiniType
  ? z.output<Operations[N]['request']>
  : undefined;

export interface RouteContext<N extends OperationName> {
  /** The request body, already checked with the operation's request schema. */
  body: RequestBody<N>;
  state: BackendState;
  now(): Date;
  request: Request;
}

export type RouteHandler<N extends OperationName> = (
  ctx: RouteContext<N>,
) => OperationOutput<N> | Promise<OperationOutput<N>>;

export interface RouteEnv {
  /** Ends with `/`; relative (`/api/`) in a browser, absolute in Node. */
  baseUrl: string;
  state: BackendState;
  faults: FaultTable;
}

export interface MockRoute {
  readonly name: OperationName;
  toHandler(env: RouteEnv): HttpHandler;
}

const COMMON_HEADERS = { 'Cache-Control': 'no-store' } as const;

export interface RouteOptions {
  /** Status of a successful answer with a body (default 200; 202 for the "accepted" answers). */
  status?: number;
}

export function route<N extends OperationName>(name: N, handler: RouteHandler<N>, options: RouteOptions = {}): MockRoute {
  const def: OperationDef = operations[name];
  return {
    name,
    toHandler(env) {
      const url = `${env.baseUrl}${def.path}`;
      const register = def.method === 'GET' ? http.get : http.post;
      return register(url, async ({ request }) => {
        const { state } = env;
        const fault = env.faults.take(name);
        if (fault) {
          const faulty = await applyFault(fault);
          if (faulty) return faulty;
        }

        if (def.method === 'POST' && !state.isCsrfTokenValid(request.headers.get('X-CSRF-Token'))) {
          return errorResponse(403, { code: 'csrf' });
        }

        const raw = await request.text();
        let body: unknown = undefined;
        if (def.request) {
          let json: unknown;
          try {
            json = raw === '' ? undefined : JSON.parse(raw);
          } catch {
            return errorResponse(400, { code: 'validation' });
          }
          const parsed = parseFields(def.request, json);
          if (!parsed.success) return errorResponse(400, { code: 'validation', fields: parsed.fields });
          body = parsed.data;
        }

        const run = () => execute(name, def, handler, options.status ?? 200, { body: body as RequestBody<N>, state, now: state.now, request });
        const key = def.method === 'POST' ? request.headers.get('Idempotency-Key') : null;
        const answer = key ? await once(state, `${name}\u0000${key}\u0000${await digest(raw)}`, run) : await run();
        return toResponse(answer);
      });
    },
  };
}

async function execute<N extends OperationName>(
  name: N, def: OperationDef, handler: RouteHandler<N>, okStatus: number, ctx: RouteContext<N>,
): Promise<StoredAnswer> {
  const storedAt = ctx.now();
  let result: unknown;
  try {
    result = await handler(ctx);
  } catch (error) {
    if (error instanceof MockHttpError) {
      return { status: error.status, headers: error.headers, body: JSON.stringify(error.body), storedAt };
    }
    throw error;
  }
  if (!def.response) return { status: 204, headers: {}, body: null, storedAt };
  const checked = def.response.safeParse(result);
  if (!checked.success) {
    // A handler answering outside the contract is a bug of the mock: fail loudly (MSW answers 500).
    const where = checked.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`[mock-server] the handler of "${name}" answered outside its response schema: ${where}`);
  }
  return { status: okStatus, headers: {}, body: JSON.stringify(checked.data), storedAt };
}

/**
 * Same operation + same Idempotency-Key + same body ⇒ the stored answer, one effect. A concurrent
 * duplicate (double click) waits for the first. A different body under the same key is treated as a
 * new request: see README.md ("Idempotency-Key").
 */
async function once(state: BackendState, key: string, run: () => Promise<StoredAnswer>): Promise<StoredAnswer> {
  const existing = state.idempotency.get(key);
  if (existing) {
    const stored = await existing.catch(() => undefined);
    if (stored && state.now().getTime() - stored.storedAt.getTime() < LIMITS.idempotencyTtl) return stored;
  }
  const pending = run();
  state.idempotency.set(key, pending);
  // A failure (a bug, answered 500) is not an answer worth replaying: the next attempt runs again.
  pending.catch(() => state.idempotency.delete(key));
  return pending;
}

/** A fingerprint of the body, so that the store does not keep passwords as map keys. */
async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function applyFault(fault: Fault): Promise<Response | undefined> {
  switch (fault.kind) {
    case 'latency':
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      return undefined;
    case 'network':
      return HttpResponse.error();
    case 'server':
      return errorResponse(500, { code: 'server' });
    case 'unavailable':
      return errorResponse(503, { code: 'server' }, { 'Retry-After': String(Math.max(0, Math.round(fault.retryAfter))) });
    case 'malformed':
      // What a proxy's error page looks like: 200, HTML, not JSON.
      return new HttpResponse('<html><body>Service en maintenance</body></html>', {
        status: 200, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8' },
      });
    case 'unexpected-shape':
      return HttpResponse.json({ data: null, unexpected: ['shape'] }, { status: 200, headers: COMMON_HEADERS });
  }
}

function errorResponse(status: number, body: MockErrorBody, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(body, { status, headers: { ...COMMON_HEADERS, ...headers } });
}

function toResponse(answer: StoredAnswer): Response {
  if (answer.body === null) return new HttpResponse(null, { status: answer.status, headers: { ...COMMON_HEADERS, ...answer.headers } });
  return new HttpResponse(answer.body, {
    status: answer.status,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'application/json', ...answer.headers },
  });
}
