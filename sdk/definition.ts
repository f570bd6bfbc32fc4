/**
 * What an operation of the portal API is, as data. Each domain module (`sdk/<domain>/operations.ts`)
 * declares its operations with `defineOperation()`, one top-level constant each, so that a bundler keeps
 * only the definitions (and schemas) of the operations a page calls. The core transport (`sdk/core.ts`)
 * runs any definition; the mock backend serves every definition of `sdk/operations.ts`.
 */
import type { z } from './zod.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What a successful call does to the session the core tracks:
 * - `'result'`: a `{ status: 'signed-in', session }` result becomes the session (and the CSRF token,
 *   which the server renews with a new session, is fetched again);
 * - `'end'`: the session is over (logout): no session, no CSRF token;
 * - `'current'`: the `{ session }` result is the server's view of the session, `null` included.
 */
export type SessionEffect = 'result' | 'end' | 'current';

/** A downloaded file (`response: 'blob'`). */
export interface FileDownload {
  blob: Blob;
  /** From `Content-Disposition` (`filename*` first, then `filename`), without any directory part. */
  fileName: string | undefined;
}

/** One operation of the portal API, as data: how to send it, what it takes, what it answers. */
export interface OperationDef<
  Req extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  Res extends z.ZodMiniType | 'blob' | undefined = z.ZodMiniType | 'blob' | undefined,
> {
  method: HttpMethod;
  /**
   * Path under the API base URL, e.g. `'tiers/{tiersId}/sites'`: each `{name}` is filled with the input
   * field `name` (URL-encoded) and that field is not sent otherwise. Never put a token or a password in
   * a path: they end up in server logs.
   */
  path: string;
  /**
   * The input schema, checked before anything is sent. A GET sends the fields left after the path as
   * the query string; other methods send them as the body.
   */
  request: Req;
  /**
   * How a body travels: JSON (default), or `multipart/form-data` (File and Blob values kept as files,
   * other values as text; upload progress through `CallOptions.onUploadProgress`).
   */
  body?: 'json' | 'multipart';
  /**
   * The answer's schema; `'blob'` for a file download (`FileDownload`); `undefined` for an empty answer
   * (a 204, or a 2xx with an empty body: any body is `malformed-response`, not a success).
   */
  response: Res;
  /**
   * Whether a GET is retried after a transient failure. Writes never are by themselves (a manual retry
   * reuses the `Idempotency-Key`); authentication, codes and signup are never retried (docs/SECURITY.md).
   */
  retry: boolean;
  /** What a successful call does to the tracked session (none by default). */
  session?: SessionEffect;
}

/** The caller's input of an operation (`void` when it takes none). */
export type InputOf<D extends OperationDef> = D['request'] extends z.ZodMiniType ? z.input<D['request']> : void;

/** The parsed result of an operation (`void` for an empty answer). */
export type OutputOf<D extends OperationDef> = D['response'] extends z.ZodMiniType
  ? z.output<D['response']>
  : D['response'] extends 'blob'
    ? FileDownload
    : void;

/**
 * Declares an operation, keeping its literal types (schemas, method) for `InputOf` / `OutputOf`.
 *
 * @example
 * ```ts
 * export const tiersSitesDef = defineOperation({
 *   method: 'GET', path: 'tiers/{tiersId}/sites', request: TiersSitesRequest, response: TiersSites, retry: true,
 * });
 * ```
 */
// Marked so that bundlers drop a definition nobody uses, like the schema calls it wraps.
/* @__NO_SIDE_EFFECTS__ */
export function defineOperation<const D extends OperationDef>(def: D): D {
  return def;
}
