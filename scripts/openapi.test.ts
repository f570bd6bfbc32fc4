/**
 * The generated OpenAPI document: it lints with Redocly (strict, offline), it names every operation of
 * `sdk/operations.ts` where the SDK calls it, and it agrees with the zod schemas. The agreement is checked
 * on real traffic: flows of the SDK client against the mock backend, and raw requests, each request and
 * answer validated with ajv (JSON Schema 2020-12) against the document AND with the operation's zod
 * schema, then mutated (a wrong type, a missing field, an unknown enum value): both must still agree.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import { CONTRACT, UNIFORM_ANSWERS, errorAnswers, isWrite, type ErrorStatus } from '../sdk/contract.js';
import type { OperationDef } from '../sdk/definition.js';
import { operations, type OperationName } from '../sdk/operations.js';
import { ServerErrorBody } from '../sdk/schemas/error.js';
import { DEMO_ACCOUNTS, DEMO_DELEGATIONS, DEMO_PASSWORD, DEMO_SIGNUP, DEMO_WORKERS } from '../mock-server/index.js';
import { BASE_URL, linkToken, startTestBackend } from '../mock-server/test-support.js';
import { createPortalClient } from '../sdk/client.js';
import {
  buildOpenApi, renderReference, type JsonSchema, type OpenApiDocument, type OpenApiOperation, type OpenApiParameter,
  type OpenApiResponse, type Reference,
} from './openapi.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NAMES = Object.keys(operations) as OperationName[];
const doc = buildOpenApi();

// ---- Lint ------------------------------------------------------------------------------------------

/** `redocly lint` of `document`, offline: no telemetry, no update check. */
function lint(document: unknown): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cibtp-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    // The CLI's own script, run by this Node (its shebang would take whichever `node` is first on PATH).
    const cli = realpathSync(join(ROOT, 'node_modules/.bin/redocly'));
    const result = spawnSync(process.execPath, [cli, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'stylish'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', DO_NOT_TRACK: '1', CI: 'true' },
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the document lints', () => {
  test('with Redocly\'s strict recommended rules: no error, no warning', () => {
    const { status, output } = lint(doc);
    assert.equal(status, 0, output);
  });

  test('the linter is real: a path parameter left undeclared fails it, naming the rule', () => {
    const broken = structuredClone(doc);
    const op = broken.paths['/delegations/{id}']!.get!;
    op.parameters = op.parameters!.filter((p) => !('name' in p && p.name === 'id'));
    const { status, output } = lint(broken);
    assert.notEqual(status, 0);
    assert.match(output, /path-parameters-defined/);
  });
});

// ---- Operations ------------------------------------------------------------------------------------

function operationOf(document: OpenApiDocument, name: OperationName): OpenApiOperation {
  const def: OperationDef = operations[name];
  const op = document.paths[`/${def.path}`]?.[def.method.toLowerCase() as 'get'];
  assert.ok(op, `${name}: no ${def.method} /${def.path} in the document`);
  return op;
}

function parameter(document: OpenApiDocument, p: OpenApiParameter | Reference): OpenApiParameter {
  return '$ref' in p ? document.components.parameters[p.$ref.split('/').pop()!]! : p;
}

function response(document: OpenApiDocument, r: OpenApiResponse | Reference | undefined): OpenApiResponse | undefined {
  return r && '$ref' in r ? document.components.responses[r.$ref.split('/').pop()!] : r;
}

describe('the document names every operation', () => {
  test('one operation per entry of sdk/operations.ts, at its method and path, named by it', () => {
    const documented = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
    assert.deepEqual([...documented].sort(), [...NAMES].sort());
    for (const name of NAMES) assert.equal(operationOf(doc, name).operationId, name);
  });

  test('path fields are path parameters, GET fields query parameters, writes carry the CSRF and idempotency headers', () => {
    for (const name of NAMES) {
      const def: OperationDef = operations[name];
      const params = (operationOf(doc, name).parameters ?? []).map((p) => parameter(doc, p));
      const inPath = [...def.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      assert.deepEqual(params.filter((p) => p.in === 'path').map((p) => p.name), inPath, name);
      const headers = params.filter((p) => p.in === 'header').map((p) => p.name);
      assert.equal(headers.includes('X-CSRF-Token'), isWrite(name), `${name}: X-CSRF-Token`);
      assert.equal(headers.includes('Idempotency-Key'), isWrite(name), `${name}: Idempotency-Key`);
      if (def.method !== 'GET') assert.equal(params.some((p) => p.in === 'query'), false, `${name}: a write has no query`);
    }
    const search = (operationOf(doc, 'searchTiers').parameters ?? []).map((p) => parameter(doc, p)).filter((p) => p.in === 'query');
    assert.deepEqual(search.map((p) => [p.name, p.required]), [['q', false], ['sort', true], ['direction', true], ['page', true], ['pageSize', true]]);
  });

  test('the success status of the contract, 204 for an empty answer, and every error status with its codes', () => {
    for (const name of NAMES) {
      const { success } = CONTRACT[name];
      const responses = operationOf(doc, name).responses;
      assert.ok(responses[success === 'file' ? '200' : String(success)], `${name}: ${success}`);
      if (success === 204) assert.equal(response(doc, responses['204'])?.content, undefined, name);
      for (const [status, codes] of Object.entries(errorAnswers(name))) {
        const schema = response(doc, responses[status])?.content?.['application/json']?.schema as { allOf: [Reference, { properties: { code: { enum: string[] } } }] };
        assert.deepEqual(schema.allOf[1].properties.code.enum, codes, `${name} ${status}`);
      }
      const retryAfter = (status: string) => Object.keys(response(doc, responses[status])?.headers ?? {}).includes('Retry-After');
      assert.ok(retryAfter('503'), `${name}: Retry-After on 503`);
      if (responses['429']) assert.ok(retryAfter('429'), `${name}: Retry-After on 429`);
    }
  });

  test('the uniform answers, the cookie session and the error body', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const uniform = NAMES.filter((name) => operationOf(doc, name)['x-cibtp-uniform-answer'] === true);
    assert.deepEqual(uniform.sort(), [...UNIFORM_ANSWERS].sort());
    for (const name of uniform) assert.match(operationOf(doc, name).description, /must not reveal whether the account/);
    assert.deepEqual(doc.components.securitySchemes.session, { ...doc.components.securitySchemes.session, type: 'apiKey', in: 'cookie' });
    assert.deepEqual(operationOf(doc, 'tiersRights').security, [{ session: [] }]);
    assert.deepEqual(operationOf(doc, 'login').security, []);
    const code = (doc.components.schemas.ErrorBody as { properties: { code: { enum: string[] } } }).properties.code.enum;
    assert.ok(code.includes('invalid-credentials') && !code.includes('network') && !code.includes('malformed-response'));
    assert.equal(doc.servers[0]?.url, '/api');
    assert.equal(doc.info.version, pkg.version);
  });
});

// ---- Agreement on real traffic ---------------------------------------------------------------------

interface Exchange {
  name: OperationName;
  pathParams: Record<string, string>;
  query: Record<string, unknown>;
  /** The JSON body sent (`undefined` for none). */
  body: unknown;
  status: number;
  headers: Headers;
  /** The JSON answer (`undefined` for an empty one). */
  answer: unknown;
}

const byParams = [...NAMES].sort((a, b) => operations[a].path.split('{').length - operations[b].path.split('{').length);

function identify(method: string, url: string): { name: OperationName; pathParams: Record<string, string> } {
  const path = new URL(url).pathname.slice(new URL(BASE_URL).pathname.length);
  for (const name of byParams) {
    const def: OperationDef = operations[name];
    if (def.method !== method) continue;
    const fields = [...def.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const match = new RegExp(`^${def.path.replace(/\{\w+\}/g, '([^/]+)')}$`).exec(path);
    if (match) return { name, pathParams: Object.fromEntries(fields.map((f, i) => [f, decodeURIComponent(match[i + 1]!)])) };
  }
  throw new Error(`no operation for ${method} ${path}`);
}

/** The query string as the mock reads it: a repeated key is an array. */
function queryOf(url: string): Record<string, unknown> {
  const params = new URL(url).searchParams;
  return Object.fromEntries([...new Set(params.keys())].map((key) => {
    const values = params.getAll(key);
    return [key, values.length === 1 ? values[0] : values];
  }));
}

const exchanges: Exchange[] = [];

/** A fetch that records what goes out and what comes back, for the SDK client and raw requests alike. */
const recordingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const sent = await request.clone().text();
  const answer = await globalThis.fetch(request);
  const text = await answer.clone().text();
  const { name, pathParams } = identify(request.method, request.url);
  exchanges.push({
    name, pathParams, query: queryOf(request.url), body: sent === '' ? undefined : JSON.parse(sent),
    status: answer.status, headers: answer.headers, answer: text === '' ? undefined : JSON.parse(text),
  });
  return answer;
};

/** A request as a foreign client would send it, bypassing the SDK's own checks. */
async function raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const init: RequestInit = { method, headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return recordingFetch(new URL(path, BASE_URL), init);
}

async function csrf(): Promise<string> {
  return ((await (await raw('GET', 'auth/csrf')).json()) as { token: string }).token;
}

const { mock } = startTestBackend();
after(() => mock.close());

/** Flows through the whole API surface the widgets use, plus refusals the SDK would not send itself. */
before(async () => {
  const client = createPortalClient({ baseUrl: BASE_URL, fetch: recordingFetch });
  await client.passwordPolicy(undefined);
  await client.secretQuestions(undefined);
  await client.rightsCatalogue(undefined);
  await client.searchCommunes({ departement: '69', q: 'lyon' });

  // Refusals: the same 401 for an unknown and a known email, then a lock.
  for (const email of ['inconnu@exemple.fr', DEMO_ACCOUNTS.admin]) await client.login({ email, password: 'Mauvais-1' }).catch(() => {});
  await client.login({ email: DEMO_ACCOUNTS.locked, password: DEMO_PASSWORD }).catch(() => {});
  await client.login({ email: DEMO_ACCOUNTS.notActivated, password: DEMO_PASSWORD }).catch(() => {});

  // A company administrator: home page, then the delegations.
  await client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
  await client.currentSession(undefined);
  const rights = await client.tiersRights(undefined);
  const { items: tiles } = await client.homeTiles(undefined);
  if (tiles[0]) await client.recordUse({ function: tiles[0] });
  await client.delegationsOverview(undefined);
  const page = await client.searchDelegations({ sort: 'name', direction: 'asc', page: 1, pageSize: 5 });
  if (page.items[0]) await client.getDelegation({ id: page.items[0].id });
  const created = await client.createDelegation({
    email: 'nouvelle.deleguee@exemple.fr', effectiveDate: '2026-01-15', endDate: null,
    rights: { administrator: false, colleges: [rights.colleges[0] ?? 'ouvrier'], functions: {} },
  });
  await client.updateDelegation({ id: created.id, effectiveDate: created.effectiveDate, endDate: '2026-12-31', rights: created.rights });
  await client.closeDelegation({ id: created.id });
  await client.getDelegation({ id: 'd-unknown' }).catch(() => {});

  // The accounting firm: delegated, it completes its account from its link; the administrator confirms.
  const firm = await client.delegateToCabinet({ effectiveDate: '2026-01-15', rights: created.rights });
  const invitation = linkToken(mock.outbox.last({ to: DEMO_DELEGATIONS.cabinet.email })?.link);
  await client.invitation({ token: invitation });
  await client.completeAccount({ token: invitation, password: 'Bilan&Liasse2026', lastName: 'Roche', firstName: 'Bernard' });
  const confirmation = linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.admin })?.link);
  await client.delegationConfirmation({ token: confirmation });
  await client.confirmDelegation({ token: confirmation });
  await client.deleteDelegation({ id: firm.id });
  await client.logout(undefined);
  await client.tiersRights(undefined).catch(() => {});

  // Several tiers: the picker.
  await client.login({ email: DEMO_ACCOUNTS.multi, password: DEMO_PASSWORD });
  const { items: tiers } = await client.searchTiers({ q: 'durand', sort: 'raisonSociale', direction: 'asc', page: 1, pageSize: 10 });
  await client.selectTiers({ tiersId: tiers[0]!.id });
  await client.logout(undefined);

  // A worker: the one-time code (the first resend is too early: 429).
  const worker = await client.login({ email: DEMO_ACCOUNTS.worker, password: DEMO_PASSWORD });
  if (worker.status === 'otp-required') {
    await client.resendOtp({ challengeId: worker.challenge.id }).catch(() => {});
    await client.verifyOtp({ challengeId: worker.challenge.id, code: '000000' }).catch(() => {});
    const code = mock.outbox.last({ kind: 'sms' })?.code;
    assert.ok(code);
    await client.verifyOtp({ challengeId: worker.challenge.id, code });
  }
  await client.logout(undefined);

  // FranceConnect: the matched identity signs in; the unmatched one is linked by its identifiant CIBTP.
  const fc = async () => new URL((await client.franceConnectStart({ returnUrl: 'https://espace.caisse.test/salarie' })).authorizationUrl).searchParams;
  const matched = await fc();
  await client.franceConnectReturn({ code: matched.get('matched')!, state: matched.get('state')! });
  await client.logout(undefined);
  const unmatched = await fc();
  const identify = await client.franceConnectReturn({ code: unmatched.get('unmatched')!, state: unmatched.get('state')! });
  if (identify.status === 'identify') {
    await client.franceConnectLink({ ticket: identify.ticket, identifiantCibtp: DEMO_WORKERS.homonymWithoutAccount }).catch(() => {});
    await client.franceConnectLink({ ticket: identify.ticket, identifiantCibtp: DEMO_WORKERS.homonymWithAccount });
  }
  await client.logout(undefined);

  // Associating a second site with the administrator's login.
  const second = mock.db.sites.find((s) => s.identifiantCibtp === DEMO_SIGNUP.association.identifiantCibtp);
  assert.ok(second?.confidentialCode);
  const association = await client.identifyCompany({
    purpose: 'associate', identifiantCibtp: second.identifiantCibtp, siret: second.siret, confidentialCode: second.confidentialCode,
  });
  await client.associateSite({ ticket: association.ticket, email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
  await client.associateSite({ ticket: association.ticket, email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD }).catch(() => {});

  // Signup of a worker born abroad: step 1, the mobile certified (a resend too early: 429), step 2.
  const record = mock.db.workers.find((w) => w.identifiantCibtp === DEMO_WORKERS.bornAbroad);
  assert.ok(record);
  const { ticket: workerTicket } = await client.identifyWorker({ identifiantCibtp: record.identifiantCibtp, civilStatus: { ...record.civilStatus } });
  const workerChallenge = await client.sendPhoneCode({ phone: '+33605060708' });
  await client.resendPhoneCode({ challengeId: workerChallenge.id }).catch(() => {});
  const workerCode = mock.outbox.last({ kind: 'sms', to: '+33605060708' })?.code;
  assert.ok(workerCode);
  const workerCertificate = await client.verifyPhoneCode({ challengeId: workerChallenge.id, code: workerCode });
  await client.registerWorker({
    ticket: workerTicket, email: 'joao.dasilva@exemple.fr', password: 'Coffrage&Banche26', mobilePhone: '+33605060708',
    mobileCertificate: workerCertificate.certificate, secretQuestion: 'q-ecole', secretAnswer: 'Lisboa',
  });

  // Forgotten password, reset link (twice: the second is refused), the "accepted" answers.
  await client.forgotPassword({ email: DEMO_ACCOUNTS.admin });
  await client.forgotPassword({ email: 'personne@exemple.fr' });
  const token = linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.admin })?.link);
  await client.resetPassword({ token, password: 'Truelle&Niveau7' });
  await client.resetPassword({ token, password: 'Truelle&Niveau8' }).catch(() => {});
  await client.requestConfidentialCode({ identifiantCibtp: DEMO_SIGNUP.company.identifiantCibtp });
  await client.resendActivation({ email: DEMO_ACCOUNTS.notActivated });
  await client.renewCertification({ email: DEMO_ACCOUNTS.certificationExpired });
  await client.activateAccount({ token: linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.notActivated })?.link) });

  // Signup of a company: step 1 (wrong, then right), the mobile certified, step 2.
  const site = mock.db.sites.find((s) => s.identifiantCibtp === DEMO_SIGNUP.company.identifiantCibtp);
  assert.ok(site?.confidentialCode);
  const step1 = { purpose: 'signup' as const, identifiantCibtp: site.identifiantCibtp, siret: site.siret, confidentialCode: site.confidentialCode };
  await client.identifyCompany({ ...step1, confidentialCode: 'AAAA0000' }).catch(() => {});
  const { ticket } = await client.identifyCompany(step1);
  const challenge = await client.sendPhoneCode({ phone: '+33601020304' });
  const sms = mock.outbox.last({ kind: 'sms', to: '+33601020304' })?.code;
  assert.ok(sms);
  const { certificate } = await client.verifyPhoneCode({ challengeId: challenge.id, code: sms });
  await client.registerCompany({
    ticket, email: 'emilie.garnier@bati-rhone.fr', password: 'Coffrage&Banche26', lastName: 'Garnier', firstName: 'Émilie',
    mobilePhone: '+33601020304', mobileCertificate: certificate,
  });

  // What the SDK never sends: an invalid body, a write without its CSRF token; and a 503.
  const token2 = await csrf();
  await raw('POST', 'auth/login', { email: 'pas-une-adresse', password: 42 }, { 'X-CSRF-Token': token2 });
  await raw('POST', 'auth/login', { email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
  await raw('GET', 'tiers?sort=price&direction=asc&page=0&pageSize=10');
  mock.faults.set('passwordPolicy', { kind: 'unavailable', retryAfter: 30 }, { times: 1 });
  await raw('GET', 'password/policy');
});

/** ajv over the document's schemas: every `#/components/schemas/X` resolves within one added schema. */
function validators(document: OpenApiDocument) {
  const COMPONENTS = 'urn:cibtp:openapi-components';
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [
      key, key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', `${COMPONENTS}#/$defs/`) : rewrite(value),
    ]));
  };
  // Formats are checked by the patterns zod writes beside them; a format alone would be an ajv plug-in's guess.
  const options = { strict: true, allErrors: true, formats: { email: true, 'date-time': true, binary: true } } as const;
  const ajv = new Ajv2020(options);
  // A query string is text: its numbers are read as numbers, as the mock's `z.coerce` does.
  const query = new Ajv2020({ ...options, coerceTypes: true });
  for (const instance of [ajv, query]) instance.addSchema({ $id: COMPONENTS, $defs: rewrite(document.components.schemas) as JsonSchema });
  const cache = new Map<string, ValidateFunction>();
  const compile = (instance: Ajv2020, schema: JsonSchema) => {
    const key = `${instance === query ? 'q' : 'j'}${JSON.stringify(schema)}`;
    let validate = cache.get(key);
    if (!validate) cache.set(key, (validate = instance.compile(rewrite(schema) as JsonSchema)));
    return validate;
  };
  return {
    json: (schema: JsonSchema, value: unknown) => {
      const validate = compile(ajv, schema);
      return validate(value) ? null : ajv.errorsText(validate.errors);
    },
    query: (schema: JsonSchema, value: unknown) => {
      const validate = compile(query, schema);
      return validate(structuredClone(value)) ? null : query.errorsText(validate.errors);
    },
  };
}

type Validators = ReturnType<typeof validators>;

/** What the document says of an exchange's request: its body schema, and its path and query as one object. */
function requestSchemas(document: OpenApiDocument, name: OperationName) {
  const op = operationOf(document, name);
  const params = (op.parameters ?? []).map((p) => parameter(document, p)).filter((p) => p.in === 'path' || p.in === 'query');
  const fields: JsonSchema = {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
  return { body: op.requestBody?.content['application/json']?.schema, fields };
}

function answerSchema(document: OpenApiDocument, name: OperationName, status: number): JsonSchema | undefined {
  return response(document, operationOf(document, name).responses[String(status)])?.content?.['application/json']?.schema;
}

/** Whether the document and the zod schema agree on a request body (`body`, the path fields apart). */
function requestAgreement(document: OpenApiDocument, v: Validators, ex: Exchange, body: unknown): string | null {
  const def: OperationDef = operations[ex.name];
  if (!def.request) return null;
  const { body: bodySchema, fields } = requestSchemas(document, ex.name);
  const zod = def.request.safeParse(def.method === 'GET' ? { ...ex.query, ...ex.pathParams } : { ...(body as object), ...ex.pathParams }).success;
  const problems = [
    v.query(fields, def.method === 'GET' ? { ...ex.query, ...ex.pathParams } : ex.pathParams),
    def.method === 'GET' ? null : bodySchema ? v.json(bodySchema, body) : (body === undefined || Object.keys(body as object).length === 0 ? null : 'no body documented'),
  ].filter((p) => p !== null);
  const documented = problems.length === 0;
  return documented === zod ? null : `${ex.name} request ${JSON.stringify(body ?? ex.query)}: the document ${documented ? 'accepts' : `refuses (${problems.join('; ')})`}, zod ${zod ? 'accepts' : 'refuses'}`;
}

/** Whether the document and the zod schemas agree on an answer; and whether the answer is one the contract allows. */
function answerAgreement(document: OpenApiDocument, v: Validators, ex: Exchange, answer: unknown): string | null {
  const def: OperationDef = operations[ex.name];
  const label = `${ex.name} ${ex.status} ${JSON.stringify(answer)?.slice(0, 200)}`;
  if (ex.status < 300) {
    const success = CONTRACT[ex.name].success;
    if (ex.status !== (success === 'file' ? 200 : success)) return `${label}: the contract says ${success}`;
    if (!def.response || def.response === 'blob') return answer === undefined || def.response === 'blob' ? null : `${label}: a body on an empty answer`;
    const schema = answerSchema(document, ex.name, ex.status);
    if (!schema) return `${label}: no schema documented`;
    const documented = v.json(schema, answer);
    const zod = def.response.safeParse(answer).success;
    return (documented === null) === zod ? null : `${label}: the document ${documented === null ? 'accepts' : `refuses (${documented})`}, zod ${zod ? 'accepts' : 'refuses'}`;
  }
  const codes = errorAnswers(ex.name)[ex.status as ErrorStatus];
  if (!codes) return `${label}: status not documented`;
  const schema = answerSchema(document, ex.name, ex.status);
  if (!schema) return `${label}: no error schema documented`;
  const documented = v.json(schema, answer);
  const zod = ServerErrorBody.safeParse(answer).success && codes.includes((answer as { code: never }).code);
  return (documented === null) === zod ? null : `${label}: the document ${documented === null ? 'accepts' : `refuses (${documented})`}, zod ${zod ? 'accepts' : 'refuses'}`;
}

/** A value of the wrong JSON type for `value`'s place. */
function wrongType(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? 42 : { unexpected: true };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` with each top-level field, in turn, of the wrong type, then missing. */
function* mutations(value: unknown): Generator<[string, unknown]> {
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) {
    yield [`${key}: wrong type`, { ...value, [key]: wrongType(value[key]) }];
    const { [key]: _, ...rest } = value;
    yield [`${key}: missing`, rest];
  }
}

function set(value: unknown, path: string, to: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, copy);
  parent[keys.at(-1)!] = to;
  return copy;
}

/** Enum and literal fields set to a value outside their list: [operation, 'request' | status, path, value]. */
const UNKNOWN_VALUES: [OperationName, 'request' | number, string, unknown][] = [
  ['login', 200, 'status', 'maybe-signed-in'],
  ['login', 200, 'session.user.kind', 'alien'],
  ['login', 401, 'code', 'teapot'],
  ['login', 401, 'code', 'network'],
  ['login', 401, 'code', 'otp-expired'],
  ['verifyOtp', 401, 'code', 'otp-expired'],
  ['identifyCompany', 'request', 'purpose', 'steal'],
  ['createDelegation', 'request', 'rights.colleges.0', 'manager'],
  ['createDelegation', 'request', 'rights.functions', { teleportation: 'write' }],
  ['searchDelegations', 200, 'items.0.status', 'frozen'],
  ['tiersRights', 200, 'functions', { teleportation: 'read' }],
  ['sendPhoneCode', 200, 'channel', 'email'],
];

/** Every disagreement between `document` and the zod schemas over the recorded traffic and its mutations. */
function disagreements(document: OpenApiDocument): string[] {
  const v = validators(document);
  const found: string[] = [];
  const note = (problem: string | null) => {
    if (problem !== null) found.push(problem);
  };
  for (const ex of exchanges) {
    note(requestAgreement(document, v, ex, ex.body));
    note(answerAgreement(document, v, ex, ex.answer));
    if (ex.status === 429 && !ex.headers.get('Retry-After')) found.push(`${ex.name} 429 without Retry-After`);
    if (operations[ex.name].method !== 'GET') {
      for (const [what, body] of mutations(ex.body)) note(requestAgreement(document, v, ex, body)?.concat(` [${what}]`) ?? null);
    }
    for (const [what, answer] of mutations(ex.answer)) note(answerAgreement(document, v, ex, answer)?.concat(` [${what}]`) ?? null);
  }
  for (const [name, where, path, value] of UNKNOWN_VALUES) {
    const ex = exchanges.find((e) => e.name === name && (where === 'request' ? e.status < 300 : e.status === where));
    assert.ok(ex, `no recorded ${name} ${where}`);
    const mutated = set(where === 'request' ? ex.body : ex.answer, path, value);
    const problem = where === 'request' ? requestAgreement(document, v, ex, mutated) : answerAgreement(document, v, ex, mutated);
    note(problem ? `${problem} [${path}: ${JSON.stringify(value)}]` : null);
    // Both must refuse it, not merely agree.
    const schema = where === 'request' ? requestSchemas(document, name).body : answerSchema(document, name, where);
    if (schema && v.json(schema, mutated) === null) found.push(`${name} ${where}: the document accepts ${path} = ${JSON.stringify(value)}`);
  }
  return found;
}

describe('the document and the zod schemas agree', () => {
  test('the flows covered the API: every domain, successes and refusals', () => {
    const names = new Set(exchanges.map((e) => e.name));
    const missing = NAMES.filter((name) => !names.has(name));
    assert.deepEqual(missing, [], `only ${names.size} operations exercised; not: ${missing.join(', ')}`);
    for (const status of [200, 202, 204, 400, 401, 403, 404, 410, 423, 429, 503]) {
      assert.ok(exchanges.some((e) => e.status === status), `no ${status} recorded`);
    }
  });

  test('on every request and answer, and on each mutation of them', () => {
    assert.deepEqual(disagreements(doc), []);
  });

  test('fails when a schema of the document says another type than zod', () => {
    const altered = structuredClone(doc);
    const session = altered.components.schemas.Session as { properties: Record<string, JsonSchema> };
    session.properties.tiersCount = { type: 'string' };
    const found = disagreements(altered);
    assert.ok(found.some((p) => /^login 200 .*the document refuses .*zod accepts/.test(p)), found.join('\n'));
  });

  test('fails when the document forgets that a field is required', () => {
    const altered = structuredClone(doc);
    const body = altered.paths['/auth/login']!.post!.requestBody!.content['application/json']!.schema as { required: string[] };
    body.required = body.required.filter((field) => field !== 'password');
    const found = disagreements(altered);
    assert.ok(found.some((p) => /^login request .*the document accepts, zod refuses \[password: missing\]/.test(p)), found.join('\n'));
  });

  test('fails when the document lets an operation answer a code it cannot', () => {
    const altered = structuredClone(doc);
    const media = (altered.paths['/auth/login']!.post!.responses['401'] as OpenApiResponse).content!['application/json']!;
    media.schema = { $ref: '#/components/schemas/ErrorBody' };
    const found = disagreements(altered);
    assert.ok(found.some((p) => /^login 401 .*the document accepts, zod refuses \[code: "otp-expired"\]/.test(p)), found.join('\n'));
  });
});

describe('the reference page', () => {
  test('static HTML: every operation and error code, no script, no inline style', () => {
    const html = renderReference(doc);
    assert.doesNotMatch(html, /<script|<style|\sstyle=|\son\w+=/i);
    assert.match(html, /<link rel="stylesheet" href="openapi\.css">/);
    for (const name of NAMES) assert.match(html, new RegExp(`id="op-${name}"`));
    for (const code of ['invalid-credentials', 'account-locked', 'rate-limited', 'beyond-rights']) assert.match(html, new RegExp(`<code>${code}</code>`));
  });

  test('escapes what it shows', () => {
    const hostile = structuredClone(doc);
    hostile.paths['/auth/login']!.post!.summary = '<img src=x onerror=alert(1)> & "quotes"';
    const html = renderReference(hostile);
    assert.doesNotMatch(html, /<img src=x/);
    assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62; &#38; &#34;quotes&#34;/);
  });
});
