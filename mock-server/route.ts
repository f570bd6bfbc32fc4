/**
 * The one way to add a mock route. `route(name, handler)` binds a typed handler to the operation's
 * method and path from `sdk/operations.ts` and does, in this order, what every real endpoint of the
 * caisse must do: injected fault → CSRF check (writes) → input (path parameters + query string, JSON
 * or multipart body) parsed with the SDK's own request schema (400 + per-field codes) → Idempotency-Key
 * replay (writes) → handler → answer checked against the SDK's response schema (or sent as a file for
 * `response: 'blob'`). A handler only writes the business rule.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { FileDownload, HttpMethod, OperationDef, OutputOf } from '../sdk/definition.js';
import { operations, type OperationName, type Operations } from '../sdk/operations.js';
import { parseFields } from '../sdk/validate.js';
import type { z } from '../sdk/zod.js';
import type { Fault, FaultTable } from './faults.js';
import { MockHttpError, type MockErrorBody } from './http-error.js';
import type { BackendState, StoredAnswer } from './state.js';

/** The parsed (output) type of a definition's input. */
export type InputBody<D extends OperationDef> = D['request'] extends z.ZodMiniType ? z.output<D['request']> : undefined;

/** The parsed (output) type of an operation's input. */
export type RequestBody<N extends OperationName> = InputBody<Operations[N]>;

export interface DefRouteContext<D extends OperationDef> {
  /** The input (path parameters included), already checked with the operation's request schema. */
  body: InputBody<D>;
  state: BackendState;
  now(): Date;
  request: Request;
}

export type RouteContext<N extends OperationName> = DefRouteContext<Operations[N]>;

export type DefRouteHandler<D extends OperationDef> = (ctx: DefRouteContext<D>) => OutputOf<D> | Promise<OutputOf<D>>;

export type RouteHandler<N extends OperationName> = DefRouteHandler<Operations[N]>;

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
  return routeFor(name, operations[name], handler, options);
}

const REGISTER: Record<HttpMethod, typeof http.get> = {
  GET: http.get, POST: http.post, PUT: http.put, PATCH: http.patch, DELETE: http.delete,
};

/**
 * `route()` for any definition. The mock's own routes use `route()`; this serves definitions outside
 * `sdk/operations.ts` (tests of the transport), under a name of their own (faults and idempotency are
 * kept per name).
 */
export function routeFor<D extends OperationDef>(
  name: string, def: D, handler: DefRouteHandler<D>, options: RouteOptions = {},
): MockRoute {
  return {
    name: name as OperationName,
    toHandler(env) {
      const url = `${env.baseUrl}${def.path.replace(/\{(\w+)\}/g, ':$1')}`;
      return REGISTER[def.method](url, async ({ request, params }) => {
        const { state } = env;
        const fault = env.faults.take(name as OperationName);
        if (fault) {
          const faulty = await applyFault(fault);
          if (faulty) return faulty;
        }

        const writes = def.method !== 'GET';
        if (writes && !state.isCsrfTokenValid(request.headers.get('X-CSRF-Token'))) {
          return errorResponse(403, { code: 'csrf' });
        }

        let input: unknown;
        try {
          input = await readInput(def, request, params);
        } catch {
          // An unreadable body (not JSON, not a form) is parsed as no body: the 400 then names the fields.
          input = undefined;
        }
        let body: unknown = undefined;
        if (def.request) {
          const parsed = parseFields(def.request, input);
          if (!parsed.success) return errorResponse(400, { code: 'validation', fields: parsed.fields });
          body = parsed.data;
        }

        const run = () => execute(name, def, handler, options.status ?? 200, { body: body as InputBody<D>, state, now: state.now, request });
        const key = writes ? request.headers.get('Idempotency-Key') : null;
        const answer = key ? await once(state, `${name}\u0000${key}\u0000${await digest(input)}`, run) : await run();
        return toResponse(answer);
      });
    },
  };
}

/**
 * The input as the SDK sends it: the path parameters plus the query string (GET), the form fields
 * (multipart) or the JSON body. A repeated key is an array, a single one a value. Throws on a body that
 * cannot be read (not JSON, not a form).
 */
async function readInput(def: OperationDef, request: Request, params: Record<string, string | readonly string[] | undefined>): Promise<unknown> {
  if (!def.request) return undefined;
  let fields: unknown;
  if (def.method === 'GET') fields = collect(new URL(request.url).searchParams);
  else if (def.body === 'multipart') fields = collect(await request.formData());
  else {
    const raw = await request.text();
    fields = raw === '' ? undefined : JSON.parse(raw);
  }
  if (Object.keys(params).length === 0) return fields;
  return { ...(typeof fields === 'object' && fields !== null ? fields : {}), ...params };
}

function collect(entries: URLSearchParams | FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const name of new Set(entries.keys())) {
    const values = entries.getAll(name);
    fields[name] = values.length === 1 ? values[0] : values;
  }
  return fields;
}

async function execute<D extends OperationDef>(
  name: string, def: D, handler: DefRouteHandler<D>, okStatus: number, ctx: DefRouteContext<D>,
): Promise<StoredAnswer> {
  let result: unknown;
  try {
    result = await handler(ctx);
  } catch (error) {
    if (error instanceof MockHttpError) {
      return { status: error.status, headers: error.headers, body: JSON.stringify(error.body) };
    }
    throw error;
  }
  if (!def.response) return { status: 204, headers: {}, body: null };
  if (def.response === 'blob') {
    const { blob, fileName } = result as FileDownload;
    const headers: Record<string, string> = { 'Content-Type': blob.type || 'application/octet-stream' };
    if (fileName) headers['Content-Disposition'] = contentDisposition(fileName);
    return { status: okStatus, headers, body: blob };
  }
  const checked = def.response.safeParse(result);
  if (!checked.success) {
    // A handler answering outside the contract is a bug of the mock: fail loudly (MSW answers 500).
    const where = checked.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`[mock-server] the handler of "${name}" answered outside its response schema: ${where}`);
  }
  return { status: okStatus, headers: {}, body: JSON.stringify(checked.data) };
}

/**
 * Same operation + same Idempotency-Key + same body ⇒ the stored answer, one effect. A concurrent
 * duplicate (double click) waits for the first. A different body under the same key is treated as a
 * new request: see README.md ("Idempotency-Key").
 */
async function once(state: BackendState, key: string, run: () => Promise<StoredAnswer>): Promise<StoredAnswer> {
  const stored = await state.keptAnswer(key)?.catch(() => undefined);
  if (stored) return stored;
  const pending = run();
  state.keepAnswer(key, pending);
  return pending;
}

/**
 * A fingerprint of the input, so that the store does not keep passwords as map keys. Taken from the
 * fields, not the raw body: a multipart body gets a new boundary at every attempt.
 */
async function digest(input: unknown): Promise<string> {
  const blobs: Blob[] = [];
  // A file stands in the text by its index; its bytes follow the text.
  const text = JSON.stringify(input, (_, value: unknown) => (value instanceof Blob ? { file: blobs.push(value) - 1 } : value));
  const bytes = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', await new Blob([text ?? '', ...blobs]).arrayBuffer()));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `Content-Disposition` with both forms: `filename*` (UTF-8, RFC 6266) and an ASCII `filename` fallback. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
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
