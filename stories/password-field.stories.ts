import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { http, HttpResponse } from 'msw';
import type { MswApi } from 'msw-storybook-addon';
import { expect, userEvent, waitFor } from 'storybook/test';
import { fill, find, inDocsExample, storyLocale, waitForText } from './support.js';

/**
 * `<cibtp-password-field>` as a caisse uses it on its own page: inside its own `<form>` (native
 * validation on), next to its own submit button. The wizards of the kit use the same element in their
 * forms, with their own messages (`HostError`).
 */
const meta = {
  title: 'Fields/Password field',
  component: 'cibtp-password-field',
  render: (_args, context) => page(storyLocale(context.globals), html`<cibtp-password-field confirm required required-note></cibtp-password-field>`),
  parameters: {
    docs: {
      description: {
        component:
          'Mot de passe et confirmation, avec boutons Afficher/Masquer et la politique de la caisse en liste de contrôle.',
      },
    },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const FIELD = 'cibtp-password-field';
const PASSWORD = `${FIELD} input[name="password"]`;
const CONFIRMATION = `${FIELD} input[name="password-confirmation"]`;
const STRONG = 'Echafaudage-2027';

/** A caisse's own form around the field (its button is the caisse's: not the kit's styles). */
function page(locale: string, field: TemplateResult): TemplateResult {
  return html`<form @submit=${(event: Event) => event.preventDefault()}>
    ${field}
    <p><button type="submit">${locale === 'en' ? 'Save' : 'Enregistrer'}</button></p>
  </form>`;
}

/**
 * The user leaves the input: Tab, or, in a docs example (which must not take the focus, see
 * `fill`), the events the browser would fire.
 */
async function leave(root: ParentNode, selector: string): Promise<void> {
  const input = await find<HTMLInputElement>(root, selector);
  if (inDocsExample()) {
    input.dispatchEvent(new FocusEvent('blur'));
    input.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    return;
  }
  await userEvent.tab();
}

/** Nothing typed yet: the checklist shows the caisse's policy (served by the mock). */
export const Empty: Story = {};

/** Half of the rules met while typing: no message yet (the user has not left the input). */
export const Typing: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, PASSWORD, 'chantiers');
    await find(canvasElement, `${FIELD} [data-part="password-rules"] [data-ok="true"]`);
  },
};

/** Every rule met, and the confirmation matches. */
export const AllRulesMet: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, PASSWORD, STRONG);
    await fill(canvasElement, CONFIRMATION, STRONG);
    const rules = await find(canvasElement, `${FIELD} [data-part="password-rules"]`);
    await waitFor(() => expect(rules.querySelector('[data-ok="false"]')).toBeNull());
  },
};

/** The confirmation differs: said once the user leaves it, and the caisse's form refuses to submit. */
export const Mismatch: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, PASSWORD, STRONG);
    await fill(canvasElement, CONFIRMATION, 'Echafaudage-2028');
    await leave(canvasElement, CONFIRMATION);
    await waitForText(await find(canvasElement, `${FIELD} .cibtp-field-error`), /ne correspond pas|does not match/i);
  },
};

/**
 * A host form that shows its own messages (a wizard's, with its error summary) sets `error` /
 * `confirmError`: the element shows those only.
 */
export const HostError: Story = {
  render: (_args, context) => {
    const english = storyLocale(context.globals) === 'en';
    const error = english
      ? 'Password: you used this password recently, choose another one'
      : 'Mot de passe : vous avez déjà utilisé ce mot de passe récemment, choisissez-en un autre';
    return page(english ? 'en' : 'fr', html`<cibtp-password-field confirm required required-note .error=${error}></cibtp-password-field>`);
  },
  play: async ({ canvasElement }) => {
    await waitForText(await find(canvasElement, `${FIELD} .cibtp-field-error`), /déjà utilisé|used this password/);
  },
};

/** Signing in, or re-authenticating: the current password alone, without checklist nor request. */
export const CurrentPassword: Story = {
  render: (_args, context) =>
    page(storyLocale(context.globals), html`<cibtp-password-field autocomplete="current-password" required required-note></cibtp-password-field>`),
};

/** A caisse whose backend serves its own policy (12 characters, lower case and digits). */
export const CaissePolicy: Story = {
  beforeEach: (context) => {
    const msw = (context as unknown as { msw: MswApi }).msw;
    msw.use(
      http.get('*/api/password/policy', () =>
        HttpResponse.json({ minLength: 12, maxLength: 64, minCategories: 2, categories: ['lower', 'digit'] }),
      ),
    );
  },
  render: (_args, context) => page(storyLocale(context.globals), html`<cibtp-password-field required required-note></cibtp-password-field>`),
  play: async ({ canvasElement }) => {
    await waitForText(await find(canvasElement, `${FIELD} [data-part="password-rules"]`), /12/);
  },
};

/**
 * In English whatever the « Langue » toolbar says: a page whose portal is in English (`locale="en"`),
 * with a policy the host page gives (`.policy`), half met.
 */
export const English: Story = {
  render: (_args, context) =>
    // A new inner portal at each render, so that it sets English after the story's outer one.
    html`${keyed(
      storyLocale(context.globals),
      html`<cibtp-portal base-url="/api/" locale="en">
        ${page('en', html`<cibtp-password-field
          confirm
          required
          required-note
          .policy=${{ minLength: 10, maxLength: 64, minCategories: 2, categories: ['upper', 'lower', 'digit'] }}
        ></cibtp-password-field>`)}
      </cibtp-portal>`,
    )}`,
  play: async ({ canvasElement }) => {
    await waitForText(await find(canvasElement, FIELD), /Confirm password/);
    await fill(canvasElement, PASSWORD, 'Chantier');
  },
};
