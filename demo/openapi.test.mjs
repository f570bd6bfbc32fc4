// The reference page of the portal API (`dist/openapi.html`, written by `npm run openapi` from the SDK's
// schemas) on the demo site, under its strict CSP in headless Chromium: it loads its style sheet, runs
// no script, and shows the login operation and the error codes. Needs `npm run build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CSP } from './server.mjs';
import { openPage, run, useDemo } from './test-support.mjs';

const demo = useDemo();

test('dist/openapi.html, .css and .json are built and served with the strict headers', async () => {
  for (const file of ['openapi.html', 'openapi.css', 'openapi.json']) {
    assert.ok(existsSync(fileURLToPath(new URL(`../dist/${file}`, import.meta.url))), `dist/${file} is not built: run \`npm run build\``);
    const res = await fetch(new URL(`/dist/${file}`, demo.server.url));
    assert.equal(res.status, 200, file);
    assert.equal(res.headers.get('content-security-policy'), CSP, file);
  }
  const doc = await (await fetch(new URL('/dist/openapi.json', demo.server.url))).json();
  assert.equal(doc.openapi, '3.1.0');
  assert.equal(doc.paths['/auth/login'].post.operationId, 'login');
});

test('the reference page: no violation, its style sheet applied, the login operation and the error codes shown', async () => {
  const { context, page, problems } = await openPage(demo.browser, new URL('/dist/openapi.html', demo.server.url).href);
  try {
    await run(page, problems, async () => {
      const login = await page.waitForSelector('#op-login', { visible: true });
      const heading = await login.$eval('h3', (h) => h.textContent.replace(/\s+/g, ' ').trim());
      assert.equal(heading, 'POST /auth/login login');
      const text = await login.evaluate((section) => section.textContent);
      assert.match(text, /Uniform answer/);
      assert.match(text, /invalid-credentials/);
      assert.match(text, /account-locked/);
      assert.match(text, /X-CSRF-Token/);

      const codes = await page.$$eval('#errors .codes code', (items) => items.map((c) => c.textContent));
      for (const code of ['validation', 'invalid-credentials', 'account-locked', 'csrf', 'rate-limited', 'server']) assert.ok(codes.includes(code), code);
      assert.ok(!codes.includes('network'), 'a client-only code is no server answer');

      // The style sheet came through `style-src 'self'`: the method badge has its colour.
      const badge = await login.$eval('.method', (el) => getComputedStyle(el).backgroundColor);
      assert.equal(badge, 'rgb(0, 0, 145)');
      assert.equal(await page.$$eval('script', (scripts) => scripts.length), 0);
      // The table of contents reaches every operation of the document.
      const doc = await (await fetch(new URL('/dist/openapi.json', demo.server.url))).json();
      const ids = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => `#op-${op.operationId}`));
      const links = await page.$$eval('nav a[href^="#op-"]', (anchors) => anchors.map((a) => a.getAttribute('href')));
      assert.deepEqual([...links].sort(), [...ids].sort());
    });
  } finally {
    await context.close();
  }
});
