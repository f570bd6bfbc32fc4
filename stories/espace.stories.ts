import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { expect, waitFor } from 'storybook/test';
import { DEMO_ACCOUNTS } from '../mock-server/index.js';
import { type PortalClient } from '../sdk/index.js';
import { find, signedInLoader, storyLocale, type MockParameters } from './support.js';

/**
 * The home page of the Espace sécurisé, composed of the top bar, the menu, the tiles, the side bar and
 * the footer links. Each signed-in story signs in through the SDK, against the mock, in its loader (once
 * per story run, so that a change of the « Langue » toolbar keeps the session), and renders the espace
 * inside a `<cibtp-portal>` given that client. The story keeps its page: every `cibtp-navigate` is
 * cancelled (a real page would route it).
 */
const meta = {
  title: 'Widgets/Espace',
  component: 'cibtp-espace',
  parameters: {
    layout: 'fullscreen',
    docs: {
      description: { component: 'Page d’accueil de l’Espace sécurisé : barre supérieure, menu, tuiles, barre fonctionnelle, bandeau inférieur.' },
      story: { height: '56rem' },
    },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;


/** The espace inside a portal holding the story's client (if any), in the toolbar's language (or `locale`). */
function espace(
  context: StoryContext,
  o: { locale?: string; content?: TemplateResult; wrap?: (content: TemplateResult) => TemplateResult } = {},
): TemplateResult {
  const client = context.loaded['client'] as PortalClient | undefined;
  const content = o.content ?? html`<cibtp-espace></cibtp-espace>`;
  return html`<cibtp-portal
    base-url="/api/"
    .client=${client}
    locale=${o.locale ?? storyLocale(context.globals)}
    @cibtp-navigate=${(event: Event) => event.preventDefault()}
  >
    ${o.wrap ? o.wrap(content) : content}
  </cibtp-portal>`;
}

const mock = (parameters: MockParameters) => ({ mock: parameters });

/** Waits for the home page, its tiles loaded. */
async function home(root: HTMLElement): Promise<HTMLElement> {
  const el = await find(root, 'cibtp-espace [data-part="home"]', 8000);
  await waitFor(() => expect(el.querySelectorAll('cibtp-tiles [data-part="tile"]').length).toBeGreaterThan(2), { timeout: 8000 });
  return el;
}

/** Claire Durand, administrator of DURAND BTP (one tiers): her home page at once. */
export const CompanyAdministrator: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => espace(context),
  play: async ({ canvasElement }) => {
    await home(canvasElement);
  },
};

/** Sophie Lambert, who acts for three sites, after choosing the Saint-Étienne agency (a delegate there, two DSN alerts). */
export const SaintEtienne: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi, 'durand-btp/saint-etienne')],
  render: (_args, context) => espace(context),
  play: async ({ canvasElement }) => {
    await home(canvasElement);
  },
};

/** Marc Petit, of an accounting firm with 3,000 members, after choosing the first of them. */
export const AccountingFirm: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.cabinet, { sort: 'raisonSociale', direction: 'asc' })],
  render: (_args, context) => espace(context),
  play: async ({ canvasElement }) => {
    await home(canvasElement);
  },
};

/**
 * Signed in, the tiers still to choose (`choose-tiers`: the host called `login()` and got `choose-tiers`):
 * the tiers picker comes first, the home page once a tiers is chosen.
 */
export const ChoosingTiers: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi)],
  render: (_args, context) => espace(context, { content: html`<cibtp-espace choose-tiers></cibtp-espace>` }),
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cibtp-espace cibtp-tiers-picker input[type="radio"]', 8000);
  },
};

/** *Annuler* in the tiers choice: a notice with the way back to it. */
export const ChoiceCancelled: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi)],
  render: (_args, context) => espace(context, { content: html`<cibtp-espace choose-tiers></cibtp-espace>` }),
  play: async ({ canvasElement }) => {
    const picker = await find(canvasElement, 'cibtp-espace cibtp-tiers-picker', 8000);
    await find(picker, 'input[type="radio"]', 8000);
    const cancel = await waitFor(() => {
      const found = [...picker.querySelectorAll('button')].find((b) => /Annuler|Cancel/.test(b.textContent ?? ''));
      if (!found) throw new Error('no Annuler yet');
      return found;
    }, { timeout: 5000 });
    cancel.click();
    await find(canvasElement, 'cibtp-espace [data-part="notice"]', 5000);
  },
};

/** Nobody signed in: the espace asks the server, then offers *Se connecter*. */
export const SignedOut: Story = {
  render: (_args, context) => espace(context),
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cibtp-espace [data-part="sign-in"]', 8000);
  },
};

/** While the espace looks for the session on the server (a page opened after signing in elsewhere). */
export const Loading: Story = {
  parameters: mock({ faults: [{ operation: 'currentSession', fault: { kind: 'latency', ms: 600_000 } }] }),
  // The story's portal (.storybook/preview.ts) gives a client as patient as the latency.
  render: () => html`<cibtp-espace></cibtp-espace>`,
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cibtp-espace [data-part="loading"]', 8000);
  },
};

/** The session could not be looked for: the message and *Réessayer*. */
export const ServerError: Story = {
  parameters: mock({ faults: [{ operation: 'currentSession', fault: { kind: 'server' } }] }),
  render: (_args, context) => espace(context),
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cibtp-espace [data-part="error"]', 8000);
  },
};

/** A phone-wide page (375 px): the side bar under the tiles. Sophie Lambert at the Grenoble workshop. */
export const Narrow: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi, 'durand-charpente/grenoble')],
  render: (_args, context) => espace(context, { wrap: (content) => html`<div style="max-width: 375px">${content}</div>` }),
  play: async ({ canvasElement }) => {
    await home(canvasElement);
  },
};

/**
 * In English whatever the « Langue » toolbar says: a portal with `locale="en"` (a new one at each
 * render, so that it sets English after the story's outer one), here for the Lyon head office.
 */
export const English: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi, 'durand-btp/lyon')],
  render: (_args, context) => html`${keyed(storyLocale(context.globals), espace(context, { locale: 'en' }))}`,
  play: async ({ canvasElement }) => {
    const found = await home(canvasElement);
    await waitFor(() => expect(found.textContent ?? '').toMatch(/Welcome to your secure area/), { timeout: 5000 });
  },
};
