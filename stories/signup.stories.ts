import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { waitFor } from 'storybook/test';
import { DEMO_SIGNUP, DEMO_WORKERS } from '../mock-server/index.js';
import { backend, clock, fill, find, submit, waitForText, type MockParameters } from './support.js';

const meta = {
  title: 'Widgets/Signup',
  component: 'cibtp-signup',
  args: { type: 'entreprise' },
  argTypes: { type: { control: 'inline-radio', options: ['entreprise', 'salarie'] } },
  render: (args) => html`<cibtp-signup type=${String(args['type'])}></cibtp-signup>`,
  parameters: {
    docs: {
      description: {
        component:
          'Création d’un espace sécurisé, en deux étapes : entreprise (identifiant CIBTP, SIRET, code confidentiel, puis le compte) ou salarié (état civil, puis le compte avec mobile certifié et question secrète).',
      },
    },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const WIDGET = 'cibtp-signup';
const PASSWORD = 'Echafaudage-2027!';
const mock = (parameters: MockParameters) => ({ mock: parameters });
const worker = { args: { type: 'salarie' } };

function siret(): string {
  return backend.db.sites.find((s) => s.identifiantCibtp === DEMO_SIGNUP.company.identifiantCibtp)?.siret ?? '';
}

async function heading(root: HTMLElement, pattern: RegExp): Promise<void> {
  const el = await find(root, WIDGET);
  await waitFor(() => {
    if (!pattern.test(el.querySelector('h2')?.textContent ?? '')) throw new Error(`heading is not ${pattern}`);
  }, { timeout: 8000 });
}

async function identifyCompany(root: HTMLElement, code: string = DEMO_SIGNUP.company.confidentialCode): Promise<void> {
  await fill(root, `${WIDGET} input[name="identifiantCibtp"]`, DEMO_SIGNUP.company.identifiantCibtp);
  await fill(root, `${WIDGET} input[name="siret"]`, siret());
  await fill(root, `${WIDGET} input[name="confidentialCode"]`, code);
  await submit(await find(root, WIDGET));
}

async function toCompanyAccount(root: HTMLElement): Promise<void> {
  await identifyCompany(root);
  await heading(root, /Création de votre compte|Creating your account/);
  await find(root, `${WIDGET} cibtp-password-field input[name="password"]`, 8000);
}

async function fillCompanyAccount(root: HTMLElement, email = 'emilie.garnier@garnier-renov.fr'): Promise<void> {
  await fill(root, `${WIDGET} input[name="email"]`, email);
  await fill(root, `${WIDGET} input[name="email-confirmation"]`, email);
  await fill(root, `${WIDGET} input[name="password"]`, PASSWORD);
  await fill(root, `${WIDGET} input[name="password-confirmation"]`, PASSWORD);
}

/** Chooses an option once the select is there (a widget waits for its texts before its first render). */
async function choose(root: HTMLElement, selector: string, value: string): Promise<void> {
  const select = await find<HTMLSelectElement>(root, selector);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

async function identifyWorkerAbroad(root: HTMLElement): Promise<void> {
  await fill(root, `${WIDGET} input[name="birthName"]`, 'Da Silva');
  await fill(root, `${WIDGET} input[name="firstNames"]`, 'João Miguel');
  await choose(root, `${WIDGET} select[name="birthCountry"]`, 'PT');
  await fill(root, `${WIDGET} input[name="identifiantCibtp"]`, DEMO_WORKERS.bornAbroad);
  await fill(root, `${WIDGET} input[name="birthDate-day"]`, '30');
  await fill(root, `${WIDGET} input[name="birthDate-month"]`, '9');
  await fill(root, `${WIDGET} input[name="birthDate-year"]`, '1979');
  (await find<HTMLInputElement>(root, `${WIDGET} input[name="sex"][value="M"]`)).click();
  await submit(await find(root, WIDGET));
}

async function expectProblem(root: HTMLElement, pattern: RegExp): Promise<void> {
  await waitForText(await find(root, `${WIDGET} [data-part="error-summary"]`, 8000), pattern, 8000);
}

/** Certifies the mobile with the code the mock « sent » (shown in the outbox panel). */
async function certifyMobile(root: HTMLElement): Promise<void> {
  await fill(root, `${WIDGET} cibtp-phone-field[name="mobilePhone"] input[type="tel"]`, '06 12 34 56 78');
  const certify = await find<HTMLButtonElement>(root, `${WIDGET} cibtp-phone-field[name="mobilePhone"] [data-part="certify"]`);
  certify.click();
  const code = await waitFor(() => {
    const sms = backend.outbox.last({ kind: 'sms' });
    if (!sms?.code) throw new Error('no SMS yet');
    return sms.code;
  }, { timeout: 8000 });
  await fill(root, `${WIDGET} dialog input[autocomplete="one-time-code"]`, code);
  (await find<HTMLButtonElement>(root, `${WIDGET} dialog [data-part="submit"]`)).click();
  await find(root, `${WIDGET} cibtp-phone-field[certified]`, 8000);
}

// ---- company -----------------------------------------------------------------------------------

export const CompanyStep1: Story = {};

export const CompanyRefused: Story = {
  play: async ({ canvasElement }) => {
    await identifyCompany(canvasElement, 'ABCD1234');
    await expectProblem(canvasElement, /ne permettent pas de vous identifier|do not allow us to identify you/i);
  },
};

/** Five refusals in a row lock the identifiant for a while: the summary counts down. */
export const CompanyLocked: Story = {
  play: async ({ canvasElement }) => {
    for (let i = 0; i < 6; i++) {
      await identifyCompany(canvasElement, 'ABCD1234');
      const box = await find(canvasElement, `${WIDGET} [data-part="error-summary"]`, 8000);
      if (/Trop de tentatives|Too many attempts/.test(box.textContent ?? '')) return;
    }
  },
};

export const CompanyStep2: Story = {
  play: async ({ canvasElement }) => toCompanyAccount(canvasElement),
};

export const CompanyStep2Errors: Story = {
  play: async ({ canvasElement }) => {
    await toCompanyAccount(canvasElement);
    await fill(canvasElement, `${WIDGET} input[name="email"]`, DEMO_SIGNUP.emailInUse);
    await fill(canvasElement, `${WIDGET} input[name="email-confirmation"]`, 'autre@exemple.fr');
    await fill(canvasElement, `${WIDGET} input[name="password"]`, 'court');
    await submit(await find(canvasElement, WIDGET));
    await expectProblem(canvasElement, /ne correspond pas|does not match/i);
  },
};

export const CompanyEmailInUse: Story = {
  play: async ({ canvasElement }) => {
    await toCompanyAccount(canvasElement);
    await fillCompanyAccount(canvasElement, DEMO_SIGNUP.emailInUse);
    await submit(await find(canvasElement, WIDGET));
    await expectProblem(canvasElement, /déjà utilisée|already used/i);
  },
};

export const CompanyCertifiedMobile: Story = {
  play: async ({ canvasElement }) => {
    await toCompanyAccount(canvasElement);
    await certifyMobile(canvasElement);
  },
};

export const CompanyTicketExpired: Story = {
  play: async ({ canvasElement }) => {
    await toCompanyAccount(canvasElement);
    await fillCompanyAccount(canvasElement);
    clock.offset += 31 * 60_000;
    await submit(await find(canvasElement, WIDGET));
    await expectProblem(canvasElement, /délai|time allowed/i);
  },
};

export const CompanyNetworkError: Story = {
  parameters: mock({ faults: [{ operation: 'registerCompany', fault: { kind: 'network' } }] }),
  play: async ({ canvasElement }) => {
    await toCompanyAccount(canvasElement);
    await fillCompanyAccount(canvasElement);
    await submit(await find(canvasElement, WIDGET));
    await expectProblem(canvasElement, /joindre le service|cannot be reached/i);
  },
};

export const CompanyDone: Story = {
  play: async ({ canvasElement }) => {
    await toCompanyAccount(canvasElement);
    await fillCompanyAccount(canvasElement);
    await submit(await find(canvasElement, WIDGET));
    await heading(canvasElement, /Activez votre espace|Activate your secure space/);
  },
};

// ---- worker ------------------------------------------------------------------------------------

export const WorkerStep1: Story = { ...worker };

export const WorkerBornInFrance: Story = {
  ...worker,
  play: async ({ canvasElement }) => {
    await choose(canvasElement, `${WIDGET} select[name="birthCountry"]`, 'FR');
    await find(canvasElement, `${WIDGET} select[name="birthDepartement"]`);
    await choose(canvasElement, `${WIDGET} select[name="birthDepartement"]`, '75');
    await fill(canvasElement, `${WIDGET} [role="combobox"]`, 'Pari');
    await find(canvasElement, `${WIDGET} [role="option"]`, 8000);
  },
};

export const WorkerRefused: Story = {
  ...worker,
  play: async ({ canvasElement }) => {
    await fill(canvasElement, `${WIDGET} input[name="birthName"]`, 'Da Silva');
    await fill(canvasElement, `${WIDGET} input[name="firstNames"]`, 'João');
    await choose(canvasElement, `${WIDGET} select[name="birthCountry"]`, 'PT');
    await fill(canvasElement, `${WIDGET} input[name="identifiantCibtp"]`, DEMO_WORKERS.bornAbroad);
    await fill(canvasElement, `${WIDGET} input[name="birthDate-day"]`, '1');
    await fill(canvasElement, `${WIDGET} input[name="birthDate-month"]`, '1');
    await fill(canvasElement, `${WIDGET} input[name="birthDate-year"]`, '1980');
    (await find<HTMLInputElement>(canvasElement, `${WIDGET} input[name="sex"][value="M"]`)).click();
    await submit(await find(canvasElement, WIDGET));
    await expectProblem(canvasElement, /contactez votre caisse|contact your CIBTP caisse/i);
  },
};

export const WorkerStep2: Story = {
  ...worker,
  play: async ({ canvasElement }) => {
    await identifyWorkerAbroad(canvasElement);
    await heading(canvasElement, /Création de votre compte|Creating your account/);
  },
};

export const WorkerStep2Errors: Story = {
  ...worker,
  play: async ({ canvasElement }) => {
    await identifyWorkerAbroad(canvasElement);
    await heading(canvasElement, /Création de votre compte|Creating your account/);
    await find(canvasElement, `${WIDGET} cibtp-phone-field input[type="tel"]`, 8000);
    await fill(canvasElement, `${WIDGET} cibtp-phone-field[name="mobilePhone"] input[type="tel"]`, '06 12 34 56 78');
    await submit(await find(canvasElement, WIDGET));
    await expectProblem(canvasElement, /certifiez|verify this number/i);
  },
};

export const WorkerCertifiedMobile: Story = {
  ...worker,
  play: async ({ canvasElement }) => {
    await identifyWorkerAbroad(canvasElement);
    await find(canvasElement, `${WIDGET} cibtp-phone-field input[type="tel"]`, 8000);
    await certifyMobile(canvasElement);
  },
};

export const WorkerDone: Story = {
  ...worker,
  play: async ({ canvasElement }) => {
    await identifyWorkerAbroad(canvasElement);
    await find(canvasElement, `${WIDGET} cibtp-phone-field input[type="tel"]`, 8000);
    await fill(canvasElement, `${WIDGET} input[name="email"]`, 'joao.dasilva@exemple.fr');
    await fill(canvasElement, `${WIDGET} input[name="password"]`, PASSWORD);
    await fill(canvasElement, `${WIDGET} input[name="password-confirmation"]`, PASSWORD);
    await certifyMobile(canvasElement);
    const question = await waitFor(() => {
      const select = canvasElement.querySelector<HTMLSelectElement>(`${WIDGET} select[name="secretQuestion"]`);
      if (!select || select.options.length < 2) throw new Error('no questions yet');
      return select.options[1]!.value;
    }, { timeout: 8000 });
    await choose(canvasElement, `${WIDGET} select[name="secretQuestion"]`, question);
    await fill(canvasElement, `${WIDGET} input[name="secretAnswer"]`, 'Médor');
    await submit(await find(canvasElement, WIDGET));
    await heading(canvasElement, /Activez votre espace|Activate your secure space/);
  },
};
