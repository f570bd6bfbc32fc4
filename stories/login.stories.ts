import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { http, HttpResponse } from 'msw';
import type { MswApi } from 'msw-storybook-addon';
import { expect, waitFor } from 'storybook/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_WORKERS } from '../mock-server/index.js';
import { createPortalCore } from '../sdk/core.js';
import { franceConnectReturn, franceConnectStart } from '../sdk/signup/index.js';
import { backend, fill, find, keptForTheRun, storyLocale, submit, waitForText, type MockParameters } from './support.js';

const meta = {
  title: 'Widgets/Login',
  component: 'cibtp-login',
  render: () => html`<cibtp-login></cibtp-login>`,
  parameters: { docs: { description: { component: 'Connexion : identifiants, code à usage unique, choix du tiers.' } } },
} satisfies Meta;
export default meta;
type Story = StoryObj;

const EMAIL = 'cibtp-login input[autocomplete="username"]';
const PASSWORD = 'cibtp-login input[autocomplete="current-password"]';
const CODE = 'cibtp-login input[autocomplete="one-time-code"]';

async function signIn(root: HTMLElement, email: string, password = DEMO_PASSWORD): Promise<void> {
  await fill(root, EMAIL, email);
  await fill(root, PASSWORD, password);
  await submit(root.querySelector('cibtp-login') ?? root);
}

/** The error summary (focused after a failed submission) says `pattern`. */
async function expectProblem(root: HTMLElement, pattern: RegExp): Promise<void> {
  const summary = await find(root, 'cibtp-login [data-part="error-summary"]', 8000);
  await waitForText(summary, pattern);
}

const mock = (parameters: MockParameters) => ({ mock: parameters });

export const Idle: Story = {};

export const Loading: Story = {
  parameters: mock({ faults: [{ operation: 'login', fault: { kind: 'latency', ms: 600_000 } }] }),
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, DEMO_ACCOUNTS.admin);
    const form = await find(canvasElement, 'cibtp-login form');
    await waitFor(() => expect(form.getAttribute('aria-busy')).toBe('true'), { timeout: 5000 });
  },
};

export const InvalidCredentials: Story = {
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, DEMO_ACCOUNTS.admin, 'Pas-le-bon-1');
    await expectProblem(canvasElement, /incorrect/i);
  },
};

export const MissingFields: Story = {
  play: async ({ canvasElement }) => {
    await submit(await find(canvasElement, 'cibtp-login'));
    await expectProblem(canvasElement, /obligatoire|required/i);
  },
};

export const Locked: Story = {
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, DEMO_ACCOUNTS.locked);
    await expectProblem(canvasElement, /bloqué|locked/i);
  },
};

export const NotActivated: Story = {
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, DEMO_ACCOUNTS.notActivated);
    await expectProblem(canvasElement, /pas encore activé|not been activated yet/i);
  },
};

export const CertificationExpired: Story = {
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, DEMO_ACCOUNTS.certificationExpired);
    await expectProblem(canvasElement, /certification/i);
  },
};

/** 429 + Retry-After: the mock answers it to a too-early code resend; here the login route is overridden. */
export const RateLimited: Story = {
  beforeEach: (context) => {
    const msw = (context as unknown as { msw: MswApi }).msw;
    msw.use(
      http.post('*/api/auth/login', () =>
        HttpResponse.json(
          { code: 'rate-limited', retryAt: new Date(Date.now() + 45_000).toISOString() },
          { status: 429, headers: { 'Retry-After': '45' } },
        ),
      ),
    );
  },
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, DEMO_ACCOUNTS.admin);
    await expectProblem(canvasElement, /Trop de tentatives|Too many attempts/i);
  },
};

export const NetworkError: Story = {
  parameters: mock({ faults: [{ operation: 'login', fault: { kind: 'network' } }] }),
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, DEMO_ACCOUNTS.admin);
    await expectProblem(canvasElement, /joindre le service|cannot be reached/i);
  },
};

export const ServerError: Story = {
  parameters: mock({ faults: [{ operation: 'login', fault: { kind: 'server' } }] }),
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, DEMO_ACCOUNTS.admin);
    await expectProblem(canvasElement, /difficulté temporaire|temporary problem/i);
  },
};

export const MalformedAnswer: Story = {
  parameters: mock({ faults: [{ operation: 'login', fault: { kind: 'malformed' } }] }),
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, DEMO_ACCOUNTS.admin);
    await expectProblem(canvasElement, /réponse inattendue|unexpected response/i);
  },
};

/** A worker (salarié) receives a code by SMS at every login: read it in the outbox panel. */
export const OneTimeCode: Story = {
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, DEMO_ACCOUNTS.worker);
    await find(canvasElement, CODE, 8000);
  },
};

export const OneTimeCodeInvalid: Story = {
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, DEMO_ACCOUNTS.worker);
    const sms = await waitFor(() => {
      const message = backend.outbox.last({ kind: 'sms' });
      if (!message?.code) throw new Error('no SMS yet');
      return message;
    }, { timeout: 8000 });
    const wrong = sms.code === '000000' ? '111111' : '000000';
    await fill(canvasElement, CODE, wrong);
    await submit(await find(canvasElement, 'cibtp-login'));
    await expectProblem(canvasElement, /code incorrect|incorrect code/i);
  },
};

export const SignedInWithCode: Story = {
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, DEMO_ACCOUNTS.worker);
    await find(canvasElement, CODE, 8000);
    const code = backend.outbox.last({ kind: 'sms' })?.code ?? '';
    await fill(canvasElement, CODE, code);
    await submit(await find(canvasElement, 'cibtp-login'));
    await waitForText(await find(canvasElement, 'cibtp-login'), /Connexion réussie|Bienvenue|Signed in|Welcome/i, 8000);
  },
};

/**
 * An account with several adhérents / sites déclarants chooses the tiers it works for: « Étape 2 sur 2 »,
 * with `<cibtp-tiers-picker embedded>` (fetched only now).
 */
export const TiersChoice: Story = {
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, DEMO_ACCOUNTS.multi);
    await find(canvasElement, 'cibtp-login cibtp-tiers-picker input[type="radio"]', 8000);
  },
};

/** The Saint-Étienne site chosen in the picker, then *Valider*: signed in for it. */
export const SignedInAfterTiers: Story = {
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, DEMO_ACCOUNTS.multi);
    const first = await find<HTMLInputElement>(canvasElement, 'cibtp-login cibtp-tiers-picker input[type="radio"]', 8000);
    first.click();
    await submit(await find(canvasElement, 'cibtp-login cibtp-tiers-picker'));
    await waitForText(await find(canvasElement, 'cibtp-login'), /Connexion réussie|Bienvenue|Signed in|Welcome/i, 8000);
  },
};

export const Success: Story = {
  play: async ({ canvasElement }) => {
    await signIn(canvasElement, DEMO_ACCOUNTS.admin);
    await waitForText(await find(canvasElement, 'cibtp-login'), /Connexion réussie|Bienvenue|Signed in|Welcome/i, 8000);
  },
};

/** « Mot de passe oublié ? » without a host routing it: the flow opens inline. */
export const ForgotPasswordInline: Story = {
  play: async ({ canvasElement }) => {
    const login = await find(canvasElement, 'cibtp-login');
    const button = await waitFor(() => {
      const found = [...login.querySelectorAll('button')].find((b) => /oublié|forgotten/i.test(b.textContent ?? ''));
      if (!found) throw new Error('no « Mot de passe oublié ? » button yet');
      return found;
    }, { timeout: 5000 });
    button.click();
    await find(canvasElement, 'cibtp-login cibtp-forgot-password');
  },
};

// ---- the worker space ---------------------------------------------------------------------------

const worker = () => html`<cibtp-login audience="salarie"></cibtp-login>`;
const workerWithFranceConnect = () => html`<cibtp-login audience="salarie" franceconnect></cibtp-login>`;

/** The worker's wording: an example address that is not a company's, the first-time entry, no « sites déclarants ». */
export const WorkerAudience: Story = { render: worker };

/** « S’identifier avec FranceConnect » above the form, « ou » between them. */
export const WorkerFranceConnect: Story = {
  render: workerWithFranceConnect,
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cibtp-login [data-part="franceconnect-button"]', 8000);
  },
};

/** The click asks the backend where to go; here the story keeps the page (the event is cancelled). */
export const WorkerFranceConnectRedirect: Story = {
  render: (_args, context) => html`<cibtp-login
      audience="salarie"
      franceconnect
      @cibtp-franceconnect=${(e: Event) => {
        e.preventDefault();
        const said = (e.currentTarget as Element).nextElementSibling as HTMLElement;
        said.hidden = false;
      }}
    ></cibtp-login>
    <p hidden>${storyLocale(context.globals) === 'en'
      ? 'The page would now go to FranceConnect (cancelled by this story).'
      : 'La page irait maintenant sur FranceConnect (annulé par cette story).'}</p>`,
  play: async ({ canvasElement }) => {
    const button = await find<HTMLButtonElement>(canvasElement, 'cibtp-login [data-part="franceconnect-button"]', 8000);
    const fired = new Promise<void>((resolve) => canvasElement.addEventListener('cibtp-franceconnect', () => resolve(), { once: true }));
    button.click();
    await fired;
  },
};

export const WorkerFranceConnectServerError: Story = {
  render: workerWithFranceConnect,
  parameters: mock({ faults: [{ operation: 'franceConnectStart', fault: { kind: 'server' } }] }),
  play: async ({ canvasElement }) => {
    const button = await find<HTMLButtonElement>(canvasElement, 'cibtp-login [data-part="franceconnect-button"]', 8000);
    button.click();
    await expectProblem(canvasElement, /difficulté temporaire|temporary problem/i);
  },
};

/**
 * Back from FranceConnect: the story's loader asks the mock for the codes its simulated FranceConnect
 * page would offer and puts one in the address, as FranceConnect's redirect does (once per story run).
 */
function returnFrom(identity: 'matched' | 'unmatched', used = false) {
  return async () => {
    const { code, state } = await keptForTheRun(`franceconnect ${identity} ${String(used)}`, async () => {
      const core = createPortalCore({ baseUrl: '/api/' });
      const { authorizationUrl } = await franceConnectStart(core, { returnUrl: `${location.origin}${location.pathname}` });
      const query = new URL(authorizationUrl, location.href).searchParams;
      const codes = { code: query.get(identity) ?? '', state: query.get('state') ?? '' };
      if (used) await franceConnectReturn(core, codes);
      return codes;
    });
    const url = new URL(location.href);
    url.searchParams.set('code', code);
    url.searchParams.set('state', state);
    history.replaceState(history.state, '', url.href);
    return {};
  };
}

/** The identity the caisse matches: signed in at once. */
export const WorkerFranceConnectSignedIn: Story = {
  render: (_args, context) => html`<p>${storyLocale(context.globals) === 'en'
      ? 'Back from FranceConnect with the demo identity MARTIN Jean Pierre.'
      : 'Retour de FranceConnect avec l’identité de démonstration MARTIN Jean Pierre.'}</p>
    ${workerWithFranceConnect()}`,
  loaders: [returnFrom('matched')],
  play: async ({ canvasElement }) => {
    await waitForText(await find(canvasElement, 'cibtp-login'), /Connexion réussie|Signed in/i, 8000);
  },
};

/** An identity the caisse cannot match alone: the identifiant CIBTP, asked once. */
export const WorkerFranceConnectIdentify: Story = {
  render: workerWithFranceConnect,
  loaders: [returnFrom('unmatched')],
  play: async ({ canvasElement }) => {
    await find(canvasElement, 'cibtp-login input[name="identifiantCibtp"]', 8000);
  },
};

/** A wrong identifiant CIBTP: one message naming no field, and the way back to the login. */
export const WorkerFranceConnectIdentifyRefused: Story = {
  render: workerWithFranceConnect,
  loaders: [returnFrom('unmatched')],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, 'cibtp-login input[name="identifiantCibtp"]', DEMO_WORKERS.withAccount);
    await submit(await find(canvasElement, 'cibtp-login'));
    await expectProblem(canvasElement, /ne permettent pas de vous identifier|do not allow us to identify you/i);
  },
};

export const WorkerFranceConnectIdentified: Story = {
  render: workerWithFranceConnect,
  loaders: [returnFrom('unmatched')],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, 'cibtp-login input[name="identifiantCibtp"]', DEMO_WORKERS.homonymWithAccount);
    await submit(await find(canvasElement, 'cibtp-login'));
    await waitForText(await find(canvasElement, 'cibtp-login'), /Connexion réussie|Signed in/i, 8000);
  },
};

/** A code already used (a reload of the return address): the normal login, with why. */
export const WorkerFranceConnectCodeUsed: Story = {
  render: workerWithFranceConnect,
  loaders: [returnFrom('matched', true)],
  play: async ({ canvasElement }) => {
    await expectProblem(canvasElement, /lien|link/i);
  },
};
