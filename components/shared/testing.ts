/**
 * Test support for the widgets' browser tests (not part of the kit's exports): one mock backend per
 * test page, behind MSW's service worker, with a clock the tests can move forward.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createMockBackend } from '../../mock-server/index.js';
import { startMockWorker, type RunningMockWorker } from '../../mock-server/browser.js';
import { createPortalClient, type PortalClient, type PortalClientOptions } from '../../sdk/index.js';
import { setLocale } from './localization.js';

let running: Promise<RunningMockWorker> | undefined;
let skew = 0;

/** Starts (once per page) the mock backend; its clock is the real one plus `advanceClock()`s. */
export function mockBackend(): Promise<RunningMockWorker> {
  running ??= untilControlled().then(() =>
    startMockWorker({ quiet: true, backend: createMockBackend({ now: () => new Date(Date.now() + skew) }) }),
  );
  return running;
}

/**
 * Test pages run two at a time. When another page has just registered MSW's worker and it is not yet
 * active, this page is not controlled, and MSW answers that with `location.reload()`, which the test
 * runner reports as an interrupted run. The worker claims every page of its scope when it activates:
 * wait for that instead.
 */
async function untilControlled(): Promise<void> {
  const container = navigator.serviceWorker;
  // Until this page is controlled, or no worker is registered any more (the previous page's worker
  // unregisters itself when its last page goes away: this page then registers its own). Polled, since
  // a worker that goes away fires no event here.
  for (let i = 0; i < 100; i++) {
    if (container.controller || (await container.getRegistrations()).length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Moves the backend's clock forward (links and codes expire, locks end). */
export function advanceClock(ms: number): void {
  skew += ms;
}

/** Back to the seed and to the real time; call in `beforeEach`. */
export async function resetBackend(): Promise<RunningMockWorker> {
  const mock = await mockBackend();
  skew = 0;
  mock.worker.resetHandlers();
  mock.reset();
  return mock;
}

export interface RecordedCall {
  method: string;
  path: string;
  idempotencyKey: string | null;
  signal: AbortSignal | null;
}

/** A client whose requests are recorded (method, path, Idempotency-Key, signal). */
export function recordingClient(options: Partial<PortalClientOptions> = {}): { client: PortalClient; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const client = createPortalClient({
    baseUrl: '/api/',
    ...options,
    fetch: (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      calls.push({
        method: request.method,
        path: new URL(request.url).pathname,
        idempotencyKey: request.headers.get('Idempotency-Key'),
        signal: init?.signal ?? request.signal,
      });
      return globalThis.fetch(input, init);
    },
  });
  return { client, calls };
}

/** Text content with whitespace (non-breaking spaces included) collapsed. */
export function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Types into an input as a person does (an `input` event follows). */
export function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Fills an input as a password manager does: `.value` only, no event. */
export function autofill(input: HTMLInputElement, value: string): void {
  input.value = value;
}

export function $<E extends Element = HTMLElement>(root: ParentNode, selector: string): E {
  const found = root.querySelector<E>(selector);
  if (!found) throw new Error(`Not found: ${selector}`);
  return found;
}

/** The button whose text is `label` (whitespace-normalised). */
export function button(root: ParentNode, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => text(b) === label);
  if (!found) throw new Error(`No button "${label}" in: ${[...root.querySelectorAll('button')].map((b) => text(b)).join(' | ')}`);
  return found;
}

/** The input labelled `label` (label text without the required marker). */
export function field(root: ParentNode, label: string): HTMLInputElement {
  const labels = [...root.querySelectorAll('label')];
  const found = labels.find((l) => text(l).replace(/\s*\*$/, '') === label);
  if (!found) throw new Error(`No field "${label}" in: ${labels.map((l) => text(l)).join(' | ')}`);
  return (found as HTMLLabelElement).control as HTMLInputElement;
}

/** Waits until `predicate` holds (no fixed delays in the tests). */
export function until(predicate: () => unknown, message: string, timeout = 5000): Promise<void> {
  return waitUntil(() => Boolean(predicate()), message, { timeout, interval: 20 });
}

/** The element that has the focus (light DOM widgets: the document's). */
export function focused(): Element | null {
  return document.activeElement;
}

/** The inline error of an input: the `-error` element its `aria-describedby` names (empty without one). */
export function fieldError(input: HTMLInputElement): string {
  const id = (input.getAttribute('aria-describedby') ?? '').split(' ').find((ref) => ref.endsWith('-error'));
  return id ? text((input.getRootNode() as Document | ShadowRoot).getElementById(id)) : '';
}

/** The entries of a widget's error summary, in order. */
export function summaryEntries(root: ParentNode): string[] {
  return [...root.querySelectorAll('[data-part="error-summary"] li')].map((li) => text(li));
}

/**
 * Checks a refused field the way a user meets it: the inline error under the input, `aria-invalid`, and
 * the same words as the only entry of the error summary.
 */
export function expectFieldProblem(root: ParentNode, label: string, message: string): HTMLInputElement {
  const input = field(root, label);
  expect(fieldError(input)).to.equal(message);
  expect(input.getAttribute('aria-invalid')).to.equal('true');
  expect(summaryEntries(root)).to.deep.equal([message]);
  return input;
}

/**
 * Runs `check` with the widgets in English (once `el`'s step heading reads `headings.en`), then puts the
 * page back in French and waits for `headings.fr`, whatever `check` did.
 */
/** The text of the widget's step heading, without its step indicator (« Étape 2 sur 3 »). */
export function headingText(el: ParentNode): string {
  const heading = el.querySelector('h1, h2, h3, h4, h5, h6');
  if (!heading) return '';
  const copy = heading.cloneNode(true) as Element;
  copy.querySelector('[data-part="step"]')?.remove();
  return text(copy);
}

/** The step indicator of a wizard's step (« Étape 2 sur 3 »), or '' on a step that has none. */
export function stepText(el: ParentNode): string {
  return text(el.querySelector('[data-part="step"]'));
}

export async function inEnglish(
  el: HTMLElement & { updateComplete: Promise<boolean> },
  headings: { en: string; fr: string },
  check: () => Promise<void> | void,
): Promise<void> {
  try {
    await setLocale('en');
    await until(() => headingText(el) === headings.en, 'english');
    await el.updateComplete;
    await check();
  } finally {
    await setLocale('fr');
  }
  await until(() => headingText(el) === headings.fr, 'french again');
}
