import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../mock-server/index.js';
import { backend, fill, find, issueLinkToken, storyLocale, submit } from './support.js';

/**
 * `<cibtp-portal>` renders nothing itself: it provides the client, the session and the locale to the
 * widgets inside. Every story of this Storybook already runs inside one (see .storybook/preview.ts);
 * switch the « Langue » toolbar to see the widgets change language at run time.
 */
const meta = {
  title: 'Widgets/Portal',
  component: 'cibtp-portal',
  parameters: { docs: { description: { component: 'Fournit le client, la session et la langue aux widgets.' } } },
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** What a caisse puts on its page: the portal and the login inside. */
export const WithLogin: Story = {
  render: () => html`<cibtp-login></cibtp-login>`,
};

/**
 * The warning before the session times out (WCAG 2.2.1): `session-warning="1800"` (seconds) is as long
 * as the mock's session (30 min), so the warning opens as soon as the user is signed in (the default,
 * 120 s, opens it 2 min before the end). « Rester connecté » extends the session on the server;
 * « Se déconnecter » ends it. Style the dialog with `cibtp-portal::part(session-warning)`.
 */
export const SessionWarning: Story = {
  render: (_args, context) => {
    const locale = storyLocale(context.globals);
    return html`<cibtp-portal base-url="/api/" locale=${locale} session-warning="1800">
      <cibtp-login></cibtp-login>
    </cibtp-portal>`;
  },
  play: async ({ canvasElement }) => {
    const portal = await find(canvasElement, 'cibtp-portal[session-warning]');
    await fill(portal, 'cibtp-login input[autocomplete="username"]', DEMO_ACCOUNTS.admin);
    await fill(portal, 'cibtp-login input[autocomplete="current-password"]', DEMO_PASSWORD);
    await submit(await find(portal, 'cibtp-login'));
    let dialog: HTMLDialogElement | null = null;
    await waitFor(
      () => {
        dialog = portal.shadowRoot?.querySelector<HTMLDialogElement>('dialog[part="session-warning"]') ?? null;
        expect(dialog?.open).toBe(true);
      },
      { timeout: 8000 },
    );
    await waitFor(() => expect(dialog!.textContent ?? '').toMatch(/Votre session va expirer dans|Your session will expire in/), { timeout: 5000 });
  },
};

/** The outbox panel alone (the mock's, not a widget): emails with their links, SMS codes, letters. */
export const MockOutbox: Story = {
  parameters: { outbox: false },
  loaders: [
    async () => {
      // Something to show: the seeded activation email plus a reset link.
      await issueLinkToken('reset-password', DEMO_ACCOUNTS.admin);
      return {};
    },
  ],
  render: () => html`<cibtp-mock-outbox .backend=${backend}></cibtp-mock-outbox>`,
};
