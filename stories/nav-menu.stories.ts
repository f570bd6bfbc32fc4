import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { expect, waitFor } from 'storybook/test';
import { DEMO_ACCOUNTS } from '../mock-server/index.js';
import { type PortalClient } from '../sdk/index.js';
import { find, signedInLoader, storyLocale, type MockParameters } from './support.js';

/**
 * The menu shows what the rights of the session's login allow on its tiers: each story signs in through
 * the SDK, against the mock, in its loader (once per story run, so that a change of the « Langue »
 * toolbar keeps the session), and renders the menu inside a `<cibtp-portal>` given that client.
 */
const meta = {
  title: 'Widgets/Nav menu',
  component: 'cibtp-nav-menu',
  parameters: {
    docs: { description: { component: 'Menu de navigation de l’espace sécurisé, limité aux droits de l’utilisateur sur le tiers courant.' } },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;


interface MenuOptions {
  locale?: string;
  current?: string;
  /** A wrapper (a narrow page; room below for an open panel in a docs example, whose frame fits its page). */
  wrap?: (menu: TemplateResult) => TemplateResult;
}

function menu(context: StoryContext, o: MenuOptions = {}): TemplateResult {
  const client = context.loaded['client'] as PortalClient | undefined;
  const content = html`<cibtp-nav-menu current=${o.current ?? ''}></cibtp-nav-menu>`;
  return html`<cibtp-portal .client=${client} locale=${o.locale ?? storyLocale(context.globals)}>${o.wrap ? o.wrap(content) : content}</cibtp-portal>`;
}

const roomBelow = (content: TemplateResult) => html`<div style="min-height: 34rem">${content}</div>`;
const mock = (parameters: MockParameters) => ({ mock: parameters });

/** Waits until the menu shows `count` entries (its rights loaded). */
async function entries(root: HTMLElement, count: number): Promise<HTMLElement> {
  const nav = await find(root, 'cibtp-nav-menu nav', 8000);
  await waitFor(() => expect(nav.querySelectorAll('[data-part="entry"]').length).toBe(count), { timeout: 8000 });
  return nav;
}

async function open(nav: HTMLElement, entry: string): Promise<void> {
  const button = await find<HTMLButtonElement>(nav, `[data-entry="${entry}"]`);
  button.click();
  await waitFor(() => expect(button.getAttribute('aria-expanded')).toBe('true'), { timeout: 5000 });
}

/** An administrator of the tiers: every entry, and « Gérer les droits d’accès ». */
export const Administrator: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => menu(context),
  play: async ({ canvasElement }) => {
    await entries(canvasElement, 6);
  },
};

/** A delegate with some rights only (Sophie Lambert at Saint-Étienne): the entries those rights allow. */
export const Delegate: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi, 'durand-btp/saint-etienne')],
  render: (_args, context) => menu(context),
  play: async ({ canvasElement }) => {
    await entries(canvasElement, 5);
  },
};

/** An accounting firm: no bad-weather claims, no bank accounts nor online payments. */
export const AccountingFirm: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.cabinet, { sort: 'raisonSociale', direction: 'asc' })],
  render: (_args, context) => menu(context, { wrap: roomBelow }),
  play: async ({ canvasElement }) => {
    const nav = await entries(canvasElement, 5);
    await open(nav, 'espace-adherent');
  },
};

/** *Mes salariés* open, on the page *Mon planning* (`current="planning"`: `aria-current="page"`). */
export const PanelOpen: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => menu(context, { current: 'planning', wrap: roomBelow }),
  play: async ({ canvasElement }) => {
    const nav = await entries(canvasElement, 6);
    await open(nav, 'salaries');
  },
};

/** While the rights load: the permanent entries, and « Chargement du menu… » (polite). */
export const Loading: Story = {
  parameters: mock({ faults: [{ operation: 'tiersRights', fault: { kind: 'latency', ms: 600_000 } }] }),
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin, undefined, { patient: true })],
  render: (_args, context) => menu(context),
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cibtp-nav-menu [data-part="state"] p', 8000);
  },
};

/** The rights cannot be loaded: the message and *Réessayer*. */
export const ServerError: Story = {
  parameters: mock({ faults: [{ operation: 'tiersRights', fault: { kind: 'server' } }] }),
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => menu(context),
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cibtp-nav-menu [data-part="retry"]', 10_000);
  },
};

/** Narrower than 40rem (here 320 px): the *Menu* button shows the entries, stacked. */
export const Narrow: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi, 'durand-btp/saint-etienne')],
  render: (_args, context) => menu(context, { wrap: (content) => html`<div style="max-width: 320px; min-height: 30rem">${content}</div>` }),
  play: async ({ canvasElement }) => {
    const nav = await entries(canvasElement, 5);
    const toggle = await find<HTMLButtonElement>(nav, '[data-part="toggle"]');
    toggle.click();
    await waitFor(() => expect(toggle.getAttribute('aria-expanded')).toBe('true'), { timeout: 5000 });
    await open(nav, 'salaries');
  },
};

/**
 * In English whatever the « Langue » toolbar says: a portal with `locale="en"` (a new one at each
 * render, so that it sets English after the story's outer one), for an accounting firm.
 */
export const English: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.cabinet, { sort: 'raisonSociale', direction: 'asc' })],
  render: (_args, context) => html`${keyed(storyLocale(context.globals), menu(context, { locale: 'en' }))}`,
  play: async ({ canvasElement }) => {
    const nav = await entries(canvasElement, 5);
    await waitFor(() => expect(nav.getAttribute('aria-label')).toBe('Secure area menu'), { timeout: 5000 });
  },
};
