import { expect } from '@open-wc/testing';
import { LitElement } from 'lit';
import { PortalError } from '../../sdk/errors.js';
import { LatestRequest } from './latest-request.js';
import { ListController, type ListPage, type ListQuery } from './list-controller.js';
import { until } from './testing.js';

type Filter = { q: string };
type Query = ListQuery<Filter, 'name' | 'siret'>;

/** A backend under the test's control: each request waits until the test answers it. */
function backend() {
  const requests: Array<{ query: Query; signal: AbortSignal; answer: (page: ListPage<string>) => void; fail: (e: unknown) => void }> = [];
  const fetch = (query: Query, signal: AbortSignal) =>
    new Promise<ListPage<string>>((answer, fail) => {
      requests.push({ query, signal, answer, fail });
    });
  return { requests, fetch };
}

class Host extends LitElement {}
customElements.define('list-controller-test-host', Host);

function setUp(o: { delay?: number; ready?: () => boolean } = {}) {
  const server = backend();
  const host = new Host();
  const loads: Query[] = [];
  const list = new ListController<string, Filter, 'name' | 'siret'>(host, {
    fetch: server.fetch,
    query: { filter: { q: '' }, sort: 'name', direction: 'asc', page: 1, pageSize: 5 },
    delay: o.delay ?? 0,
    onLoad: (query) => loads.push(query),
    ...(o.ready ? { ready: o.ready } : {}),
  });
  document.body.append(host);
  return { server, host, list, loads };
}

describe('ListController', () => {
  afterEach(() => document.querySelectorAll('list-controller-test-host').forEach((h) => h.remove()));

  it('asks the backend for the first page when its host connects, and shows { items, total }', async () => {
    const { server, list, loads } = setUp();
    await until(() => server.requests.length === 1, 'first request');
    expect(server.requests[0]!.query).to.deep.equal({ filter: { q: '' }, sort: 'name', direction: 'asc', page: 1, pageSize: 5 });
    expect(list.loading).to.equal(true);
    expect(list.loaded).to.equal(false);
    server.requests[0]!.answer({ items: ['a', 'b', 'c', 'd', 'e'], total: 3000 });
    await until(() => list.loaded, 'shown');
    expect(list.items).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    expect(list.total).to.equal(3000);
    expect(list.pageCount).to.equal(600);
    expect(list.loading).to.equal(false);
    expect(loads).to.have.length(1);
  });

  it('the latest request wins: the one under way is aborted and its late answer ignored', async () => {
    const { server, list } = setUp();
    await until(() => server.requests.length === 1, 'first request');
    void list.filter({ q: 'DUR' });
    await until(() => server.requests.length === 2, 'second request');
    expect(server.requests[0]!.signal.aborted).to.equal(true);
    expect(server.requests[1]!.query.filter).to.deep.equal({ q: 'DUR' });
    server.requests[1]!.answer({ items: ['DURAND BTP'], total: 1 });
    server.requests[0]!.answer({ items: ['stale'], total: 3000 });
    await until(() => list.loaded, 'shown');
    await new Promise((resolve) => setTimeout(resolve));
    expect(list.items).to.deep.equal(['DURAND BTP']);
    expect(list.total).to.equal(1);
  });

  it('waits for a pause in typing before sending a filter: one request for a word typed letter by letter', async () => {
    const { server, list } = setUp({ delay: 50 });
    await until(() => server.requests.length === 1, 'first request');
    server.requests[0]!.answer({ items: [], total: 0 });
    for (const q of ['D', 'DU', 'DUR']) void list.filter({ q });
    await until(() => server.requests.length === 2, 'the filter sent');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(server.requests).to.have.length(2);
    expect(server.requests[1]!.query.filter.q).to.equal('DUR');
  });

  it('a new filter or sort goes back to page 1; the same column again reverses the direction', async () => {
    const { server, list } = setUp();
    await until(() => server.requests.length === 1, 'first request');
    server.requests[0]!.answer({ items: ['a'], total: 50 });
    await until(() => list.loaded, 'shown');
    void list.goTo(4);
    await until(() => server.requests.length === 2, 'page 4');
    expect(server.requests[1]!.query.page).to.equal(4);
    server.requests[1]!.answer({ items: ['p4'], total: 50 });
    void list.sortBy('name');
    await until(() => server.requests.length === 3, 'sorted');
    expect(server.requests[2]!.query).to.include({ sort: 'name', direction: 'desc', page: 1 });
    void list.sortBy('siret');
    await until(() => server.requests.length === 4, 'another column');
    expect(server.requests[3]!.query).to.include({ sort: 'siret', direction: 'asc', page: 1 });
    void list.setPageSize(25);
    await until(() => server.requests.length === 5, 'page size');
    expect(server.requests[4]!.query).to.include({ pageSize: 25, page: 1 });
  });

  it('keeps the page within the list: no page 0, none beyond the last; a list that shrank shows its last page', async () => {
    const { server, list } = setUp();
    await until(() => server.requests.length === 1, 'first request');
    server.requests[0]!.answer({ items: ['a'], total: 12 });
    await until(() => list.loaded, 'shown');
    void list.goTo(9);
    await until(() => server.requests.length === 2, 'clamped');
    expect(server.requests[1]!.query.page).to.equal(3);
    void list.goTo(0);
    await until(() => server.requests.length === 3, 'clamped low');
    expect(server.requests[2]!.query.page).to.equal(1);
    void list.goTo(3);
    await until(() => server.requests.length === 4, 'page 3');
    // Meanwhile rows were removed: page 3 is past the end now.
    server.requests[3]!.answer({ items: [], total: 7 });
    await until(() => server.requests.length === 5, 'the last page asked for');
    expect(server.requests[4]!.query.page).to.equal(2);
    server.requests[4]!.answer({ items: ['f', 'g'], total: 7 });
    await until(() => list.items.length === 2, 'last page shown');
    expect(list.query.page).to.equal(2);
  });

  it('a failure keeps the rows shown and says why; a reload asks again', async () => {
    const { server, list } = setUp();
    await until(() => server.requests.length === 1, 'first request');
    server.requests[0]!.answer({ items: ['a', 'b'], total: 2 });
    await until(() => list.loaded, 'shown');
    void list.goTo(1);
    await until(() => server.requests.length === 2, 'again');
    server.requests[1]!.fail(new PortalError('network'));
    await until(() => list.error !== undefined, 'failed');
    expect(list.error?.code).to.equal('network');
    expect(list.items).to.deep.equal(['a', 'b']);
    expect(list.loading).to.equal(false);
    void list.reload();
    await until(() => server.requests.length === 3, 'reloaded');
    server.requests[2]!.answer({ items: ['a', 'b'], total: 2 });
    await until(() => list.error === undefined, 'recovered');
  });

  it('with `ready`: nothing is asked for while it is false; start() then sends the waiting query, once', async () => {
    let ready = false;
    const { server, list } = setUp({ ready: () => ready });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.requests).to.have.length(0);
    expect(list.waiting).to.equal(true);
    expect(list.loading).to.equal(false);
    // start() before it is ready does nothing; the query may still change meanwhile, nothing is sent.
    void list.start();
    void list.sortBy('siret');
    void list.filter({ q: 'DUR' }, { now: true });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.requests).to.have.length(0);
    expect(list.waiting).to.equal(true);
    ready = true;
    void list.start();
    void list.start();
    await until(() => server.requests.length === 1, 'the waiting query sent');
    expect(server.requests[0]!.query).to.deep.equal({ filter: { q: 'DUR' }, sort: 'siret', direction: 'asc', page: 1, pageSize: 5 });
    expect(list.waiting).to.equal(false);
    server.requests[0]!.answer({ items: ['DURAND BTP'], total: 1 });
    await until(() => list.loaded, 'shown');
    void list.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.requests).to.have.length(1);
  });

  it('with `ready` true from the start: the first page is asked for as the host connects', async () => {
    const { server } = setUp({ ready: () => true });
    await until(() => server.requests.length === 1, 'first request');
  });

  it('restart(): the rows shown are dropped, the request under way aborted, and page 1 waits for `ready`', async () => {
    let ready = true;
    const { server, list } = setUp({ ready: () => ready });
    await until(() => server.requests.length === 1, 'first request');
    server.requests[0]!.answer({ items: ['a'], total: 50 });
    await until(() => list.loaded, 'shown');
    void list.goTo(3);
    await until(() => server.requests.length === 2, 'page 3');
    ready = false;
    void list.restart();
    expect(server.requests[1]!.signal.aborted).to.equal(true);
    expect(list.items).to.deep.equal([]);
    expect(list.loaded).to.equal(false);
    expect(list.waiting).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.requests).to.have.length(2);
    ready = true;
    void list.start();
    await until(() => server.requests.length === 3, 'sent once ready');
    expect(server.requests[2]!.query.page).to.equal(1);
  });

  it('leaving the page aborts the request under way', async () => {
    const { server, host } = setUp();
    await until(() => server.requests.length === 1, 'first request');
    host.remove();
    expect(server.requests[0]!.signal.aborted).to.equal(true);
  });
});

describe('LatestRequest', () => {
  it('a request replaced while it waits for its delay resolves to undefined and never runs', async () => {
    const latest = new LatestRequest();
    let ran = 0;
    const first = latest.run(async () => ++ran, 1000);
    const second = latest.run(async () => ++ran);
    expect(await first).to.equal(undefined);
    expect(await second).to.deep.equal({ ok: true, value: 1 });
    expect(ran).to.equal(1);
    expect(latest.busy).to.equal(false);
  });
});
