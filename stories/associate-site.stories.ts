import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { http, HttpResponse } from 'msw';
import type { MswApi } from 'msw-storybook-addon';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SIGNUP } from '../mock-server/index.js';
import { backend, fill, find, submit, waitForText, type MockParameters } from './support.js';

const meta = {
  title: 'Widgets/Associate site',
  component: 'cibtp-associate-site',
  render: () => html`<cibtp-associate-site></cibtp-associate-site>`,
  parameters: {
    docs: {
      description: {
        component: 'D’autres sites déclarants ? Je les associe à un espace existant : le nouveau site (identifiant CIBTP, SIRET, code confidentiel), puis l’adresse et le mot de passe du compte existant.',
      },
    },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const WIDGET = 'cibtp-associate-site';
const SITE = DEMO_SIGNUP.association;
const mock = (parameters: MockParameters) => ({ mock: parameters });

/** The SIRET of the demo site to associate (the mock's seed computes it). */
function siret(): string {
  return backend.db.sites.find((s) => s.identifiantCibtp === SITE.identifiantCibtp)?.siret ?? '';
}

async function identify(root: HTMLElement, code: string = SITE.confidentialCode): Promise<void> {
  await fill(root, `${WIDGET} input[name="identifiantCibtp"]`, SITE.identifiantCibtp);
  await fill(root, `${WIDGET} input[name="siret"]`, siret());
  await fill(root, `${WIDGET} input[name="confidentialCode"]`, code);
  await submit(await find(root, WIDGET));
}

async function toLogin(root: HTMLElement): Promise<void> {
  await identify(root);
  await find(root, `${WIDGET} input[name="password"]`, 8000);
}

async function signIn(root: HTMLElement, email: string, password = DEMO_PASSWORD): Promise<void> {
  await fill(root, `${WIDGET} input[name="email"]`, email);
  await fill(root, `${WIDGET} input[name="password"]`, password);
  await submit(await find(root, WIDGET));
}

async function expectProblem(root: HTMLElement, pattern: RegExp): Promise<void> {
  await waitForText(await find(root, `${WIDGET} [data-part="error-summary"]`, 8000), pattern);
}

/** Step 1: the new site's identifiant CIBTP, SIRET and code confidentiel. */
export const NewSite: Story = {};

export const NewSiteRequired: Story = {
  play: async ({ canvasElement }) => {
    await submit(await find(canvasElement, WIDGET));
    await expectProblem(canvasElement, /obligatoire|required/i);
  },
};

/** Wrong details: one message, naming no field. */
export const IdentificationFailed: Story = {
  play: async ({ canvasElement }) => {
    await identify(canvasElement, 'ZZZZ9999');
    await expectProblem(canvasElement, /ne permettent pas de vous identifier|do not allow us to identify you/i);
  },
};

export const IdentifyRateLimited: Story = {
  beforeEach: (context) => {
    const msw = (context as unknown as { msw: MswApi }).msw;
    msw.use(
      http.post('*/api/signup/company/identify', () =>
        HttpResponse.json({ code: 'rate-limited' }, { status: 429, headers: { 'Retry-After': '90' } }),
      ),
    );
  },
  play: async ({ canvasElement }) => {
    await identify(canvasElement);
    await expectProblem(canvasElement, /Trop de tentatives|Too many attempts/i);
  },
};

export const IdentifyNetworkError: Story = {
  parameters: mock({ faults: [{ operation: 'identifyCompany', fault: { kind: 'network' } }] }),
  play: async ({ canvasElement }) => {
    await identify(canvasElement);
    await expectProblem(canvasElement, /joindre le service|cannot be reached/i);
  },
};

/** Step 2: the existing login's email address and password. */
export const ExistingLogin: Story = {
  play: async ({ canvasElement }) => {
    await toLogin(canvasElement);
  },
};

export const InvalidCredentials: Story = {
  play: async ({ canvasElement }) => {
    await toLogin(canvasElement);
    await signIn(canvasElement, DEMO_ACCOUNTS.admin, 'Pas-le-bon-1');
    await expectProblem(canvasElement, /incorrect/i);
  },
};

export const Locked: Story = {
  play: async ({ canvasElement }) => {
    await toLogin(canvasElement);
    await signIn(canvasElement, DEMO_ACCOUNTS.locked);
    await expectProblem(canvasElement, /bloqué|locked/i);
  },
};

/** The ticket of step 1 ran out: back to step 1, with why. */
export const TicketExpired: Story = {
  beforeEach: (context) => {
    const msw = (context as unknown as { msw: MswApi }).msw;
    msw.use(http.post('*/api/signup/associate', () => HttpResponse.json({ code: 'link-expired' }, { status: 410 })));
  },
  play: async ({ canvasElement }) => {
    await toLogin(canvasElement);
    await signIn(canvasElement, DEMO_ACCOUNTS.admin);
    await expectProblem(canvasElement, /délai|time allowed/i);
  },
};

export const Loading: Story = {
  parameters: mock({ faults: [{ operation: 'associateSite', fault: { kind: 'latency', ms: 600_000 } }] }),
  play: async ({ canvasElement }) => {
    await toLogin(canvasElement);
    await signIn(canvasElement, DEMO_ACCOUNTS.admin);
    await waitForText(await find(canvasElement, WIDGET), /./);
    await find(canvasElement, `${WIDGET} form[aria-busy="true"]`, 5000);
  },
};

/** « Association effectuée », naming the site, and the way back to the login. */
export const Associated: Story = {
  play: async ({ canvasElement }) => {
    await toLogin(canvasElement);
    await signIn(canvasElement, DEMO_ACCOUNTS.admin);
    await waitForText(await find(canvasElement, WIDGET), /Association effectuée|Site added/i, 8000);
  },
};
