import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { expect, waitFor } from 'storybook/test';
import { DEMO_ACCOUNTS, DEMO_DELEGATIONS, DEMO_PASSWORD, type MockBackend } from '../mock-server/index.js';
import { login } from '../sdk/auth/index.js';
import { createPortalCore } from '../sdk/core.js';
import type { PortalClient } from '../sdk/index.js';
import { completeAccount, confirmDelegation, delegateToCabinet } from '../sdk/rights/index.js';
import { find, outboxToken, signedInLoader, storyLocale, waitForText, type MockParameters } from './support.js';

/**
 * *Gérer les droits d’accès* shows the session of the portal around it: each story signs in through the
 * SDK, against the mock, in its loader (once per story run, so that a change of the « Langue » toolbar
 * keeps the session), and renders the list inside a `<cibtp-portal>` given that client.
 */
const meta = {
  title: 'Widgets/Delegations',
  component: 'cibtp-delegations',
  parameters: {
    docs: {
      description: {
        component:
          'Gérer les droits d’accès : les bénéficiaires de délégation du tiers, que le serveur filtre, trie et pagine ; les actions sur chacun ; le cabinet comptable délégable.',
      },
    },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const LIST = 'cibtp-delegations';
const ROW = `${LIST} tbody tr`;

/** The list inside a portal holding the story's signed-in client, in the toolbar's language (or `locale`). */
function list(context: StoryContext, o: { locale?: string; wrap?: (content: TemplateResult) => TemplateResult; attributes?: { pageSize?: number } } = {}): TemplateResult {
  const client = context.loaded['client'] as PortalClient | undefined;
  const content = html`<cibtp-delegations page-size=${o.attributes?.pageSize ?? 5}></cibtp-delegations>`;
  return html`<cibtp-portal .client=${client} locale=${o.locale ?? storyLocale(context.globals)}>${o.wrap ? o.wrap(content) : content}</cibtp-portal>`;
}

/** The first page is shown (its rows are there, and the head). */
async function shown(root: HTMLElement): Promise<HTMLElement> {
  await find(root, ROW, 8000);
  await find(root, `${LIST} [data-part="summary"] p`, 8000);
  return find(root, LIST);
}

/** Today in the caisses' time zone: the mock's date d'effet may not be before it. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/**
 * The backend has a delegation of DURAND BTP Siège to its firm, FIDUCIAIRE DU RHÔNE: made by its
 * administrator through the SDK; the firm completed its account from its link (`completed`); the
 * administrator confirmed it (`confirmed`).
 */
function firmDelegation(o: { completed?: boolean; confirmed?: boolean } = {}): { mock: MockParameters } {
  return {
    mock: {
      setup: async (_backend: MockBackend) => {
        const core = createPortalCore({ baseUrl: '/api/' });
        await login(core, { email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
        const made = await delegateToCabinet(core, {
          effectiveDate: today(),
          rights: { administrator: false, colleges: ['ouvrier', 'etam', 'cadre'], functions: { 'declarations-salaires': 'write', documents: 'read' } },
        });
        if (!o.completed) return;
        const token = outboxToken(DEMO_DELEGATIONS.cabinet.email);
        await completeAccount(createPortalCore({ baseUrl: '/api/' }), { token, password: DEMO_PASSWORD, lastName: 'Blanc', firstName: 'Claire' });
        if (o.confirmed) await confirmDelegation(core, { id: made.id });
      },
    },
  };
}

/** The administrator of DURAND BTP Siège — Lyon: 7 beneficiaries, 5 per page, sorted by name; the firm without delegation. */
export const AdministratorList: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => list(context),
  play: async ({ canvasElement }) => {
    await shown(canvasElement);
    await find(canvasElement, `${LIST} [data-part="cabinet"] [data-opener="cabinet-add"]`);
  },
};

/** A member with 10,000 beneficiaries (BÂTIMENTS RÉUNIS): the backend pages, « Page 1 sur 2 000 ». */
export const ManyPages: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.scale)],
  render: (_args, context) => list(context),
  play: async ({ canvasElement }) => {
    const found = await shown(canvasElement);
    await find(found, '[data-page="2000"]');
  },
};

/** Filters that nothing matches (the accounting firm's role, none yet): the message and *Effacer les filtres*. */
export const NoMatch: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => list(context),
  play: async ({ canvasElement }) => {
    const found = await shown(canvasElement);
    const role = await find<HTMLSelectElement>(found, 'select[name="role"]');
    role.value = 'cabinet';
    role.dispatchEvent(new Event('change', { bubbles: true }));
    await find(found, '[data-part="empty"] button', 8000);
  },
};

/** A member without any delegation (DURAND CHARPENTE BOIS, Grenoble), whose firm is COMPTAGESTION. */
export const NoDelegation: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi, 'durand-charpente/grenoble')],
  render: (_args, context) => list(context),
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${LIST} [data-part="empty"]`, 8000);
    await find(canvasElement, `${LIST} [data-part="cabinet"]`, 8000);
  },
};

/** *Déléguer à mon cabinet comptable* done: the firm has been emailed, its delegation waits for it to complete its account. */
export const FirmPending: Story = {
  parameters: firmDelegation(),
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => list(context),
  play: async ({ canvasElement }) => {
    const found = await shown(canvasElement);
    await find(found, '[data-part="cabinet"] [data-opener="cabinet-delete"]');
  },
};

/** The firm completed its account: the administrator's *Confirmer la délégation*. */
export const FirmAwaitingConfirmation: Story = {
  parameters: firmDelegation({ completed: true }),
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => list(context),
  play: async ({ canvasElement }) => {
    const found = await shown(canvasElement);
    await find(found, '[data-part="cabinet"] [data-opener="cabinet-confirm"]');
  },
};

/** The administrator confirmed: the firm's delegation is active. */
export const FirmActive: Story = {
  parameters: firmDelegation({ completed: true, confirmed: true }),
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => list(context),
  play: async ({ canvasElement }) => {
    const found = await shown(canvasElement);
    await find(found, '[data-part="cabinet"] [data-opener="cabinet-view"]');
    await waitFor(() => expect(found.querySelector('[data-part="cabinet"] [data-opener="cabinet-confirm"]')).toBeNull(), { timeout: 5000 });
  },
};

/** *Fermer* on Sophie Martin's delegation: the modal dialog says what will happen, *Confirmer* / *Annuler*. */
export const CloseDialog: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  // Room for the dialog in a docs example, whose frame takes the height of the page.
  render: (_args, context) => list(context, { wrap: (content) => html`<div style="min-height: 36rem">${content}</div>` }),
  play: async ({ canvasElement }) => {
    const found = await shown(canvasElement);
    (await find<HTMLButtonElement>(found, 'tr[data-delegation="d-lyon-1"] button[data-action="close"]')).click();
    const dialog = await find<HTMLDialogElement>(found, '[data-part="dialog"]');
    await waitFor(() => expect(dialog.open).toBe(true), { timeout: 5000 });
  },
};

/** The first page on its way (held by the mock): « Chargement des bénéficiaires… ». */
export const Loading: Story = {
  parameters: { mock: { faults: [{ operation: 'searchDelegations', fault: { kind: 'latency', ms: 600_000 } }] } },
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin, undefined, { patient: true })],
  render: (_args, context) => list(context),
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${LIST} [data-part="loading"]`, 8000);
  },
};

/** The list cannot be loaded (500): the message and *Réessayer*. */
export const ServerErrorOnLoad: Story = {
  parameters: { mock: { faults: [{ operation: 'searchDelegations', fault: { kind: 'server' } }] } },
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => list(context),
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${LIST} [data-part="notice"] button`, 15_000);
  },
};

/** At the Saint-Étienne agency, multi@durand-btp.fr holds delegated rights only: it may not manage delegations there (403). */
export const Forbidden: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi, 'durand-btp/saint-etienne')],
  render: (_args, context) => list(context),
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${LIST} [data-part="notice"]`, 8000);
  },
};

/** Nobody signed in: the way to the login. */
export const SignedOut: Story = {
  render: () => html`<cibtp-delegations></cibtp-delegations>`,
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${LIST} [data-part="sign-in"]`, 8000);
  },
};

/** In a phone-wide column (20rem): each beneficiary is a card; here the inactive ones are left out. */
export const PhoneWidth: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => list(context, { wrap: (content) => html`<div class="sb-phone" style="max-width: 20rem">${content}</div>` }),
  play: async ({ canvasElement }) => {
    const found = await shown(canvasElement);
    const box = await find<HTMLInputElement>(found, '[data-part="summary"] input[type="checkbox"]');
    box.click();
    await waitFor(() => expect(box.checked).toBe(true), { timeout: 5000 });
    await waitFor(() => expect(found.querySelector('table[aria-busy="false"] tr[data-delegation="d-lyon-7"]')).toBeNull(), { timeout: 8000 });
    await waitFor(() => expect(found.querySelector('[data-part="pagination"] [data-page="2"]')).toBeNull(), { timeout: 8000 });
  },
};

/** In English whatever the « Langue » toolbar says (a portal with `locale="en"`), 10 rows per page. */
export const English: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin)],
  render: (_args, context) => html`${keyed(storyLocale(context.globals), list(context, { locale: 'en', attributes: { pageSize: 10 } }))}`,
  play: async ({ canvasElement }) => {
    await waitForText(await shown(canvasElement), /Page 1 of 1/, 8000);
  },
};
