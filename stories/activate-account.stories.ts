import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { DEMO_ACCOUNTS, LIMITS } from '../mock-server/index.js';
import { backend, clock, find, issueLinkToken, keptForTheRun, outboxToken, waitForText } from './support.js';

/** nouveau@ has its activation email waiting in the seeded outbox: the story follows that link. */
const withActivationToken = async () => ({
  token: keptForTheRun('seeded activation link', () => outboxToken(DEMO_ACCOUNTS.notActivated)),
});

const meta = {
  title: 'Widgets/Activate account',
  component: 'cibtp-activate-account',
  loaders: [withActivationToken],
  render: (_args, { loaded }) => html`<cibtp-activate-account .token=${loaded['token'] as string}></cibtp-activate-account>`,
  parameters: { docs: { description: { component: "Activation du compte (ou certification de l'adresse) depuis le lien reçu." } } },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const WIDGET = 'cibtp-activate-account';

export const Loading: Story = {
  parameters: { mock: { faults: [{ operation: 'activateAccount', fault: { kind: 'latency', ms: 600_000 } }] } },
  play: async ({ canvasElement }) => {
    await waitForText(await find(canvasElement, WIDGET), /patienter|please wait/i);
  },
};

export const Activated: Story = {
  play: async ({ canvasElement }) => {
    await waitForText(await find(canvasElement, WIDGET), /compte est activé|account has been activated/i, 8000);
  },
};

/** certif@'s certification expired: a renewal link certifies the address again. */
export const CertificationRenewed: Story = {
  loaders: [async () => ({ token: await issueLinkToken('certify', DEMO_ACCOUNTS.certificationExpired) })],
  play: async ({ canvasElement }) => {
    await waitForText(await find(canvasElement, WIDGET), /certifiée|renouvelée|certified|renewed/i, 8000);
  },
};

/** The link outlived its validity; « Recevoir un nouveau lien » sends a new one (see the outbox). */
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

export const ExpiredLinkNewLinkSent: Story = {
  loaders: ExpiredLink.loaders,
  play: async ({ canvasElement }) => {
    const widget = await find(canvasElement, WIDGET);
    await waitForText(widget, /expiré|expired/i, 8000);
    const before = backend.outbox.list().length;
    const button = [...widget.querySelectorAll('button')].find((b) => /nouveau lien|new link/i.test(b.textContent ?? ''));
    button?.click();
    await waitForText(widget, /bien été prise en compte|has been received/i, 8000);
    if (backend.outbox.list().length <= before) throw new Error('no new activation email in the outbox');
  },
};

export const InvalidLink: Story = {
  render: () => html`<cibtp-activate-account token="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"></cibtp-activate-account>`,
  play: async ({ canvasElement }) => {
    await waitForText(await find(canvasElement, WIDGET), /pas valide|not valid/i, 8000);
  },
};

export const ServerError: Story = {
  parameters: { mock: { faults: [{ operation: 'activateAccount', fault: { kind: 'server' } }] } },
  play: async ({ canvasElement }) => {
    await waitForText(await find(canvasElement, WIDGET), /n’a pas abouti|could not be completed/i, 8000);
  },
};
