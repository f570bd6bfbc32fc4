import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { newIdempotencyKey } from '../../sdk/core.js';
import { PortalError, isPortalError, type PortalErrorCode } from '../../sdk/errors.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: PortalError };

/**
 * Runs one request at a time for a widget: refuses a second run while one is pending (no double
 * submission), gives each run an `AbortSignal`, aborts it when the widget leaves the page and drops
 * late answers (the promise then resolves to `undefined`, and the widget does nothing).
 */
export class RequestController implements ReactiveController {
  private controller: AbortController | undefined;
  private generation = 0;
  private _pending = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get pending(): boolean {
    return this._pending;
  }

  hostDisconnected(): void {
    this.abort();
  }

  /** Aborts the running request; its answer, if it comes, is ignored. */
  abort(): void {
    this.generation++;
    this.controller?.abort();
    this.controller = undefined;
    if (this._pending) {
      this._pending = false;
      this.host.requestUpdate();
    }
  }

  async run<T>(task: (signal: AbortSignal) => Promise<T>): Promise<Outcome<T> | undefined> {
    if (this._pending) return undefined;
    const generation = ++this.generation;
    const controller = new AbortController();
    this.controller = controller;
    this._pending = true;
    this.host.requestUpdate();
    const current = () => generation === this.generation && !controller.signal.aborted;
    try {
      const value = await task(controller.signal);
      return current() ? { ok: true, value } : undefined;
    } catch (error) {
      return current() ? { ok: false, error: toPortalError(error) } : undefined;
    } finally {
      if (generation === this.generation) {
        this._pending = false;
        this.controller = undefined;
        this.host.requestUpdate();
      }
    }
  }
}

export function toPortalError(error: unknown): PortalError {
  return isPortalError(error) ? error : new PortalError('server', { cause: error });
}

/** Failures after which the same action may be retried with the same `Idempotency-Key`. */
const SAME_KEY_ON_RETRY: ReadonlySet<PortalErrorCode> = new Set(['network', 'timeout', 'server', 'malformed-response']);

/**
 * Keeps the `Idempotency-Key` of a failed attempt, so that a manual retry of the very same values
 * has one effect on the server (docs/SECURITY.md); new values, or an answer the server gave, get a new key.
 */
export class RetryKeys {
  private last: { fingerprint: string; key: string } | undefined;

  key(values: readonly unknown[]): string {
    const fingerprint = JSON.stringify(values);
    if (this.last?.fingerprint !== fingerprint) this.last = { fingerprint, key: newIdempotencyKey() };
    return this.last.key;
  }

  /** Call with the outcome of the attempt: only a transport failure keeps the key. */
  settle(error?: PortalError): void {
    if (!error || !SAME_KEY_ON_RETRY.has(error.code)) this.last = undefined;
  }
}
