import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PortalError } from '../../sdk/errors.js';
import { LatestRequest } from './latest-request.js';

/** What a server-driven list asks for: the backend filters, sorts and pages (a widget never holds it all). */
export interface ListQuery<F, S extends string = string> {
  filter: F;
  sort: S;
  direction: 'asc' | 'desc';
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** One page of the answer, and how many rows the whole filtered list has. */
export interface ListPage<T> {
  items: readonly T[];
  total: number;
}

export interface ListOptions<T, F, S extends string> {
  /** The request of one page (an SDK call with the query's values), aborted when a newer one replaces it. */
  fetch: (query: ListQuery<F, S>, signal: AbortSignal) => Promise<ListPage<T>>;
  /** The first query (a default sort, 5 rows per page…), or one kept in the page's address. */
  query: ListQuery<F, S>;
  /** The pause in typing before a filter change is sent, in ms (default 250). */
  delay?: number;
  /** After each answer the list shows (to keep the query in the page's address, to announce the count). */
  onLoad?: (query: ListQuery<F, S>, page: ListPage<T>) => void;
  /**
   * Whether the list may ask for pages yet (« the client is there », « a tiers is chosen »). While it is
   * false nothing is sent: the query waits (filter, sort and page may still change it), and the host
   * calls `start()` when it may have become true (a `client` set later, a session that arrived), which
   * sends the waiting query once. Left out: always ready.
   */
  ready?: () => boolean;
}

/**
 * A list whose rows the backend filters, sorts and pages — the tiers of an accounting firm with 3,000
 * members, the beneficiaries of a delegation — so that no widget loads, nor caps, the whole list. Filter,
 * sort and page are its arguments; the latest request wins (the previous one is aborted and its answer
 * ignored); an answer is `{ items, total }`. A new filter or sort goes back to page 1; a page beyond the
 * end (the list shrank) moves to the last one. A failed request keeps the rows shown, with its error.
 * The first page is asked for as the host connects, or, with a `ready` option, once it holds
 * (`start()`).
 */
export class ListController<T, F, S extends string = string> implements ReactiveController {
  query: ListQuery<F, S>;
  items: readonly T[] = [];
  total = 0;
  /** Whether a page is waiting for its delay or on its way. */
  loading = false;
  /** Whether a page has been shown since the host connected (before: nothing to say "empty" about). */
  loaded = false;
  error: PortalError | undefined;
  /**
   * Whether the query waits for `ready` to send it (nothing asked for since the host connected, or since
   * `restart()`, because the list was not ready).
   */
  waiting = false;

  private readonly latest = new LatestRequest();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly o: ListOptions<T, F, S>,
  ) {
    this.query = o.query;
    host.addController(this);
  }

  hostConnected(): void {
    this.waiting = true;
    void this.start();
  }

  hostDisconnected(): void {
    this.latest.cancel();
    this.loading = false;
  }

  get pageCount(): number {
    return Math.max(1, Math.ceil(this.total / this.query.pageSize));
  }

  /** A new filter (merged into the current one): back to page 1, sent after a pause in typing. */
  filter(change: Partial<F>, o: { now?: boolean } = {}): Promise<void> {
    this.query = { ...this.query, filter: { ...this.query.filter, ...change }, page: 1 };
    return this.load(o.now ? 0 : (this.o.delay ?? 250));
  }

  /** Sorts by `sort`: the same column again reverses the direction; back to page 1. */
  sortBy(sort: S, direction?: 'asc' | 'desc'): Promise<void> {
    const next = direction ?? (sort === this.query.sort && this.query.direction === 'asc' ? 'desc' : 'asc');
    this.query = { ...this.query, sort, direction: next, page: 1 };
    return this.load();
  }

  goTo(page: number): Promise<void> {
    this.query = { ...this.query, page: Math.min(Math.max(1, Math.trunc(page)), this.pageCount) };
    return this.load();
  }

  setPageSize(pageSize: number): Promise<void> {
    this.query = { ...this.query, pageSize: Math.max(1, Math.trunc(pageSize)), page: 1 };
    return this.load();
  }

  /** The current query again (after a change made elsewhere, or a failure). */
  reload(): Promise<void> {
    return this.load();
  }

  /**
   * Sends the waiting query if the list is ready now; otherwise, or when nothing waits, does nothing.
   * The host calls it whenever `ready` may have become true: however often, the query is sent once.
   */
  start(): Promise<void> {
    if (!this.waiting || !this.isReady()) return Promise.resolve();
    this.waiting = false;
    return this.load();
  }

  /**
   * Starts over with `query` (by default the current one at page 1), as if the host had just connected:
   * the rows shown are dropped (they belong to another session or tiers), the request under way is
   * aborted, and the first page is asked for as soon as the list is ready.
   */
  restart(query: ListQuery<F, S> = { ...this.query, page: 1 }): Promise<void> {
    this.latest.cancel();
    this.query = query;
    this.items = [];
    this.total = 0;
    this.loading = false;
    this.loaded = false;
    this.error = undefined;
    this.waiting = true;
    this.host.requestUpdate();
    return this.start();
  }

  private isReady(): boolean {
    return this.o.ready?.() ?? true;
  }

  private async load(delay = 0): Promise<void> {
    if (!this.isReady()) {
      // Not ready (any more): the query waits for `start()`.
      this.latest.cancel();
      this.waiting = true;
      this.loading = false;
      this.host.requestUpdate();
      return;
    }
    this.waiting = false;
    this.loading = true;
    this.host.requestUpdate();
    const query = this.query;
    const outcome = await this.latest.run((signal) => this.o.fetch(query, signal), delay);
    if (!outcome) return; // replaced by a newer request, which will say how it went
    this.loading = false;
    if (!outcome.ok) {
      this.error = outcome.error;
      this.host.requestUpdate();
      return;
    }
    const { items, total } = outcome.value;
    const last = Math.max(1, Math.ceil(total / query.pageSize));
    if (total > 0 && items.length === 0 && query.page > last) {
      // The list shrank under the page shown (rows removed elsewhere): its last page instead.
      this.query = { ...query, page: last };
      await this.load();
      return;
    }
    this.items = items;
    this.total = total;
    this.error = undefined;
    this.loaded = true;
    this.host.requestUpdate();
    this.o.onLoad?.(query, outcome.value);
  }
}
