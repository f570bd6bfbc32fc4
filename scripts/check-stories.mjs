#!/usr/bin/env node
// Smoke-tests the built Storybook (storybook-static/) in headless Chromium. `npm run build-storybook &&
// node scripts/check-stories.mjs [filter]`
//  1. Every story, in each locale of the « Langue » toolbar (French, then English), shown one after the
//     other in one preview: fails when one does not render, its `play` function throws, or the page logs
//     an error. Stories render on a 320-px-wide page, the width at which WCAG 1.4.10 asks content to
//     reflow: a story that makes that page scroll sideways fails too (a wide table must scroll in its
//     own box). The text each story shows once played is kept for 2 and 3. A few stories are then
//     switched from French to English once played: they must show their English text, in their state.
//  2. Each widget's docs page, opened in a fresh browser (no mock worker installed yet), on a desktop-wide
//     page: every example is an iframe of its own that plays its story. Waits until each has rendered
//     and played, then fails when the page scrolled or an example took the focus as it opened, an
//     example's play function threw, an example does not show what its story shows alone (its text
//     compared with 1's), an example shows the server-error message without being named after one,
//     two examples of different stories show the same thing, an example is cut (taller than its
//     iframe), or a request reached the static server instead of the mock. Then switches the page to
//     English: each example must show its story's English text. Its table must list the widget's data
//     parts (custom-elements.json `dataParts`).
//  3. A sample of stories opened directly by URL (iframe.html?id=…&viewMode=story), each in a fresh
//     browser, before the worker is installed: fails when a request is not mocked, the play function
//     throws, or the story does not show what it shows in 1.
// Never waits for the network to be idle: a « loading » story holds a request for minutes.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, sep, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, CHROME_ENV, findChrome } from './chrome.mjs';

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
/** Stories opened directly by URL, each in a fresh browser: one in four (at least 10 when there are). */
const DIRECT = stories.filter((_, i) => i % Math.max(1, Math.min(4, Math.floor(stories.length / 10))) === 0);

/** Stories switched from French to English once played (pass 1). */
const SWITCHED = DIRECT.filter((_, i) => i % 3 === 0);

/** Every story runs in French (the source) and in English: play functions must work in both. */
const LOCALES = ['fr', 'en'];

/**
 * Runs in every document (pages and iframes) before its scripts: records the preview's channel events
 * in `window.__storyCheck` (the channel is caught as Storybook assigns it), and in a top-level page the
 * furthest it scrolled. A docs page's iframes are made to load at once (Storybook's are `lazy`): all its
 * examples then play as it opens, the hardest case for scrolling and focus.
 */
function probe() {
  const state = { events: [], maxScrollY: 0 };
  Object.defineProperty(window, '__storyCheck', { value: state });
  const TYPES = ['storyRendered', 'docsRendered', 'playFunctionThrewException', 'storyThrewException', 'storyErrored', 'storyMissing', 'unhandledErrorsWhilePlaying'];
  const hooked = new WeakSet();
  let current;
  Object.defineProperty(globalThis, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => current,
    set(channel) {
      current = channel;
      if (!channel || typeof channel.on !== 'function' || hooked.has(channel)) return;
      hooked.add(channel);
      for (const type of TYPES) {
        channel.on(type, function (first) {
          // Events of the iframes inside this page reach its channel too: keep this page's own.
          if (this?.from && this.from !== channel.sender) return;
          const detail = first?.message ?? first?.title ?? first?.description ?? first;
          state.events.push({ type, detail: typeof detail === 'string' ? detail.split('\n')[0] : JSON.stringify(detail ?? null) });
        });
      }
    },
  });
  if (window.top !== window) return;
  addEventListener('scroll', () => (state.maxScrollY = Math.max(state.maxScrollY, scrollY)), true);
  new MutationObserver(() => {
    for (const frame of document.querySelectorAll('iframe[loading="lazy"]')) frame.loading = 'eager';
  }).observe(document, { childList: true, subtree: true });
}

/**
 * The text a story shows (its widgets, shadow roots included, hidden elements excluded; not the outbox
 * panel next to it, whose messages carry fresh tokens), with numbers and tokens blanked out (codes,
 * times, countdowns). Runs in the page: `doc` is its document or an iframe's.
 */
function shownText(doc) {
  const parts = [];
  const view = doc.defaultView;
  const walk = (node) => {
    if (node.nodeType === 3) return void parts.push(node.data);
    if (node.nodeType !== 1) {
      if (node.nodeType === 11) for (const child of node.childNodes) walk(child);
      return;
    }
    if (/^(script|style|template)$/i.test(node.localName) || node.hidden) return;
    if (node.localName === 'cibtp-mock-outbox' && node.parentElement?.classList.contains('sb-stage')) return;
    if (view.getComputedStyle(node).display === 'none') return;
    if (node.localName === 'slot') {
      const assigned = node.assignedNodes({ flatten: true });
      for (const child of assigned.length ? assigned : node.childNodes) walk(child);
      return;
    }
    if (node.shadowRoot) return walk(node.shadowRoot);
    if (node.localName === 'input' && /^(radio|checkbox)$/.test(node.type)) parts.push(node.checked ? '[x]' : '[ ]');
    for (const child of node.childNodes) walk(child);
  };
  const area = doc.querySelector('#storybook-root');
  if (area) walk(area);
  return parts
    .join(' ')
    .replace(/[A-Za-z0-9_-]{24,}/g, '…')
    .replace(/\d+/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `probe` and `shownText` in every document of the page. */
async function instrument(page) {
  await page.evaluateOnNewDocument(probe);
  await page.evaluateOnNewDocument(`globalThis.shownText = ${shownText.toString()}`);
}

/** The story's text once it no longer changes (two reads 150 ms apart; at most 3 s). */
async function settledText(page) {
  let text = await page.evaluate(() => shownText(document));
  for (const end = Date.now() + 3000; Date.now() < end; ) {
    await new Promise((r) => setTimeout(r, 150));
    const next = await page.evaluate(() => shownText(document));
    if (next === text) break;
    text = next;
  }
  return text;
}

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

/** Shows a story (its play function included); resolves with what the preview reported. */
function show(page, id) {
  return page.evaluate(
    (entryId) =>
      new Promise((done) => {
        const channel = globalThis.__STORYBOOK_ADDONS_CHANNEL__;
        const finish = (result) => {
          for (const [name, fn] of handlers) channel.off(name, fn);
          clearTimeout(timer);
          done(result);
        };
        const handlers = [
          ['storyRendered', (sid) => sid === entryId && finish({ ok: true })],
          ['playFunctionThrewException', (e) => finish({ ok: false, error: `play: ${e?.message ?? e}` })],
          ['storyThrewException', (e) => finish({ ok: false, error: `render: ${e?.message ?? e}` })],
          ['storyErrored', (e) => finish({ ok: false, error: `error: ${e?.title ?? ''} ${e?.description ?? ''}` })],
          ['storyMissing', () => finish({ ok: false, error: 'missing' })],
        ];
        const timer = setTimeout(() => finish({ ok: false, error: 'timeout (20 s)' }), 20_000);
        for (const [name, fn] of handlers) channel.on(name, fn);
        channel.emit('setCurrentStory', { storyId: entryId, viewMode: 'story' });
      }),
    id,
  );
}

const IGNORED_CONSOLE = /status of 4\d\d|status of 5\d\d|Failed to fetch|net::ERR_FAILED/;
/** Collects a page's errors (all its frames) and the requests to /api/ that the mock worker did not answer. */
function watch(page) {
  const seen = { errors: [], unmocked: [] };
  page.on('pageerror', (e) => seen.errors.push(`page error: ${e.message.split('\n')[0]}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !IGNORED_CONSOLE.test(m.text())) seen.errors.push(`console: ${m.text().split('\n')[0]}`);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/api/') && !response.fromServiceWorker()) seen.unmocked.push(`${response.request().method()} ${url.pathname} → ${response.status()} (not mocked)`);
  });
  return seen;
}

const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS, env: CHROME_ENV });
const failures = [];
let runs = 0;
const started = Date.now();
/** texts[locale][storyId]: what the story shows once played, alone in story mode (pass 1). */
const texts = Object.fromEntries(LOCALES.map((l) => [l, {}]));
const report = (name, ms, problems) => {
  runs += 1;
  if (problems.length) {
    failures.push(name);
    console.log(`✖ ${name} (${ms} ms) ${problems.join(' | ')}`);
  } else {
    console.log(`✔ ${name} (${ms} ms)`);
  }
};
/** Where two texts start to differ, for a failure message. */
function difference(actual, expected) {
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i += 1;
  const from = Math.max(0, i - 30);
  return `shows « …${actual.slice(from, i + 70)}… » where its story shows « …${expected.slice(from, i + 70)}… »`;
}

try {
  // 1. Every story, in each locale, one after the other in one preview.
  {
    const page = await browser.newPage();
    await instrument(page);
    await page.setViewport({ width: 320, height: 800 });
    const seen = watch(page);
    for (const locale of LOCALES) {
      await openPreview(page, locale);
      for (const story of stories) {
        seen.errors.length = 0;
        seen.unmocked.length = 0;
        const t0 = Date.now();
        let outcome;
        try {
          outcome = await show(page, story.id);
        } catch (error) {
          // MSW reloads a page that its service worker does not control yet (the worker unregisters
          // itself when the previous page of the check goes away): show the entry again once reloaded.
          if (!/Execution context was destroyed/.test(String(error))) throw error;
          console.log(`↻ ${story.id}: the page reloaded (MSW), shown again`);
          await readyIn(page, locale);
          outcome = await show(page, story.id);
        }
        const problems = [...(outcome.ok ? [] : [outcome.error]), ...seen.errors, ...seen.unmocked];
        if (outcome.ok) {
          const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
          if (scroll > client) problems.push(`the ${client}-px page scrolls sideways (${scroll} px wide, WCAG 1.4.10)`);
          texts[locale][story.id] = await settledText(page);
        }
        report(`${story.id} [${locale}]`, Date.now() - t0, problems.map((p) => String(p).split('\n')[0]));
      }
    }
    // The « Langue » toolbar switched once a story has played: the widgets change language in place,
    // in the state the story reached (its English text), instead of starting again.
    if (LOCALES.includes('en')) {
      for (const story of SWITCHED) {
        await readyIn(page, 'fr');
        const t0 = Date.now();
        const outcome = await show(page, story.id);
        const problems = outcome.ok ? [] : [outcome.error];
        if (outcome.ok && texts.en[story.id] !== undefined) {
          await readyIn(page, 'en');
          let text = '';
          for (const end = Date.now() + 5000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
            text = await page.evaluate(() => shownText(document));
            if (text === texts.en[story.id]) break;
          }
          if (text !== texts.en[story.id]) problems.push(`switched to English: ${difference(text, texts.en[story.id])}`);
        }
        report(`${story.id} [fr → en]`, Date.now() - t0, problems.map((p) => String(p).split('\n')[0]));
      }
    }
    await page.close();
  }

  // 2. Each docs page, in a fresh browser, all its examples playing at once; then in English.
  const SERVER_ERROR = /difficulté temporaire|temporary (difficulty|problem)/i;
  for (const entry of docs) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await instrument(page);
    await page.setViewport({ width: 1200, height: 800 });
    const seen = watch(page);
    const t0 = Date.now();
    const problems = [];
    await page.goto(`${base}iframe.html?id=${entry.id}&viewMode=docs`, { waitUntil: 'load' });
    /** Each example iframe: its story, what it reported, shows and measures (read through the DOM, not CDP frames). */
    const examples = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('iframe[id^="iframe--"]')].map((frame) => {
          const doc = frame.contentDocument;
          const events = frame.contentWindow?.__storyCheck?.events ?? [];
          const done = events.some((e) => e.type !== 'docsRendered');
          const ready = done && !!doc?.querySelector('#storybook-root');
          return {
            id: new URL(frame.src, location.href).searchParams.get('id'),
            done,
            events,
            text: ready ? shownText(doc) : '',
            content: ready ? Math.ceil(doc.body.getBoundingClientRect().height) : 0,
            height: frame.clientHeight,
            innerScroll: ready ? doc.documentElement.scrollHeight - doc.documentElement.clientHeight : 0,
          };
        }),
      );
    /** Polls the examples until `test` holds (or `ms` elapsed); then lets them fit their iframes. */
    /**
     * Polls the examples until each has played and shown what its story shows alone in `locale` (or
     * `ms` elapsed). An example counts as soon as it has shown it once: some states change with time
     * (a countdown runs out while the other examples of a big page still play). Returns each example
     * as last seen, with the text it matched with, if it did.
     */
    const settle = async (locale, ms) => {
      const end = Date.now() + ms;
      const none = Date.now() + 10_000; // no example iframe at all after 10 s: inline examples?
      const matched = new Map();
      let list = await examples();
      for (;;) {
        list.forEach((e, i) => {
          const expected = texts[locale][e.id];
          if (e.done && !matched.has(i) && (expected === undefined || e.text === expected)) matched.set(i, e.text);
        });
        if ((list.length && matched.size === list.length) || Date.now() > end || (!list.length && Date.now() > none)) break;
        await new Promise((r) => setTimeout(r, 250));
        list = await examples();
      }
      await new Promise((r) => setTimeout(r, 300)); // they fit their iframes
      return (await examples()).map((e, i) => (matched.has(i) ? { ...e, text: matched.get(i) } : e));
    };
    const inspect = async (locale, shown) => {
      const tag = locale === 'fr' ? '' : ` [${locale}]`;
      if (!shown.length) problems.push(`no example iframe${tag} (docs.story.inline must be false: see .storybook/preview.ts)`);
      const [maxScrollY, active] = await page.evaluate(() => [window.__storyCheck.maxScrollY, document.activeElement?.localName]);
      if (maxScrollY > 0) problems.push(`the docs page scrolled by itself (to ${maxScrollY} px)${tag}`);
      if (active === 'iframe') problems.push(`an example took the focus from the docs page${tag}`);
      const byText = new Map();
      for (const e of shown) {
        const name = `${e.id}${tag}`;
        if (!e.done) {
          problems.push(`${name}: did not render and play within 90 s`);
          continue;
        }
        for (const ev of e.events.filter((x) => x.type !== 'storyRendered' && x.type !== 'docsRendered')) problems.push(`${name}: ${ev.type}: ${ev.detail}`);
        const alone = texts[locale][e.id];
        if (alone !== undefined && e.text !== alone) problems.push(`${name}: ${difference(e.text, alone)}`);
        if (SERVER_ERROR.test(e.text) && !/server/i.test(e.id)) problems.push(`${name}: shows the server-error message`);
        const same = byText.get(e.text);
        if (same && same !== e.id) problems.push(`${name} shows the same as ${same}`);
        byText.set(e.text, e.id);
        if (e.content > e.height + 1 || e.innerScroll > 1) problems.push(`${name}: cut (${e.content} px of content in a ${e.height}-px iframe)`);
      }
    };
    await inspect('fr', await settle('fr', 90_000));
    // Its table lists the widget's data parts (custom-elements.json `dataParts`, see .storybook/preview.ts).
    const tag = /\bcomponent:\s*['"]([\w-]+)['"]/.exec(await readFile(join(root, '..', entry.importPath), 'utf8'))?.[1];
    const unlisted = await page.evaluate((name) => {
      const declarations = (globalThis.__STORYBOOK_CUSTOM_ELEMENTS_MANIFEST__?.modules ?? []).flatMap((m) => m.declarations ?? []);
      const parts = declarations.find((d) => d.tagName === name)?.dataParts ?? [];
      const table = [...document.querySelectorAll('.docblock-argstable')].map((t) => t.textContent).join(' ');
      return parts.map((p) => `${name} [data-part="${p.name}"]`).filter((selector) => !table.includes(selector));
    }, tag);
    if (unlisted.length) problems.push(`its table does not list these data parts: ${unlisted.join(', ')}`);
    // The docs page switched to English, as the toolbar does: it renders again, with new iframes.
    if (LOCALES.includes('en')) {
      await page.evaluate(() => globalThis.__STORYBOOK_ADDONS_CHANNEL__.emit('updateGlobals', { globals: { locale: 'en' } }));
      await inspect('en', await settle('en', 90_000));
    }
    problems.push(...seen.errors, ...seen.unmocked);
    report(`${entry.id} [docs]`, Date.now() - t0, [...new Set(problems)]);
    await context.close();
  }

  // 3. Stories opened directly by URL, each in a fresh browser (the worker not installed yet).
  for (const story of DIRECT) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await instrument(page);
    await page.setViewport({ width: 320, height: 800 });
    const seen = watch(page);
    const t0 = Date.now();
    const problems = [];
    await page.goto(`${base}iframe.html?id=${story.id}&viewMode=story`, { waitUntil: 'load' });
    let events = [];
    try {
      // Survives the reload that the preview or MSW may do while the worker installs.
      await page.waitForFunction(() => window.__storyCheck?.events.some((e) => e.type !== 'docsRendered'), { timeout: 20_000, polling: 100 });
      events = await page.evaluate(() => window.__storyCheck.events);
    } catch {
      problems.push('did not render within 20 s');
    }
    for (const ev of events.filter((x) => x.type !== 'storyRendered')) problems.push(`${ev.type}: ${ev.detail}`);
    if (events.some((e) => e.type === 'storyRendered') && texts.fr[story.id] !== undefined) {
      let text = '';
      for (const end = Date.now() + 5000; Date.now() < end; await new Promise((r) => setTimeout(r, 150))) {
        text = await page.evaluate(() => shownText(document));
        if (text === texts.fr[story.id]) break;
      }
      if (text !== texts.fr[story.id]) problems.push(difference(text, texts.fr[story.id]));
    }
    problems.push(...seen.errors, ...seen.unmocked);
    report(`${story.id} [opened directly]`, Date.now() - t0, problems);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(
  `\n${runs - failures.length}/${runs} passed in ${Math.round((Date.now() - started) / 1000)} s: ${stories.length} stories × ${LOCALES.join(', ')}, ` +
    `${docs.length} docs pages (French, then English), ${DIRECT.length} stories opened directly.`,
);
if (failures.length) process.exit(1);
