/**
 * The OpenAPI 3.1 document of the portal API, generated from the SDK's operation table
 * (`sdk/operations.ts`), its zod schemas (zod 4's JSON Schema output, draft 2020-12) and what a schema
 * cannot say (`sdk/contract.ts`). Never written by hand: `npm run openapi` writes `dist/openapi.json`,
 * and beside it a readable reference page, `openapi.html` with its `openapi.css` (static: no script, no
 * inline style, so that it is served under the demo's strict CSP).
 *
 *   node --import tsx scripts/openapi.ts [out.json]     (default dist/openapi.json)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CONTRACT, errorAnswers, isWrite, type Access, type Domain, type ErrorStatus, type OperationContract, type SuccessStatus,
} from '../sdk/contract.js';
import type { HttpMethod, OperationDef } from '../sdk/definition.js';
import { operations, type OperationName } from '../sdk/operations.js';
import { CsrfResponse } from '../sdk/csrf.js';
import { Accepted, LinkTokenRequest, LoginResult, OtpChallenge } from '../sdk/schemas/auth.js';
import {
  Email, IdentifiantCibtp, IsoDateTime, LinkToken, Locale, PasswordPolicy, Session, Tiers,
} from '../sdk/schemas/common.js';
import { FieldCode, KNOWN_FIELD_CODES, SERVER_ERROR_CODES, ServerErrorBody } from '../sdk/schemas/error.js';
import { MobileNumber, PhoneNumber } from '../sdk/schemas/phone.js';
import {
  CabinetDelegationRequest, CreateDelegationRequest, Delegation, DelegationRights, IsoDate,
  UpdateDelegationRequest,
} from '../sdk/schemas/rights.js';
import { BirthDate, ConfidentialCode, PersonName, SignupTicket, Siret, WorkerCivilStatus } from '../sdk/schemas/signup.js';
import { PageNumber, PageSize, TiersRights } from '../sdk/schemas/tiers.js';
import { z } from '../sdk/zod.js';

/** A JSON Schema (draft 2020-12), as zod writes it. */
export type JsonSchema = { [keyword: string]: unknown };

export interface Reference {
  $ref: string;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiHeader {
  description: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface OpenApiMedia {
  schema?: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, OpenApiHeader | Reference>;
  content?: Record<string, OpenApiMedia>;
}

export interface OpenApiOperation {
  operationId: OperationName;
  summary: string;
  description: string;
  tags: [Domain];
  security: Record<string, string[]>[];
  parameters?: (OpenApiParameter | Reference)[];
  requestBody?: { required: boolean; content: Record<string, OpenApiMedia> };
  responses: Record<string, OpenApiResponse | Reference>;
  'x-cibtp-access': readonly Access[];
  'x-cibtp-uniform-answer'?: true;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; summary: string; description: string };
  servers: { url: string; description: string }[];
  tags: { name: Domain; description: string }[];
  paths: Record<string, Partial<Record<Lowercase<HttpMethod>, OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, OpenApiParameter>;
    responses: Record<string, OpenApiResponse>;
    headers: Record<string, OpenApiHeader>;
    securitySchemes: Record<string, { type: 'apiKey'; in: 'cookie'; name: string; description: string }>;
  };
}

const SCHEMAS = '#/components/schemas/';

/**
 * The schemas the document names in `components.schemas`: those several operations share, and the
 * field types a backend developer looks up. Any other schema is written out where it is used. The
 * description is the rule a JSON Schema cannot state (a zod `refine`), when the schema has one.
 */
const COMPONENTS: readonly (readonly [string, z.ZodMiniType, string?])[] = [
  ['ErrorBody', ServerErrorBody, 'The body of every error answer. `code` is one of a closed list; `fields` (on `validation`) names each refused request field by its dotted path, with a field code; `retryAt` says when to try again (`account-locked`, `rate-limited`); `attemptsLeft` counts the one-time code attempts left (`otp-invalid`).'],
  ['FieldCode', FieldCode, 'Why a field was refused. An open set: the codes listed, and any other of the same form that a backend defines for a field (a widget that does not know it reads `invalid`).'],
  ['Session', Session, 'The signed-in session, as the server sees it. The session itself is the cookie; this is what the widgets show.'],
  ['Tiers', Tiers, 'A tiers: a declaring site of an adhérent, which a login may act for.'],
  ['OtpChallenge', OtpChallenge, 'A one-time code was sent by SMS; its `id` is sent back with the code.'],
  ['LoginResult', LoginResult, 'Signed in, a tiers to choose (`searchTiers`, then `selectTiers`), or a one-time code sent (`verifyOtp`).'],
  ['Accepted', Accepted, 'The one answer of the operations that must not reveal whether an account exists.'],
  ['PasswordPolicy', PasswordPolicy, 'Lengths in characters (code points); `minLength` ≤ `maxLength`, `minCategories` ≤ the number of `categories`, each category once.'],
  ['TiersRights', TiersRights, 'What a login holds on a tiers: the administrator box, its collèges, a mode per function (a missing function is no right).'],
  ['DelegationRights', DelegationRights, 'The rights a delegation gives: never beyond the delegator\'s own (else 422, `beyond-rights` on `rights`); each collège at most once.'],
  ['Delegation', Delegation, 'One beneficiary of a delegation on the current tiers.'],
  ['LinkTokenRequest', LinkTokenRequest, 'The token of a link sent by email (always in the body, never in a URL).'],
  ['IsoDateTime', IsoDateTime, 'An ISO 8601 date-time with its offset, of a real day from 2000 to 2099.'],
  ['IsoDate', IsoDate, 'A calendar date `YYYY-MM-DD`: a real day from 2000 to 2099.'],
  ['BirthDate', BirthDate, 'A date of birth `YYYY-MM-DD`: a real day, not in the future.'],
  ['Email', Email, 'An email address; surrounding spaces are dropped.'],
  ['LinkToken', LinkToken, 'An opaque link token: random, single use, short-lived.'],
  ['SignupTicket', SignupTicket, 'The ticket of a signup step 1 (or of a FranceConnect return): short-lived, single use.'],
  ['IdentifiantCibtp', IdentifiantCibtp, 'The identifiant CIBTP printed on the caisse\'s letters; surrounding spaces are dropped.'],
  ['Siret', Siret, 'A SIRET: 14 digits (spaces typed between groups are dropped), Luhn-valid (La Poste\'s establishments by their own rule).'],
  ['ConfidentialCode', ConfidentialCode, 'The confidential code printed on the caisse\'s letter; spaces and hyphens typed between groups are dropped.'],
  ['PersonName', PersonName, 'A person\'s name as typed; surrounding spaces are dropped.'],
  ['PhoneNumber', PhoneNumber, 'A phone number in E.164 (`+33612345678`): a valid number of one of the countries the kit offers.'],
  ['MobileNumber', MobileNumber, 'A mobile number in E.164 (`+33612345678`): a valid mobile number of one of the countries the kit offers (another valid number is refused as `not-mobile`).'],
  ['WorkerCivilStatus', WorkerCivilStatus, 'The civil status the caisse holds. Born in France (`FR`), `birthDepartement` and `birthCommune` (INSEE code, within the département) are required; born abroad, neither is sent.'],
  ['Locale', Locale],
  ['PageNumber', PageNumber, 'A 1-based page number (a whole number; text in a query string).'],
  ['PageSize', PageSize, 'The rows of one page (a whole number; text in a query string).'],
];

/** The rules of operation-level schemas that JSON Schema cannot state. */
const NOTES = new Map<z.ZodMiniType, string>([
  [CreateDelegationRequest, '`endDate`, when given, comes after `effectiveDate` (else `before-start` on `endDate`); `effectiveDate` is not past (422, `past`).'],
  [UpdateDelegationRequest, '`endDate`, when given, comes after `effectiveDate` (else `before-start` on `endDate`); a new `effectiveDate` is not past (422, `past`).'],
  [CabinetDelegationRequest, '`endDate`, when given, comes after `effectiveDate` (else `before-start` on `endDate`); `effectiveDate` is not past (422, `past`).'],
]);

/** Refined numbers whose JSON type zod cannot narrow: the refine makes them whole. */
const WHOLE_NUMBERS = new Set<z.ZodMiniType>([PageNumber, PageSize]);

const GENERIC_RULE = 'A further rule applies here that this schema cannot state (the SDK and the mock backend check it).';

type CheckDef = { _zod: { def: { check: string } } };
type ZodInternals = { _zod: { def: { type: string; checks?: CheckDef[] } } };

/** zod's JSON Schema of every schema the document needs, components as `$ref`s, in one pass. */
function convert(roots: Map<z.ZodMiniType, string>) {
  const registry = z.registry<{ id: string; description?: string }>();
  for (const [id, schema, description] of COMPONENTS) registry.add(schema, description ? { id, description } : { id });
  for (const [schema, id] of roots) if (!registry.has(schema)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    // A response is what the SDK parses: its wire form is the schema's input, as for a request (unknown
    // keys are dropped by the SDK, so a backend may add fields; the output would forbid them).
    io: 'input',
    uri: (id) => `${SCHEMAS}${id}`,
    // A transform or a custom type is documented as "any value" rather than stopping the build.
    unrepresentable: 'any',
    override(ctx) {
      const { jsonSchema } = ctx;
      const zodSchema = ctx.zodSchema as unknown as z.ZodMiniType;
      const def = (zodSchema as unknown as ZodInternals)._zod.def;
      if (WHOLE_NUMBERS.has(zodSchema)) jsonSchema.type = 'integer';
      // zod writes no metadata of the registry it converts: the components' descriptions go in here.
      const note = registry.get(zodSchema)?.description ?? NOTES.get(zodSchema);
      if (note) jsonSchema.description = note;
      else if (def.type === 'transform' || def.type === 'custom') jsonSchema.description = 'Any value: not representable in JSON Schema.';
      else if (def.checks?.some((check) => check._zod.def.check === 'custom')) jsonSchema.description = GENERIC_RULE;
    },
  });
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas as Record<string, JsonSchema>;
}

/** Replaces every `$ref` to a schema that is not a component by that schema, written out. */
function inline(node: unknown, all: Record<string, JsonSchema>, components: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) return node.map((item) => inline(item, all, components));
  if (typeof node !== 'object' || node === null) return node;
  const ref = (node as Reference).$ref;
  if (typeof ref === 'string' && ref.startsWith(SCHEMAS)) {
    const id = ref.slice(SCHEMAS.length);
    if (!components.has(id)) {
      const { $ref: _, ...rest } = node as Reference & JsonSchema;
      return { ...(inline(all[id], all, components) as JsonSchema), ...rest };
    }
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inline(value, all, components)]));
}

/** The object schema behind a schema or its `$ref`, or undefined (a union, a scalar). */
function objectOf(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema | undefined {
  const target = typeof schema.$ref === 'string' ? components[schema.$ref.slice(SCHEMAS.length)] : schema;
  return target?.type === 'object' && typeof target.properties === 'object' ? target : undefined;
}

/** `schema` without the fields that travel in the path. */
function withoutFields(object: JsonSchema, fields: readonly string[]): JsonSchema {
  const properties = Object.fromEntries(Object.entries(object.properties as Record<string, JsonSchema>).filter(([name]) => !fields.includes(name)));
  const required = ((object.required as string[] | undefined) ?? []).filter((name) => !fields.includes(name));
  const { required: _, ...rest } = object;
  return { ...rest, properties, ...(required.length > 0 ? { required } : {}) };
}

const ACCESS_TEXT: Record<Access, string> = {
  public: 'anyone, without a session',
  session: 'a signed-in session (the session cookie)',
  'pending-tiers': 'a login that passed its password and has still to choose its tiers (the same cookie)',
  'link-token': 'whoever holds the token of the link sent by email (`token`, in the body)',
  challenge: 'whoever holds the id of the one-time code challenge the backend gave (`challengeId`, in the body)',
  ticket: 'whoever holds the ticket of the signup step 1 or of the FranceConnect return (`ticket`, in the body)',
};

const UNIFORM_TEXT = '**Uniform answer.** This operation must not reveal whether the account (or record) exists: for a known and an unknown identity it answers alike, in status, headers and body, and in similar time (`x-cibtp-uniform-answer`).';

const SESSION_TEXT: Record<NonNullable<OperationDef['session']>, string> = {
  result: 'A `signed-in` result starts the session: the backend sets the session cookie and renews the CSRF token (the SDK fetches `GET auth/csrf` again).',
  end: 'The backend ends the session (and its cookie); the CSRF token is renewed.',
  current: 'Extends a running session (sliding expiry).',
};

const ERROR_TEXT: Partial<Record<ErrorStatus, string>> = {
  400: 'The input was refused: `fields` names each refused field with its code.',
  401: 'Not authenticated, or the credential was refused.',
  403: 'Refused: without the CSRF token (`csrf`), or not allowed.',
  404: 'Not found, or the link is unknown.',
  409: 'In conflict with the current state.',
  410: 'The link, ticket or challenge is used or out of time.',
  422: 'A business rule refused the input: `fields` names the field.',
  423: 'The account is locked after repeated failures: `retryAt` in the body says until when.',
  429: 'Too many requests: `Retry-After` (and `retryAt` in the body) says when to try again.',
  500: 'Server failure.',
  503: 'Unavailable: `Retry-After` says when to try again, when the backend knows.',
};

const STATUS_TEXT: Record<SuccessStatus, string> = {
  200: 'Success.',
  202: 'Accepted (the same answer whatever happened).',
  204: 'Success, with an empty body.',
  file: 'The file; its name is in `Content-Disposition` (`filename*` UTF-8, then `filename`).',
};

function operationDescription(name: OperationName, contract: OperationContract, def: OperationDef): string {
  const who = contract.access.map((access) => ACCESS_TEXT[access]).join('; or ');
  const lines = [`Who may call it: ${who}.`];
  if (isWrite(name)) lines.push('A write: it carries `X-CSRF-Token` and `Idempotency-Key`, and is never retried by the SDK by itself.');
  else if (def.retry) lines.push('A read the SDK may retry after a transient failure (bounded, honouring `Retry-After`).');
  if (def.session) lines.push(SESSION_TEXT[def.session]);
  if (contract.uniform) lines.push(UNIFORM_TEXT);
  const note = def.request && typeof def.request === 'object' ? NOTES.get(def.request) : undefined;
  if (note) lines.push(note);
  return lines.join('\n\n');
}

/** Error answers many operations share, by status: named in `components.responses` when the codes are the same. */
const SHARED_ERRORS: Partial<Record<ErrorStatus, [string, string]>> = {
  400: ['Validation', 'validation'],
  401: ['SessionExpired', 'session-expired'],
  500: ['ServerError', 'server'],
  503: ['Unavailable', 'server'],
};

function errorResponse(status: ErrorStatus, codes: readonly string[]): OpenApiResponse {
  const response: OpenApiResponse = {
    description: `${ERROR_TEXT[status] ?? 'Error.'} Codes: ${codes.map((code) => `\`${code}\``).join(', ')}.`,
    content: {
      'application/json': { schema: { allOf: [{ $ref: `${SCHEMAS}ErrorBody` }, { type: 'object', properties: { code: { type: 'string', enum: [...codes] } } }] } },
    },
  };
  if (status === 429) response.headers = { 'Retry-After': { $ref: '#/components/headers/RetryAfterRequired' } };
  if (status === 503) response.headers = { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } };
  return response;
}

function successResponse(contract: OperationContract, def: OperationDef, schema: JsonSchema | undefined): [string, OpenApiResponse] {
  const description = STATUS_TEXT[contract.success];
  const response: OpenApiResponse = { description };
  if (def.session === 'result' || def.session === 'end') {
    response.headers = { 'Set-Cookie': { $ref: '#/components/headers/SetSessionCookie' } };
  }
  if (contract.success === 'file') {
    response.content = { 'application/octet-stream': {} };
    response.headers = { ...response.headers, 'Content-Disposition': { $ref: '#/components/headers/ContentDisposition' } };
    return ['200', response];
  }
  if (schema) response.content = { 'application/json': { schema } };
  return [String(contract.success), response];
}

/** Checks that the contract and the definition agree where both say something. */
function checkContract(name: OperationName, contract: OperationContract, def: OperationDef): void {
  const expected: readonly SuccessStatus[] = def.response === undefined ? [204] : def.response === 'blob' ? ['file'] : [200, 202];
  if (!expected.includes(contract.success)) {
    throw new Error(`[openapi] ${name}: success ${contract.success} does not fit its response (${def.response === undefined ? 'none' : typeof def.response})`);
  }
  if (def.method === 'GET' && contract.success === 202) throw new Error(`[openapi] ${name}: a GET answers 200, not 202`);
}

function packageVersion(): string {
  const json = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return json.version;
}

const INFO_DESCRIPTION = `The API behind the widgets and the SDK (\`@cibtp/espace-widgets/sdk\`) of the CIBTP caisses' Espace sécurisé, as a caisse's backend must implement it. The package's mock backend is the reference behaviour. This document is generated from the SDK's own schemas and operation table: do not edit it by hand.

**Session.** The session is a cookie the backend sets when a sign-in succeeds and sends with every request (\`credentials: 'include'\`). Its name is the backend's choice (\`session\` below stands for it); make it a \`__Host-\` cookie, \`Secure\`, \`HttpOnly\`, \`SameSite\`. Logout and expiry end the session on the server.

**CSRF.** Every write (POST, PUT, PATCH, DELETE) carries \`X-CSRF-Token\`: the token \`GET auth/csrf\` answers, bound to the session, renewed when a session starts or ends. Without the right token the backend answers 403 \`csrf\`, before reading the input.

**Idempotency.** Every write carries \`Idempotency-Key\` (1 to 255 visible ASCII characters; the SDK sends a UUID, and the same key again when the user retries the same action). The same operation with the same key and the same body answers the first answer again, with one effect; a duplicate sent while the first runs waits for it. A different body under the same key is a new request.

**Errors.** A status and a JSON body (\`ErrorBody\`): \`code\` from a closed list, \`fields\` on a \`validation\` answer (an open set of field codes), \`retryAt\` and \`attemptsLeft\` where they apply. 429 and 503 carry \`Retry-After\` (seconds, or an HTTP date); 423 says until when in \`retryAt\`. An answer without an error body of this form is read by the SDK as \`server\` (\`rate-limited\` for a 429).

**Answers that reveal nothing.** The operations marked \`x-cibtp-uniform-answer: true\` must not reveal whether an account (or record) exists: for a known and an unknown identity they answer alike, in status, headers and body, and in similar time. A sign-in failure is always 401 \`invalid-credentials\`; the "accepted" answers are always 202.

**Inputs.** A GET sends its fields in the query string (an array as repeated keys), every other method a JSON body (\`multipart/form-data\` for an upload); a field named in the path is sent there only. Tokens and passwords travel only in bodies, never in a URL. A write whose every field is in the path sends \`{}\`. Every string and list has a maximum. The SDK sends \`Accept-Language\` (\`fr\` or \`en\`).`;

const TAGS: { name: Domain; description: string }[] = [
  { name: 'auth', description: 'Sign-in, one-time codes, tiers choice, session, CSRF token, forgotten password, confidential code, activation and email certification.' },
  { name: 'signup', description: 'Company and worker signup, site association, mobile certification, look-ups and FranceConnect.' },
  { name: 'tiers', description: 'The tiers a login may act for, its rights on the current one, and the home page\'s tiles.' },
  { name: 'rights', description: 'Delegations of access rights, and the delegation to the member\'s accounting firm.' },
];

const HEADERS: Record<string, OpenApiHeader> = {
  RetryAfter: { description: 'When to try again: seconds, or an HTTP date.', schema: { type: 'string', maxLength: 64 } },
  RetryAfterRequired: { description: 'When to try again: seconds, or an HTTP date.', required: true, schema: { type: 'string', maxLength: 64 } },
  SetSessionCookie: {
    description: 'Starts or ends the session cookie (its name is the backend\'s choice): `__Host-`, `Secure`, `HttpOnly`, `SameSite`. Not readable by the page.',
    schema: { type: 'string' },
  },
};

/** Added only when an operation answers a file (none does yet): the document names no unused component. */
const CONTENT_DISPOSITION: OpenApiHeader = { description: '`attachment; filename="…"; filename*=UTF-8\'\'…`', schema: { type: 'string' } };

/** The OpenAPI 3.1 document of every operation of `sdk/operations.ts`. */
export function buildOpenApi(): OpenApiDocument {
  const names = Object.keys(operations) as OperationName[];
  const roots = new Map<z.ZodMiniType, string>();
  const rootId = (schema: z.ZodMiniType, id: string) => {
    if (!roots.has(schema)) roots.set(schema, id);
  };
  for (const name of names) {
    const def: OperationDef = operations[name];
    if (def.request) rootId(def.request, `${name}.request`);
    if (def.response && def.response !== 'blob') rootId(def.response, `${name}.response`);
  }
  rootId(CsrfResponse.shape.token, 'CsrfToken');
  const all = convert(roots);
  const componentIds = new Set(COMPONENTS.map(([id]) => id));
  const components = Object.fromEntries(COMPONENTS.map(([id]) => [id, inline(all[id], all, componentIds) as JsonSchema]));
  const schemaOf = (schema: z.ZodMiniType): JsonSchema => {
    const id = COMPONENTS.find(([, s]) => s === schema)?.[0];
    return id ? { $ref: `${SCHEMAS}${id}` } : (inline(all[roots.get(schema)!], all, componentIds) as JsonSchema);
  };

  const paths: OpenApiDocument['paths'] = {};
  const responses: Record<string, OpenApiResponse> = {};
  const headers: Record<string, OpenApiHeader> = { ...HEADERS };
  for (const name of names) {
    const def: OperationDef = operations[name];
    const contract: OperationContract = CONTRACT[name];
    checkContract(name, contract, def);
    const inPath = [...def.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
    const request = def.request ? schemaOf(def.request) : undefined;
    const object = request && objectOf(request, components);
    if ((inPath.length > 0 || def.method === 'GET') && request && !object) {
      throw new Error(`[openapi] ${name}: a request with path or query fields must be an object schema`);
    }
    const properties = (object?.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((object?.required as string[] | undefined) ?? []);
    const parameters: (OpenApiParameter | Reference)[] = inPath.map((field) => {
      if (!properties[field]) throw new Error(`[openapi] ${name}: {${field}} is not a field of its request`);
      return { name: field, in: 'path', required: true, schema: properties[field] };
    });
    if (def.method === 'GET' && object) {
      for (const [field, schema] of Object.entries(properties)) {
        if (!inPath.includes(field)) parameters.push({ name: field, in: 'query', required: required.has(field), schema });
      }
    }
    if (isWrite(name)) parameters.push({ $ref: '#/components/parameters/CsrfToken' }, { $ref: '#/components/parameters/IdempotencyKey' });
    parameters.push({ $ref: '#/components/parameters/AcceptLanguage' });

    const operation: OpenApiOperation = {
      operationId: name,
      summary: contract.summary,
      description: operationDescription(name, contract, def),
      tags: [contract.tag],
      security: contract.access.some((a) => a === 'session' || a === 'pending-tiers')
        ? [{ session: [] }, ...(contract.access.every((a) => a === 'session' || a === 'pending-tiers') ? [] : [{}])]
        : [],
      parameters,
      responses: {},
      'x-cibtp-access': contract.access,
    };
    if (contract.uniform) operation['x-cibtp-uniform-answer'] = true;
    if (isWrite(name) && request) {
      const rest = object && inPath.length > 0 ? withoutFields(object, inPath) : undefined;
      const body = rest ?? request;
      if (!object || Object.keys((rest ?? object).properties as object).length > 0) {
        operation.requestBody = { required: true, content: { [def.body === 'multipart' ? 'multipart/form-data' : 'application/json']: { schema: body } } };
      }
    }
    const response = def.response && def.response !== 'blob' ? schemaOf(def.response) : undefined;
    const [status, success] = successResponse(contract, def, response);
    operation.responses[status] = success;
    for (const [code, codes] of Object.entries(errorAnswers(name))) {
      const status = Number(code) as ErrorStatus;
      const shared = SHARED_ERRORS[status];
      if (shared && codes.length === 1 && codes[0] === shared[1]) {
        operation.responses[code] = { $ref: `#/components/responses/${shared[0]}` };
        responses[shared[0]] = errorResponse(status, codes);
      } else {
        operation.responses[code] = errorResponse(status, codes);
      }
    }
    if (contract.success === 'file') headers.ContentDisposition = CONTENT_DISPOSITION;
    const method = def.method.toLowerCase() as Lowercase<HttpMethod>;
    (paths[`/${def.path}`] ??= {})[method] = operation;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'CIBTP Espace sécurisé: portal API',
      version: packageVersion(),
      summary: 'What the widgets and the SDK call, and what a caisse\'s backend must implement.',
      description: INFO_DESCRIPTION,
    },
    servers: [{ url: '/api', description: 'The portal API, where the SDK\'s `baseUrl` (`/api/`) points.' }],
    tags: TAGS,
    paths,
    components: {
      schemas: components,
      parameters: {
        CsrfToken: {
          name: 'X-CSRF-Token', in: 'header', required: true, schema: schemaOf(CsrfResponse.shape.token),
          description: 'The token `GET auth/csrf` answered for this session (it changes when a session starts or ends). Without it, or with another, the write is refused: 403 `csrf`.',
        },
        IdempotencyKey: {
          name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[!-~]+$' },
          description: 'Sent by the SDK on every write. Same operation, same key and same body: the first answer again, with one effect (a duplicate sent while the first runs waits for it). A different body under the same key is a new request.',
        },
        AcceptLanguage: {
          name: 'Accept-Language', in: 'header', required: false, schema: { $ref: `${SCHEMAS}Locale` },
          description: 'The language of the page (`fr` by default): for texts the backend writes (emails, letters).',
        },
      },
      responses,
      headers,
      securitySchemes: {
        session: {
          type: 'apiKey', in: 'cookie', name: 'session',
          description: 'The session cookie, set by the backend when a sign-in succeeds. Its name is the backend\'s choice: `session` stands for it here. A `__Host-` cookie, `Secure`, `HttpOnly`, `SameSite`; the page never reads it.',
        },
      },
    },
  };
}

// ---- The reference page ---------------------------------------------------------------------------

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The markdown of the descriptions this generator writes: paragraphs, `code` and **strong**. */
function prose(markdown: string): string {
  return markdown.split(/\n{2,}/).map((paragraph) => `<p>${inlineMarkdown(paragraph)}</p>`).join('\n');
}

function inlineMarkdown(text: string): string {
  return escape(text).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

/** Pretty JSON, escaped, with each component `$ref` a link to that component. */
function json(value: unknown): string {
  const text = escape(JSON.stringify(value, null, 2));
  return `<pre>${text.replace(/&#34;#\/components\/schemas\/(\w+)&#34;/g, '<a href="#schema-$1">&#34;#/components/schemas/$1&#34;</a>')}</pre>`;
}

function typeOf(schema: JsonSchema | Reference): string {
  if ('$ref' in schema && typeof schema.$ref === 'string') return schema.$ref.split('/').pop()!;
  const s = schema as JsonSchema;
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  return typeof s.type === 'string' ? s.type : 'object';
}

function parameterRows(doc: OpenApiDocument, parameters: readonly (OpenApiParameter | Reference)[]): string {
  return parameters.map((p) => {
    const parameter = '$ref' in p ? doc.components.parameters[p.$ref.split('/').pop()!]! : p;
    return `<tr><td><code>${escape(parameter.name)}</code></td><td>${parameter.in}</td><td>${parameter.required ? 'yes' : 'no'}</td>`
      + `<td><code>${escape(typeOf(parameter.schema))}</code></td><td>${inlineMarkdown(parameter.description ?? '')}</td></tr>`;
  }).join('\n');
}

function renderOperation(doc: OpenApiDocument, path: string, method: string, op: OpenApiOperation): string {
  const badges = [
    ...op['x-cibtp-access'].map((access) => `<span class="badge">${escape(access)}</span>`),
    ...(op['x-cibtp-uniform-answer'] ? ['<span class="badge uniform">uniform answer</span>'] : []),
  ].join(' ');
  const parts = [
    `<section class="operation" id="op-${op.operationId}">`,
    `<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code> <span class="id">${op.operationId}</span></h3>`,
    `<p class="summary">${inlineMarkdown(op.summary)}</p>`,
    `<p>${badges}</p>`,
    prose(op.description),
  ];
  if (op.parameters?.length) {
    parts.push('<h4>Parameters</h4>', '<table><thead><tr><th>Name</th><th>In</th><th>Required</th><th>Schema</th><th>Description</th></tr></thead><tbody>',
      parameterRows(doc, op.parameters), '</tbody></table>');
  }
  if (op.requestBody) {
    for (const [type, media] of Object.entries(op.requestBody.content)) parts.push(`<h4>Request body <code>${escape(type)}</code></h4>`, json(media.schema));
  }
  parts.push('<h4>Responses</h4>', '<table><thead><tr><th>Status</th><th>Description</th><th>Headers</th></tr></thead><tbody>');
  const responses = Object.entries(op.responses).map(([status, r]) => [status, '$ref' in r ? doc.components.responses[r.$ref.split('/').pop()!]! : r] as const);
  for (const [status, response] of responses) {
    const headers = Object.keys(response.headers ?? {}).map((h) => `<code>${escape(h)}</code>`).join(', ');
    parts.push(`<tr><td>${status}</td><td>${inlineMarkdown(response.description)}</td><td>${headers}</td></tr>`);
  }
  parts.push('</tbody></table>');
  for (const [status, response] of responses) {
    const media = response.content?.['application/json'];
    if (media?.schema && status.startsWith('2')) parts.push(`<h4>Answer ${status}</h4>`, json(media.schema));
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** The readable reference page: static HTML, every text escaped, no script, no inline style. */
export function renderReference(doc: OpenApiDocument, files = { stylesheet: 'openapi.css', document: 'openapi.json' }): string {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op: op! })));
  const toc = doc.tags.map((tag) => {
    const items = operations.filter(({ op }) => op.tags[0] === tag.name)
      .map(({ path, method, op }) => `<li><a href="#op-${op.operationId}">${op.operationId}</a> <code>${method.toUpperCase()} ${escape(path)}</code></li>`);
    return `<li><a href="#tag-${tag.name}">${tag.name}</a><ul>${items.join('')}</ul></li>`;
  }).join('\n');
  const body = doc.tags.map((tag) => [
    `<section id="tag-${tag.name}"><h2>${tag.name}</h2><p>${inlineMarkdown(tag.description)}</p>`,
    ...operations.filter(({ op }) => op.tags[0] === tag.name).map(({ path, method, op }) => renderOperation(doc, path, method, op)),
    '</section>',
  ].join('\n')).join('\n');
  const codes = SERVER_ERROR_CODES.map((code) => `<li><code>${code}</code></li>`).join('');
  const fieldCodes = KNOWN_FIELD_CODES.map((code) => `<li><code>${code}</code></li>`).join('');
  const schemas = Object.entries(doc.components.schemas)
    .map(([name, schema]) => `<section class="schema" id="schema-${name}"><h3>${name}</h3>${json(schema)}</section>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)} ${escape(doc.info.version)}</title>
<link rel="stylesheet" href="${escape(files.stylesheet)}">
</head>
<body>
<header><h1>${escape(doc.info.title)}</h1><p>Version ${escape(doc.info.version)}, OpenAPI ${doc.openapi} (<a href="${escape(files.document)}">${escape(files.document)}</a>). Server: <code>${escape(doc.servers[0]!.url)}</code>.</p></header>
<nav aria-label="Operations"><h2>Operations</h2><ul>${toc}</ul><p><a href="#errors">Error codes</a> · <a href="#schemas">Schemas</a></p></nav>
<main>
<section id="conventions"><h2>Conventions</h2>${prose(doc.info.description)}</section>
${body}
<section id="errors"><h2>Error codes</h2><p>The <code>code</code> of an error body, a closed list:</p><ul class="codes">${codes}</ul>
<p>Field codes (<code>fields</code> of a <code>validation</code> answer), an open set: the known ones are</p><ul class="codes">${fieldCodes}</ul></section>
<section id="schemas"><h2>Schemas</h2>${schemas}</section>
</main>
</body>
</html>
`;
}

export const REFERENCE_CSS = `:root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1b1b; background: #fff; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.8rem; }
h2 { border-bottom: 2px solid #000091; padding-bottom: .25rem; margin-top: 2.5rem; }
h3 { font-size: 1.15rem; overflow-wrap: anywhere; }
code, pre { font-family: ui-monospace, monospace; font-size: .9em; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: .75rem; overflow: auto; max-height: 32rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #f0f0f7; }
.operation { border-top: 1px solid #ccc; padding-top: .5rem; margin-top: 1.5rem; }
.method { display: inline-block; min-width: 4.5rem; text-align: center; color: #fff; background: #3a3a3a; border-radius: .25rem; padding: 0 .4rem; }
.method.get { background: #18753c; }
.method.post { background: #000091; }
.method.put, .method.patch { background: #8a4b00; }
.method.delete { background: #ce0500; }
.id { color: #555; font-weight: normal; font-size: .9em; }
.summary { font-weight: 600; }
.badge { display: inline-block; border: 1px solid #000091; color: #000091; border-radius: 1rem; padding: 0 .5rem; font-size: .85em; }
.badge.uniform { border-color: #ce0500; color: #ce0500; }
.codes { columns: 3 14rem; }
nav ul ul { columns: 2 20rem; }
a { color: #000091; }
a:focus-visible { outline: 2px solid #000091; outline-offset: 2px; }
`;

/** Writes the document to `out` (JSON), and the reference page and its style sheet beside it. */
export function writeOpenApi(out: string): { json: string; html: string; css: string } {
  const doc = buildOpenApi();
  const json = resolve(out);
  const stem = basename(json).replace(/\.json$/, '');
  const html = resolve(dirname(json), `${stem}.html`);
  const css = resolve(dirname(json), `${stem}.css`);
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(json, `${JSON.stringify(doc, null, 2)}\n`);
  writeFileSync(html, renderReference(doc, { stylesheet: basename(css), document: basename(json) }));
  writeFileSync(css, REFERENCE_CSS);
  return { json, html, css };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = process.argv[2] ?? fileURLToPath(new URL('../dist/openapi.json', import.meta.url));
  const written = writeOpenApi(out);
  console.log(`[openapi] wrote ${written.json}, ${written.html} and ${written.css}`);
}
