/** The suite's parts on their own: the accounts file, how answers are compared, the reports. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { AccountsError, loadAccounts, parseAccounts } from './accounts.js';
import { differences } from './compare.js';
import type { Exchange } from './http.js';
import { mockAccounts } from './mock-accounts.js';
import { formatJunit, formatText, xmlEscape } from './report.js';
import type { Report } from './run.js';

describe('the accounts file', () => {
  test('the mock’s own accounts are a valid file, hooks included', () => {
    const accounts = mockAccounts({ outbox: 'http://127.0.0.1:8080/__mock/outbox.json', clock: 'http://127.0.0.1:8080/__mock/clock' });
    assert.deepEqual(parseAccounts(JSON.parse(JSON.stringify(accounts))), accounts);
  });

  test('a typo, a bad email and a hook that is no http URL are each named', () => {
    const bad = { login: { email: 'pas-un-email', password: 'x' }, outbox: 'file:///etc/passwd', delegatr: {} };
    assert.throws(() => parseAccounts(bad, 'accounts.json'), (error: Error) => {
      assert.ok(error instanceof AccountsError);
      assert.match(error.message, /^accounts\.json is not a valid accounts file/);
      assert.match(error.message, /login\.email/);
      assert.match(error.message, /outbox: an http\(s\) URL/);
      assert.match(error.message, /delegatr/);
      return true;
    });
  });

  test('the example of docs/BACKEND.md is a valid file', async () => {
    const doc = await readFile(new URL('../docs/BACKEND.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('### The accounts file'));
    const example = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    assert.ok(example, 'the section shows an example');
    const accounts = parseAccounts(JSON.parse(example));
    assert.equal(accounts.company?.siret, '61914773900012', 'the SIRET as the SDK sends it');
  });

  test('a file that is not JSON, or missing, is a clear error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-'));
    const file = join(dir, 'accounts.json');
    await writeFile(file, '{ login: nope }');
    await assert.rejects(loadAccounts(file), (error: Error) => error instanceof AccountsError && /is not JSON/.test(error.message));
    await assert.rejects(loadAccounts(join(dir, 'absent.json')), (error: Error) => error instanceof AccountsError && /cannot read/.test(error.message));
  });
});

function exchange(status: number, body: unknown, headers: Record<string, string> = {}, sentAt = 1_000_000): Exchange {
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    operation: 'login', visitor: 'test', method: 'POST', path: 'auth/login', status, text, json: body,
    headers: new Headers({ 'content-type': 'application/json', 'content-length': String(text.length), ...headers }), sentAt,
  };
}

describe('answers alike', () => {
  const failed = { code: 'invalid-credentials' };

  test('the same answer at another time and with another request id is alike', () => {
    assert.deepEqual(differences(
      exchange(401, failed, { date: 'Wed, 02 Dec 2026 07:00:00 GMT', 'x-request-id': 'a' }),
      exchange(401, failed, { date: 'Wed, 02 Dec 2026 07:00:03 GMT', 'x-request-id': 'b' }),
    ), []);
  });

  test('a status, a body field or a header apart is not', () => {
    assert.deepEqual(differences(exchange(401, failed), exchange(404, failed)), ['status 401 ≠ 404']);
    assert.deepEqual(differences(exchange(401, failed), exchange(401, { code: 'not-found' })),
      ['body.code: "invalid-credentials" ≠ "not-found"', 'header content-length: 30 ≠ 20']);
    assert.deepEqual(differences(exchange(401, failed), exchange(401, failed, { 'x-account': 'unknown' })), ['header x-account: (none) ≠ unknown']);
  });

  test('a lock ending at the same time is alike; one of 1 minute and one of 15 is not', () => {
    const locked = (inMs: number, sentAt: number) => exchange(423, { code: 'account-locked', retryAt: new Date(sentAt + inMs).toISOString() }, {}, sentAt);
    assert.deepEqual(differences(locked(60_000, 1_000_000), locked(60_000, 1_002_000)), []);
    assert.deepEqual(differences(locked(60_000, 1_000_000), locked(900_000, 1_000_000)), ['body.retryAt: 60 s ahead ≠ 900 s ahead']);
  });

  test('a random challenge id is set aside, and so is the length it gives the body', () => {
    const challenge = (id: string) => exchange(200, { status: 'otp-required', challenge: { id, channel: 'sms' } });
    assert.deepEqual(differences(challenge('abc'), challenge('a-much-longer-id')), []);
  });

  test('cookies are compared by name and attributes, not by value', () => {
    const cookie = (value: string, attributes: string) => exchange(401, failed, { 'set-cookie': `sid=${value}; ${attributes}` });
    assert.deepEqual(differences(cookie('1', 'HttpOnly; Path=/'), cookie('2', 'HttpOnly; Path=/')), []);
    assert.equal(differences(cookie('1', 'HttpOnly; Path=/'), cookie('1', 'Path=/')).length, 1);
  });
});

const report: Report = {
  apiUrl: 'http://127.0.0.1:8080/api/', mock: true, startedAt: '2026-12-02T07:00:00.000Z', durationMs: 1234, passed: 1, failed: 1, skipped: 1,
  results: [
    { id: 'csrf', title: 'State changes are refused without the CSRF header', status: 'passed', evidence: ['fine'], durationMs: 10 },
    { id: 'lock', title: 'Locks <alike> & "the same"', status: 'failed', evidence: ['wrong password 1: ok', '✗ wrong password 5: 423 ≠ 401 \u0007'], durationMs: 20 },
    { id: 'otp', title: 'One-time codes', status: 'skipped', evidence: ['no clock hook'], durationMs: 0 },
  ],
};

describe('reports', () => {
  test('text: one line per rule, evidence under failures and skips only, a summary', () => {
    const text = formatText(report);
    assert.match(text, /^PASS {2}csrf — /m);
    assert.match(text, /^FAIL {2}lock — /m);
    assert.match(text, /^ {8}✗ wrong password 5/m);
    assert.match(text, /^SKIP {2}otp — One-time codes\n {8}no clock hook$/m);
    assert.doesNotMatch(text, /fine/);
    assert.match(text, /^3 rules: 1 passed, 1 failed, 1 skipped \(1\.2 s\)$/m);
  });

  test('XML escaping covers markup, quotes and characters XML cannot hold', () => {
    assert.equal(xmlEscape('<a href="x">&\'\u0000\u001b</a>'), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });

  test('JUnit: one test case per rule, the failure with its evidence, the skip with its reason', () => {
    const xml = formatJunit(report);
    assert.equal(xml.match(/<testcase /g)?.length, 3);
    assert.match(xml, /<testsuites name="cibtp-conformance" tests="3" failures="1" errors="0" skipped="1"/);
    assert.match(xml, /name="lock: Locks &lt;alike&gt; &amp; &quot;the same&quot;"/);
    assert.match(xml, /<failure message="✗ wrong password 5: 423 ≠ 401 ">wrong password 1: ok\n✗ wrong password 5/);
    assert.match(xml, /<skipped message="no clock hook"\/>/);
    assert.doesNotMatch(xml, /\u0007/);
  });
});
