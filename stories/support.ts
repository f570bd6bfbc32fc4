/**
 * What every story shares: one mock backend for the whole Storybook (module-level), reset before each
 * story and configured by the story's `parameters.mock`; helpers for `play` functions.
 */
import { createMockBackend, type Fault, type MockBackend } from '../mock-server/index.js';
import { createPortalClient, type OperationName, type PortalClient, type TiersSort } from '../sdk/index.js';
import { DEMO_PASSWORD } from '../mock-server/index.js';
import { login, selectTiers } from '../sdk/auth/index.js';
import { searchTiers } from '../sdk/tiers/operations.js';
import { expect, userEvent, waitFor } from 'storybook/test';

/**
 * The backend's clock runs `clock.offset` ms ahead of the real one: a story moves it forward to make a
 * link expire on the server side (the SDK and widgets keep the real time). Reset before each story.
 */
export const clock = { offset: 0 };

/** The backend behind `/api/` in every story (the MSW worker is started once, see .storybook/preview.ts). */
export const backend: MockBackend = createMockBackend({ now: () => new Date(Date.now() + clock.offset) });

export interface MockParameters {
  /** Faults to inject before the story renders (latency, network, server, malformed…). */
  faults?: Array<{ operation: OperationName | '*'; fault: Fault; times?: number }>;
  /** Anything else to prepare in the backend (runs after reset and faults). */
  setup?: (backend: MockBackend) => void | Promise<void>;
}

/**
 * What a story's loaders computed since the last reset. When the « Langue » toolbar changes, Storybook
 * renders the story again, loaders included, but the preview keeps its backend and its widgets (see
 * .storybook/preview.ts): a loader must then give the same value (the same link token), not a new one.
 */
const kept = new Map<string, unknown>();

/** `compute()`'s value, computed once per story run (until the backend is reset). */
export function keptForTheRun<T>(key: string, compute: () => T): T {
  if (!kept.has(key)) kept.set(key, compute());
  return kept.get(key) as T;
}

/** Resets the backend to its seed and applies a story's `parameters.mock`. */
export async function prepareBackend(parameters: MockParameters | undefined): Promise<void> {
  clock.offset = 0;
  kept.clear();
  backend.reset();
  for (const { operation, fault, times } of parameters?.faults ?? []) {
    backend.faults.set(operation, fault, times === undefined ? undefined : { times });
  }
  await parameters?.setup?.(backend);
}

/** Waits for an element matching `selector` inside `root` (light DOM: the widgets render there). */
export async function find<E extends Element = HTMLElement>(root: ParentNode, selector: string, timeout = 5000): Promise<E> {
  let found: E | null = null;
  await waitFor(
    () => {
      found = root.querySelector<E>(selector) as E | null;
      if (!found) throw new Error(`No ${selector} yet`);
    },
    { timeout },
  );
  return found as unknown as E;
}

/**
 * The docs page (its window) when this story is one of its examples, else undefined: each example of a
 * docs page is an iframe of its own, and the examples of a page play at the same time (see .storybook/preview.ts).
 */
export function docsPage(): Window | undefined {
  try {
    const host = window.frameElement?.ownerDocument?.defaultView ?? undefined;
    return host && new URLSearchParams(host.location.search).get('viewMode') === 'docs' ? host : undefined;
  } catch {
    return undefined;
  }
}

export function inDocsExample(): boolean {
  return docsPage() !== undefined;
}

/**
 * The « Langue » of the toolbar. A docs example follows its docs page's: the toolbar sets the globals
 * of the docs page, not those of the examples inside it (read from Storybook's preview store, defensively).
 */
export function storyLocale(globals: Record<string, unknown>): string {
  const host = docsPage() as (Window & { __STORYBOOK_PREVIEW__?: PreviewStoreAccess }) | undefined;
  const fromDocs = host?.__STORYBOOK_PREVIEW__?.storyStoreValue?.userGlobals?.get?.()?.['locale'];
  const locale = typeof fromDocs === 'string' ? fromDocs : globals['locale'];
  return typeof locale === 'string' ? locale : 'fr';
}

interface PreviewStoreAccess {
  storyStoreValue?: { userGlobals?: { get?: () => Record<string, unknown> | undefined } };
}

/**
 * Clears then types into a native input (found by selector), as a person would. In a docs example the
 * value is entered without the keyboard: typing needs the focus, which the examples of a page (played
 * at the same time) would take from one another, and which an example must not take from the page.
 */
export async function fill(root: ParentNode, selector: string, value: string): Promise<void> {
  const input = await find<HTMLInputElement>(root, selector);
  if (inDocsExample()) {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return;
  }
  await userEvent.clear(input);
  if (value) await userEvent.type(input, value);
}

/** Clicks the submit button of the first form in `root`. */
export async function submit(root: ParentNode): Promise<void> {
  const button = await find<HTMLButtonElement>(root, 'form button[type="submit"]');
  await waitFor(() => expect(button.disabled).toBe(false), { timeout: 5000 });
  await userEvent.click(button);
}

/** Waits until `root`'s text matches `pattern` (messages, summaries, confirmations). */
export async function waitForText(root: Element, pattern: RegExp, timeout = 5000): Promise<void> {
  await waitFor(() => expect(root.textContent ?? '').toMatch(pattern), { timeout });
}

/**
 * A fresh single-use link token for `email`, issued by the backend as the real flow would: asks for it
 * through the SDK (`forgotPassword` / `resendActivation`, answered by the worker) and reads the link
 * out of the outbox. Call from a story's loader or `mock.setup` (the worker is running by then); one
 * token per story run (see `keptForTheRun`).
 */
export function issueLinkToken(kind: 'reset-password' | 'activate' | 'certify', email: string): Promise<string> {
  return keptForTheRun(`${kind} link for ${email}`, () => requestLinkToken(kind, email));
}

async function requestLinkToken(kind: 'reset-password' | 'activate' | 'certify', email: string): Promise<string> {
  const client = createPortalClient({ baseUrl: '/api/' });
  if (kind === 'reset-password') await client.forgotPassword({ email });
  else if (kind === 'activate') await client.resendActivation({ email });
  else await client.renewCertification({ email });
  return outboxToken(email);
}

/** The token of the newest email to `email` in the outbox (e.g. the seeded activation email). */
export function outboxToken(email: string): string {
  const message = backend.outbox.last({ kind: 'email', to: email });
  const link = message?.link ? new URL(message.link, location.href) : undefined;
  const value = link ? new URLSearchParams(link.hash.slice(1)).get('token') : null;
  if (!value) throw new Error(`No link in the outbox for ${email}`);
  return value;
}

/**
 * Which tiers a story signs in on, for a login with several: an id, or the first of the login's list in
 * an order (an accounting firm's 3,000). None: the choice is left pending.
 */
export type StoryTiers = string | { sort: TiersSort; direction: 'asc' | 'desc' };

/**
 * A loader (`loaded.client`): a client signed in as `email` through the SDK against the mock, on `tiers`,
 * once per story run (a change of the « Langue » toolbar keeps the session). `patient`: a story that holds
 * a request for minutes (a « loading » state) makes its client wait as long.
 */
export function signedInLoader(email: string, tiers?: StoryTiers, o: { patient?: boolean } = {}) {
  return async (): Promise<{ client: PortalClient }> => ({
    client: await keptForTheRun(`signed-in ${email} ${JSON.stringify(tiers ?? null)} ${String(o.patient)}`, async () => {
      const client = createPortalClient({ baseUrl: '/api/', ...(o.patient ? { timeout: 601_000, totalTimeout: 601_000 } : {}) });
      const result = await login(client, { email, password: DEMO_PASSWORD });
      if (result.status === 'choose-tiers' && tiers) {
        const tiersId = typeof tiers === 'string'
          ? tiers
          : (await searchTiers(client, { ...tiers, page: 1, pageSize: 1 })).items[0]!.id;
        await selectTiers(client, { tiersId });
      }
      return client;
    }),
  });
}
