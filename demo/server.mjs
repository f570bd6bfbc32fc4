#!/usr/bin/env node
// The demo caisse website: a tiny dependency-free static server.
//
//   /                      demo/index.html (and demo/*.html, *.css, *.js, *.svg)
//   /dist/…                the built kit (run `npm run build` first; `npm start` does)
//   /mockServiceWorker.js  MSW's worker, at the site root so that its scope covers every page
//   /serveur-http.html     the one page whose backend is the mock over real HTTP (mock-server/http.ts),
//                          a separate server beside this one: its policy lets it connect there too
//
// Every answer carries the strict Content-Security-Policy below (with Trusted Types), nosniff and
// no-referrer: the demo proves the widgets run on a locked-down caisse page. Text files (HTML, CSS,
// JS, JSON, source maps, SVG) are compressed as a production server sends them: brotli when the
// request's Accept-Encoding allows it, else gzip, with `Vary: Accept-Encoding` (see `compressed`).
// Usable as a module: `const { url, close } = await startDemoServer({ port: 0 })`, with
// `httpMock: { port: 0 }` to start the HTTP mock beside it (`httpMock` in the result).
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const distDir = join(root, 'dist');

/**
 * The page policy. Everything comes from our own origin; nothing inline, nothing evaluated.
 * - script-src 'self': the drop-in bundle, the demo's own modules; no 'unsafe-inline' / 'unsafe-eval'
 *   (zod runs jitless, Lit needs neither).
 * - style-src 'self': demo.css; the widgets' styles are adopted constructable style sheets.
 * - img-src 'self': the logo. (`data:` was in the first draft; no widget or page uses a data: image,
 *   so it is left out.)
 * - connect-src 'self': the API is /api/ on the same origin (answered by the MSW worker here).
 * - worker-src 'self': the MSW service worker (/mockServiceWorker.js).
 * - require-trusted-types-for 'script': every HTML/script-URL sink needs a Trusted Type.
 * - trusted-types lit-html default:
 *     lit-html  the one policy Lit creates for its templates (the widgets create none);
 *     default   created by the demo's mock bootstrap only (demo/mock.ts): it passes the one worker URL
 *               to navigator.serviceWorker.register() and refuses everything else. A caisse page
 *               without the mock needs only `trusted-types lit-html`.
 *   No 'allow-duplicates': the page runs one copy of Lit. The demo's mock panel takes Lit from the
 *   drop-in bundle (see rollup.config.mjs); a second copy would create a second `lit-html` policy.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "require-trusted-types-for 'script'",
  "trusted-types lit-html default",
].join('; ');

/** Where `serveur-http.html` expects the HTTP mock unless the demo server started one elsewhere. */
export const HTTP_MOCK_URL = 'http://127.0.0.1:8080/';
const HTTP_MOCK_PAGE = '/serveur-http.html';

/**
 * The policy of `serveur-http.html`: the same, except that it may call the HTTP mock's origin (its API)
 * and needs no `default` Trusted Types policy (no service worker to register).
 */
export function httpMockPageCsp(mockUrl, csp = CSP) {
  return csp
    .replace("connect-src 'self'", `connect-src 'self' ${new URL(mockUrl).origin}`)
    .replace('trusted-types lit-html default', 'trusted-types lit-html');
}

export const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
/** Types sent compressed (what a static host compresses: text, not images already compressed). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt']);
/** What the demo folder may serve (not server.mjs, not the tests, not mock.ts). */
const DEMO_PUBLIC = new Set(['.html', '.css', '.js', '.svg', '.png', '.ico']);

function workerFile() {
  const built = join(distDir, 'mockServiceWorker.js');
  if (existsSync(built)) return built;
  return createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');
}

/** Maps a URL path to a file, or null. Refuses anything outside its folder. */
function locate(pathname) {
  if (pathname === '/mockServiceWorker.js') return workerFile();
  let base = here;
  let rel = pathname;
  if (pathname.startsWith('/dist/')) {
    base = distDir;
    rel = pathname.slice('/dist'.length);
  } else if (!DEMO_PUBLIC.has(extname(pathname)) && !pathname.endsWith('/')) {
    return null;
  }
  if (rel.endsWith('/')) rel += 'index.html';
  const file = normalize(join(base, rel));
  if (file !== base && !file.startsWith(base + sep)) return null;
  return file;
}

/**
 * The encoding to answer with: `br` when the client accepts it (preferred, as browsers send
 * `gzip, deflate, br, zstd`), else `gzip`, else none. Honours `q=0` ("not acceptable") and `*`.
 * @param {string | undefined} header the request's Accept-Encoding
 * @returns {'br' | 'gzip' | null}
 */
export function pickEncoding(header) {
  if (!header) return null;
  const q = new Map();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = weight === undefined ? 1 : Number(weight.slice(2));
    q.set(name.trim(), Number.isNaN(value) ? 0 : value);
  }
  const accepts = (name) => (q.has(name) ? q.get(name) > 0 : (q.get('*') ?? 0) > 0);
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/**
 * Compressed bodies, computed once per file version (path + size + mtime), as a host with
 * pre-compressed assets serves them: brotli at its default (maximum) quality 11, gzip at zlib's
 * default level 6. Without the cache, brotli 11 of the 170 kB bundle would cost every request.
 */
const compressedCache = new Map();
function compressed(file, info, body, encoding) {
  const key = `${encoding}\0${file}`;
  const version = `${info.size}:${info.mtimeMs}`;
  const hit = compressedCache.get(key);
  if (hit?.version === version) return hit.promise;
  const promise = encoding === 'br' ? brotliAsync(body) : gzipAsync(body);
  compressedCache.set(key, { version, promise });
  promise.catch(() => compressedCache.delete(key));
  return promise;
}

/**
 * The HTTP mock's module: the built one (`npm run build`), else its source through tsx (a checkout
 * whose dist/ predates it).
 */
async function loadHttpMock() {
  const built = join(distDir, 'mock-server-http.js');
  if (existsSync(built)) return import(pathToFileURL(built).href);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport('../mock-server/http.ts', import.meta.url);
}

async function handle(req, res, headers, pages) {
  const send = (status, body) => {
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    // /api/ is answered by the MSW worker in the page; a request reaching us means the mock is off.
    send(405, 'Method not allowed');
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    send(400, 'Bad request');
    return;
  }
  if (pathname.includes('\0')) {
    send(400, 'Bad request');
    return;
  }
  const file = locate(pathname);
  if (!file) {
    send(404, 'Not found');
    return;
  }
  const page = pages[pathname];
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    let body = await readFile(file);
    const extra = {};
    if (page) {
      // Small and rewritten per server: compressed without the cache.
      body = Buffer.from(page.transform(body.toString('utf8')));
      const encoding = pickEncoding(req.headers['accept-encoding']);
      extra.Vary = 'Accept-Encoding';
      if (encoding) {
        body = await (encoding === 'br' ? brotliAsync(body) : gzipAsync(body));
        extra['Content-Encoding'] = encoding;
      }
    } else if (COMPRESSIBLE.has(extname(file))) {
      extra.Vary = 'Accept-Encoding';
      const encoding = pickEncoding(req.headers['accept-encoding']);
      if (encoding) {
        body = await compressed(file, info, body, encoding);
        extra['Content-Encoding'] = encoding;
      }
    }
    res.writeHead(200, {
      ...headers,
      ...page?.headers,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      ...extra,
      'Content-Length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    const hint = pathname.startsWith('/dist/') ? ' (run `npm run build`)' : '';
    send(404, `Not found${hint}`);
  }
}

/**
 * Starts the demo server. `port: 0` picks a free port; `csp` replaces the policy (tests use it to
 * check that the widgets alone need nothing but `trusted-types lit-html`). With `httpMock`, the HTTP
 * mock starts beside it (`httpMock.port`, default 8080; same host, so that its cookie is same-site),
 * allowing this server's origin and sending its email links to `serveur-http.html`.
 * @param {{ port?: number, host?: string, csp?: string, httpMock?: { port?: number } }} [options]
 * @returns {Promise<{ server: import('node:http').Server, port: number, url: string, close: () => Promise<void>,
 *   httpMock?: { url: string, apiUrl: string, close: () => Promise<void> } }>}
 */
export async function startDemoServer({ port = Number(process.env.PORT ?? 8000), host = '127.0.0.1', csp = CSP, httpMock } = {}) {
  const headers = { ...SECURITY_HEADERS, 'Content-Security-Policy': csp };
  let mockUrl = HTTP_MOCK_URL;
  const pages = {
    [HTTP_MOCK_PAGE]: {
      get headers() {
        return { 'Content-Security-Policy': httpMockPageCsp(mockUrl, csp) };
      },
      // The page names the mock's default address; a mock started elsewhere replaces it.
      transform: (html) => html.replaceAll(HTTP_MOCK_URL, mockUrl),
    },
  };
  const server = createServer((req, res) => {
    handle(req, res, headers, pages).catch(() => {
      res.writeHead(500, headers);
      res.end('Internal error');
    });
  });
  await new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolvePromise);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}/`;
  const closeServer = () =>
    new Promise((resolveClose) => {
      server.closeAllConnections?.();
      server.close(() => resolveClose());
    });
  let mock;
  if (httpMock) {
    try {
      const { startHttpMock } = await loadHttpMock();
      mock = await startHttpMock({
        port: httpMock.port ?? 8080,
        host: host === '0.0.0.0' ? '127.0.0.1' : host,
        corsOrigins: [new URL(url).origin],
        linkBase: new URL(HTTP_MOCK_PAGE, url).href,
      });
    } catch (error) {
      await closeServer();
      // Said apart from the demo's own port: the main block below tells which one is taken.
      throw Object.assign(error, { httpMockPort: httpMock.port ?? 8080 });
    }
    mockUrl = mock.url;
  }
  return {
    server,
    port: actualPort,
    url,
    httpMock: mock,
    close: async () => {
      await mock?.close();
      await closeServer();
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!['cibtp-widgets.js', 'cibtp-widgets.bundle.js'].some((f) => existsSync(join(distDir, f)))) {
    console.warn('dist/ is not built: run `npm run build` (or `npm start`, which builds first).');
  }
  const host = process.env.HOST ?? '127.0.0.1';
  let url;
  let httpMock;
  try {
    ({ url, httpMock } = await startDemoServer({ host, httpMock: { port: Number(process.env.MOCK_PORT ?? 8080) } }));
  } catch (error) {
    const port = error?.httpMockPort ?? process.env.PORT ?? 8000;
    if (error?.httpMockPort !== undefined && error?.code === 'EADDRINUSE') {
      console.error(`Port ${port} on ${host} (the HTTP mock beside the demo) is already in use: choose another one, e.g. \`MOCK_PORT=8081 npm start\`.`);
    } else if (error?.code === 'EADDRINUSE') {
      console.error(`Port ${port} on ${host} is already in use (another demo server?): choose another one, e.g. \`PORT=8001 npm start\`.`);
    } else if (error?.code === 'EACCES') {
      console.error(`Port ${port} on ${host} is not allowed for this user: choose another one, e.g. \`PORT=8001 npm start\`.`);
    } else {
      console.error(`The demo server could not start on ${host}:${port}: ${error?.message ?? error}`);
    }
    process.exit(1);
  }
  console.log(`Caisse CIBTP Démo: ${url}`);
  console.log(`  Espace sécurisé entreprise: ${url}espace-entreprise.html`);
  console.log(`  Espace sécurisé salarié:    ${url}espace-salarie.html`);
  console.log(`  Intégration minimale:       ${url}integration.html`);
  console.log(`  Un seul composant:          ${url}integration-composant.html`);
  console.log(`  Serveur HTTP simulé:        ${url}serveur-http.html (API ${httpMock.apiUrl}, boîte d’envoi ${httpMock.url}__mock/outbox)`);
  console.log('Ctrl+C to stop.');
}
