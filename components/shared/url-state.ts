import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A widget's state kept in the page's query string (a list's filters, sort and page), so that *Back*
 * and a reload find it again: the widget reads it as it connects and on `popstate`, and writes it as
 * the user changes it (`replace` for typing, `push` for a new page or sort, one history entry each).
 *
 * Only the widget's own keys are touched (each `${prefix}-${key}`, or `key` without a prefix): the
 * page's other parameters and its fragment stay as they are, and a value equal to its default is
 * left out (the widget writes `undefined`), so that an untouched list leaves the address alone.
 */
export class UrlStateController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly o: {
      /** `null`: the option is off (nothing read, nothing written); `''`: keys without prefix. */
      prefix: () => string | null;
      /** The widget's keys (without prefix): what `write()` may set or delete. */
      keys: readonly string[];
      /** *Back* or *Forward* changed the address: read it again. */
      onPop: () => void;
    },
  ) {
    host.addController(this);
  }

  get enabled(): boolean {
    return this.o.prefix() !== null;
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.popped);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.popped);
  }

  private readonly popped = (): void => {
    if (this.enabled) this.o.onPop();
  };

  private name(key: string): string {
    const prefix = this.o.prefix();
    return prefix ? `${prefix}-${key}` : key;
  }

  /** The value of `key` in the page's address (`null` when absent, or when the option is off). */
  read(key: string): string | null {
    if (!this.enabled) return null;
    return new URLSearchParams(location.search).get(this.name(key));
  }

  /**
   * Writes the widget's keys (`undefined`: the key is removed) into the address, as a new history
   * entry (`push`) or in place (`replace`). Nothing happens when the address would not change.
   */
  write(values: Readonly<Record<string, string | undefined>>, mode: 'push' | 'replace'): void {
    if (!this.enabled) return;
    const url = new URL(location.href);
    const same = this.o.keys.every((key) => (url.searchParams.get(this.name(key)) ?? '') === (values[key] ?? ''));
    if (same) return;
    for (const key of this.o.keys) {
      const value = values[key];
      if (value === undefined || value === '') url.searchParams.delete(this.name(key));
      else url.searchParams.set(this.name(key), value);
    }
    // The page's own state object is kept for an entry replaced; a new entry carries none of its own.
    if (mode === 'push') history.pushState(null, '', url);
    else history.replaceState(history.state, '', url);
  }
}
