import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { expect, waitFor } from 'storybook/test';
import { find, storyLocale } from './support.js';

/**
 * The side bar needs no session: its links lead to the caisse's contact page, Questions-Réponses, the
 * page's help, what is new and the page's tutorial. The story keeps its page (`cibtp-navigate` cancelled).
 */
const meta = {
  title: 'Widgets/Side bar',
  component: 'cibtp-side-bar',
  parameters: {
    docs: { description: { component: 'Barre fonctionnelle de droite : contacter la caisse, Questions-Réponses, aide, nouveautés, tutoriel.' } },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const keep = (event: Event) => event.preventDefault();

/** Icon and label for each function, one under the other. */
export const Default: Story = {
  render: () => html`<div @cibtp-navigate=${keep}><cibtp-side-bar></cibtp-side-bar></div>`,
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cibtp-side-bar nav[data-part="bar"]');
  },
};

/**
 * `compact`: icons only, each link still named (its label visually hidden); hover or focus an icon to see
 * its label in a tooltip (Escape hides it). The bar sits on the right, as on the page.
 */
export const Compact: Story = {
  render: (_args, context) => html`<div @cibtp-navigate=${keep} style="display: flex; flex-direction: column; align-items: flex-end; gap: 1rem">
    <p style="margin: 0">${storyLocale(context.globals) === 'en'
      ? 'Compact bar: each function’s name shows when its icon is hovered or focused.'
      : 'Barre compacte : le nom de chaque fonction s’affiche au survol ou au focus de son icône.'}</p>
    <cibtp-side-bar compact></cibtp-side-bar>
  </div>`,
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cibtp-side-bar[compact] nav[data-part="bar"]');
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
      <cibtp-side-bar></cibtp-side-bar>
    </cibtp-portal>`,
  )}`,
  play: async ({ canvasElement }) => {
    const bar = await find(canvasElement, 'cibtp-side-bar');
    await waitFor(() => expect(bar.textContent ?? '').toMatch(/Contact my fund/), { timeout: 5000 });
  },
};
