/**
 * What every story shares: one mock backend for the whole Storybook (module-level), reset before each
 * story and configured by the story's `parameters.mock`; helpers for `play` functions.
 */
import { createMockBackend, type Fault, type MockBackend } from '../mock-server/index.js';
import { createPortalClient, type OperationName } from '../sdk/index.js';
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

/** Resets the backend to its seed and applies a story's `parameters.mock`. */
export async function prepareBackend(parameters: MockParameters | undefined): Promise<void> {
  clock.offset = 0;
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

/** Clears then types into a native input (found by selector), as a person would. */
export async function fill(root: ParentNode, selector: string, value: string): Promise<void> {
  const input = await find<HTMLInputElement>(root, selector);
  await userEvent.clear(input);
  if (value) await userEvent.type(input, value);
}

/** Clicks the submit button of the first form in `root`. */
export async function submit(root: ParentNode): Promise<void> {
  const button = await find<HTMLButtonElement>(root, 'form button[type="submit"]');
  await waitFor(() => expect(button.disabled).toBe(false));
  await userEvent.click(button);
}

/** Waits until `root`'s text matches `pattern` (messages, summaries, confirmations). */
export async function waitForText(root: Element, pattern: RegExp, timeout = 5000): Promise<void> {
  await waitFor(() => expect(root.textContent ?? '').toMatch(pattern), { timeout });
}

/**
 * A fresh single-use link token for `email`, issued by the backend as the real flow would: asks for it
 * through the SDK (`forgotPassword` / `resendActivation`, answered by the worker) and reads the link
 * out of the outbox. Call from a story's `mock.setup` (the worker is running by then).
 */
export async function issueLinkToken(kind: 'reset-password' | 'activate' | 'certify', email: string): Promise<string> {
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
