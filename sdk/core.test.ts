/**
 * The core transport with definitions of its own (not operations of the portal): path parameters, query
 * strings, multipart uploads and their progress, file downloads, session effects, and the two call
 * styles. Answered by ad-hoc MSW handlers that record what went on the wire.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { rejectsWith } from '../mock-server/test-support.js';
import { login, logout } from './auth/index.js';
import { createPortalClient } from './client.js';
import { createPortalCore, type PortalCore, type PortalClientOptions } from './core.js';
import { defineOperation, type OutputOf } from './definition.js';
import { isPortalError } from './errors.js';
import type { Session } from './schemas/common.js';
import { z } from './zod.js';

const BASE = 'http://core.test/api/';
const TOKEN = 'jeton-csrf-0123456789';

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  contentType: string | null;
  text: string;
  form?: FormData;
}
let seen: Seen[] = [];
let csrfCalls = 0;

/** A handler that records the request, then answers with `answer`. */
function recordAnd(answer: (request: Request) => Response | Promise<Response>) {
  return async ({ request }: { request: Request }) => {
    const copy = request.clone();
    const contentType = request.headers.get('Content-Type');
    const form = contentType?.startsWith('multipart/form-data') ? await request.clone().formData() : undefined;
    seen.push({ method: request.method, url: new URL(request.url), headers: request.headers, contentType, text: await copy.text(), form });
    return answer(request);
  };
}

const server = setupServer(
  http.get(`${BASE}auth/csrf`, () => {
    csrfCalls++;
    return HttpResponse.json({ token: TOKEN });
  }),
);
before(() => server.listen({ onUnhandledFrame: 'error' }));
after(() => server.close());
beforeEach(() => {
  seen = [];
  csrfCalls = 0;
});
afterEach(() => server.resetHandlers());

const core = (options: Partial<PortalClientOptions> = {}) => createPortalCore({ baseUrl: BASE, retryLimit: 0, ...options });
const ok = z.object({ ok: z.literal(true) });

describe('path parameters', () => {
  const sitesDef = defineOperation({
    method: 'GET', path: 'tiers/{tiersId}/sites', retry: true,
    request: z.object({ tiersId: z.optional(z.string()), page: z.optional(z.number()) }),
    response: ok,
  });

  test('are taken from the input, URL-encoded, and not sent again', async () => {
    server.use(http.get(`${BASE}tiers/:tiersId/sites`, recordAnd(() => HttpResponse.json({ ok: true }))));
    assert.deepEqual(await core().invoke(sitesDef, { tiersId: 'T 1/é', page: 2 }), { ok: true });
    assert.equal(seen[0]?.url.pathname, '/api/tiers/T%201%2F%C3%A9/sites');
    assert.equal(seen[0]?.url.search, '?page=2');
  });

  test('a missing one is a validation error on that field, and nothing is sent', async () => {
    for (const tiersId of [undefined, '']) {
      const error = await rejectsWith(core().invoke(sitesDef, { tiersId }), 'validation');
      assert.deepEqual(error.fields, { tiersId: 'required' });
    }
    assert.equal(seen.length, 0);
  });

  test('"." and ".." are refused: they would lead to another endpoint', async () => {
    const error = await rejectsWith(core().invoke(sitesDef, { tiersId: '..' }), 'validation');
    assert.deepEqual(error.fields, { tiersId: 'invalid' });
  });

  test('on a write, the body holds the other fields only; PUT carries CSRF token and Idempotency-Key', async () => {
    const renameDef = defineOperation({
      method: 'PUT', path: 'tiers/{tiersId}', retry: false,
      request: z.object({ tiersId: z.string(), siteName: z.string() }), response: undefined,
    });
    server.use(http.put(`${BASE}tiers/:tiersId`, recordAnd(() => new HttpResponse(null, { status: 204 }))));
    assert.equal(await core().invoke(renameDef, { tiersId: 't1', siteName: 'Chantier Nord' }, { idempotencyKey: 'k-1' }), undefined);
    assert.equal(seen[0]?.url.pathname, '/api/tiers/t1');
    assert.deepEqual(JSON.parse(seen[0]?.text ?? ''), { siteName: 'Chantier Nord' });
    assert.equal(seen[0]?.headers.get('X-CSRF-Token'), TOKEN);
    assert.equal(seen[0]?.headers.get('Idempotency-Key'), 'k-1');
  });
});

describe('GET with a request schema', () => {
  const searchDef = defineOperation({
    method: 'GET', path: 'workers', retry: true, response: ok,
    request: z.object({ name: z.optional(z.string()), kinds: z.optional(z.array(z.string())), active: z.optional(z.boolean()) }),
  });

  test('sends the fields as the query string: arrays as repeated keys, undefined left out, no body', async () => {
    server.use(http.get(`${BASE}workers`, recordAnd(() => HttpResponse.json({ ok: true }))));
    await core().invoke(searchDef, { name: 'Martin', kinds: ['cdi', 'cdd'], active: undefined });
    const request = seen[0];
    assert.equal(request?.url.search, '?name=Martin&kinds=cdi&kinds=cdd');
    assert.equal(request?.text, '');
    assert.equal(request?.contentType, null);
    assert.equal(request?.headers.get('X-CSRF-Token'), null, 'a read carries no CSRF token');
    assert.equal(csrfCalls, 0);
  });

  test('the fields are checked first', async () => {
    const error = await rejectsWith(core().invoke(searchDef, { kinds: 'cdi' as unknown as string[] }), 'validation');
    assert.deepEqual(error.fields, { kinds: 'invalid' });
    assert.equal(seen.length, 0);
  });
});

describe("body: 'multipart'", () => {
  const uploadDef = defineOperation({
    method: 'POST', path: 'tiers/{tiersId}/documents', body: 'multipart', retry: false,
    request: z.object({ tiersId: z.string(), title: z.string(), copies: z.number(), file: z.file(), tags: z.array(z.string()) }),
    response: z.object({ id: z.string() }),
  });
  const input = () => ({
    tiersId: 't1', title: 'Attestation', copies: 2, tags: ['urssaf', '2026'],
    file: new File(['%PDF-1.7 contenu'], 'attestation.pdf', { type: 'application/pdf' }),
  });
  const answerUpload = () => server.use(http.post(`${BASE}tiers/:tiersId/documents`, recordAnd(() => HttpResponse.json({ id: 'doc-1' }))));

  test('sends the input as FormData: files kept as files, other values as text, path parameters left out', async () => {
    answerUpload();
    assert.deepEqual(await core().invoke(uploadDef, input(), { idempotencyKey: 'up-1' }), { id: 'doc-1' });
    const request = seen[0];
    assert.match(request?.contentType ?? '', /^multipart\/form-data; boundary=/);
    const form = request?.form;
    assert.ok(form);
    assert.deepEqual([...form.keys()], ['title', 'copies', 'file', 'tags', 'tags']);
    assert.equal(form.get('title'), 'Attestation');
    assert.equal(form.get('copies'), '2');
    assert.deepEqual(form.getAll('tags'), ['urssaf', '2026']);
    const file = form.get('file');
    assert.ok(file instanceof File);
    assert.equal(file.name, 'attestation.pdf');
    assert.equal(file.type, 'application/pdf');
    assert.equal(await file.text(), '%PDF-1.7 contenu');
    assert.equal(request?.headers.get('Idempotency-Key'), 'up-1');
    assert.equal(request?.headers.get('X-CSRF-Token'), TOKEN);
  });

  test('in Node (no XMLHttpRequest) a progress callback is accepted and the upload goes through fetch', async () => {
    answerUpload();
    const progress: unknown[] = [];
    assert.deepEqual(await core().invoke(uploadDef, input(), { onUploadProgress: (p) => progress.push(p) }), { id: 'doc-1' });
    assert.deepEqual(progress, []);
  });

  describe('where XMLHttpRequest exists', () => {
    let opened: { method: string; url: string; headers: Record<string, string>; withCredentials: boolean }[] = [];
    before(() => {
      opened = [];
      (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = FakeXhr;
      FakeXhr.log = opened;
    });
    after(() => {
      delete (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest;
    });

    test('an upload with a progress callback goes through XMLHttpRequest and reports its progress', async () => {
      answerUpload();
      const progress: { loaded: number; total: number }[] = [];
      assert.deepEqual(await core().invoke(uploadDef, input(), { onUploadProgress: (p) => progress.push(p) }), { id: 'doc-1' });
      assert.equal(opened.length, 1);
      assert.equal(opened[0]?.method, 'POST');
      assert.equal(opened[0]?.url, `${BASE}tiers/t1/documents`);
      assert.equal(opened[0]?.withCredentials, true);
      assert.equal(opened[0]?.headers['x-csrf-token'], TOKEN);
      // The server got the very multipart body the Request encoded, boundary included.
      assert.equal(seen[0]?.form?.get('title'), 'Attestation');
      assert.ok(progress.length >= 2);
      const last = progress.at(-1);
      assert.ok(last && last.total > 0 && last.loaded === last.total);
    });

    test('its errors are the usual PortalErrors, and without a progress callback fetch is used', async () => {
      server.use(http.post(`${BASE}tiers/:tiersId/documents`, () => HttpResponse.json({ code: 'conflict' }, { status: 409 })));
      const error = await rejectsWith(core().invoke(uploadDef, input(), { onUploadProgress: () => {} }), 'conflict');
      assert.equal(error.status, 409);
      opened.length = 0;
      await rejectsWith(core().invoke(uploadDef, input()), 'conflict');
      assert.equal(opened.length, 0);
    });

    test("a client given its own fetch keeps it (no progress then)", async () => {
      answerUpload();
      let viaFetch = 0;
      const client = core({ fetch: (i, init) => (viaFetch++, globalThis.fetch(i, init)) });
      opened.length = 0;
      await client.invoke(uploadDef, input(), { onUploadProgress: () => assert.fail('no progress expected') });
      assert.equal(opened.length, 0);
      assert.ok(viaFetch >= 2, 'the CSRF token and the upload');
    });
  });
});

describe("response: 'blob'", () => {
  const statementDef = defineOperation({
    method: 'GET', path: 'tiers/{tiersId}/statement', response: 'blob', retry: true,
    request: z.object({ tiersId: z.string() }),
  });
  const download = async (disposition: string | null): Promise<OutputOf<typeof statementDef>> => {
    server.use(http.get(`${BASE}tiers/:tiersId/statement`, recordAnd(() => new HttpResponse('%PDF-1.7', {
      headers: { 'Content-Type': 'application/pdf', ...(disposition ? { 'Content-Disposition': disposition } : {}) },
    }))));
    return core().invoke(statementDef, { tiersId: 't1' });
  };

  test('resolves the file and its name; asks for any type', async () => {
    const { blob, fileName } = await download('attachment; filename="releve-2026.pdf"');
    assert.equal(await blob.text(), '%PDF-1.7');
    assert.equal(blob.type, 'application/pdf');
    assert.equal(fileName, 'releve-2026.pdf');
    assert.equal(seen[0]?.headers.get('Accept'), '*/*');
  });

  test('file names: filename* (UTF-8) wins over filename; plain, quoted and escaped forms; none', async () => {
    const cases: [string | null, string | undefined][] = [
      [`attachment; filename="releve.pdf"; filename*=UTF-8''relev%C3%A9%20n%C2%B01.pdf`, 'relevé n°1.pdf'],
      [`attachment; filename*=utf-8'fr'd%C3%A9claration.csv`, 'déclaration.csv'],
      ['attachment; filename=bulletin.pdf', 'bulletin.pdf'],
      ['attachment; filename="dit \\"le releve\\".pdf"', 'dit "le releve".pdf'],
      [`attachment; filename*=UTF-8''%E9t%E9.pdf; filename="ete.pdf"`, 'ete.pdf'],
      ['attachment; filename="../../etc/passwd"', 'passwd'],
      ['inline', undefined],
      [null, undefined],
    ];
    for (const [header, expected] of cases) assert.equal((await download(header)).fileName, expected, String(header));
  });

  test('an error answer is a PortalError from its JSON body', async () => {
    server.use(http.get(`${BASE}tiers/:tiersId/statement`, () => HttpResponse.json({ code: 'not-found' }, { status: 404 })));
    await rejectsWith(core().invoke(statementDef, { tiersId: 't1' }), 'not-found');
  });
});

describe('session effects declared in the definition', () => {
  const session: Session = {
    user: { email: 'a@b.fr', firstName: 'Jeanne', lastName: 'Martin', kind: 'entreprise' },
    tiers: null,
    tiersCount: 1,
    expiresAt: '2026-01-15T08:30:00.000Z',
  };
  const Signed = z.object({ status: z.enum(['signed-in', 'pending']), session: z.optional(z.unknown()) });
  const signInDef = defineOperation({ method: 'POST', path: 'x/sign-in', request: undefined, response: Signed, retry: false, session: 'result' });
  const noEffectDef = defineOperation({ method: 'POST', path: 'x/sign-in', request: undefined, response: Signed, retry: false });
  const endDef = defineOperation({ method: 'POST', path: 'x/end', request: undefined, response: undefined, retry: false, session: 'end' });
  const currentDef = defineOperation({
    method: 'GET', path: 'x/current', request: undefined, retry: true, session: 'current',
    response: z.object({ session: z.nullable(z.unknown()) }),
  });
  let answer: { status: string; session?: Session } = { status: 'signed-in', session };
  beforeEach(() => {
    answer = { status: 'signed-in', session };
    server.use(
      http.post(`${BASE}x/sign-in`, () => HttpResponse.json(answer)),
      http.post(`${BASE}x/end`, () => new HttpResponse(null, { status: 204 })),
      http.get(`${BASE}x/current`, () => HttpResponse.json({ session: null })),
    );
  });

  test("'result': a signed-in result becomes the session, and the next write fetches a new CSRF token", async () => {
    const client = core();
    const changes: (Session | null)[] = [];
    client.onSessionChange((s) => changes.push(s));
    answer = { status: 'pending' };
    await client.invoke(signInDef, undefined);
    assert.equal(client.session, null, 'not signed in: no change');
    answer = { status: 'signed-in', session };
    await client.invoke(signInDef, undefined);
    assert.deepEqual(client.session, session);
    assert.deepEqual(changes, [session]);
    assert.equal(csrfCalls, 1);
    await client.invoke(signInDef, undefined);
    assert.equal(csrfCalls, 2, 'the token of the old session was dropped');
  });

  test('without a session effect, even a signed-in result leaves the session alone', async () => {
    const client = core();
    await client.invoke(noEffectDef, undefined);
    assert.equal(client.session, null);
  });

  test("'end' clears the session and the CSRF token; 'current' replaces the session, null included", async () => {
    const client = core();
    await client.invoke(signInDef, undefined);
    await client.invoke(endDef, undefined);
    assert.equal(client.session, null);
    await client.invoke(signInDef, undefined);
    assert.equal(csrfCalls, 3, 'sign-in, end and sign-in again: a token after each change');
    await client.invoke(currentDef, undefined);
    assert.equal(client.session, null);
  });
});

describe('two call styles, one transport', () => {
  test('login(core, …) and client.login(…) send the same request; logout(client) ends the session', async () => {
    const session: Session = {
      user: { email: 'admin@durand-btp.fr', firstName: 'Paul', lastName: 'Durand', kind: 'entreprise' },
      tiers: null,
      tiersCount: 1,
      expiresAt: '2026-01-15T08:30:00.000Z',
    };
    server.use(
      http.post(`${BASE}auth/login`, recordAnd(() => HttpResponse.json({ status: 'signed-in', session }))),
      http.post(`${BASE}auth/logout`, recordAnd(() => new HttpResponse(null, { status: 204 }))),
    );
    const input = { email: ' admin@durand-btp.fr ', password: 'Chantier2026!' };
    const plain = core();
    assert.equal((await login(plain, input)).status, 'signed-in');
    assert.deepEqual(plain.session, session);
    const full = createPortalClient({ baseUrl: BASE });
    assert.equal((await full.login(input)).status, 'signed-in');
    assert.deepEqual(full.session, session);
    assert.equal(seen[0]?.text, seen[1]?.text);
    assert.deepEqual(JSON.parse(seen[0]?.text ?? ''), { email: 'admin@durand-btp.fr', password: 'Chantier2026!' });
    await logout(full);
    assert.equal(full.session, null);
  });

  test("another copy's PortalError is recognised by its brand and code", () => {
    class ForeignPortalError extends Error {
      override readonly name = 'PortalError';
      constructor(readonly code: string) {
        super('Portal request failed');
        Object.assign(this, { [Symbol.for('cibtp.portal-error')]: true });
      }
    }
    assert.ok(isPortalError(new ForeignPortalError('rate-limited'), 'rate-limited'));
    assert.ok(!isPortalError(new ForeignPortalError('rate-limited'), 'network'));
    assert.ok(!isPortalError(new ForeignPortalError('pas-un-code')));
    assert.ok(!isPortalError({ name: 'PortalError', code: 'network' }), 'a name is no brand');
  });

  test('the functions only call invoke(): a core of another copy of the kit works', async () => {
    const calls: unknown[][] = [];
    const foreign: PortalCore = {
      baseUrl: BASE, locale: 'fr', session: null,
      onSessionExpired: () => () => {},
      onSessionChange: () => () => {},
      invoke: (async (...args: unknown[]) => {
        calls.push(args);
        return { status: 'otp-required' };
      }) as PortalCore['invoke'],
    };
    const signal = new AbortController().signal;
    assert.deepEqual(await login(foreign, { email: 'a@b.fr', password: 'x' }, { signal }), { status: 'otp-required' });
    const [def, input, options] = calls[0] ?? [];
    assert.equal((def as { path: string }).path, 'auth/login');
    assert.deepEqual(input, { email: 'a@b.fr', password: 'x' });
    assert.deepEqual(options, { signal });
  });
});

/**
 * Just enough of XMLHttpRequest for the core's XHR transport: sends through fetch (so MSW answers) and
 * reports upload progress in two steps, as a browser does for a small body.
 */
class FakeXhr {
  static log: { method: string; url: string; headers: Record<string, string>; withCredentials: boolean }[] = [];
  withCredentials = false;
  responseType = '';
  status = 0;
  statusText = '';
  response: Blob | null = null;
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private method = 'GET';
  private url = '';
  private headers: Record<string, string> = {};
  private responseHeaders = new Headers();

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }
  getAllResponseHeaders(): string {
    return [...this.responseHeaders].map(([name, value]) => `${name}: ${value}`).join('\r\n');
  }
  abort(): void {}
  send(body: Blob | null): void {
    FakeXhr.log.push({ method: this.method, url: this.url, headers: { ...this.headers }, withCredentials: this.withCredentials });
    const total = body?.size ?? 0;
    this.upload.onprogress?.({ loaded: Math.floor(total / 2), total, lengthComputable: true });
    this.upload.onprogress?.({ loaded: total, total, lengthComputable: true });
    void globalThis.fetch(this.url, { method: this.method, headers: this.headers, body }).then(async (response) => {
      this.status = response.status;
      this.statusText = response.statusText;
      this.responseHeaders = response.headers;
      this.response = await response.blob();
      this.onload?.();
    }, () => this.onerror?.());
  }
}
