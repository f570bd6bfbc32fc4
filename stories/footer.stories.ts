import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { expect, waitFor } from 'storybook/test';
import { find, storyLocale } from './support.js';

/**
 * The footer links need no session: legal notice, personal data protection, terms of use. The story
 * keeps its page (`cibtp-navigate` cancelled).
 */
const meta = {
  title: 'Widgets/Footer',
  component: 'cibtp-footer',
  parameters: {
    docs: { description: { component: 'Bandeau inférieur : mentions légales, protection des données personnelles, conditions générales d’utilisation.' } },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const keep = (event: Event) => event.preventDefault();

/** No URL given by the caisse: buttons that fire `cibtp-navigate`, which the page routes. */
export const Default: Story = {
  render: () => html`<div @cibtp-navigate=${keep}><cibtp-footer></cibtp-footer></div>`,
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cibtp-footer [data-part="links"]');
  },
};

/** The caisse gave its pages' URLs (`<cibtp-portal routes>`): real links (open in a new tab, copy the address…). */
export const WithRoutes: Story = {
  render: (_args, context) => html`<cibtp-portal
    base-url="/api/"
    locale=${storyLocale(context.globals)}
    .routes=${{ 'legal-notice': '/mentions-legales', 'data-protection': '/donnees-personnelles', terms: '/cgu' }}
    @cibtp-navigate=${keep}
  >
    <p>${storyLocale(context.globals) === 'en'
      ? 'Links to the caisse’s own pages (the portal’s routes).'
      : 'Liens vers les pages de la caisse (les routes du portail).'}</p>
    <cibtp-footer></cibtp-footer>
  </cibtp-portal>`,
  play: async ({ canvasElement }) => {
    const footer = await find(canvasElement, 'cibtp-footer');
    await waitFor(() => expect(footer.querySelectorAll('a[data-part="link"]').length).toBe(3), { timeout: 5000 });
  },
};

/**
 * In English whatever the « Langue » toolbar says: a portal with `locale="en"` (a new one at each
 * render, so that it sets English after the story's outer one).
 */
export const English: Story = {
  render: (_args, context) => html`${keyed(
    storyLocale(context.globals),
    html`<cibtp-portal base-url="/api/" locale="en" @cibtp-navigate=${keep}>
      <p>English, whatever the « Langue » toolbar says.</p>
      <cibtp-footer></cibtp-footer>
    </cibtp-portal>`,
  )}`,
  play: async ({ canvasElement }) => {
    const footer = await find(canvasElement, 'cibtp-footer');
    await waitFor(() => expect(footer.textContent ?? '').toMatch(/Legal notice/), { timeout: 5000 });
  },
};
