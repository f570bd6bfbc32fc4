import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { DEMO_ACCOUNTS, DEMO_DELEGATIONS, DEMO_PASSWORD, LIMITS } from '../mock-server/index.js';
import { login, logout } from '../sdk/auth/index.js';
import { delegateToCabinet } from '../sdk/rights/operations.js';
import { createPortalClient } from '../sdk/index.js';
import { clock, fill, find, keptForTheRun, outboxToken, submit, waitForText } from './support.js';

/** Today in the caisse's time zone (the backend refuses a date d'effet in the past). */
const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/**
 * The firm's link, as the real flow makes it: DURAND BTP's administrator delegates to FIDUCIAIRE DU RHÔNE
 * through the SDK (then signs out, so the story starts with no session), and the token is read in the
 * email the firm received. Once per story run (a change of « Langue » keeps it).
 */
const withInvitation = async () => ({
  token: await keptForTheRun('firm invitation', async () => {
    const client = createPortalClient({ baseUrl: '/api/' });
    await login(client, { email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD });
    await delegateToCabinet(client, {
      effectiveDate: today(),
      rights: { administrator: false, colleges: ['ouvrier', 'etam', 'cadre'], functions: { 'gerer-salaries': 'write', documents: 'read' } },
    });
    await logout(client);
    return outboxToken(DEMO_DELEGATIONS.cabinet.email);
  }),
});

const meta = {
  title: 'Widgets/Complete account',
  component: 'cibtp-complete-account',
  loaders: [withInvitation],
  render: (_args, { loaded }) => html`<cibtp-complete-account .token=${loaded['token'] as string}></cibtp-complete-account>`,
  parameters: {
    docs: { description: { component: 'Le cabinet comptable complète son compte depuis le lien de délégation reçu par courriel.' } },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const WIDGET = 'cibtp-complete-account';
const PASSWORD = `${WIDGET} input[name="password"]`;
const CONFIRMATION = `${WIDGET} input[name="password-confirmation"]`;
const LAST_NAME = `${WIDGET} input[name="lastName"]`;
const FIRST_NAME = `${WIDGET} input[name="firstName"]`;
const CHOSEN = 'Bilan-Comptable-2027';

async function complete(root: HTMLElement, o: { password?: string; confirmation?: string; lastName?: string; firstName?: string } = {}): Promise<void> {
  await find(root, `${WIDGET} form`, 8000);
  await fill(root, PASSWORD, o.password ?? CHOSEN);
  await fill(root, CONFIRMATION, o.confirmation ?? o.password ?? CHOSEN);
  await fill(root, LAST_NAME, o.lastName ?? 'Girard');
  await fill(root, FIRST_NAME, o.firstName ?? 'Hélène');
  await submit(await find(root, WIDGET));
}

async function expectProblem(root: HTMLElement, pattern: RegExp): Promise<void> {
  await waitForText(await find(root, `${WIDGET} [data-part="error-summary"]`, 8000), pattern);
}

/** The invitation is on its way (held by the backend). */
export const Loading: Story = {
  parameters: { mock: { faults: [{ operation: 'invitation', fault: { kind: 'latency', ms: 600_000 } }] } },
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${WIDGET} [aria-busy="true"] .cibtp-progress`);
  },
};

/** The form, as the firm finds it: who delegates, its address read-only, the fields to fill. */
export const Form: Story = {
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${WIDGET} form`, 8000);
  },
};

export const MissingNames: Story = {
  play: async ({ canvasElement }) => {
    await complete(canvasElement, { lastName: '', firstName: '' });
    await expectProblem(canvasElement, /obligatoire|required/i);
  },
};

export const PasswordMismatch: Story = {
  play: async ({ canvasElement }) => {
    await complete(canvasElement, { confirmation: 'Bilan-Comptable-2028' });
    await expectProblem(canvasElement, /ne correspond pas|does not match/i);
  },
};

export const PasswordPolicyNotMet: Story = {
  play: async ({ canvasElement }) => {
    await complete(canvasElement, { password: 'court' });
    await expectProblem(canvasElement, /règles de composition|password rules/i);
  },
};

/** *Valider* pressed: the request is held by the backend, the form is busy. */
export const Submitting: Story = {
  parameters: { mock: { faults: [{ operation: 'completeAccount', fault: { kind: 'latency', ms: 600_000 } }] } },
  play: async ({ canvasElement }) => {
    await complete(canvasElement);
    await find(canvasElement, `${WIDGET} form[aria-busy="true"]`);
  },
};

/** « Finalisation de l’ouverture d’une délégation »: the administrator's confirmation email is in the outbox. */
export const Done: Story = {
  play: async ({ canvasElement }) => {
    await complete(canvasElement);
    await waitForText(await find(canvasElement, WIDGET), /Merci d’avoir finalisé|Thank you for completing/i, 8000);
  },
};

/** A token the backend never issued (or already used). */
export const InvalidLink: Story = {
  render: () => html`<cibtp-complete-account token="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"></cibtp-complete-account>`,
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

/** The invitation cannot be loaded (the backend fails): said, with *Réessayer*. */
export const ServerError: Story = {
  parameters: { mock: { faults: [{ operation: 'invitation', fault: { kind: 'server' } }] } },
  play: async ({ canvasElement }) => {
    await waitForText(await find(canvasElement, WIDGET), /n’a pas pu être chargée|could not be loaded/i, 8000);
  },
};
