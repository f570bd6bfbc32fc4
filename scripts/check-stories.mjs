#!/usr/bin/env node
// Smoke-tests the built Storybook (storybook-static/): opens every story in headless Chromium and
// fails when one does not render, its `play` function throws, or the page logs an error, in each
// locale of the « Langue » toolbar (French, then English). Stories
// render on a 320-px-wide page, the width at which WCAG 1.4.10 asks content to reflow: a story that
// makes that page scroll sideways fails too (a wide table must scroll in its own box).
// `npm run build-storybook && node scripts/check-stories.mjs [filter]`
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, sep, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from './chrome.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'storybook-static');
if (!existsSync(join(root, 'index.json'))) {
  console.error('storybook-static/ is missing: run `npm run build-storybook` first.');
  process.exit(1);
}
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
  if (!file.startsWith(root + sep)) return res.writeHead(404).end();
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

const filter = process.argv[2] ?? '';
const index = JSON.parse(await readFile(join(root, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter((e) => e.type === 'story' && e.id.includes(filter));

/** Every story runs in French (the source) and in English: play functions must work in both. */
const LOCALES = ['fr', 'en'];
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
const failures = [];
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 320, height: 800 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d|status of 5\d\d|Failed to fetch|net::ERR_FAILED/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  for (const locale of LOCALES) {
  await page.goto(`${base}iframe.html`, { waitUntil: 'load' });
  await page.waitForFunction(() => globalThis.__STORYBOOK_ADDONS_CHANNEL__ && globalThis.__STORYBOOK_PREVIEW__);
  // The toolbar's « Langue » global, set before any story renders: the decorator gives it to the portal.
  const applied = await page.evaluate(
    (value) =>
      new Promise((done) => {
        const channel = globalThis.__STORYBOOK_ADDONS_CHANNEL__;
        const timer = setTimeout(() => done(undefined), 5000);
        channel.once('globalsUpdated', ({ globals }) => {
          clearTimeout(timer);
          done(globals.locale);
        });
        channel.emit('updateGlobals', { globals: { locale: value } });
      }),
    locale,
  );
  if (applied !== locale) throw new Error(`check-stories: could not switch Storybook to the ${locale} locale`);
  for (const story of stories) {
    errors.length = 0;
    const started = Date.now();
    const outcome = await page.evaluate(
      (id) =>
        new Promise((done) => {
          const channel = globalThis.__STORYBOOK_ADDONS_CHANNEL__;
          const finish = (result) => {
            for (const [name, fn] of handlers) channel.off(name, fn);
            clearTimeout(timer);
            done(result);
          };
          const handlers = [
            ['storyRendered', (sid) => sid === id && finish({ ok: true })],
            ['playFunctionThrewException', (e) => finish({ ok: false, error: `play: ${e?.message ?? e}` })],
            ['storyThrewException', (e) => finish({ ok: false, error: `render: ${e?.message ?? e}` })],
            ['storyErrored', (e) => finish({ ok: false, error: `error: ${e?.title ?? ''} ${e?.description ?? ''}` })],
            ['storyMissing', () => finish({ ok: false, error: 'missing' })],
          ];
          const timer = setTimeout(() => finish({ ok: false, error: 'timeout (20 s)' }), 20_000);
          for (const [name, fn] of handlers) channel.on(name, fn);
          channel.emit('setCurrentStory', { storyId: id, viewMode: 'story' });
        }),
      story.id,
    );
    const ms = Date.now() - started;
    if (outcome.ok) {
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      if (scroll > client) errors.push(`the ${client}-px page scrolls sideways (${scroll} px wide, WCAG 1.4.10)`);
    }
    const name = `${story.id} [${locale}]`;
    if (!outcome.ok || errors.length) {
      failures.push(name);
      const why = `${outcome.error ?? ''} ${errors.join(' | ')}`.split('\n')[0];
      console.log(`✖ ${name} (${ms} ms) ${why}`);
    } else {
      console.log(`✔ ${name} (${ms} ms)`);
    }
  }
  }
} finally {
  await browser.close();
  server.close();
}
const runs = stories.length * LOCALES.length;
console.log(`\n${runs - failures.length}/${runs} story runs passed (${stories.length} stories × ${LOCALES.join(', ')}).`);
if (failures.length) process.exit(1);
