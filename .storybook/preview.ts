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
 *  - a change of the « Langue » toolbar keeps the story's state: Storybook renders the story again
 *    (loaders included, not its play function); the loader then keeps the backend, and the decorator
 *    the portal, whose `locale` switches the widgets' language in place.
 *  - each example of a docs page is an iframe that plays its story (see below); the page's table lists
 *    the widget's data parts (`withDataParts`).
 */
import { setCustomElementsManifest, type Decorator, type Loader, type Preview } from '@storybook/web-components-vite';
import manifest from 'cibtp:custom-elements.json';
import { html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { createPreviewAnnotations } from 'msw-storybook-addon/preview';
import { addons } from 'storybook/preview-api';
import { startMockWorker, type RunningMockWorker } from '../mock-server/browser.js';
import '../mock-server/outbox-view.js';
import '../components/index.js';
import { createPortalClient, type PortalClient } from '../sdk/index.js';
import { backend, docsPage, prepareBackend, storyLocale, type MockParameters } from '../stories/support.js';

setCustomElementsManifest(manifest);

interface DataPart {
  name: string;
  description?: string;
}
type Declaration = { tagName?: string; dataParts?: DataPart[] };
/** Each widget's `@datapart`s: custom-elements.json's `dataParts` (see custom-elements-manifest.config.mjs). */
const dataParts = new Map(
  ((manifest as { modules?: Array<{ declarations?: Declaration[] }> }).modules ?? [])
    .flatMap((module) => module.declarations ?? [])
    .flatMap((d) => (d.tagName && d.dataParts?.length ? [[d.tagName, d.dataParts] as const] : [])),
);

/**
 * The docs page's table (and the Controls panel) lists the widget's data parts in a section of their
 * own, « data parts (light DOM) », after the CSS shadow parts: they are light-DOM elements with a
 * `data-part` attribute, styled with `cibtp-x [data-part="name"]` (shown as their type), not with `::part()`.
 */
const withDataParts: NonNullable<Preview['argTypesEnhancers']>[number] = (context) => {
  const tag = typeof context.component === 'string' ? context.component : undefined;
  const parts = tag ? dataParts.get(tag) : undefined;
  if (!tag || !parts) return context.argTypes;
  const rows = parts.map((part) => [
    `data-part:${part.name}`,
    {
      name: part.name,
      description: part.description ?? '',
      control: false,
      table: { category: 'data parts (light DOM)', type: { summary: `${tag} [data-part="${part.name}"]` } },
    },
  ]);
  return { ...context.argTypes, ...Object.fromEntries(rows) };
};

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
  const reloaded = `cibtp-storybook: reloaded for the worker: ${location.href}`;
  if (!container.controller) {
    const claimed = await Promise.race([
      new Promise<boolean>((resolve) => container.addEventListener('controllerchange', () => resolve(true), { once: true })),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(!!container.controller), 3000)),
    ]);
    // Once only: a page that the worker does not control after a reload either goes on (and says so).
    if (!claimed && !container.controller && !remembered(reloaded)) {
      remember(reloaded, true);
      location.reload();
      await new Promise(() => {});
    }
    if (!container.controller) console.error('The mock worker does not control this page: its requests reach the network.');
  }
  remember(reloaded, false);
}

/** A flag of this tab (sessionStorage, which a sandboxed frame may refuse: then no flag). */
function remembered(key: string): boolean {
  try {
    return sessionStorage.getItem(key) !== null;
  } catch {
    return true;
  }
}
function remember(key: string, on: boolean): void {
  try {
    if (on) sessionStorage.setItem(key, '1');
    else sessionStorage.removeItem(key);
  } catch {
    // no storage: no reload either (see `remembered`)
  }
}

/**
 * Each example of a docs page is a page of its own (`docs.story.inline: false`, below): an iframe with
 * its own backend, which plays its story, so that it shows the state it is named after. The examples
 * of a page play at the same time, as the page opens. In such an example:
 *  - the widgets do not take the focus unless the user is in that example: they move it as they would
 *    for a user, which would take it away from the docs page (to the last example that played) and
 *    scroll the page there. `focus()` then does nothing, and a modal dialog (`showModal()`, which
 *    focuses inside it) gives the focus back to the docs page. When the user works in an example, the
 *    focus moves, without scrolling the docs page. (The play functions enter values without the focus,
 *    see `fill` in stories/support.ts.)
 *  - once its story has played, the iframe takes the height of its content (until then the docs block
 *    gives it `docs.story.height`), and follows it when it changes;
 *  - the widgets show the docs page's « Langue » (see `storyLocale`). When it changes, the docs page
 *    renders again, with new iframes: each example plays its story again, in that language.
 */
const docsHost = docsPage();
if (docsHost) {
  const focus = HTMLElement.prototype.focus;
  HTMLElement.prototype.focus = function (this: HTMLElement, options?: FocusOptions) {
    if (document.hasFocus()) focus.call(this, { ...options, preventScroll: true });
  };
  const showModal = HTMLDialogElement.prototype.showModal;
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    const hadFocus = document.hasFocus();
    showModal.call(this);
    if (!hadFocus) (window.frameElement as HTMLElement | null)?.blur();
  };
}

/** The docs example's part that needs this preview's channel (set up by the first loader). */
let exampleReady = false;
function setUpDocsExample(): void {
  if (exampleReady) return;
  exampleReady = true;
  addons.getChannel().once('storyRendered', () => {
    const box = window.frameElement?.parentElement; // the docs block's box, which has the height
    if (!box) return;
    const fit = () => {
      box.style.height = `${Math.ceil(document.body.getBoundingClientRect().height)}px`;
    };
    new ResizeObserver(fit).observe(document.body);
  });
}

let run = 0;
/** The story and « Langue » of the last render. */
let rendered: { id: string; locale: string } | undefined;
const mockLoader: Loader = async (context) => {
  await ensureWorker();
  await untilControlled();
  if (docsHost) setUpDocsExample();
  const locale = storyLocale(context.globals);
  const localeSwitch = rendered?.id === context.id && rendered.locale !== locale;
  rendered = { id: context.id, locale };
  // A change of the « Langue » toolbar renders the story again (without its play function): keep its
  // backend and its portal, whose `locale` then switches the widgets' language in place, in their state.
  if (localeSwitch) return {};
  await prepareBackend(context.parameters['mock'] as MockParameters | undefined);
  run += 1;
  return {};
};

/**
 * Following a link of the outbox panel inside Storybook: a click on `…#action=reset-password&token=…`
 * (or `activate`) shows the matching widget in place of the story, in the same page, so the in-memory
 * backend that issued the token is still there (a navigation would start a fresh one).
 */
/** The widget each action of an emailed link opens (docs/ARCHITECTURE.md, "Links sent by email"). */
const LINK_WIDGETS: Record<string, string> = {
  'reset-password': 'cibtp-reset-password',
  activate: 'cibtp-activate-account',
  'complete-account': 'cibtp-complete-account',
  'confirm-delegation': 'cibtp-confirm-delegation',
};

function followOutboxLink(event: Event): void {
  const anchor = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
  if (!anchor || event.defaultPrevented) return;
  const params = new URLSearchParams(new URL(anchor.href).hash.slice(1));
  const action = params.get('action');
  const token = params.get('token');
  const tag = (action && LINK_WIDGETS[action]) || null;
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
let patient: { run: number; client: PortalClient | undefined } | undefined;
function patientClient(parameters: MockParameters | undefined): PortalClient | undefined {
  if (patient?.run === run) return patient.client; // the same run, rendered again: the same portal
  const latency = Math.max(0, ...(parameters?.faults ?? []).map(({ fault }) => (fault.kind === 'latency' ? fault.ms : 0)));
  const client = latency < 10_000 ? undefined : createPortalClient({ baseUrl: '/api/', timeout: latency + 1000, totalTimeout: latency + 1000 });
  patient = { run, client };
  return client;
}

const withPortal: Decorator = (story, context) => {
  const locale = storyLocale(context.globals);
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
  argTypesEnhancers: [withDataParts],
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
