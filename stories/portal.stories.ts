import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { backend } from './support.js';

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

/** The outbox panel alone (the mock's, not a widget): emails with their links, SMS codes, letters. */
export const MockOutbox: Story = {
  parameters: { outbox: false },
  loaders: [
    async () => {
      // Something to show: the seeded activation email plus a reset link.
      const { createPortalClient } = await import('../sdk/index.js');
      await createPortalClient({ baseUrl: '/api/' }).forgotPassword({ email: 'admin@durand-btp.fr' });
      return {};
    },
  ],
  render: () => html`<cibtp-mock-outbox .backend=${backend}></cibtp-mock-outbox>`,
};
