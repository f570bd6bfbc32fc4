import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { expect, waitFor } from 'storybook/test';
import { DEMO_ACCOUNTS } from '../mock-server/index.js';
import { type PortalClient } from '../sdk/index.js';
import { find, signedInLoader, storyLocale, type MockParameters } from './support.js';

/**
 * The top bar shows the session of the portal around it: each story signs in through the SDK, against
 * the mock, in its loader (once per story run, so that a change of the « Langue » toolbar keeps the
 * session), and renders the bar inside a `<cibtp-portal>` given that client.
 */
const meta = {
  title: 'Widgets/Top bar',
  component: 'cibtp-top-bar',
  parameters: {
    docs: { description: { component: 'Barre supérieure : utilisateur, tiers courant, alertes DSN, changement de tiers, déconnexion.' } },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const BAR = 'cibtp-top-bar [data-part="bar"]';


/** The bar inside a portal holding the story's signed-in client, in the toolbar's language (or `locale`). */
function bar(context: StoryContext, o: { locale?: string; wrap?: (bar: TemplateResult) => TemplateResult } = {}): TemplateResult {
  const client = context.loaded['client'] as PortalClient | undefined;
  const content = html`<cibtp-top-bar></cibtp-top-bar>`;
  return html`<cibtp-portal .client=${client} locale=${o.locale ?? storyLocale(context.globals)}>${o.wrap ? o.wrap(content) : content}</cibtp-portal>`;
}

const mock = (parameters: MockParameters) => ({ mock: parameters });

async function shown(root: HTMLElement): Promise<HTMLElement> {
  return find(root, BAR, 8000);
}

/** Sophie Lambert acting for the Saint-Étienne agency, which has two DSN alerts: hover or focus the bell. */
export const WithAlerts: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi, 'durand-btp/saint-etienne')],
  render: (_args, context) => bar(context),
  play: async ({ canvasElement }) => {
    await shown(canvasElement);
    await find(canvasElement, 'cibtp-top-bar [data-alerts="2"]');
  },
};

/** A tiers without DSN alert: the bell shows no count (« Aucune alerte DSN » for a screen reader). */
export const NoAlert: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi, 'durand-charpente/grenoble')],
  render: (_args, context) => bar(context),
  play: async ({ canvasElement }) => {
    await shown(canvasElement);
    await find(canvasElement, 'cibtp-top-bar [data-alerts="0"]');
  },
};

/** A login with one tiers only: no *Changer de tiers*. */
export const OneTiers: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => bar(context),
  play: async ({ canvasElement }) => {
    const found = await shown(canvasElement);
    expect(found.querySelector('[data-part="change-tiers"]')).toBeNull();
  },
};

/** *Changer de tiers*: the modal dialog with the tiers picker (its code fetched on first use). */
export const ChangeTiersDialog: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi, 'durand-btp/saint-etienne')],
  // Room for the dialog in a docs example, whose frame takes the height of the page.
  render: (_args, context) => bar(context, { wrap: (content) => html`<div style="min-height: 40rem">${content}</div>` }),
  play: async ({ canvasElement }) => {
    const found = await shown(canvasElement);
    (await find<HTMLButtonElement>(found, '[data-part="change-tiers"]')).click();
    const dialog = await find<HTMLDialogElement>(canvasElement, 'cibtp-top-bar [data-part="dialog"]');
    await waitFor(() => expect(dialog.open).toBe(true), { timeout: 8000 });
    await find(dialog, 'cibtp-tiers-picker input[type="radio"]', 8000);
  },
};

/** *Se déconnecter* while the server has not answered yet: the button is busy. */
export const SigningOut: Story = {
  parameters: mock({ faults: [{ operation: 'logout', fault: { kind: 'latency', ms: 600_000 } }] }),
  loaders: [signedInLoader(DEMO_ACCOUNTS.cabinet, { sort: 'dsnAlerts', direction: 'asc' }, { patient: true })],
  render: (_args, context) => bar(context),
  play: async ({ canvasElement }) => {
    const found = await shown(canvasElement);
    const button = await find<HTMLButtonElement>(found, '[data-part="sign-out"]');
    button.click();
    await waitFor(() => expect(button.getAttribute('aria-disabled')).toBe('true'), { timeout: 5000 });
  },
};

/** The server cannot end the session: the bar says why, and the session stays. */
export const SignOutServerError: Story = {
  parameters: mock({ faults: [{ operation: 'logout', fault: { kind: 'server' } }] }),
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi, 'durand-btp/saint-etienne')],
  render: (_args, context) => bar(context),
  play: async ({ canvasElement }) => {
    const found = await shown(canvasElement);
    (await find<HTMLButtonElement>(found, '[data-part="sign-out"]')).click();
    await find(found, '[data-part="error"]', 8000);
  },
};

/** A phone-wide page (320 px): the names wrap, the buttons go to a second row. An accounting firm here. */
export const Narrow: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.cabinet, { sort: 'dsnAlerts', direction: 'desc' })],
  render: (_args, context) => bar(context, { wrap: (content) => html`<div style="max-width: 320px">${content}</div>` }),
  play: async ({ canvasElement }) => {
    await shown(canvasElement);
  },
};

/**
 * In English whatever the « Langue » toolbar says: a portal with `locale="en"` (a new one at each
 * render, so that it sets English after the story's outer one), here for the Lyon head office.
 */
export const English: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi, 'durand-btp/lyon')],
  render: (_args, context) => html`${keyed(storyLocale(context.globals), bar(context, { locale: 'en' }))}`,
  play: async ({ canvasElement }) => {
    const found = await shown(canvasElement);
    await waitFor(() => expect(found.textContent ?? '').toMatch(/Welcome/), { timeout: 5000 });
  },
};

/** Without a session the bar renders nothing at all (the sentence below is the story's, not the bar's). */
export const SignedOut: Story = {
  render: (_args, context) => html`<cibtp-top-bar></cibtp-top-bar>
    <p>${storyLocale(context.globals) === 'en'
      ? 'Nobody is signed in: the top bar shows nothing.'
      : 'Personne n’est connecté : la barre supérieure n’affiche rien.'}</p>`,
};
