#!/usr/bin/env node
// Smoke-tests the built Storybook (storybook-static/): opens every story in headless Chromium and
// fails when one does not render, its `play` function throws, or the page logs an error, in each
// locale of the « Langue » toolbar (French, then English); then each widget's docs page. Stories
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
const entries = Object.values(index.entries).filter((e) => e.id.includes(filter));
const stories = entries.filter((e) => e.type === 'story');
const docs = entries.filter((e) => e.type === 'docs');

/** Every story runs in French (the source) and in English: play functions must work in both. */
const LOCALES = ['fr', 'en'];

/** Waits for the preview, then sets the toolbar's « Langue » global before anything renders. */
async function readyIn(page, locale) {
  await page.waitForFunction(() => globalThis.__STORYBOOK_ADDONS_CHANNEL__ && globalThis.__STORYBOOK_PREVIEW__);
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
}

async function openPreview(page, locale) {
  await page.goto(`${base}iframe.html`, { waitUntil: 'load' });
  await readyIn(page, locale);
}

/** Shows a story (its play function included) or a docs page; resolves with what the preview reported. */
function show(page, id, viewMode) {
  return page.evaluate(
    (entryId, mode) =>
      new Promise((done) => {
        const channel = globalThis.__STORYBOOK_ADDONS_CHANNEL__;
        const finish = (result) => {
          for (const [name, fn] of handlers) channel.off(name, fn);
          clearTimeout(timer);
          done(result);
        };
        const handlers = [
          [mode === 'docs' ? 'docsRendered' : 'storyRendered', (sid) => sid === entryId && finish({ ok: true })],
          ['playFunctionThrewException', (e) => finish({ ok: false, error: `play: ${e?.message ?? e}` })],
          ['storyThrewException', (e) => finish({ ok: false, error: `render: ${e?.message ?? e}` })],
          ['storyErrored', (e) => finish({ ok: false, error: `error: ${e?.title ?? ''} ${e?.description ?? ''}` })],
          ['storyMissing', () => finish({ ok: false, error: 'missing' })],
        ];
        const timer = setTimeout(() => finish({ ok: false, error: 'timeout (20 s)' }), 20_000);
        for (const [name, fn] of handlers) channel.on(name, fn);
        channel.emit('setCurrentStory', { storyId: entryId, viewMode: mode });
      }),
    id,
    viewMode,
  );
}

const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
const failures = [];
let runs = 0;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 320, height: 800 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d|status of 5\d\d|Failed to fetch|net::ERR_FAILED/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  const check = async (entry, viewMode, label, locale) => {
    runs += 1;
    errors.length = 0;
    const started = Date.now();
    let outcome;
    try {
      outcome = await show(page, entry.id, viewMode);
    } catch (error) {
      // MSW reloads a page that its service worker does not control yet (the worker unregisters
      // itself when the previous page of the check goes away): show the entry again once reloaded.
      if (!/Execution context was destroyed/.test(String(error))) throw error;
      console.log(`↻ ${entry.id}: the page reloaded (MSW), shown again`);
      await readyIn(page, locale);
      outcome = await show(page, entry.id, viewMode);
    }
    const ms = Date.now() - started;
    if (outcome.ok && viewMode === 'story') {
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      if (scroll > client) errors.push(`the ${client}-px page scrolls sideways (${scroll} px wide, WCAG 1.4.10)`);
    }
    const name = `${entry.id} [${label}]`;
    if (!outcome.ok || errors.length) {
      failures.push(name);
      const why = `${outcome.error ?? ''} ${errors.join(' | ')}`.split('\n')[0];
      console.log(`✖ ${name} (${ms} ms) ${why}`);
    } else {
      console.log(`✔ ${name} (${ms} ms)`);
    }
  };
  for (const locale of LOCALES) {
    await openPreview(page, locale);
    for (const story of stories) await check(story, 'story', locale, locale);
  }
  // The docs page of each widget (built from custom-elements.json), on a desktop-wide page.
  await page.setViewport({ width: 1200, height: 800 });
  await openPreview(page, 'fr');
  for (const entry of docs) await check(entry, 'docs', 'docs', 'fr');
} finally {
  await browser.close();
  server.close();
}
console.log(
  `\n${runs - failures.length}/${runs} passed: ${stories.length} stories × ${LOCALES.join(', ')}, ${docs.length} docs pages.`,
);
if (failures.length) process.exit(1);
