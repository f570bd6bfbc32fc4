/**
 * The suite against the HTTP mock: every rule passes; on each broken variant (`variants.ts`) the suite
 * fails, and the failed rule is exactly the variant's; the JUnit report is well-formed; the CLI exits
 * 0, 1 or 2 as documented. Each run gets a fresh mock: a run locks, resets and activates accounts.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startHttpMock, type RunningHttpMock } from '../mock-server/http.js';
import { mockAccounts } from './mock-accounts.js';
import { formatJunit } from './report.js';
import { RULE_IDS, runConformance, UnreachableError, UsageError } from './run.js';
import { VARIANTS } from './variants.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function withMock<T>(run: (mock: RunningHttpMock) => Promise<T>): Promise<T> {
  const mock = await startHttpMock({ port: 0 });
  try {
    return await run(mock);
  } finally {
    await mock.close();
  }
}

/** A rough check that `xml` is well-formed: one root, every tag closed in order, attributes quoted. */
function assertWellFormed(xml: string): void {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  const open: string[] = [];
  let roots = 0;
  for (const [, closing, name, attributes, selfClosing] of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([A-Za-z][\w-]*)([^>]*?)(\/?)>/g)) {
    assert.match(attributes ?? '', /^(\s+[\w-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*")*\s*$/, `attributes of <${name}>`);
    if (closing) assert.equal(open.pop(), name, `</${name}> closes the open tag`);
    else {
      if (open.length === 0) roots += 1;
      if (!selfClosing) open.push(name!);
    }
  }
  assert.deepEqual(open, []);
  assert.equal(roots, 1);
  // Outside tags, no raw markup character is left.
  assert.doesNotMatch(xml.replace(/<[^>]*>/g, ''), /[<>]|&(?!(?:amp|lt|gt|quot|apos);)/);
}

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'conformance/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the suite on the HTTP mock', () => {
  test('every rule passes, none is skipped, with evidence', async () => {
    const report = await withMock((mock) => runConformance({ baseUrl: mock.apiUrl }));
    assert.equal(report.mock, true);
    assert.deepEqual(report.results.map((r) => [r.id, r.status]), RULE_IDS.map((id) => [id, 'passed']));
    for (const result of report.results) assert.ok(result.evidence.length > 0, `${result.id} says what it saw`);
    assert.equal(report.failed + report.skipped, 0);
  });

  test('a rule whose identity or hook is missing is skipped with the reason, not passed', async () => {
    const { otp: _otp, ...accounts } = mockAccounts();
    const report = await withMock((mock) => runConformance({ baseUrl: mock.apiUrl, accounts, only: ['otp', 'csrf'] }));
    assert.deepEqual(report.results.map((r) => [r.id, r.status]), [['csrf', 'passed'], ['otp', 'skipped']]);
    assert.deepEqual(report.results[1]?.evidence, ['the accounts file has no `otp`']);
  });

  test('bad usage and an unreachable server are errors, not reports', async () => {
    await withMock(async (mock) => {
      await assert.rejects(runConformance({ baseUrl: mock.apiUrl, only: ['nope'] }), UsageError);
    });
    await assert.rejects(runConformance({ baseUrl: 'ftp://example.com/api/' }), UsageError);
    // A server that is not the mock, without an accounts file: the suite cannot know its identities.
    const other = createServer((_, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = other.address() as { port: number };
      await assert.rejects(runConformance({ baseUrl: `http://127.0.0.1:${port}/api/` }), (error: Error) => error instanceof UsageError && /--accounts/.test(error.message));
      other.close();
      await new Promise((resolve) => other.once('close', resolve));
      await assert.rejects(runConformance({ baseUrl: `http://127.0.0.1:${port}/api/` }), UnreachableError);
    } finally {
      other.close();
    }
  });
});

describe('the suite on the broken variants', () => {
  test('there is one variant per rule', () => {
    assert.deepEqual(VARIANTS.map((v) => v.rule).sort(), [...RULE_IDS].sort());
  });

  for (const variant of VARIANTS) {
    test(`${variant.description}: only ${variant.rule} fails`, async () => {
      const running = await variant.start();
      try {
        const report = await runConformance({ baseUrl: running.mock.apiUrl });
        assert.deepEqual(report.results.filter((r) => r.status !== 'passed').map((r) => [r.id, r.status]), [[variant.rule, 'failed']]);
        const failed = report.results.find((r) => r.id === variant.rule);
        assert.ok(failed?.evidence.some((line) => line.startsWith('✗')), 'the failure says what was wrong');

        const xml = formatJunit(report);
        assertWellFormed(xml);
        assert.equal(xml.match(/<testcase /g)?.length, RULE_IDS.length);
        const failures = [...xml.matchAll(/<testcase classname="cibtp-conformance" name="([^":]+):[^"]*"[^>]*>\s*<failure /g)].map((m) => m[1]);
        assert.deepEqual(failures, [variant.rule]);
      } finally {
        await running.stop();
      }
    });
  }

  test('each variant restored what it patched: the suite passes again', async () => {
    const report = await withMock((mock) => runConformance({ baseUrl: mock.apiUrl }));
    assert.equal(report.failed, 0, report.results.filter((r) => r.status === 'failed').map((r) => r.id).join(', '));
  });
});

describe('the CLI', () => {
  test('exits 0 on the mock, writing the JUnit file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-'));
    const junit = join(dir, 'conformance.xml');
    const { code, stdout } = await withMock((mock) => cli('--base-url', mock.apiUrl, '--junit', junit));
    assert.equal(code, 0, stdout);
    for (const id of RULE_IDS) assert.match(stdout, new RegExp(`^PASS {2}${id} — `, 'm'));
    assert.match(stdout, new RegExp(`^${RULE_IDS.length} rules: ${RULE_IDS.length} passed, 0 failed, 0 skipped`, 'm'));
    const xml = await readFile(junit, 'utf8');
    assertWellFormed(xml);
    assert.doesNotMatch(xml, /<failure/);
  });

  test('exits 1 on a variant, naming its rule', async () => {
    const variant = VARIANTS.find((v) => v.rule === 'csrf')!;
    const running = await variant.start();
    try {
      const { code, stdout } = await cli('--base-url', running.mock.apiUrl, '--only', 'csrf,idempotency');
      assert.equal(code, 1, stdout);
      assert.match(stdout, /^FAIL {2}csrf — .*\n {8}✗ login without the header: POST auth\/login → 200: expected 403 csrf$/m);
      assert.match(stdout, /^2 rules: 1 passed, 1 failed, 0 skipped/m);
    } finally {
      await running.stop();
    }
  });

  test('exits 2 on bad usage and on a bad accounts file', async () => {
    const missing = await cli();
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--base-url is required/);
    const dir = await mkdtemp(join(tmpdir(), 'conformance-'));
    const bad = await cli('--base-url', 'http://127.0.0.1:1/api/', '--accounts', join(dir, 'absent.json'));
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /cannot read the accounts file/);
    const unreachable = await cli('--base-url', 'http://127.0.0.1:1/api/');
    assert.equal(unreachable.code, 2);
    assert.match(unreachable.stderr, /cannot be reached/);
    const help = await cli('--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: cibtp-conformance --base-url URL/);
  });
});
