import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { DEMO_ACCOUNTS } from '../mock-server/index.js';
import type { PortalClient } from '../sdk/index.js';
import { fill, find, signedInLoader, storyLocale, submit, type MockParameters } from './support.js';

/**
 * `<cibtp-delegation-wizard>` of *Gérer les droits d’accès*: each story signs in through the SDK against
 * the mock in its loader (once per story run, so that a change of the « Langue » toolbar keeps the
 * session and the state), and renders the wizard inside a `<cibtp-portal>` given that client. The play
 * functions go through the steps with selectors, never with the words shown (they play in both languages).
 */
const meta = {
  title: 'Widgets/Delegation wizard',
  component: 'cibtp-delegation-wizard',
  parameters: {
    docs: {
      description: {
        component:
          'Ajouter, modifier ou consulter une délégation, ou déléguer au cabinet comptable : le bénéficiaire et les dates, puis la matrice des droits, bornée par les droits du délégant.',
      },
    },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const WIZARD = 'cibtp-delegation-wizard';

interface WizardOptions {
  id?: string;
  readonly?: boolean;
  cabinet?: boolean;
}

function wizard(context: StoryContext, o: WizardOptions = {}): TemplateResult {
  const client = context.loaded['client'] as PortalClient | undefined;
  return html`<cibtp-portal .client=${client} locale=${storyLocale(context.globals)} @cibtp-navigate=${(event: Event) => event.preventDefault()}>
    <cibtp-delegation-wizard
      delegation-id=${o.id ?? nothing}
      ?readonly=${o.readonly ?? false}
      ?cabinet=${o.cabinet ?? false}
    ></cibtp-delegation-wizard>
  </cibtp-portal>`;
}

const mock = (parameters: MockParameters) => ({ mock: parameters });
const admin = signedInLoader(DEMO_ACCOUNTS.admin);
/** The accounting firm, on the first of its 3,000 members. */
const firm = signedInLoader(DEMO_ACCOUNTS.cabinet, { sort: 'raisonSociale', direction: 'asc' });

/** Step 1 is shown (its form, the loads done). */
async function step1(root: HTMLElement): Promise<HTMLElement> {
  await find(root, `${WIZARD} form input[type="date"]`, 8000);
  return find(root, WIZARD);
}

/** Step 1 filled with `email` and sent: step 2's matrix, its rows loaded. */
async function step2(root: HTMLElement, email?: string): Promise<HTMLElement> {
  const el = await step1(root);
  if (email) await fill(el, 'input[type="email"]', email);
  await submit(el);
  await find(el, 'cibtp-rights-matrix tr[data-function]', 8000);
  return el;
}

/** A date typed as the browser's date picker sets it (an ISO value, then `input` and `change`). */
async function setDate(root: HTMLElement, name: string, iso: string): Promise<void> {
  const input = await find<HTMLInputElement>(root, `input[name="${name}"]`);
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, iso);
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The radio of `fn`'s `mode` in the matrix, clicked (a click on the input itself takes no focus in a docs page). */
async function tick(root: HTMLElement, fn: string, mode: string): Promise<void> {
  (await find<HTMLInputElement>(root, `tr[data-function="${fn}"] input[value="${mode}"]`)).click();
}

function yesterday(): string {
  const d = new Date(Date.now() - 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** *Ajouter une délégation*, step 1: the delegate's email, the date d'effet (today), an optional date de fin. */
export const Step1: Story = {
  loaders: [admin],
  render: (_args, context) => wizard(context),
  play: async ({ canvasElement }) => {
    await step1(canvasElement);
  },
};

/** *Continuer* with no email and a date d'effet in the past: the error summary and each field's message. */
export const Step1WithErrors: Story = {
  loaders: [admin],
  render: (_args, context) => wizard(context),
  play: async ({ canvasElement }) => {
    const el = await step1(canvasElement);
    await setDate(el, 'effectiveDate', yesterday());
    await submit(el);
    await waitFor(() => expect(el.querySelectorAll('[data-part="error-summary"] li').length).toBe(2), { timeout: 5000 });
  },
};

/** Step 2 for the member's administrator: the whole matrix, a recap of step 1 above it. */
export const Step2Administrator: Story = {
  loaders: [admin],
  render: (_args, context) => wizard(context),
  play: async ({ canvasElement }) => {
    const el = await step2(canvasElement, 'nouvelle.recrue@durand-btp.fr');
    await tick(el, 'declarations-salaires', 'write');
    await tick(el, 'documents', 'read');
  },
};

/**
 * Step 2 for the accounting firm sub-delegating to a collaborator: bounded by what it received (no bank
 * accounts, online payments nor bad-weather claims; read only on the member's information and account).
 */
export const Step2Bounded: Story = {
  loaders: [firm],
  render: (_args, context) => wizard(context),
  play: async ({ canvasElement }) => {
    const el = await step2(canvasElement, 'collaborateur@comptagestion.fr');
    await find(el, 'cibtp-rights-matrix [data-part="bound"]');
  },
};

/** The *Administrateur* box ticked: every collège and every function in *Mise à jour*, locked. */
export const AdministratorTicked: Story = {
  loaders: [admin],
  render: (_args, context) => wizard(context),
  play: async ({ canvasElement }) => {
    const el = await step2(canvasElement, 'adjoint@durand-btp.fr');
    (await find<HTMLInputElement>(el, '[data-part="administrator"] input[type="checkbox"]')).click();
    await find(el, 'cibtp-rights-matrix [data-part="locked"]');
  },
};

/** *Modifier la délégation* of Sophie Martin (active): her name and email shown, her dates loaded. */
export const Modify: Story = {
  loaders: [admin],
  render: (_args, context) => wizard(context, { id: 'd-lyon-1' }),
  play: async ({ canvasElement }) => {
    const el = await step1(canvasElement);
    await find(el, '[data-part="beneficiary"]');
  },
};

/** Step 2 of the modification: her rights in the matrix. */
export const ModifyRights: Story = {
  loaders: [admin],
  render: (_args, context) => wizard(context, { id: 'd-lyon-1' }),
  play: async ({ canvasElement }) => {
    const el = await step2(canvasElement);
    await waitFor(() => expect(el.querySelector<HTMLInputElement>('tr[data-function="declarations-salaires"] input[value="write"]')?.checked).toBe(true), {
      timeout: 5000,
    });
  },
};

/** *Détail de la délégation* (`readonly`) of Émilie Girard: role, status, dates, the matrix as text; *Modifier*. */
export const View: Story = {
  loaders: [admin],
  render: (_args, context) => wizard(context, { id: 'd-lyon-3', readonly: true }),
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${WIZARD} cibtp-rights-matrix tr[data-function]`, 8000);
  },
};

/** *Déléguer à mon cabinet comptable*: the firm the caisse knows (FIDUCIAIRE DU RHÔNE) instead of an email. */
export const Cabinet: Story = {
  loaders: [admin],
  render: (_args, context) => wizard(context, { cabinet: true }),
  play: async ({ canvasElement }) => {
    const el = await step1(canvasElement);
    await find(el, '[data-part="beneficiary"]');
  },
};

/** *Valider* done: « Délégation enregistrée », the activation email sent (see it in the outbox below). */
export const Done: Story = {
  loaders: [admin],
  render: (_args, context) => wizard(context),
  play: async ({ canvasElement }) => {
    const el = await step2(canvasElement, 'paul.bernard@durand-btp.fr');
    await tick(el, 'gerer-salaries', 'write');
    await submit(el);
    await find(el, '[data-part="done"]', 8000);
  },
};

/** The user's own address: the backend refuses it, and the wizard goes back to step 1, on the email. */
export const OwnEmailRefused: Story = {
  loaders: [admin],
  render: (_args, context) => wizard(context),
  play: async ({ canvasElement }) => {
    const el = await step2(canvasElement, DEMO_ACCOUNTS.admin);
    await submit(el);
    await find(el, 'input[type="email"][aria-invalid="true"]', 8000);
  },
};

/** A delegation that no longer exists (deleted meanwhile): said, with *Retour à la liste*. */
export const NotFound: Story = {
  loaders: [admin],
  render: (_args, context) => wizard(context, { id: 'd-lyon-404', readonly: true }),
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${WIZARD} [data-part="notice"]`, 8000);
  },
};

/** A login that may not manage delegations on this tiers (a delegate at Saint-Étienne): the forbidden message. */
export const Forbidden: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.multi, 'durand-btp/saint-etienne')],
  render: (_args, context) => wizard(context),
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${WIZARD} [data-part="notice"]`, 8000);
  },
};

/** The user's rights on their way (held by the mock): « Chargement… ». */
export const Loading: Story = {
  loaders: [signedInLoader(DEMO_ACCOUNTS.admin, undefined, { patient: true })],
  parameters: mock({ faults: [{ operation: 'tiersRights', fault: { kind: 'latency', ms: 600_000 } }] }),
  render: (_args, context) => wizard(context),
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${WIZARD} [data-part="loading"]`, 8000);
  },
};

/** *Valider* meets a server failure (500): the summary says it, everything typed and ticked is kept. */
export const ServerError: Story = {
  loaders: [admin],
  parameters: mock({ faults: [{ operation: 'createDelegation', fault: { kind: 'server' } }] }),
  render: (_args, context) => wizard(context),
  play: async ({ canvasElement }) => {
    const el = await step2(canvasElement, 'lucie.moreau@durand-btp.fr');
    await tick(el, 'planning', 'write');
    await submit(el);
    await find(el, '[data-part="error-summary"]', 8000);
  },
};

/** The wizard cannot load what it needs (500 on the user's rights): the message and *Réessayer*. */
export const ServerErrorOnLoad: Story = {
  loaders: [admin],
  parameters: mock({ faults: [{ operation: 'tiersRights', fault: { kind: 'server' } }] }),
  render: (_args, context) => wizard(context),
  play: async ({ canvasElement }) => {
    await find(canvasElement, `${WIZARD} [data-part="notice"]`, 15_000);
  },
};
