/**
 * `route()` serves every shape of definition the SDK sends: path parameters, query strings, multipart
 * uploads (replayed per Idempotency-Key like JSON writes) and file downloads. Definitions of the test's
 * own, served by `routeFor()` over a state of their own, called through the real core.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPortalCore } from '../sdk/core.js';
import { defineOperation } from '../sdk/definition.js';
import { z } from '../sdk/zod.js';
import { createFaults } from './faults.js';
import { createOutbox } from './outbox.js';
import { route, routeFor } from './route.js';
import { BackendState } from './state.js';
import { BASE_URL, startTestBackend } from './test-support.js';

const { mock } = startTestBackend();
after(() => mock.close());

const Site = z.object({ tiersId: z.string(), kinds: z.array(z.string()), page: z.number() });
const sitesDef = defineOperation({
  method: 'GET', path: 'tiers/{tiersId}/sites', retry: true,
  request: z.object({ tiersId: z.string(), kinds: z.array(z.string()), page: z.optional(z.coerce.number()) }),
  response: Site,
});
const uploadDef = defineOperation({
  method: 'POST', path: 'tiers/{tiersId}/documents', body: 'multipart', retry: false,
  request: z.object({ tiersId: z.string(), title: z.string(), file: z.file() }),
  response: z.object({ id: z.string(), bytes: z.number() }),
});
const statementDef = defineOperation({
  method: 'GET', path: 'tiers/{tiersId}/statement', response: 'blob', retry: true, request: z.object({ tiersId: z.string() }),
});

let uploads = 0;
before(() => {
  const now = () => new Date();
  const env = { baseUrl: BASE_URL, state: new BackendState({ now, linkBase: undefined, outbox: createOutbox(now) }), faults: createFaults() };
  const routes = [
    // The CSRF tokens of this state, not of the test backend's.
    route('csrf', ({ state }) => ({ token: state.issueCsrfToken() })),
    routeFor('sites', sitesDef, ({ body }) => ({ tiersId: body.tiersId, kinds: body.kinds, page: body.page ?? 1 })),
    routeFor('upload', uploadDef, async ({ body }) => {
      uploads++;
      return { id: `${body.tiersId}:${body.title}:${body.file.name}`, bytes: (await body.file.arrayBuffer()).byteLength };
    }),
    routeFor('statement', statementDef, ({ body }) => ({
      blob: new Blob([`relevé de ${body.tiersId}`], { type: 'text/csv' }), fileName: 'relevé n°1 (2026).csv',
    })),
  ];
  mock.server.use(...routes.map((r) => r.toHandler(env)));
});

const client = () => createPortalCore({ baseUrl: BASE_URL, retryLimit: 0 });

describe('route() and the shapes of a definition', () => {
  test('path parameters and the query string come in as the input', async () => {
    assert.deepEqual(await client().invoke(sitesDef, { tiersId: 'T 1', kinds: ['a', 'b'], page: 3 }), { tiersId: 'T 1', kinds: ['a', 'b'], page: 3 });
  });

  test('a multipart upload gets its file; the same Idempotency-Key has one effect', async () => {
    const input = () => ({ tiersId: 't1', title: 'Attestation', file: new File(['0123456789'], 'a.pdf', { type: 'application/pdf' }) });
    const core = client();
    const first = await core.invoke(uploadDef, input(), { idempotencyKey: 'up-1' });
    assert.deepEqual(first, { id: 't1:Attestation:a.pdf', bytes: 10 });
    // A new FormData, hence a new boundary: still the same request.
    assert.deepEqual(await core.invoke(uploadDef, input(), { idempotencyKey: 'up-1' }), first);
    assert.equal(uploads, 1);
    await core.invoke(uploadDef, { ...input(), file: new File(['autre'], 'a.pdf') }, { idempotencyKey: 'up-1' });
    assert.equal(uploads, 2, 'another file under the same key is another request');
  });

  test('a file download carries its type and a name in both Content-Disposition forms', async () => {
    const { blob, fileName } = await client().invoke(statementDef, { tiersId: 't1' });
    assert.equal(await blob.text(), 'relevé de t1');
    assert.equal(blob.type, 'text/csv');
    assert.equal(fileName, 'relevé n°1 (2026).csv');
    const raw = await fetch(new URL('tiers/t1/statement', BASE_URL));
    assert.equal(raw.headers.get('Content-Disposition'), `attachment; filename="relev_ n_1 (2026).csv"; filename*=UTF-8''relev%C3%A9%20n%C2%B01%20%282026%29.csv`);
  });
});
