/**
 * Every story runs against the kit's mock backend through MSW's service worker:
 *  - a project loader starts the worker once (our own start function: msw-storybook-addon 3.0.3 still
 *    passes MSW 2's `onUnhandledRequest`, see docs/TOOLCHAIN.md) and, before each story, resets the backend
 *    to its seed and applies the story's `parameters.mock` (faults, setup). Project loaders run before
 *    story loaders, so a story's loader can ask the backend for a link token.
 *  - msw-storybook-addon's preview annotations (`beforeEach`) put the worker on `context.msw`, so a
 *    story may add a handler with `msw.use(…)`; it resets those handlers after the story.
 *  - a decorator wraps the story in a fresh `<cibtp-portal base-url="/api/">` with the toolbar's locale
 *    (and, for a « loading » story, a client as patient as its latency fault), followed by the outbox
 *    panel (`<cibtp-mock-outbox>`), where a designer follows links and codes.
 */
import { setCustomElementsManifest, type Decorator, type Loader, type Preview } from '@storybook/web-components-vite';
import manifest from 'cibtp:custom-elements.json';
import { html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { createPreviewAnnotations } from 'msw-storybook-addon/preview';
import { startMockWorker, type RunningMockWorker } from '../mock-server/browser.js';
import '../mock-server/outbox-view.js';
import '../components/index.js';
import { createPortalClient, type PortalClient } from '../sdk/index.js';
import { backend, prepareBackend, type MockParameters } from '../stories/support.js';

setCustomElementsManifest(manifest);

let running: Promise<RunningMockWorker> | undefined;
/** Starts the worker once for the whole Storybook; `mockServiceWorker.js` is served by staticDirs. */
function ensureWorker(): Promise<RunningMockWorker> {
  running ??= startMockWorker({ backend, workerUrl: './mockServiceWorker.js', quiet: true });
  return running;
}

/**
 * A page opened directly (a story's URL, a docs example's iframe) may not be controlled by the worker
 * yet on its first load: its requests would then reach the static server (404) instead of the mock.
 * The worker claims its clients when it activates; wait for that, and reload once if it never comes.
 */
async function untilControlled(): Promise<void> {
  const container = navigator.serviceWorker;
  if (container.controller) return;
  const claimed = await Promise.race([
    new Promise<boolean>((resolve) => container.addEventListener('controllerchange', () => resolve(true), { once: true })),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(!!container.controller), 3000)),
  ]);
  if (!claimed && !container.controller) location.reload();
}

/**
 * Each example of a docs page is its own page (`docs.story.inline: false`, below), with its own backend,
 * and plays its story so that it shows the state it is named after. The widgets move the focus as they
 * would for a user; inside a docs page that would scroll the page to the last example that did, so
 * there (only) focus does not scroll.
 */
function focusWithoutScrollInDocs(): void {
  const host = window.frameElement?.ownerDocument?.defaultView;
  if (!host || !/viewMode=docs/.test(host.location.search)) return;
  const focus = HTMLElement.prototype.focus;
  HTMLElement.prototype.focus = function (this: HTMLElement, options?: FocusOptions) {
    focus.call(this, { ...options, preventScroll: true });
  };
}
focusWithoutScrollInDocs();

let run = 0;
const mockLoader: Loader = async (context) => {
  await ensureWorker();
  await untilControlled();
  await prepareBackend(context.parameters['mock'] as MockParameters | undefined);
  run += 1;
  return {};
};

/**
 * Following a link of the outbox panel inside Storybook: a click on `…#action=reset-password&token=…`
 * (or `activate`) shows the matching widget in place of the story, in the same page, so the in-memory
 * backend that issued the token is still there (a navigation would start a fresh one).
 */
function followOutboxLink(event: Event): void {
  const anchor = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
  if (!anchor || event.defaultPrevented) return;
  const params = new URLSearchParams(new URL(anchor.href).hash.slice(1));
  const action = params.get('action');
  const token = params.get('token');
  const tag = action === 'reset-password' ? 'cibtp-reset-password' : action === 'activate' ? 'cibtp-activate-account' : null;
  const stage = event.currentTarget as HTMLElement;
  const storyArea = stage.querySelector<HTMLElement>('.sb-story');
  const followed = stage.querySelector<HTMLElement>('.sb-followed');
  if (!tag || !token || !storyArea || !followed) return;
  event.preventDefault();
  const widget = document.createElement(tag) as HTMLElement & { token?: string };
  widget.token = token;
  storyArea.hidden = true;
  followed.replaceChildren(widget);
}

/**
 * A « loading » story holds its request with a latency fault of minutes: give its portal a client that
 * waits that long, so that the state stays on screen while a designer looks at it, instead of turning
 * into the SDK's timeout error after 10 s. Other stories keep the default client (`base-url`).
 */
function patientClient(parameters: MockParameters | undefined): PortalClient | undefined {
  const latency = Math.max(0, ...(parameters?.faults ?? []).map(({ fault }) => (fault.kind === 'latency' ? fault.ms : 0)));
  if (latency < 10_000) return undefined;
  return createPortalClient({ baseUrl: '/api/', timeout: latency + 1000, totalTimeout: latency + 1000 });
}

const withPortal: Decorator = (story, context) => {
  const locale = (context.globals['locale'] as string | undefined) ?? 'fr';
  const client = patientClient(context.parameters['mock'] as MockParameters | undefined);
  const outbox = context.parameters['outbox'] !== false;
  // `keyed` by run: every story (and every re-run) gets a new portal, hence a new client without
  // the previous story's session or CSRF token.
  return html`${keyed(
    run,
    html`<div class="sb-stage" @click=${followOutboxLink}>
      <cibtp-portal base-url="/api/" .client=${client} locale=${locale} lang=${locale}>
        <div class="sb-story">${story()}</div>
        <div class="sb-followed"></div>
      </cibtp-portal>
      ${outbox ? html`<cibtp-mock-outbox .backend=${backend}></cibtp-mock-outbox>` : null}
    </div>`,
  )}`;
};

const mswAddon = createPreviewAnnotations(async () => (await ensureWorker()).worker);

const preview: Preview = {
  // A docs page per widget, built from custom-elements.json. Each of its examples is a page of its own
  // (an iframe: its own mock backend, so examples do not show one another's states) that plays its
  // story, so that each shows the state it is named after.
  tags: ['autodocs'],
  loaders: [mockLoader],
  beforeEach: mswAddon.beforeEach,
  decorators: [withPortal],
  globalTypes: {
    locale: {
      description: 'Langue des widgets',
      toolbar: {
        title: 'Langue',
        icon: 'globe',
        items: [
          { value: 'fr', title: 'Français', right: 'FR' },
          { value: 'en', title: 'English', right: 'EN' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'fr' },
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    docs: { story: { inline: false, autoplay: true, height: '44rem' } },
  },
};

export default preview;
