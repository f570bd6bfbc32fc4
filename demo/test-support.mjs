// Helpers of the demo's Chromium tests: a page that records every CSP / Trusted Types violation,
// page error and failed script, and the steps that fail with what the page reported.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, CHROME_ENV, findChrome } from '../scripts/chrome.mjs';
import { startDemoServer } from './server.mjs';

const TIMEOUT = 15_000;

export function launchBrowser() {
  return puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS, env: CHROME_ENV });
}

/**
 * The demo server on a free port and one Chromium for the test file (started in `before`, stopped in
 * `after`): read `demo.server` and `demo.browser` inside the tests.
 */
export function useDemo() {
  const demo = { server: undefined, browser: undefined };
  before(async () => {
    const bundle = fileURLToPath(new URL('../dist/cibtp-widgets.bundle.js', import.meta.url));
    assert.ok(existsSync(bundle), 'dist/ is not built: run `npm run build` first');
    demo.server = await startDemoServer({ port: 0 });
    demo.browser = await launchBrowser();
  });
  after(async () => {
    await demo.browser?.close();
    await demo.server?.close();
  });
  return demo;
}

/** Opens a fresh page that records every CSP/TT violation, page error and suspicious console line. */
export async function openPage(browser, url) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  await page.evaluateOnNewDocument(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(
        `${e.effectiveDirective || e.violatedDirective} blocked ${e.blockedURI || '(inline)'} ` +
          `at ${e.sourceFile}:${e.lineNumber} ${e.sample ?? ''}`,
      );
    });
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Trusted ?Type|TrustedScript|TrustedHTML|Refused to/i.test(text)) {
      problems.push(`console ${message.type()}: ${text}`);
    } else if (message.type() === 'error' && !/status of 4\d\d/.test(text)) {
      // 4xx answers of the simulated API are expected in some flows; anything else is not.
      problems.push(`console error: ${text}`);
    }
  });
  page.on('requestfailed', (request) => {
    const url = request.url();
    if (/\.(js|css)(\?|$)/.test(url)) problems.push(`failed to load ${url}: ${request.failure()?.errorText}`);
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  return { context, page, problems, response };
}

export async function assertClean(page, problems) {
  const violations = await page.evaluate(() => window.__cspViolations ?? []);
  assert.deepEqual([...violations, ...problems], [], 'CSP / Trusted Types violations or page errors');
}

/** Runs `steps`; when one fails (e.g. a selector never appears), says what the page reported. */
export async function run(page, problems, steps) {
  try {
    await steps();
  } catch (error) {
    const violations = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
    const seen = [...violations, ...problems];
    if (seen.length) error.message += `\nThe page reported:\n  ${seen.join('\n  ')}`;
    throw error;
  }
  await assertClean(page, problems);
}

/** Types into a light-DOM input of a widget (fields are native inputs, see docs/SECURITY.md). */
export async function fill(page, selector, value) {
  const input = await page.waitForSelector(selector, { visible: true });
  await input.click({ count: 3 });
  await input.type(value);
}


/**
 * Signed in: the company page shows its home page (`<cibtp-espace>`), the worker page its signed-in block.
 * Resolves with the signed-in email (the portal's session).
 */
export async function waitForSignedIn(page) {
  await page.waitForFunction(() =>
    document.querySelector('cibtp-espace [data-part="home"]') || document.getElementById('espace-signed-in')?.hidden === false);
  return page.evaluate(() => document.querySelector('cibtp-portal')?.session?.user.email ?? '');
}

/** The password of every demo account. */
export const DEMO_PASSWORD = 'Chantier2026!';

/** Opens `path` on the demo server, runs `steps` on it under the violation checks above, closes it. */
export async function onPage(demo, path, steps) {
  const { context, page, problems } = await openPage(demo.browser, new URL(path, demo.server.url).href);
  try {
    await run(page, problems, async () => {
      await page.waitForSelector('html[data-ready="true"]');
      await steps(page);
    });
  } finally {
    await context.close();
  }
}

/** Signs in through the page's login form. */
export async function signIn(page, email, password = DEMO_PASSWORD) {
  await fill(page, 'cibtp-login input[name="email"]', email);
  await fill(page, 'cibtp-login input[name="password"]', password);
  await page.click('cibtp-login button[type="submit"]');
}

/** Clicks `selector` once it is there and visible (answers arrive asynchronously). */
export const click = async (page, selector) => (await page.waitForSelector(selector, { visible: true })).click();
