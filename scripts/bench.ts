// `npm run bench`: throughput of the pure rules and schemas that run on every keystroke in the
// widgets (live validation) and on every request in the SDK and the mock; the mock's tiers queries at
// an accounting firm's scale and its delegation queries over 10,000 beneficiaries; the mock over real
// HTTP (the same queries, a sign-in round trip, a whole conformance run); and, in Chromium
// (after `npm run build`), the tiers picker's first render and search-to-result time with 3,000 tiers,
// the delegation list's first render and page change, the rights matrix's first render and a column set.
// Speed lives here, not in tests: nothing is asserted.
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { createPortalClient, type DelegationsQuery, type TiersQuery } from '../sdk/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../mock-server/index.js';
import { startMockServer } from '../mock-server/node.js';
import { startHttpMock } from '../mock-server/http.js';
import { cookieJar } from '../mock-server/test-support.js';
import { runConformance } from '../conformance/run.js';
import { CHROME_ARGS, CHROME_ENV, findChrome } from './chrome.mjs';
import { evaluatePassword, fieldErrors, isSiret, LoginRequest, ResetPasswordRequest } from '../sdk/index.js';

interface Case {
  name: string;
  run: (i: number) => unknown;
}

const passwords = ['a', 'Chantier2026!', 'motdepasse', 'Tr0ub4dor&3', 'x'.repeat(64) + 'A1!'];
const sirets = ['73282932000074', '35600000000048', '12345678901234', '44306184100047'];

const cases: Case[] = [
  { name: 'evaluatePassword', run: (i) => evaluatePassword(passwords[i % passwords.length]!) },
  { name: 'isSiret', run: (i) => isSiret(sirets[i % sirets.length]!) },
  { name: 'fieldErrors(LoginRequest)', run: (i) => fieldErrors(LoginRequest, { email: i % 2 ? 'a@b.fr' : 'nope', password: 'x' }) },
  {
    name: 'fieldErrors(ResetPasswordRequest)',
    run: (i) => fieldErrors(ResetPasswordRequest, { token: 'A'.repeat(22), password: passwords[i % passwords.length]! }),
  },
];

const iterations = Number(process.env.BENCH_ITERATIONS ?? 50_000);
const rows = cases.map(({ name, run }) => {
  for (let i = 0; i < 1_000; i++) run(i); // warm-up
  const start = performance.now();
  for (let i = 0; i < iterations; i++) run(i);
  const ms = performance.now() - start;
  return { case: name, iterations, 'µs/op': +((ms * 1000) / iterations).toFixed(2), 'ops/s': Math.round(iterations / (ms / 1000)) };
});
console.table(rows);

// ---- The tiers picker at an accounting firm's scale (3,000 members) --------------------------------


const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const ms = (value: number) => +value.toFixed(2);

/** The median of 30 calls of each query (the first 5 left out: warm-up), as one table. */
async function timeQueries<Q>(label: string, queries: ReadonlyArray<[string, Q]>, call: (query: Q) => Promise<unknown>): Promise<void> {
  const rows = [];
  for (const [name, query] of queries) {
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const start = performance.now();
      await call(query);
      times.push(performance.now() - start);
    }
    rows.push({ [label]: name, 'median ms': ms(median(times.slice(5))) });
  }
  console.table(rows);
}

const TIERS_BASE: TiersQuery = { sort: 'raisonSociale', direction: 'asc', page: 1, pageSize: 10 };
const TIERS_QUERIES: Array<[string, TiersQuery]> = [
  ['first page, by raison sociale', TIERS_BASE],
  ['page 150, by SIRET', { ...TIERS_BASE, sort: 'siret', page: 150 }],
  ['search « martin »', { ...TIERS_BASE, q: 'martin' }],
  ['search a SIRET prefix', { ...TIERS_BASE, q: '4' }],
  ['by DSN alerts, descending', { ...TIERS_BASE, sort: 'dsnAlerts', direction: 'desc' }],
];

/** The mock's `searchTiers` for the firm, through MSW in Node (the handler, its schemas and the transport). */
async function mockQueries(): Promise<void> {
  const baseUrl = 'http://bench.test/api/';
  const mock = startMockServer({ baseUrl });
  try {
    const client = createPortalClient({ baseUrl });
    await client.login({ email: DEMO_ACCOUNTS.cabinet, password: DEMO_PASSWORD });
    await timeQueries('mock searchTiers (3,000 tiers)', TIERS_QUERIES, (query) => client.searchTiers(query));
  } finally {
    mock.close();
  }
}

/**
 * In the page: types `text` into the picker's search and resolves with the time until its rows (or its
 * "no match" message) changed, checked at each frame.
 */
const SEARCH_IN_PAGE = `async function (text) {
  const input = document.querySelector('cibtp-tiers-picker input[type="search"]');
  const before = document.querySelector('cibtp-tiers-picker tbody')?.textContent;
  const start = performance.now();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise(function (resolve) {
    function check() {
      const picker = document.querySelector('cibtp-tiers-picker');
      const body = picker.querySelector('tbody')?.textContent;
      if (!picker.querySelector('[aria-busy="true"]') && body !== before) resolve();
      else requestAnimationFrame(check);
    }
    requestAnimationFrame(check);
  });
  return performance.now() - start;
}`;

/**
 * In Chromium, on the demo's company page (the drop-in loader, the mock in a service worker): the
 * picker's first render after an accounting firm's login, and the time from a search typed to its rows.
 */
async function pickerInChromium(): Promise<void> {
  if (!existsSync(fileURLToPath(new URL('../dist/cibtp-widgets.js', import.meta.url)))) {
    console.log('Chromium part skipped: run `npm run build` first.');
    return;
  }
  const { startDemoServer } = await import('../demo/server.mjs');
  const server = await startDemoServer({ port: 0 });
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS, env: CHROME_ENV });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    // Marks, in the page's own clock, when the picker is connected and when it first shows rows.
    await page.evaluateOnNewDocument(() => {
      const marks: Record<string, number> = {};
      (window as unknown as { __marks: Record<string, number> }).__marks = marks;
      new MutationObserver(() => {
        const picker = document.querySelector('cibtp-tiers-picker');
        if (picker && !marks['connected']) marks['connected'] = performance.now();
        if (picker?.querySelector('tbody tr') && !marks['rows']) marks['rows'] = performance.now();
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(new URL('/espace-entreprise.html', server.url).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="true"]');
    await page.waitForSelector('cibtp-login input[name="email"]', { visible: true });
    await page.type('cibtp-login input[name="email"]', DEMO_ACCOUNTS.cabinet);
    await page.type('cibtp-login input[name="password"]', DEMO_PASSWORD);
    await page.click('cibtp-login button[type="submit"]');
    await page.waitForSelector('cibtp-tiers-picker tbody tr', { timeout: 30_000 });
    const marks = await page.evaluate(() => (window as unknown as { __marks: Record<string, number> }).__marks);
    const firstRender = (marks['rows'] ?? NaN) - (marks['connected'] ?? NaN);

    const searches = ['martin', 'maconnerie lefevre', '400000', 'plomberie', 'zz-aucun'];
    const times: number[] = [];
    for (const q of [...searches, ...searches]) {
      // As a string: tsx names the functions it compiles (`__name`), which the page does not have.
      times.push(await page.evaluate(`(${SEARCH_IN_PAGE})(${JSON.stringify(q)})`) as number);
    }
    console.table([
      { 'tiers picker in Chromium (3,000 tiers)': 'first render (connected → rows shown)', ms: ms(firstRender) },
      { 'tiers picker in Chromium (3,000 tiers)': 'search typed → its rows shown (median of 10, incl. the typing pause)', ms: ms(median(times)) },
    ]);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The mock's `searchDelegations` for the member with 10,000 beneficiaries: filter + sort + page. */
async function mockDelegations(): Promise<void> {
  const baseUrl = 'http://bench.test/api/';
  const mock = startMockServer({ baseUrl });
  try {
    const client = createPortalClient({ baseUrl });
    await client.login({ email: DEMO_ACCOUNTS.scale, password: DEMO_PASSWORD });
    const base: DelegationsQuery = { sort: 'name', direction: 'asc', page: 1, pageSize: 5 };
    const queries: Array<[string, DelegationsQuery]> = [
      ['first page, by name (the default)', base],
      ['page 200, by date d’effet, descending', { ...base, sort: 'effectiveDate', direction: 'desc', page: 200 }],
      ['active users only, by email', { ...base, role: 'utilisateur', status: 'active', sort: 'email' }],
      ['excluding inactive, from 2024-01-01, by status', { ...base, excludeInactive: 'true', effectiveFrom: '2024-01-01', sort: 'status' }],
      ['ending by 2027-12-31, by date de fin, 50 per page', { ...base, endUntil: '2027-12-31', sort: 'endDate', pageSize: 50 }],
    ];
    await client.searchDelegations(base); // the first call builds the 10,000 rows (lazily seeded)
    await timeQueries('mock searchDelegations (10,000 beneficiaries)', queries, (query) => client.searchDelegations(query));
  } finally {
    mock.close();
  }
}

/**
 * In the page: clicks `selector` and resolves with the time until `done()` holds (checked at each frame),
 * from the click to the frame that shows it.
 */
const CLICK_UNTIL = `async function (selector, done) {
  const target = document.querySelector(selector);
  const start = performance.now();
  target.click();
  await new Promise(function (resolve) {
    function check() {
      if (done()) resolve();
      else requestAnimationFrame(check);
    }
    requestAnimationFrame(check);
  });
  return performance.now() - start;
}`;

/**
 * In Chromium, on the demo's company page: *Gérer les droits d'accès* of the member with 10,000
 * beneficiaries (its first render, a page change), then the rights matrix of *Ajouter une délégation*
 * (its first render, a whole column set).
 */
async function rightsInChromium(): Promise<void> {
  if (!existsSync(fileURLToPath(new URL('../dist/cibtp-widgets.js', import.meta.url)))) return;
  const { startDemoServer } = await import('../demo/server.mjs');
  const server = await startDemoServer({ port: 0 });
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS, env: CHROME_ENV });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.evaluateOnNewDocument(() => {
      const marks: Record<string, number> = {};
      (window as unknown as { __marks: Record<string, number> }).__marks = marks;
      new MutationObserver(() => {
        const list = document.querySelector('cibtp-delegations');
        if (list && !marks['list']) marks['list'] = performance.now();
        if (list?.querySelector('tbody tr') && !marks['rows']) marks['rows'] = performance.now();
        const matrix = document.querySelector('cibtp-rights-matrix');
        if (matrix && !marks['matrix']) marks['matrix'] = performance.now();
        if (matrix?.querySelector('tbody tr input[type="radio"]') && !marks['functions']) marks['functions'] = performance.now();
      }).observe(document, { subtree: true, childList: true });
    });
    // The page opens on *Gérer les droits d'accès* (`?espace=delegations`) once signed in.
    await page.goto(new URL('/espace-entreprise.html?espace=delegations', server.url).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="true"]');
    await page.waitForSelector('cibtp-login input[name="email"]', { visible: true });
    await page.type('cibtp-login input[name="email"]', DEMO_ACCOUNTS.scale);
    await page.type('cibtp-login input[name="password"]', DEMO_PASSWORD);
    await page.click('cibtp-login button[type="submit"]');
    await page.waitForSelector('cibtp-delegations tbody tr', { timeout: 30_000 });
    const marks = () => page.evaluate(() => (window as unknown as { __marks: Record<string, number> }).__marks);
    const listMarks = await marks();

    // *Suivant*, then *Précédent*, five times each: until the rows shown changed and the list is not busy.
    const pageTimes: number[] = [];
    const changed = `(function () {
      const list = document.querySelector('cibtp-delegations');
      const now = list.querySelector('tbody')?.textContent;
      if (list.querySelector('[aria-busy="true"]') || now === window.__before) return false;
      return true;
    })`;
    for (let i = 0; i < 10; i++) {
      await page.evaluate(() => {
        (window as unknown as { __before?: string | null }).__before = document.querySelector('cibtp-delegations tbody')?.textContent;
      });
      const selector = `cibtp-delegations [data-part="pagination"] button[id$="-${i % 2 === 0 ? 'next' : 'previous'}"]`;
      pageTimes.push(await page.evaluate(`(${CLICK_UNTIL})(${JSON.stringify(selector)}, ${changed})`) as number);
    }

    // *Ajouter une délégation*, step 1 with its defaults but an email, then the matrix.
    await page.click('cibtp-delegations [data-part="add"]');
    await page.waitForSelector('cibtp-delegation-wizard input[name="email"]', { visible: true });
    await page.type('cibtp-delegation-wizard input[name="email"]', 'bench@exemple.fr');
    await page.click('cibtp-delegation-wizard button[type="submit"]');
    await page.waitForSelector('cibtp-rights-matrix tbody tr input[type="radio"]', { timeout: 30_000 });
    const matrixMarks = await marks();
    const columnTimes: number[] = [];
    for (const mode of ['read', 'write', 'none', 'read', 'write', 'none', 'read', 'write', 'none', 'read']) {
      const selector = `cibtp-rights-matrix [data-part="column-controls"] input[type="radio"][value="${mode}"]`;
      const done = `(function () {
        return [...document.querySelectorAll('cibtp-rights-matrix tbody input[type="radio"][value="${mode}"]:not(:disabled)')].every(function (r) { return r.checked; });
      })`;
      columnTimes.push(await page.evaluate(`(${CLICK_UNTIL})(${JSON.stringify(selector)}, ${done})`) as number);
    }
    console.table([
      { 'rights in Chromium (10,000 beneficiaries)': 'list: first render (connected → rows shown)', ms: ms((listMarks['rows'] ?? NaN) - (listMarks['list'] ?? NaN)) },
      { 'rights in Chromium (10,000 beneficiaries)': 'list: page change (click → rows shown, median of 10)', ms: ms(median(pageTimes)) },
      { 'rights in Chromium (10,000 beneficiaries)': 'matrix: first render (connected → functions shown)', ms: ms((matrixMarks['functions'] ?? NaN) - (matrixMarks['matrix'] ?? NaN)) },
      { 'rights in Chromium (10,000 beneficiaries)': 'matrix: a whole column set (click → every row shows it, median of 10)', ms: ms(median(columnTimes)) },
    ]);
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * The mock over real HTTP (`cibtp-mock-server`): the same tiers queries through a socket, a cookie and
 * the one-at-a-time queue; a sign-in round trip (CSRF token, login); and a whole conformance run.
 */
async function mockOverHttp(): Promise<void> {
  const mock = await startHttpMock({ port: 0 });
  try {
    const jar = cookieJar();
    const client = createPortalClient({ baseUrl: mock.apiUrl, fetch: jar.fetch });
    await timeQueries('mock over HTTP: sign-in round trip', [['CSRF token + login + logout', null]], async () => {
      await client.login({ email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
      await client.logout();
    });
    await client.login({ email: DEMO_ACCOUNTS.cabinet, password: DEMO_PASSWORD });
    await timeQueries('mock over HTTP: searchTiers (3,000 tiers)', TIERS_QUERIES, (query) => client.searchTiers(query));
  } finally {
    await mock.close();
  }
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const fresh = await startHttpMock({ port: 0 });
    try {
      const start = performance.now();
      const report = await runConformance({ baseUrl: fresh.apiUrl });
      times.push(performance.now() - start);
      if (report.results.some((r) => r.status !== 'passed')) throw new Error('bench: a conformance rule did not pass on the mock');
    } finally {
      await fresh.close();
    }
  }
  console.table([{ 'conformance suite on the HTTP mock': 'every rule, a fresh mock each run', 'median ms': ms(median(times)) }]);
}

await mockQueries();
await mockDelegations();
await mockOverHttp();
await pickerInChromium();
await rightsInChromium();
