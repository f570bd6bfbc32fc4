import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../components/rights-matrix/rights-matrix.js';
import { DEMO_ACCOUNTS } from '../mock-server/index.js';
import type { RightsGrant } from '../sdk/rules/rights.js';
import type { DelegationRights } from '../sdk/schemas/rights.js';
import { tiersRights } from '../sdk/tiers/operations.js';
import { find, keptForTheRun, signedInLoader, storyLocale, waitForText } from './support.js';

/**
 * `<cibtp-rights-matrix>` in a form, as the delegation wizard's step 2 or a caisse's own page uses it:
 * the rows come from the mock's rights catalogue; with a `max`, the delegator's own rights bound it.
 */
const meta = {
  title: 'Fields/Rights matrix',
  component: 'cibtp-rights-matrix',
  render: (_args, context) => page(storyLocale(context.globals)),
  parameters: {
    docs: {
      description: {
        component:
          'Matrice des droits d’une délégation : Administrateur, collèges Ouvrier / ETAM / Cadre, et pour chaque fonction Aucun droit / Consultation / Mise à jour, bornée par les droits du délégant.',
      },
    },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const MATRIX = 'cibtp-rights-matrix';

/** A form around the matrix (its button is the page's: not the kit's styles). */
function page(locale: string, matrix: TemplateResult = html`<cibtp-rights-matrix name="rights"></cibtp-rights-matrix>`): TemplateResult {
  return html`<form @submit=${(event: Event) => event.preventDefault()}>
    ${matrix}
    <p><button type="submit">${locale === 'en' ? 'Confirm' : 'Valider'}</button></p>
  </form>`;
}

/** The catalogue's rows are there. */
async function loaded(root: HTMLElement): Promise<HTMLElement> {
  await find(root, `${MATRIX} tr[data-function]`, 8000);
  return find(root, MATRIX);
}

/**
 * What the accounting firm holds on its first member (`cabinet@comptagestion.fr`: no bank accounts,
 * online payments nor bad-weather claims; read only on the member's information and account), asked of
 * the mock as the wizard does (`tiersRights`).
 */
const cabinetRights = async (): Promise<{ max: RightsGrant }> => {
  const { client } = await signedInLoader(DEMO_ACCOUNTS.cabinet, { sort: 'raisonSociale', direction: 'asc' })();
  return { max: await keptForTheRun('cabinet rights', () => tiersRights(client)) };
};

/** The guides' defaults: the three collèges, « Aucun droit » everywhere. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await loaded(canvasElement);
  },
};

/** « Consultation » chosen for the whole column, then « Mise à jour » on one row. */
export const ColumnThenRow: Story = {
  play: async ({ canvasElement }) => {
    const matrix = await loaded(canvasElement);
    // click(), not userEvent: a docs example must not take the focus from its page.
    (await find<HTMLInputElement>(matrix, '[data-part="column-controls"] input[value="read"]')).click();
    (await find<HTMLInputElement>(matrix, 'tr[data-function="gerer-salaries"] input[value="write"]')).click();
    await waitFor(() => expect((matrix as HTMLElement & { value: DelegationRights }).value.functions['gerer-salaries']).toBe('write'));
  },
};

/** The *Administrateur* box ticked: every collège and « Mise à jour » everywhere, locked, and why. */
export const Administrator: Story = {
  play: async ({ canvasElement }) => {
    const matrix = await loaded(canvasElement);
    (await find<HTMLInputElement>(matrix, '[data-part="administrator"] input')).click();
    await find(matrix, '[data-part="locked"]');
  },
};

/** Bounded by the accounting firm's own rights: what it does not hold is disabled, each row says why. */
export const BoundedByTheFirmsRights: Story = {
  loaders: [cabinetRights],
  render: (_args, { globals, loaded: data }) =>
    page(storyLocale(globals), html`<cibtp-rights-matrix name="rights" .max=${(data as { max: RightsGrant }).max}></cibtp-rights-matrix>`),
  play: async ({ canvasElement }) => {
    const matrix = await loaded(canvasElement);
    await find(matrix, '[data-part="bound"]');
    await find(matrix, 'tr[data-function="comptes-bancaires"] [data-part="note"]');
  },
};

/** A value given beyond the firm's rights (a bank-account right it does not hold): invalid, said on its row, not changed. */
export const BeyondYourRights: Story = {
  loaders: [cabinetRights],
  render: (_args, { globals, loaded: data }) =>
    page(storyLocale(globals), html`<cibtp-rights-matrix name="rights" .max=${(data as { max: RightsGrant }).max}
      .value=${{ administrator: false, colleges: ['ouvrier', 'etam', 'cadre'], functions: { 'comptes-bancaires': 'write', 'gerer-salaries': 'write' } }}></cibtp-rights-matrix>`),
  play: async ({ canvasElement }) => {
    const matrix = await loaded(canvasElement);
    await find(matrix, 'tr[data-function="comptes-bancaires"] .cibtp-field-error');
  },
};

/** Every collège unticked: « Cochez au moins un collège », and the form does not submit. */
export const NoCollege: Story = {
  render: (_args, context) =>
    page(storyLocale(context.globals), html`<cibtp-rights-matrix name="rights" .value=${{ administrator: false, colleges: [], functions: { planning: 'read' } }}></cibtp-rights-matrix>`),
  play: async ({ canvasElement }) => {
    const matrix = await loaded(canvasElement);
    await find(matrix, '[data-part="colleges"] .cibtp-field-error');
  },
};

/** Read-only (a delegation viewed): every row's mode in words, nothing to change. */
export const ReadOnly: Story = {
  render: (_args, context) =>
    page(storyLocale(context.globals), html`<cibtp-rights-matrix name="rights" readonly
      .value=${{ administrator: false, colleges: ['ouvrier', 'etam'], functions: { 'declarations-salaires': 'write', 'gerer-salaries': 'write', planning: 'read', documents: 'read' } }}></cibtp-rights-matrix>`),
  play: async ({ canvasElement }) => {
    await find(await loaded(canvasElement), '[data-part="summary"]');
  },
};

/** The catalogue on its way (held by the mock): « Chargement des fonctions… ». */
export const Loading: Story = {
  parameters: { mock: { faults: [{ operation: 'rightsCatalogue', fault: { kind: 'latency', ms: 600_000 } }] } },
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${MATRIX} [data-part="loading"]`, 8000);
  },
};

/** The catalogue cannot be loaded (500): the message and *Réessayer*; the collèges stay usable. */
export const CatalogueServerError: Story = {
  parameters: { mock: { faults: [{ operation: 'rightsCatalogue', fault: { kind: 'server' } }] } },
  play: async ({ canvasElement }) => {
    await waitForText(await find(canvasElement, `${MATRIX} [data-part="error"]`, 15_000), /difficulté temporaire|temporary problem/i);
  },
};
