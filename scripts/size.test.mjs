// The rules of `npm run size -- --check` (scripts/size.mjs) on made-up figures, and the demo server's
// choice of encoding: no browser, no dist/ needed. `node --test scripts/size.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BUNDLE_CEILING_GZIP,
  LOGIN_PAGE_BUDGET_GZIP,
  budgetLine,
  budgetStatus,
  checkFailures,
  kindOf,
  total,
} from './size.mjs';
import { pickEncoding } from '../demo/server.mjs';

const budget = LOGIN_PAGE_BUDGET_GZIP;

test('over the budget, under the ceiling: passes, and says by how much the budget is missed', () => {
  const s = budgetStatus(48_700, 40_000, 50_000);
  assert.deepEqual([s.met, s.gap, s.overCeiling, s.ceilingAboveMetBudget], [false, 8_700, false, false]);
  assert.equal(
    budgetLine('integration.html', 'drop-in', { gzip: 48_700, files: 3 }, s),
    'integration.html (drop-in): 48.7 kB gzip of kit JS in 3 files (budget 40.0 kB: 8.7 kB over, NOT MET; ceiling 50.0 kB)',
  );
});

test('over the ceiling: a regression, fails', () => {
  assert.equal(budgetStatus(50_001, 40_000, 50_000).overCeiling, true);
  assert.equal(budgetStatus(50_000, 40_000, 50_000).overCeiling, false);
});

test('budget met: the ceiling must come down to the budget', () => {
  assert.equal(budgetStatus(39_000, 40_000, 50_000).ceilingAboveMetBudget, true);
  assert.equal(budgetStatus(39_000, 40_000, 40_000).ceilingAboveMetBudget, false);
  assert.equal(budgetStatus(40_000, 40_000, 40_000).met, true);
  assert.equal(budgetStatus(40_001, 40_000, 40_000).overCeiling, true);
});

const page = (name, problems = []) => ({ page: name, problems });
const widget = (gzip, ceilingGzip = 40_000) => ({ name: 'components/login.js', tag: 'cibtp-login', gzip, ceilingGzip });
const clean = {
  pages: [page('integration.html')],
  budgets: [{ page: 'integration.html', label: 'drop-in', ceilingName: 'LOGIN_PAGE_CEILING_GZIP', status: budgetStatus(45_000, budget, 50_000) }],
  widgets: [widget(39_000)],
  unknown: [],
  bundle: { name: 'cibtp-widgets.bundle.js', gzip: BUNDLE_CEILING_GZIP },
};

test('checkFailures: nothing to say on a clean, over-budget-but-under-ceiling build', () => {
  assert.deepEqual(checkFailures(clean), []);
});

test('checkFailures: each reason is a sentence naming what to fix', () => {
  const failures = checkFailures({
    pages: [page('integration.html', ['CSP / Trusted Types: script-src blocked inline'])],
    budgets: [
      { page: 'integration.html', label: 'drop-in', ceilingName: 'LOGIN_PAGE_CEILING_GZIP', status: budgetStatus(51_000, budget, 50_000) },
      { page: 'integration-composant.html', label: 'per-widget entry', ceilingName: 'LOGIN_PAGE_ENTRIES_CEILING_GZIP', status: budgetStatus(39_000, budget, 45_000) },
      { page: 'gone.html', label: 'x', ceilingName: 'X', status: null },
    ],
    widgets: [widget(41_000), { name: 'components/new.js', tag: 'cibtp-new', ceilingGzip: 1, missing: true }],
    unknown: ['components/stray.js'],
    bundle: { name: 'cibtp-widgets.bundle.js', gzip: BUNDLE_CEILING_GZIP + 1 },
  });
  assert.equal(failures.length, 8, failures.join('\n'));
  assert.match(failures[0], /^integration\.html: CSP/);
  assert.match(failures[1], /51,000 .* over its regression ceiling LOGIN_PAGE_CEILING_GZIP = 50,000/);
  assert.match(failures[2], /meets the budget .* set LOGIN_PAGE_ENTRIES_CEILING_GZIP to LOGIN_PAGE_BUDGET_GZIP/);
  assert.match(failures[3], /gone\.html .* not measured/);
  assert.match(failures[4], /components\/login\.js is 41,000 .* over its ceilingGzip 40,000/);
  assert.match(failures[5], /components\/new\.js is missing/);
  assert.match(failures[6], /stray\.js is not a widget of components\/registry\.ts/);
  assert.match(failures[7], /over BUNDLE_CEILING_GZIP/);
});

test('kit or demo: /dist/ is the kit, except the demo mock', () => {
  assert.equal(kindOf('/dist/cibtp-widgets.js'), 'kit');
  assert.equal(kindOf('/dist/chunks/lit-abc.js'), 'kit');
  assert.equal(kindOf('/dist/demo-mock.js'), 'demo');
  assert.equal(kindOf('/espace.js'), 'demo');
});

test('total: sums per-file figures; wire unknown for one file = unknown', () => {
  const f = (wire) => ({ bytes: 10, gzip: 5, brotli: 4, wire, transfer: wire && wire + 100 });
  assert.deepEqual(total([f(3), f(3)]), { files: 2, bytes: 20, gzip: 10, brotli: 8, wire: 6, transfer: 206 });
  assert.equal(total([f(3), f(null)]).wire, null);
  assert.deepEqual(total([]), { files: 0, bytes: 0, gzip: 0, brotli: 0, wire: null, transfer: null });
});

test('demo server: brotli when accepted, else gzip, honouring q=0 and *', () => {
  assert.equal(pickEncoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(pickEncoding('gzip'), 'gzip');
  assert.equal(pickEncoding('br;q=0, gzip;q=0.5'), 'gzip');
  assert.equal(pickEncoding('*'), 'br');
  assert.equal(pickEncoding('br;q=0, *;q=0'), null);
  assert.equal(pickEncoding('identity'), null);
  assert.equal(pickEncoding(''), null);
  assert.equal(pickEncoding(undefined), null);
});
