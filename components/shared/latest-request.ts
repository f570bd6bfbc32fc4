import { toPortalError, type Outcome } from './request-controller.js';

/**
 * The latest of a series of requests — a search as the user types, the page of a list: each new one
 * aborts the one under way, whose answer is then ignored, and may wait for a pause in the typing first
 * (the `switchMap` of reactive libraries). A form's `RequestController` does the opposite: it refuses a
 * second submission while one runs.
 */
export class LatestRequest {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Ends the wait of the request in its delay (so that a replaced request resolves, too). */
  private wake: (() => void) | undefined;
  private running: AbortController | undefined;
  private generation = 0;

  /** Whether a request waits for its delay or runs. */
  get busy(): boolean {
    return this.timer !== undefined || this.running !== undefined;
  }

  /**
   * Runs `task` after `delay` ms (at once with 0), replacing whatever was waiting or running. Resolves
   * with its outcome, or `undefined` when a newer request or `cancel()` replaced it.
   */
  async run<T>(task: (signal: AbortSignal) => Promise<T>, delay = 0): Promise<Outcome<T> | undefined> {
    this.cancel();
    const generation = this.generation;
    if (delay > 0) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, delay);
      });
      if (generation !== this.generation) return undefined;
      this.timer = undefined;
      this.wake = undefined;
    }
    const controller = new AbortController();
    this.running = controller;
    const current = () => generation === this.generation;
    try {
      const value = await task(controller.signal);
      return current() ? { ok: true, value } : undefined;
    } catch (error) {
      return current() ? { ok: false, error: toPortalError(error) } : undefined;
    } finally {
      if (current()) this.running = undefined;
    }
  }

  /** Drops what waits and aborts what runs: their answers are ignored. */
  cancel(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.wake?.();
    this.wake = undefined;
    this.running?.abort();
    this.running = undefined;
  }
}
