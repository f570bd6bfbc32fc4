/**
 * What both example pages share: the kit's widgets, defined before the framework renders, and the
 * page's own client, whose requests are counted (the pages' tests prove the `client` property is used).
 *
 * The kit comes by URL from the site's copy of `dist/` (here `/dist/`, a caisse's `/vendor/cibtp/`), as
 * its other pages load it: one copy of the kit and of Lit for the whole site, and the demo's simulated
 * backend (`/dist/demo-mock.js`) shares that Lit. The widgets' own entries are imported statically, not
 * the loader: a module's static imports run before its body, so every tag is defined before React or
 * Vue renders, and both frameworks then set `client` as a property. (The loader defines a tag after it
 * appears in the page: a framework that rendered first has already set `client="[object Object]"`.)
 * Types: `@cibtp/espace-widgets/url-modules` (frameworks/tsconfig.json).
 */
import '/dist/components/portal.js';
import '/dist/components/login.js';
import { createPortalClient, type PortalClient } from '/dist/sdk.js';

declare global {
  interface Window {
    /** The paths the page's client asked for, read by the pages' tests. */
    cibtpRequests?: string[];
  }
}

/** The page's client: a longer timeout than the default, and a `fetch` that keeps each path it asks for. */
export function pageClient(): PortalClient {
  const requests: string[] = (window.cibtpRequests = []);
  return createPortalClient({
    baseUrl: '/api/',
    timeout: 20_000,
    fetch: (input, init) => {
      requests.push(new URL(input instanceof Request ? input.url : String(input), location.href).pathname);
      return fetch(input, init);
    },
  });
}

/** Resolves once the simulated backend answers `/api/` (demo only: a caisse's page has its own backend). */
export async function backendReady(): Promise<void> {
  const { mockReady } = await import('/dist/demo-mock.js');
  await mockReady;
}
