import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { DEMO_ACCOUNTS, DEMO_DELEGATIONS, DEMO_PASSWORD, LIMITS } from '../mock-server/index.js';
import { login, logout } from '../sdk/auth/index.js';
import { completeAccount } from '../sdk/rights/invitation.js';
import { delegateToCabinet } from '../sdk/rights/operations.js';
import { createPortalClient } from '../sdk/index.js';
import { clock, find, keptForTheRun, outboxToken, waitForText } from './support.js';

/** Today in the caisse's time zone (the backend refuses a date d'effet in the past). */
const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/**
 * The administrator's link, as the real flow makes it, through the SDK: DURAND BTP's administrator
 * delegates to FIDUCIAIRE DU RHÔNE (then signs out), the firm completes its account from its email, and
 * the token is read in the confirmation request emailed to the administrator. Once per story run.
 */
const withConfirmation = async () => ({
  token: await keptForTheRun('firm delegation to confirm', async () => {
    const client = createPortalClient({ baseUrl: '/api/' });
    await login(client, { email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
    await delegateToCabinet(client, {
      effectiveDate: today(),
      rights: {
        administrator: false,
        colleges: ['ouvrier', 'etam'],
        functions: { 'gerer-salaries': 'write', 'declarations-salaires': 'write', planning: 'read', documents: 'read' },
      },
    });
    await logout(client);
    await completeAccount(client, {
      token: outboxToken(DEMO_DELEGATIONS.cabinet.email), password: 'Bilan-Comptable-2027', lastName: 'Girard', firstName: 'Hélène',
    });
    return outboxToken(DEMO_ACCOUNTS.admin);
  }),
});

const meta = {
  title: 'Widgets/Confirm delegation',
  component: 'cibtp-confirm-delegation',
  loaders: [withConfirmation],
  render: (_args, { loaded }) => html`<cibtp-confirm-delegation .token=${loaded['token'] as string}></cibtp-confirm-delegation>`,
  parameters: {
    docs: { description: { component: 'L’administrateur confirme la délégation à son cabinet comptable depuis le lien reçu par courriel.' } },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const WIDGET = 'cibtp-confirm-delegation';
const CONFIRM = `${WIDGET} [data-part="confirm"]`;

async function confirm(root: HTMLElement): Promise<void> {
  (await find<HTMLButtonElement>(root, CONFIRM, 8000)).click();
}

/** The delegation is on its way (held by the backend). */
export const Loading: Story = {
  parameters: { mock: { faults: [{ operation: 'delegationConfirmation', fault: { kind: 'latency', ms: 600_000 } }] } },
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${WIDGET} [aria-busy="true"] .cibtp-progress`);
  },
};

/** What is confirmed: the firm, the company, the dates and the rights (read-only matrix). */
export const AwaitingConfirmation: Story = {
  play: async ({ canvasElement }) => {
    await find(canvasElement, CONFIRM, 8000);
  },
};

/** *Confirmer la délégation* pressed: the request is held by the backend. */
export const Confirming: Story = {
  parameters: { mock: { faults: [{ operation: 'confirmDelegation', fault: { kind: 'latency', ms: 600_000 } }] } },
  play: async ({ canvasElement }) => {
    await confirm(canvasElement);
    await find(canvasElement, `${WIDGET} [data-part="confirm"][aria-disabled="true"]`);
  },
};

/** « La délégation à FIDUCIAIRE DU RHÔNE est active. » */
export const Confirmed: Story = {
  play: async ({ canvasElement }) => {
    await confirm(canvasElement);
    await find(canvasElement, `${WIDGET} [data-part="notice"]`, 8000);
  },
};

/** A token the backend never issued (or already used). */
export const InvalidLink: Story = {
  render: () => html`<cibtp-confirm-delegation token="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"></cibtp-confirm-delegation>`,
  play: async ({ canvasElement }) => {
    await waitForText(await find(canvasElement, WIDGET), /pas valide|not valid/i, 8000);
  },
};

/** The link is older than its lifetime (the backend's clock is moved past it). */
export const ExpiredLink: Story = {
  loaders: [
    async () => {
      clock.offset = LIMITS.activationLinkTtl + 60_000;
      return {};
    },
  ],
  play: async ({ canvasElement }) => {
    await waitForText(await find(canvasElement, WIDGET), /expiré|expired/i, 8000);
  },
};

/** The delegation cannot be loaded (the backend fails): said, with *Réessayer*. */
export const ServerError: Story = {
  parameters: { mock: { faults: [{ operation: 'delegationConfirmation', fault: { kind: 'server' } }] } },
  play: async ({ canvasElement }) => {
    await waitForText(await find(canvasElement, WIDGET), /n’a pas pu être chargée|could not be loaded/i, 8000);
  },
};

/** The confirmation fails (the backend fails): said above the delegation, which can be confirmed again. */
export const ServerErrorOnConfirm: Story = {
  parameters: { mock: { faults: [{ operation: 'confirmDelegation', fault: { kind: 'server' } }] } },
  play: async ({ canvasElement }) => {
    await confirm(canvasElement);
    await find(canvasElement, `${WIDGET} [data-part="error-summary"]`, 8000);
  },
};
