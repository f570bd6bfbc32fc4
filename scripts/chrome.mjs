// Finds a Chromium for the tests: CHROME_PATH, then the usual paths. Where none exists and we are
// root with apt-get (CI, a fresh machine), installs Debian's chromium; otherwise says how to.
// Never downloads a browser build of its own (the network here only reaches npm and Debian).
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags for a headless Chromium on a closed network (without the background ones it stalls). */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * The browser's environment: the caisses' time zone. The mock's calendar (a date d'effet « today », a
 * date de fin that ends access that day) is Europe/Paris, as a caisse's backend is; a browser on UTC
 * (a CI machine) would disagree about « today » for an hour or two each night.
 */
export const CHROME_ENV = { ...process.env, TZ: 'Europe/Paris' };

function locate() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, which does not exist.`);
  }
  return CANDIDATES.find((p) => existsSync(p));
}

function canApt() {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    execFileSync('which', ['apt-get'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function findChrome() {
  let found = locate();
  if (found) return found;
  if (canApt()) {
    console.error('[chrome] No Chromium found: installing Debian chromium with apt-get…');
    // apt's output goes to stderr: stdout carries only the path (`.ci/run` captures it).
    const stdio = ['ignore', process.stderr, process.stderr];
    execFileSync('apt-get', ['update', '-qq'], { stdio });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    found = locate();
    if (found) return found;
  }
  throw new Error(
    'No Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' +
      'or set CHROME_PATH to a Chrome or Chromium executable.',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(findChrome());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
