import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { expect, waitFor } from 'storybook/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../mock-server/index.js';
import { login, selectTiers } from '../sdk/auth/index.js';
import { createPortalCore, type PortalCore } from '../sdk/core.js';
import { fill, find, keptForTheRun, storyLocale, submit, waitForText, type MockParameters } from './support.js';

const meta = {
  title: 'Widgets/Tiers picker',
  component: 'cibtp-tiers-picker',
  render: () => html`<cibtp-tiers-picker></cibtp-tiers-picker>`,
  parameters: {
    docs: {
      description: {
        component:
          'Choix de l’adhérent et du site déclarant : une table que le serveur recherche, trie et pagine (un cabinet comptable en a des milliers), avec les alertes DSN.',
      },
    },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const PICKER = 'cibtp-tiers-picker';
const ROW = `${PICKER} tbody tr`;

/**
 * The backend has a login waiting for its tiers choice (the picker's list is that login's): signed in
 * through the SDK before the story renders, as `<cibtp-login>` would have done.
 */
function choosing(email: string, more: MockParameters = {}): { mock: MockParameters } {
  return {
    mock: {
      ...more,
      setup: async () => {
        await login(createPortalCore({ baseUrl: '/api/' }), { email, password: DEMO_PASSWORD });
      },
    },
  };
}

/** The first page is shown (its rows are there). */
async function shown(root: HTMLElement): Promise<HTMLElement> {
  await find(root, ROW, 8000);
  return find(root, PICKER);
}

/** Several adhérents and sites: two « DURAND BTP », told apart by their site (multi@durand-btp.fr). */
export const SeveralSites: Story = {
  parameters: choosing(DEMO_ACCOUNTS.multi),
  play: async ({ canvasElement }) => {
    await shown(canvasElement);
  },
};

/** An accounting firm with 3,000 members: the first page of 10, « Page 1 sur 300 ». */
export const ThreeThousandMembers: Story = {
  parameters: choosing(DEMO_ACCOUNTS.cabinet),
  play: async ({ canvasElement }) => {
    await waitForText(await shown(canvasElement), /300/);
  },
};

/** The first page on its way (held by the mock): « Chargement des adhérents… ». */
export const Loading: Story = {
  parameters: choosing(DEMO_ACCOUNTS.cabinet, { faults: [{ operation: 'searchTiers', fault: { kind: 'latency', ms: 600_000 } }] }),
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${PICKER} [data-part="loading"]`, 8000);
  },
};

/** A search no member matches. */
export const NoMatch: Story = {
  parameters: choosing(DEMO_ACCOUNTS.cabinet),
  play: async ({ canvasElement }) => {
    await shown(canvasElement);
    await fill(canvasElement, `${PICKER} input[type="search"]`, 'xyz');
    await find(canvasElement, `${PICKER} [data-part="empty"]`, 8000);
  },
};

/** The DSN messages of the Saint-Étienne site, shown as its alerts button has the focus. */
export const DsnAlertsTooltip: Story = {
  parameters: choosing(DEMO_ACCOUNTS.multi),
  play: async ({ canvasElement }) => {
    const picker = await shown(canvasElement);
    const trigger = await find<HTMLButtonElement>(picker, 'button[aria-describedby]');
    const tip = await find(picker, `[id="${trigger.getAttribute('aria-describedby') ?? ''}"]`);
    trigger.focus();
    // A docs page's example does not take the focus: there, a click (as on a touch screen) shows them.
    if (document.activeElement !== trigger) trigger.click();
    await waitFor(() => expect(tip.hidden).toBe(false), { timeout: 5000 });
  },
};

/** *Valider* with no row chosen: the error on the group and in the summary. */
export const NothingSelected: Story = {
  parameters: choosing(DEMO_ACCOUNTS.multi),
  play: async ({ canvasElement }) => {
    await shown(canvasElement);
    await submit(await find(canvasElement, PICKER));
    await waitForText(await find(canvasElement, `${PICKER} [data-part="error-summary"]`, 8000), /Sélectionnez|Select/);
  },
};

/** The list cannot be loaded (500): the message and *Réessayer*. */
export const ServerErrorOnLoad: Story = {
  parameters: choosing(DEMO_ACCOUNTS.multi, { faults: [{ operation: 'searchTiers', fault: { kind: 'server' } }] }),
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${PICKER} [data-part="notice"]`, 15_000);
  },
};

/** *Changer de tiers*: the session already acts for the Grenoble workshop, the first choice. */
export const ChangeTiers: Story = {
  loaders: [
    async () => ({
      client: await keptForTheRun('change tiers', async (): Promise<PortalCore> => {
        const core = createPortalCore({ baseUrl: '/api/' });
        await login(core, { email: DEMO_ACCOUNTS.multi, password: DEMO_PASSWORD });
        await selectTiers(core, { tiersId: 'durand-charpente/grenoble' });
        return core;
      }),
    }),
  ],
  render: (_args, { loaded }) => html`<cibtp-tiers-picker .client=${(loaded as { client: PortalCore }).client}></cibtp-tiers-picker>`,
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${PICKER} [data-part="selection"]`, 8000);
  },
};

/**
 * In a phone-wide column (20rem), whatever the page's width: each tiers is a card, every value under
 * its column's name; here the Saint-Étienne site is chosen.
 */
export const PhoneWidth: Story = {
  parameters: choosing(DEMO_ACCOUNTS.multi),
  render: () => html`<div class="sb-phone" style="max-width: 20rem"><cibtp-tiers-picker></cibtp-tiers-picker></div>`,
  play: async ({ canvasElement }) => {
    const picker = await shown(canvasElement);
    // The radio itself: a click on its label would also move the focus, which a docs page's example must not take.
    (await find<HTMLInputElement>(picker, 'tbody tr input[type="radio"]')).click();
    await find(picker, '[data-part="selection"]');
  },
};

/** In English whatever the « Langue » toolbar says (a portal with `locale="en"`), 25 rows per page. */
export const English: Story = {
  parameters: choosing(DEMO_ACCOUNTS.cabinet),
  render: (_args, context) =>
    // A new inner portal at each render, so that it sets English after the story's outer one.
    html`${keyed(
      storyLocale(context.globals),
      html`<cibtp-portal base-url="/api/" locale="en"><cibtp-tiers-picker page-size="25"></cibtp-tiers-picker></cibtp-portal>`,
    )}`,
  play: async ({ canvasElement }) => {
    await waitForText(await shown(canvasElement), /Page 1 of 120/, 8000);
  },
};
