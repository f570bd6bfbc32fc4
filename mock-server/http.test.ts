/** The mock over real HTTP: cookies, CSRF, CORS, control endpoints, clock, seed and the CLI. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createPortalClient } from '../sdk/client.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, LIMITS } from './index.js';
import { createOutbox, type OutboxMessage } from './outbox.js';
import { BackendState } from './state.js';
import { parseFaultSpec, SESSION_COOKIE, startHttpMock, SeedError, type RunningHttpMock } from './http.js';
import { cookieJar, linkToken, rejectsWith } from './test-support.js';

const DEMO_ORIGIN = 'http://127.0.0.1:8000';

function clientOf(mock: RunningHttpMock) {
  const jar = cookieJar();
  return { ...jar, client: createPortalClient({ baseUrl: mock.apiUrl, fetch: jar.fetch, retryLimit: 0 }) };
}

const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;

const post = (url: string, body?: unknown) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

describe('the HTTP mock', () => {
  let mock: RunningHttpMock;
  before(async () => {
    mock = await startHttpMock({ port: 0, corsOrigins: [DEMO_ORIGIN], linkBase: `${DEMO_ORIGIN}/serveur-http.html` });
  });
  after(() => mock.close());
  beforeEach(async () => {
    assert.equal((await post(`${mock.url}__mock/reset`)).status, 204);
  });

  test('the SDK signs in, reads its session and signs out, through the session cookie', async () => {
    const { client, cookies } = clientOf(mock);
    const result = await client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
    assert.equal(result.status, 'signed-in');
    const signedInCookie = cookies.get(SESSION_COOKIE);
    assert.ok(signedInCookie);
    const { session } = await client.currentSession();
    assert.equal(session?.user.email, DEMO_ACCOUNTS.admin);
    await client.logout();
    assert.equal(cookies.has(SESSION_COOKIE), false, 'the cookie is cleared at logout');
    assert.deepEqual(await client.currentSession(), { session: null });
  });

  test('the cookie is HttpOnly, SameSite=Lax, and changes when the session starts (no fixation)', async () => {
    const first = await fetch(`${mock.apiUrl}auth/csrf`);
    const line = first.headers.getSetCookie()[0] ?? '';
    assert.match(line, new RegExp(`^${SESSION_COOKIE}=[\\w-]{20,}; HttpOnly; SameSite=Lax; Path=/$`));
    const before = line.split(';')[0] ?? '';
    const { token } = await json<{ token: string }>(first);
    const login = await fetch(`${mock.apiUrl}auth/login`, {
      method: 'POST',
      headers: { Cookie: before, 'Content-Type': 'application/json', 'X-CSRF-Token': token },
      body: JSON.stringify({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD }),
    });
    assert.equal(login.status, 200);
    const after = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    assert.ok(after.startsWith(`${SESSION_COOKIE}=`));
    assert.notEqual(after, before);
    const session = (cookie: string) => fetch(`${mock.apiUrl}auth/session`, { headers: { Cookie: cookie } }).then(json<{ session: unknown }>);
    assert.deepEqual(await session(before), { session: null }, 'the pre-login cookie holds no session');
    assert.notEqual((await session(after)).session, null);
  });

  test('an unknown cookie value is not adopted', async () => {
    const response = await fetch(`${mock.apiUrl}auth/csrf`, { headers: { Cookie: `${SESSION_COOKIE}=chosen-by-the-attacker` } });
    const line = response.headers.getSetCookie()[0] ?? '';
    assert.ok(line.startsWith(`${SESSION_COOKIE}=`));
    assert.ok(!line.includes('chosen-by-the-attacker'));
  });

  test('two cookie jars have two independent sessions', async () => {
    const a = clientOf(mock);
    const b = clientOf(mock);
    await a.client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
    assert.deepEqual(await b.client.currentSession(), { session: null });
    const multi = await b.client.login({ email: DEMO_ACCOUNTS.multi, password: DEMO_PASSWORD });
    assert.equal(multi.status, 'choose-tiers');
    assert.equal((await a.client.currentSession()).session?.user.email, DEMO_ACCOUNTS.admin);
    await a.client.logout();
    // b's pending tiers choice is untouched by a's logout.
    const { total } = await b.client.searchTiers({ sort: 'raisonSociale', direction: 'asc', page: 1, pageSize: 10 });
    assert.equal(total, 3);
  });

  test('a write without X-CSRF-Token is refused with 403 csrf', async () => {
    const response = await post(`${mock.apiUrl}auth/login`, { email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
    assert.equal(response.status, 403);
    assert.deepEqual(await response.json(), { code: 'csrf' });
  });

  test('a CSRF token of one cookie does not work with another', async () => {
    const a = await fetch(`${mock.apiUrl}auth/csrf`);
    const { token } = await json<{ token: string }>(a);
    const response = await fetch(`${mock.apiUrl}password/forgot`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token }, body: JSON.stringify({ email: 'x@y.fr' }),
    });
    assert.equal(response.status, 403);
  });

  test('CORS: the allowed origin gets the headers and its preflight; another origin gets none', async () => {
    const allowed = await fetch(`${mock.apiUrl}auth/csrf`, { headers: { Origin: DEMO_ORIGIN } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), DEMO_ORIGIN);
    assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(allowed.headers.get('access-control-expose-headers'), 'Retry-After, Content-Disposition');
    assert.match(allowed.headers.get('vary') ?? '', /Origin/);

    const preflight = await fetch(`${mock.apiUrl}auth/login`, {
      method: 'OPTIONS', headers: { Origin: DEMO_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, x-csrf-token' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), DEMO_ORIGIN);
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'GET, POST, PUT, PATCH, DELETE');
    assert.equal(preflight.headers.get('access-control-allow-headers'), 'Content-Type, X-CSRF-Token, Idempotency-Key');
    assert.equal(preflight.headers.get('access-control-max-age'), '600');

    for (const origin of ['http://evil.test', 'http://127.0.0.1:8001']) {
      const other = await fetch(`${mock.apiUrl}auth/csrf`, { headers: { Origin: origin } });
      const otherPreflight = await fetch(`${mock.apiUrl}auth/login`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
      for (const response of [other, otherPreflight]) {
        const cors = [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));
        assert.deepEqual(cors, [], `no CORS header for ${origin}`);
      }
    }
  });

  test('faults set through the control endpoint: 503 with Retry-After, then cleared', async () => {
    const set = await post(`${mock.url}__mock/faults`, { operation: 'passwordPolicy', fault: { kind: 'unavailable', retryAfter: 30 } });
    assert.equal(set.status, 204);
    const faulty = await fetch(`${mock.apiUrl}password/policy`);
    assert.equal(faulty.status, 503);
    assert.equal(faulty.headers.get('retry-after'), '30');
    assert.deepEqual(await faulty.json(), { code: 'server' });
    assert.equal((await fetch(`${mock.url}__mock/faults`, { method: 'DELETE' })).status, 204);
    assert.equal((await fetch(`${mock.apiUrl}password/policy`)).status, 200);
  });

  test('a bad fault or clock request is answered 400, naming the field', async () => {
    const fault = await post(`${mock.url}__mock/faults`, { operation: 'nope', fault: { kind: 'server' } });
    assert.equal(fault.status, 400);
    assert.match((await json<{ error: string }>(fault)).error, /^operation:/);
    const clock = await post(`${mock.url}__mock/clock`, { advance: 'soon' });
    assert.equal(clock.status, 400);
  });

  test('control endpoints refuse changes from another origin\'s page', async () => {
    const response = await fetch(`${mock.url}__mock/reset`, { method: 'POST', headers: { Origin: 'http://evil.test' } });
    assert.equal(response.status, 403);
  });

  test('advancing the clock makes the session expire', async () => {
    const { client } = clientOf(mock);
    await client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
    const before = await json<{ now: string }>(await fetch(`${mock.url}__mock/clock`));
    const moved = await json<{ now: string }>(await post(`${mock.url}__mock/clock`, { advance: LIMITS.sessionTtl + 1_000 }));
    assert.ok(Date.parse(moved.now) - Date.parse(before.now) >= LIMITS.sessionTtl + 1_000);
    await rejectsWith(client.currentSession(), 'session-expired');
  });

  test('the clock can be set', async () => {
    const at = '2030-05-01T10:00:00.000Z';
    const answer = await json<{ now: string }>(await post(`${mock.url}__mock/clock`, { set: at }));
    assert.ok(Date.parse(answer.now) >= Date.parse(at));
    assert.ok(mock.clock.now().getTime() >= Date.parse(at));
  });

  test('the outbox, as JSON and as a page: a forgotten-password email and its link', async () => {
    const { client } = clientOf(mock);
    await client.forgotPassword({ email: DEMO_ACCOUNTS.admin });
    const messages = await json<OutboxMessage[]>(await fetch(`${mock.url}__mock/outbox.json`));
    const [seeded] = messages;
    const email = messages.at(-1);
    assert.ok(seeded && email?.link);
    assert.equal(email.to, DEMO_ACCOUNTS.admin);
    assert.ok(email.link.startsWith(`${DEMO_ORIGIN}/serveur-http.html#action=reset-password&token=`));
    linkToken(email.link);

    const page = await fetch(`${mock.url}__mock/outbox`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src|unsafe-inline/);
    const html = await page.text();
    assert.ok(html.includes(`href="${email.link.replace(/&/g, '&amp;')}"`), 'the link is clickable');
    assert.ok(!html.includes('<script'), 'no script');
    // Newest first: the reset email comes before the seeded activation email.
    assert.ok(html.indexOf(`data-id="${email.id}"`) < html.indexOf(`data-id="${seeded.id}"`));
  });

  test('the outbox page escapes hostile values and links only http(s)', async () => {
    mock.backend.faults.clear();
    const writer = mock.backend.outbox as unknown as { send(m: Omit<OutboxMessage, 'id' | 'sentAt'>): OutboxMessage };
    writer.send({ kind: 'email', to: '"><img src=x onerror=alert(1)>@x.fr', subject: '<script>alert(1)</script>', body: 'a & b', link: 'javascript:alert(1)' });
    const html = await (await fetch(`${mock.url}__mock/outbox`)).text();
    assert.ok(!html.includes('<script>alert'));
    assert.ok(!html.includes('<img src=x'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;@x.fr'));
    assert.ok(html.includes('a &amp; b'));
    assert.ok(!html.includes('href="javascript:'));
  });

  test('the index of the control endpoints', async () => {
    assert.deepEqual(await json(await fetch(`${mock.url}__mock/`)), {
      name: 'cibtp-mock-server', api: mock.apiUrl, outbox: `${mock.url}__mock/outbox.json`, clock: `${mock.url}__mock/clock`,
    });
  });

  test('the network fault drops the connection', async () => {
    mock.backend.faults.set('passwordPolicy', { kind: 'network' }, { times: 1 });
    await assert.rejects(fetch(`${mock.apiUrl}password/policy`), TypeError);
    assert.equal((await fetch(`${mock.apiUrl}password/policy`)).status, 200);
  });

  test('reset forgets sessions', async () => {
    const { client } = clientOf(mock);
    await client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
    await post(`${mock.url}__mock/reset`);
    assert.deepEqual(await client.currentSession(), { session: null });
  });
});

describe('session slots', () => {
  test('are bounded (the least recently used go) and forgotten when idle; the default slot is apart', () => {
    let t = Date.parse('2026-01-15T08:00:00Z');
    const now = () => new Date(t);
    const state = new BackendState({ now, linkBase: undefined, outbox: createOutbox(now) });
    const defaultToken = state.issueCsrfToken();
    state.useSlot('first');
    const token = state.issueCsrfToken();
    assert.equal(state.isCsrfTokenValid(defaultToken), false, 'a slot has its own tokens');
    state.useSlot('second');
    assert.equal(state.isCsrfTokenValid(token), false);
    state.useSlot('first');
    assert.equal(state.isCsrfTokenValid(token), true);
    for (let i = 0; i < LIMITS.sessionSlotsKept - 1; i++) state.useSlot(`s${i}`);
    assert.equal(state.hasSlot('second'), false, 'the least recently used went');
    assert.equal(state.hasSlot('first'), true);
    state.useSlot();
    assert.equal(state.isCsrfTokenValid(defaultToken), true);
    t += LIMITS.sessionSlotIdle;
    assert.equal(state.hasSlot('first'), false, 'idle for too long');
  });
});

describe('the HTTP mock\'s options', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cibtp-mock-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const seedFile = async (name: string, content: unknown) => {
    const file = join(dir, name);
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  test('faults given at start, as the CLI parses them, come back after a reset', async () => {
    const mock = await startHttpMock({ port: 0, faults: [parseFaultSpec('passwordPolicy=unavailable:12'), parseFaultSpec('*=server')] });
    try {
      const policy = await fetch(`${mock.apiUrl}password/policy`);
      assert.equal(policy.status, 503);
      assert.equal(policy.headers.get('retry-after'), '12');
      assert.equal((await fetch(`${mock.apiUrl}auth/csrf`)).status, 500);
      await fetch(`${mock.url}__mock/faults`, { method: 'DELETE' });
      assert.equal((await fetch(`${mock.apiUrl}auth/csrf`)).status, 200);
      await post(`${mock.url}__mock/reset`);
      assert.equal((await fetch(`${mock.apiUrl}auth/csrf`)).status, 500);
    } finally {
      await mock.close();
    }
  });

  test('a --fault value is checked', () => {
    assert.deepEqual(parseFaultSpec('*=latency:800'), { operation: '*', fault: { kind: 'latency', ms: 800 } });
    assert.deepEqual(parseFaultSpec('login=server'), { operation: 'login', fault: { kind: 'server' } });
    assert.throws(() => parseFaultSpec('login'), /op=kind/);
    assert.throws(() => parseFaultSpec('nope=server'), /operation/);
    assert.throws(() => parseFaultSpec('login=explode'), /fault/);
  });

  test('the clock starts at the given instant', async () => {
    const mock = await startHttpMock({ port: 0, clock: '2027-02-03T04:05:06Z' });
    try {
      const { now } = await json<{ now: string }>(await fetch(`${mock.url}__mock/clock`));
      assert.ok(Date.parse(now) >= Date.parse('2027-02-03T04:05:06Z'));
      assert.ok(Date.parse(now) < Date.parse('2027-02-04T00:00:00Z'));
    } finally {
      await mock.close();
    }
  });

  test('a seed file adds a login that can sign in, again after a reset', async () => {
    const file = await seedFile('seed.json', {
      accounts: [{ email: 'Equipe@Caisse.test', password: 'Essai-2026!', firstName: 'Alex', lastName: 'Test', tiers: ['100451203'] }],
    });
    const mock = await startHttpMock({ port: 0, seed: file });
    try {
      for (let round = 0; round < 2; round++) {
        const { client } = clientOf(mock);
        const result = await client.login({ email: 'equipe@caisse.test', password: 'Essai-2026!' });
        assert.equal(result.status, 'signed-in');
        assert.equal(result.session.tiers?.identifiantCibtp, '100451203');
        assert.equal((await client.tiersRights()).administrator, true);
        await post(`${mock.url}__mock/reset`);
      }
    } finally {
      await mock.close();
    }
  });

  test('a seeded login may hold some rights only', async () => {
    const mock = await startHttpMock({ port: 0, seed: {
      accounts: [{ email: 'lecture@caisse.test', password: 'x', firstName: 'Lou', lastName: 'Lecture', tiers: ['100451203'],
        administrator: false, functions: { documents: 'read' } }],
    } });
    try {
      const { client } = clientOf(mock);
      await client.login({ email: 'lecture@caisse.test', password: 'x' });
      const rights = await client.tiersRights();
      assert.equal(rights.administrator, false);
      assert.deepEqual(rights.functions, { documents: 'read' });
    } finally {
      await mock.close();
    }
  });

  test('a bad seed file is refused, naming the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ accounts: [{ email: 'not-an-email', password: 'x', firstName: 'A', lastName: 'B', tiers: ['100451203'] }] }, /accounts\[0\]\.email: not a valid email/],
      [{ accounts: [{ email: 'a@b.fr', password: 'x', firstName: 'A', lastName: 'B' }] }, /accounts\[0\]\.tiers: required/],
      [{ accounts: [{ email: 'a@b.fr', password: 'x', firstName: 'A', lastName: 'B', tiers: ['999'] }] }, /accounts\[0\]\.tiers\[0\]: no seeded site/],
      [{ accounts: [{ email: DEMO_ACCOUNTS.admin, password: 'x', firstName: 'A', lastName: 'B', tiers: ['100451203'] }] }, /accounts\[0\]\.email: .* already a login/],
      [{ logins: [] }, /unknown field logins/],
      ['{ not json', /not JSON/],
    ];
    for (const [i, [content, message]] of cases.entries()) {
      const file = await seedFile(`bad-${i}.json`, content);
      await assert.rejects(startHttpMock({ port: 0, seed: file }), (error: unknown) => {
        assert.ok(error instanceof SeedError);
        assert.match(error.message, message);
        return true;
      });
    }
  });

  test('the CLI prints where it listens, serves, and refuses a bad seed with exit code 2', async () => {
    const cli = (args: string[]) => spawn(process.execPath, ['--import', 'tsx', 'mock-server/bin.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const server = cli(['--port', '0', '--cors-origin', DEMO_ORIGIN, '--fault', 'passwordPolicy=server']);
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
        });
        server.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const match = /^cibtp-mock-server listening on (http:\/\/127\.0\.0\.1:\d+\/) \(API (\S+), outbox (\S+)\)$/.exec(line);
      assert.ok(match, line);
      const [, url, api, outbox] = match;
      assert.equal(api, `${url}api/`);
      assert.equal(outbox, `${url}__mock/outbox`);
      assert.equal((await fetch(`${api}password/policy`)).status, 500);
      assert.equal((await fetch(`${api}auth/csrf`, { headers: { Origin: DEMO_ORIGIN } })).headers.get('access-control-allow-origin'), DEMO_ORIGIN);
    } finally {
      server.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((resolve) => server.once('exit', resolve));
    assert.equal(code, 0, 'stops cleanly on SIGTERM');

    const bad = cli(['--port', '0', '--seed', await seedFile('cli-bad.json', { accounts: [{ email: 'x' }] })]);
    let stderr = '';
    bad.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const badCode = await new Promise<number | null>((resolve) => bad.once('exit', resolve));
    assert.equal(badCode, 2);
    assert.match(stderr, /accounts\[0\]\.password: required/);
  });
});
