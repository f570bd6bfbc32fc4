import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { expect, waitFor } from 'storybook/test';
import { DEMO_ACCOUNTS } from '../mock-server/index.js';
import { type PortalClient } from '../sdk/index.js';
import type { Routes } from '../components/shared/routes.js';
import { find, signedInLoader, storyLocale, type MockParameters } from './support.js';

/**
 * The tiles show what the signed-in login uses most on its tiers: each story signs in through the SDK,
 * against the mock, in its loader (once per story run, so that a change of the « Langue » toolbar keeps
 * the session), and renders the tiles inside a `<cibtp-portal>` given that client.
 */
const meta = {
  title: 'Widgets/Tiles',
  component: 'cibtp-tiles',
  parameters: {
    docs: { description: { component: 'Tuiles « Accès rapides » : les fonctions les plus utilisées, puis Mes documents récents et Aide.' } },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;


/** The tiles inside a portal holding the story's client, in the toolbar's language (or `locale`). */
function tiles(context: StoryContext, o: { locale?: string; routes?: Routes; content?: TemplateResult } = {}): TemplateResult {
  const client = context.loaded['client'] as PortalClient | undefined;
  return html`<cibtp-portal
    base-url="/api/"
    .client=${client}
    locale=${o.locale ?? storyLocale(context.globals)}
    .routes=${o.routes ?? {}}
    @cibtp-navigate=${(event: Event) => {
      // The story keeps its page: a real page would go to the tile's destination.
      event.preventDefault();
    }}
  >
    ${o.content ?? html`<cibtp-tiles></cibtp-tiles>`}
  </cibtp-portal>`;
}

const mock = (parameters: MockParameters) => ({ mock: parameters });

/** Waits for `count` tiles (the functions plus the two permanent ones). */
async function shown(root: HTMLElement, count: number): Promise<void> {
  const el = await find(root, 'cibtp-tiles', 8000);
  await waitFor(() => expect(el.querySelectorAll('[data-part="tile"]').length).toBe(count), { timeout: 8000 });
}

/** Claire Durand, administrator of DURAND BTP: the four functions she uses most, then the two permanent tiles. */
export const Administrator: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => tiles(context),
  play: async ({ canvasElement }) => shown(canvasElement, 6),
};

/** Sophie Lambert, a delegate at the Saint-Étienne agency: only the functions her rights allow (her planning first). */
export const Delegate: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi, 'durand-btp/saint-etienne')],
  render: (_args, context) => tiles(context),
  play: async ({ canvasElement }) => shown(canvasElement, 6),
};

/** `count="2"`: the two functions used most, then *Mes documents récents* and *Aide*. */
export const TwoTiles: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => tiles(context, { content: html`<cibtp-tiles count="2"></cibtp-tiles>` }),
  play: async ({ canvasElement }) => shown(canvasElement, 4),
};

/**
 * The caisse gave URLs (`<cibtp-portal routes>`) to *Mes documents*, *Mes documents récents* and *Aide*:
 * those tiles are real links (open in a new tab…). Sophie Lambert at the Lyon head office.
 */
export const WithRoutes: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi, 'durand-btp/lyon')],
  render: (_args, context) =>
    tiles(context, { routes: { documents: '/documents', 'recent-documents': '/documents/recents', help: '/aide' } }),
  play: async ({ canvasElement }) => {
    await shown(canvasElement, 6);
    await waitFor(() => expect(canvasElement.querySelectorAll('cibtp-tiles a[data-part="tile"]').length).toBe(3), { timeout: 5000 });
  },
};

/** While the tiles are on their way: the two permanent tiles and « Chargement… ». */
export const Loading: Story = {
  parameters: mock({ faults: [{ operation: 'homeTiles', fault: { kind: 'latency', ms: 600_000 } }] }),
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin, undefined, { patient: true })],
  render: (_args, context) => tiles(context),
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cibtp-tiles [data-part="loading"]', 8000);
  },
};

/** The backend failed: the two permanent tiles, the message and *Réessayer*. */
export const ServerError: Story = {
  parameters: mock({ faults: [{ operation: 'homeTiles', fault: { kind: 'server' } }] }),
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => tiles(context),
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cibtp-tiles [data-part="error"]', 8000);
  },
};

/** Nobody signed in (no tiers): the two permanent tiles only. */
export const WithoutTiers: Story = {
  render: (_args, context) => tiles(context),
  play: async ({ canvasElement }) => shown(canvasElement, 2),
};

/**
 * In English whatever the « Langue » toolbar says: a portal with `locale="en"` (a new one at each
 * render, so that it sets English after the story's outer one), here with `count="6"`.
 */
export const English: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) =>
    html`${keyed(storyLocale(context.globals), tiles(context, { locale: 'en', content: html`<cibtp-tiles count="6"></cibtp-tiles>` }))}`,
  play: async ({ canvasElement }) => {
    await shown(canvasElement, 8);
    await waitFor(() => expect(canvasElement.textContent ?? '').toMatch(/Quick access/), { timeout: 5000 });
  },
};
