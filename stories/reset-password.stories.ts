import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { DEMO_ACCOUNTS, LIMITS } from '../mock-server/index.js';
import { clock, fill, find, issueLinkToken, submit, waitForText } from './support.js';

/** Every story gets a real, fresh reset token from the backend (forgotPassword → outbox). */
const withResetToken = async () => ({ token: await issueLinkToken('reset-password', DEMO_ACCOUNTS.admin) });

const meta = {
  title: 'Widgets/Reset password',
  component: 'cibtp-reset-password',
  loaders: [withResetToken],
  render: (_args, { loaded }) => html`<cibtp-reset-password .token=${loaded['token'] as string}></cibtp-reset-password>`,
  parameters: { docs: { description: { component: 'Nouveau mot de passe depuis le lien reçu par courriel.' } } },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const WIDGET = 'cibtp-reset-password';
const PASSWORD = `${WIDGET} input[name="new-password"]`;
const CONFIRMATION = `${WIDGET} input[name="confirm-password"]`;

async function choose(root: HTMLElement, password: string, confirmation = password): Promise<void> {
  await fill(root, PASSWORD, password);
  await fill(root, CONFIRMATION, confirmation);
  await submit(await find(root, WIDGET));
}

async function expectProblem(root: HTMLElement, pattern: RegExp): Promise<void> {
  await waitForText(await find(root, `${WIDGET} [data-part="error-summary"]`, 8000), pattern);
}

export const Idle: Story = {};

export const PolicyNotMet: Story = {
  play: async ({ canvasElement }) => {
    await choose(canvasElement, 'court');
    await expectProblem(canvasElement, /règles de composition|password rules/i);
  },
};

export const ConfirmationMismatch: Story = {
  play: async ({ canvasElement }) => {
    await choose(canvasElement, 'Echafaudage-2027', 'Echafaudage-2028');
    await expectProblem(canvasElement, /ne correspond pas|does not match/i);
  },
};

export const Loading: Story = {
  parameters: { mock: { faults: [{ operation: 'resetPassword', fault: { kind: 'latency', ms: 600_000 } }] } },
  play: async ({ canvasElement }) => {
    await choose(canvasElement, 'Echafaudage-2027');
    await find(canvasElement, `${WIDGET} form[aria-busy="true"]`);
  },
};

export const Success: Story = {
  play: async ({ canvasElement }) => {
    await choose(canvasElement, 'Echafaudage-2027');
    await waitForText(await find(canvasElement, WIDGET), /mot de passe a été modifié|password has been changed/i, 8000);
  },
};

/** The link is older than its lifetime (the backend's clock is moved past it). */
export const ExpiredLink: Story = {
  loaders: [
    async () => {
      clock.offset = LIMITS.resetLinkTtl + 60_000;
      return {};
    },
  ],
  play: async ({ canvasElement }) => {
    await choose(canvasElement, 'Echafaudage-2027');
    await waitForText(await find(canvasElement, WIDGET), /expiré|expired/i, 8000);
  },
};

/** A token the backend never issued (or already used). */
export const InvalidLink: Story = {
  render: () => html`<cibtp-reset-password token="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"></cibtp-reset-password>`,
  play: async ({ canvasElement }) => {
    await choose(canvasElement, 'Echafaudage-2027');
    await waitForText(await find(canvasElement, WIDGET), /pas valide|déjà été utilisé|not valid|already been used/i, 8000);
  },
};
