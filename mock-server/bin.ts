/**
 * `cibtp-mock-server`: the mock backend as a real HTTP server, for a backend or mobile team working
 * beside it. A development tool, never a production server (docs/BACKEND.md).
 */
import { parseArgs } from 'node:util';
import type { HttpMockOptions } from './http.js';

const USAGE = `Usage: cibtp-mock-server [options]

Serves the CIBTP portal API under /api/ (the mock's handlers, data and outbox over real HTTP),
with control endpoints under /__mock/ (outbox page, clock, faults, reset). Development only.

Options:
  --port N            port to listen on (default 8080; 0 = any free port)
  --host H            address to listen on (default 127.0.0.1)
  --cors-origin URL   an origin allowed to call the API with credentials (repeatable)
  --clock ISO         the mock's clock starts at this instant and runs on (default: now)
  --seed FILE         a JSON seed file: logins added to the seeded data on every start and reset
  --fault op=kind[:arg]
                      a fault in force from the start (repeatable): login=server, *=latency:800,
                      login=unavailable:30 (Retry-After seconds), *=network, login=malformed
  --link-base URL     where email links point (a page running the widgets)
  --help              this text

Docs: docs/BACKEND.md ("The mock over HTTP").`;

/** Exit codes: 2 for a bad command line or seed file, 1 when the server cannot start. */
function fail(message: string, code: number): never {
  console.error(`cibtp-mock-server: ${message}`);
  process.exit(code);
}

// msw is an optional peer of the package: without it, say what to install rather than a stack trace.
const { parseFaultSpec, SeedError, startHttpMock } = await import('./http.js').catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'ERR_MODULE_NOT_FOUND' && /['"]msw['"/]/.test(error.message)) fail('needs the msw package beside it: npm install --save-dev msw', 1);
  throw error;
});

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      clock: { type: 'string' },
      seed: { type: 'string' },
      fault: { type: 'string', multiple: true },
      'link-base': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`, 2);
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const options: HttpMockOptions = {};
try {
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`--port ${values.port}: expected 0 to 65535`);
    options.port = port;
  }
  if (values.host !== undefined) options.host = values.host;
  if (values['cors-origin']) options.corsOrigins = values['cors-origin'];
  if (values.clock !== undefined) {
    if (Number.isNaN(new Date(values.clock).getTime())) throw new RangeError(`--clock ${values.clock}: expected an ISO date, e.g. 2026-03-01T09:00:00Z`);
    options.clock = values.clock;
  }
  if (values.seed !== undefined) options.seed = values.seed;
  if (values.fault) options.faults = values.fault.map(parseFaultSpec);
  if (values['link-base'] !== undefined) options.linkBase = values['link-base'];
} catch (error) {
  fail((error as Error).message, 2);
}

let running;
try {
  running = await startHttpMock(options);
} catch (error) {
  const err = error as NodeJS.ErrnoException;
  if (err instanceof SeedError || err instanceof RangeError) fail(err.message, 2);
  const where = `${options.host ?? '127.0.0.1'}:${options.port ?? 8080}`;
  if (err.code === 'EADDRINUSE') fail(`${where} is already in use: choose another port with --port`, 1);
  if (err.code === 'EACCES') fail(`${where} is not allowed for this user: choose another port with --port`, 1);
  fail(`could not start on ${where}: ${err.message}`, 1);
}

console.log(`cibtp-mock-server listening on ${running.url} (API ${running.apiUrl}, outbox ${running.url}__mock/outbox)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void running.close().then(() => process.exit(0));
  });
}
