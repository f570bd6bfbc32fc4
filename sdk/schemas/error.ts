import { z } from '../zod.js';
import { CLIENT_ONLY_CODES, FIELD_CODE_PATTERN, PORTAL_ERROR_CODES, type FieldErrorCode, type PortalErrorCode } from '../errors.js';
import { ErrorBody } from './common.js';
import { MAX_ID } from './limits.js';

// The error body as the contract states it, for the OpenAPI document (`scripts/openapi.ts`) and the
// conformance suite: `ErrorBody` of `./common.ts` with its code list closed and its field codes named.
// The core never imports this module (it reads an error body field by field, keeping what is valid),
// nor does any widget: a page carries none of it.

export type ServerErrorCode = Exclude<PortalErrorCode, (typeof CLIENT_ONLY_CODES)[number]>;

/** Every code a server may answer with, in the order of `PORTAL_ERROR_CODES`. */
export const SERVER_ERROR_CODES = /* @__PURE__ */ PORTAL_ERROR_CODES.filter(
  (code): code is ServerErrorCode => !(CLIENT_ONLY_CODES as readonly string[]).includes(code),
) as readonly ServerErrorCode[] as readonly [ServerErrorCode, ...ServerErrorCode[]];

/**
 * The field codes known today: those every widget words, then those the portal's backends define for a
 * field (a widget words them itself, or reads `invalid`). The set is open: `FIELD_CODE_PATTERN`.
 */
export const KNOWN_FIELD_CODES = [
  'required', 'invalid', 'too-long', 'policy', 'mismatch',
  'not-mobile', 'not-certified', 'in-use', 'past', 'self', 'before-start', 'already-delegated', 'beyond-rights',
] as const satisfies readonly FieldErrorCode[];

export const FieldCode = z.union([
  z.enum(KNOWN_FIELD_CODES),
  /* @__PURE__ */ z.string().check(z.regex(FIELD_CODE_PATTERN), z.maxLength(40)),
]);

/** The body of every error answer: `code` from the closed list, `fields` on a `validation` answer. */
export const ServerErrorBody = /* @__PURE__ */ z.extend(ErrorBody, {
  code: z.enum(SERVER_ERROR_CODES),
  fields: z.optional(z.record(/* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(MAX_ID)), FieldCode)),
});
export type ServerErrorBody = z.infer<typeof ServerErrorBody>;
