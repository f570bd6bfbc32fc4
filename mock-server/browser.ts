/** The mock backend in a browser (demo, Storybook, browser tests): MSW's service worker. */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createMockBackend, type MockBackend } from './index.js';

export interface StartMockWorkerOptions {
  backend?: MockBackend;
  /** Where `mockServiceWorker.js` (from `npx msw init`) is served; default `/mockServiceWorker.js`. */
  workerUrl?: string;
  /** No console line per intercepted request. */
  quiet?: boolean;
}

export type RunningMockWorker = MockBackend & { stop(): void; readonly worker: SetupWorker };

export async function startMockWorker(options: StartMockWorkerOptions = {}): Promise<RunningMockWorker> {
  const backend = options.backend ?? createMockBackend();
  const worker = setupWorker(...backend.handlers);
  await worker.start({
    // The page's own assets and other APIs go to the network untouched.
    onUnhandledFrame: 'bypass',
    serviceWorker: { url: options.workerUrl ?? '/mockServiceWorker.js' },
    quiet: options.quiet ?? false,
  });
  return Object.assign(backend, { stop: () => void worker.stop(), worker });
}
