import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders its host once a second while a deadline it was asked about lies in the future
 * (countdowns: rate limit, code resend). Stops by itself, and when the host leaves the page.
 */
export class ClockController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
  }

  hostDisconnected(): void {
    this.connected = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Whole seconds left before `deadline` (0 when past); keeps ticking while it is positive. */
  secondsUntil(deadline: Date | string | undefined | null): number {
    if (!deadline) return 0;
    const ms = new Date(deadline).getTime() - Date.now();
    if (!(ms > 0)) return 0;
    this.schedule(Math.min(1000, ms % 1000 || 1000));
    return Math.ceil(ms / 1000);
  }

  private schedule(delay: number): void {
    if (this.timer !== undefined || !this.connected) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.host.requestUpdate();
    }, delay + 20);
  }
}
