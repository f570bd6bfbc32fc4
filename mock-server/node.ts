/** The mock backend in Node (tests, scripts): MSW's request interception, no port opened. */
import type { UnhandledFrameHandle } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { createMockBackend, type MockBackend } from './index.js';

export interface StartMockServerOptions {
  /** A backend made with `createMockBackend()` (e.g. with an injected clock); one is made otherwise. */
  backend?: MockBackend;
  /** Absolute API URL to serve (default: the backend's, or `http://localhost/api/`). */
  baseUrl?: string;
  /** What to do with requests no handler matches (default `'error'`: a test calling elsewhere fails). */
  onUnhandledFrame?: UnhandledFrameHandle;
}

export type RunningMockServer = MockBackend & { close(): void; readonly server: SetupServer };

export function startMockServer(options: StartMockServerOptions = {}): RunningMockServer {
  const backend = options.backend ?? createMockBackend({ baseUrl: options.baseUrl ?? 'http://localhost/api/' });
  const baseUrl = options.baseUrl ?? (backend.baseUrl.startsWith('/') ? `http://localhost${backend.baseUrl}` : backend.baseUrl);
  const server = setupServer(...backend.handlersFor(baseUrl));
  server.listen({ onUnhandledFrame: options.onUnhandledFrame ?? 'error' });
  return Object.assign(backend, { close: () => server.close(), server });
}
