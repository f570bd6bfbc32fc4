import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { DEMO_ACCOUNTS, KNOWN_IDENTIFIANT_CIBTP } from '../mock-server/index.js';
import { find, fill, submit, waitForText, type MockParameters } from './support.js';

const meta = {
  title: 'Widgets/Forgot password',
  component: 'cibtp-forgot-password',
  render: () => html`<cibtp-forgot-password></cibtp-forgot-password>`,
  parameters: {
    docs: { description: { component: 'Mot de passe oublié : lien par courriel, ou nouveau code confidentiel par courrier.' } },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const WIDGET = 'cibtp-forgot-password';
const mock = (parameters: MockParameters) => ({ mock: parameters });

async function choose(root: HTMLElement, situation: 'email' | 'code'): Promise<void> {
  const radio = await find<HTMLInputElement>(root, `${WIDGET} input[name="situation"][value="${situation}"]`);
  radio.click();
  await submit(await find(root, WIDGET));
}

async function expectProblem(root: HTMLElement, pattern: RegExp): Promise<void> {
  await waitForText(await find(root, `${WIDGET} [data-part="error-summary"]`, 8000), pattern);
}

/** « Quelle est votre situation ? » */
export const ChooseSituation: Story = {};

export const ChooseSituationRequired: Story = {
  play: async ({ canvasElement }) => {
    await submit(await find(canvasElement, WIDGET));
    await expectProblem(canvasElement, /sélectionnez|select an option/i);
  },
};

/** Path 1: the email address (identifiant de connexion). */
export const EmailForm: Story = {
  play: async ({ canvasElement }) => {
    await choose(canvasElement, 'email');
    await find(canvasElement, `${WIDGET} input[autocomplete="email"]`);
  },
};

export const EmailInvalid: Story = {
  render: () => html`<cibtp-forgot-password situation="email"></cibtp-forgot-password>`,
  play: async ({ canvasElement }) => {
    await fill(canvasElement, `${WIDGET} input[autocomplete="email"]`, 'pas-une-adresse');
    await submit(await find(canvasElement, WIDGET));
    await expectProblem(canvasElement, /format invalide|correct format/i);
  },
};

export const EmailLoading: Story = {
  render: () => html`<cibtp-forgot-password situation="email"></cibtp-forgot-password>`,
  parameters: mock({ faults: [{ operation: 'forgotPassword', fault: { kind: 'latency', ms: 600_000 } }] }),
  play: async ({ canvasElement }) => {
    await fill(canvasElement, `${WIDGET} input[autocomplete="email"]`, DEMO_ACCOUNTS.admin);
    await submit(await find(canvasElement, WIDGET));
    await find(canvasElement, `${WIDGET} form[aria-busy="true"]`);
  },
};

/** The confirmation never says whether the account exists; the email lands in the outbox panel. */
export const EmailSent: Story = {
  play: async ({ canvasElement }) => {
    await choose(canvasElement, 'email');
    await fill(canvasElement, `${WIDGET} input[autocomplete="email"]`, DEMO_ACCOUNTS.admin);
    await submit(await find(canvasElement, WIDGET));
    await waitForText(await find(canvasElement, WIDGET), /bien été prise en compte|has been received/i, 8000);
  },
};

export const EmailServerError: Story = {
  render: () => html`<cibtp-forgot-password situation="email"></cibtp-forgot-password>`,
  parameters: mock({ faults: [{ operation: 'forgotPassword', fault: { kind: 'server' } }] }),
  play: async ({ canvasElement }) => {
    await fill(canvasElement, `${WIDGET} input[autocomplete="email"]`, DEMO_ACCOUNTS.admin);
    await submit(await find(canvasElement, WIDGET));
    await expectProblem(canvasElement, /difficulté temporaire|temporary problem/i);
  },
};

/** Path 2: the identifiant CIBTP from the Courrier de bienvenue → a new confidential code by post. */
export const CodeForm: Story = {
  play: async ({ canvasElement }) => {
    await choose(canvasElement, 'code');
    await find(canvasElement, `${WIDGET} input[name="identifiantCibtp"]`);
  },
};

export const CodeSent: Story = {
  play: async ({ canvasElement }) => {
    await choose(canvasElement, 'code');
    await fill(canvasElement, `${WIDGET} input[name="identifiantCibtp"]`, KNOWN_IDENTIFIANT_CIBTP);
    await submit(await find(canvasElement, WIDGET));
    await waitForText(await find(canvasElement, WIDGET), /bien été prise en compte|has been received/i, 8000);
  },
};

export const CodeNetworkError: Story = {
  render: () => html`<cibtp-forgot-password situation="code"></cibtp-forgot-password>`,
  parameters: mock({ faults: [{ operation: 'requestConfidentialCode', fault: { kind: 'network' } }] }),
  play: async ({ canvasElement }) => {
    await fill(canvasElement, `${WIDGET} input[name="identifiantCibtp"]`, KNOWN_IDENTIFIANT_CIBTP);
    await submit(await find(canvasElement, WIDGET));
    await expectProblem(canvasElement, /joindre le service|cannot be reached/i);
  },
};
