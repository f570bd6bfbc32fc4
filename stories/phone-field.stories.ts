import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../components/phone-field/phone-field.js';
import { backend, fill, find, inDocsExample, storyLocale, waitForText } from './support.js';

/**
 * `<cibtp-phone-field>` as a caisse uses it on its own page: inside its own `<form>` (native validation
 * on), a mobile that can be certified by SMS and a fixed line. The signup wizards use the same element
 * in their forms, with their own messages (`HostError`).
 */
const meta = {
  title: 'Fields/Phone field',
  component: 'cibtp-phone-field',
  render: (_args, context) => page(storyLocale(context.globals)),
  parameters: {
    docs: {
      description: {
        component:
          'Numéro de téléphone : pays (France +33 par défaut), numéro formaté à la sortie du champ, mobile certifiable par un code reçu par SMS.',
      },
    },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const MOBILE = 'cibtp-phone-field[name="mobile"]';
const MOBILE_INPUT = `${MOBILE} input[type="tel"]`;

/** A caisse's own form around the fields (its button is the caisse's: not the kit's styles). */
function page(locale: string, mobile: TemplateResult = html`<cibtp-phone-field name="mobile" required certify></cibtp-phone-field>`): TemplateResult {
  return html`<form @submit=${(event: Event) => event.preventDefault()}>
    ${mobile}
    <p></p>
    <cibtp-phone-field name="fixe" kind="fixed"></cibtp-phone-field>
    <p><button type="submit">${locale === 'en' ? 'Save' : 'Enregistrer'}</button></p>
  </form>`;
}

/** Types a number and leaves the field (Tab; in a docs example, `fill` fires the change already). */
async function typeNumber(root: ParentNode, value: string): Promise<void> {
  await fill(root, MOBILE_INPUT, value);
  if (!inDocsExample()) await userEvent.tab();
}

/** Nothing typed yet: France (+33) is selected, the hint gives an example. */
export const Empty: Story = {};

/** A number that cannot be one: said once the field is left, with an example of the chosen country. */
export const Invalid: Story = {
  play: async ({ canvasElement }) => {
    await typeNumber(canvasElement, '06 12');
    await waitForText(await find(canvasElement, `${MOBILE} .cibtp-field-error`), /format invalide|correct format/);
  },
};

/** A landline in the mobile field: refused, by name. */
export const LandlineInMobile: Story = {
  play: async ({ canvasElement }) => {
    await typeNumber(canvasElement, '01 23 45 67 89');
    await waitForText(await find(canvasElement, `${MOBILE} .cibtp-field-error`), /est un fixe|landline/);
  },
};

/** Autofill gives an international number: the country follows (Portugal), the number is shown as written there. */
export const OtherCountry: Story = {
  play: async ({ canvasElement }) => {
    await typeNumber(canvasElement, '+351 912 345 678');
    const select = await find<HTMLSelectElement>(canvasElement, `${MOBILE} select`);
    await waitFor(() => expect(select.value).toBe('PT'));
  },
};

/** A number the host knows to be certified (`certified`): the badge says so in words. */
export const Certified: Story = {
  render: (_args, context) =>
    page(storyLocale(context.globals), html`<cibtp-phone-field name="mobile" certify certified .value=${'+33612345678'}></cibtp-phone-field>`),
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${MOBILE} [data-part="certified"]`);
  },
};

/** « Certifier »: the dialog asks for the code sent by SMS (the mock's outbox panel shows it). */
export const CertifyDialog: Story = {
  play: async ({ canvasElement }) => {
    await typeNumber(canvasElement, '06 12 34 56 78');
    (await find<HTMLButtonElement>(canvasElement, `${MOBILE} [data-part="certify"]`)).click();
    await find(canvasElement, `${MOBILE} dialog input[autocomplete="one-time-code"]`, 8000);
  },
};

/** A wrong code: the dialog says how many attempts are left. */
export const WrongCode: Story = {
  play: async ({ canvasElement }) => {
    await typeNumber(canvasElement, '06 12 34 56 78');
    (await find<HTMLButtonElement>(canvasElement, `${MOBILE} [data-part="certify"]`)).click();
    await find(canvasElement, `${MOBILE} dialog input[autocomplete="one-time-code"]`, 8000);
    const sent = backend.outbox.last({ kind: 'sms', to: '+33612345678' })?.code;
    await fill(canvasElement, `${MOBILE} dialog input[autocomplete="one-time-code"]`, sent === '000000' ? '111111' : '000000');
    (await find<HTMLButtonElement>(canvasElement, `${MOBILE} dialog [data-part="submit"]`)).click();
    await waitForText(await find(canvasElement, `${MOBILE} dialog [data-part="error-summary"]`, 8000), /2 tentatives|2 attempts/);
  },
};

/** The right code: the dialog closes and the badge shows. */
export const CertifiedByCode: Story = {
  play: async ({ canvasElement }) => {
    await typeNumber(canvasElement, '07 81 23 45 67');
    (await find<HTMLButtonElement>(canvasElement, `${MOBILE} [data-part="certify"]`)).click();
    await find(canvasElement, `${MOBILE} dialog input[autocomplete="one-time-code"]`, 8000);
    const sent = backend.outbox.last({ kind: 'sms', to: '+33781234567' })?.code ?? '';
    await fill(canvasElement, `${MOBILE} dialog input[autocomplete="one-time-code"]`, sent);
    (await find<HTMLButtonElement>(canvasElement, `${MOBILE} dialog [data-part="submit"]`)).click();
    await find(canvasElement, `${MOBILE}[certified]`, 8000);
  },
};

/** A host form (a wizard's, with its error summary) gives its own message with `error`: the field shows it alone. */
export const HostError: Story = {
  render: (_args, context) => {
    const english = storyLocale(context.globals) === 'en';
    const error = english
      ? 'Mobile phone: verify this number with the code we text you (“Verify” button)'
      : 'Téléphone mobile : certifiez ce numéro avec le code reçu par SMS (bouton « Certifier »)';
    return page(english ? 'en' : 'fr', html`<cibtp-phone-field name="mobile" required certify .value=${'+33698765432'} .error=${error}></cibtp-phone-field>`);
  },
  play: async ({ canvasElement }) => {
    await waitForText(await find(canvasElement, `${MOBILE} .cibtp-field-error`), /certifiez|verify this number/);
  },
};
