/**
 * FranceConnect on the worker login (`<cibtp-login franceconnect>`): the button, the start of the flow,
 * the return from FranceConnect and the one question a caisse may have to ask (the identifiant CIBTP
 * of an identity it could not match). The login imports this module only when `franceconnect` is set
 * (`import()`), so a company login page never downloads it. Why the button is drawn this way:
 * docs/FRANCECONNECT.md.
 */
import { css, html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { franceConnectLink, franceConnectReturn, franceConnectStart } from '../../sdk/signup/operations.js';
import { FranceConnectLinkRequest, FranceConnectReturnRequest, type FranceConnectResult } from '../../sdk/schemas/signup.js';
import type { PortalCore } from '../../sdk/core.js';
import { PortalError } from '../../sdk/errors.js';
import type { LoginResult } from '../../sdk/schemas/auth.js';
import type { z } from '../../sdk/zod.js';
import { adoptIntoRoot } from '../shared/base-element.js';
import { button, formActions, formShell, notice, requiredNote, textField } from '../shared/fields.js';
import type { FormController, FormOptions } from '../shared/form-controller.js';
import { TOKEN } from '../shared/link-token.js';
import { msg, str } from '../shared/localization.js';
import { errorMessage, isolate, type Message } from '../shared/messages.js';
import { safeHref } from '../shared/navigation.js';

// In this module, not beside `readLinkToken`: only a page with FranceConnect fetches it.
/** What FranceConnect sends the browser back with (docs/FRANCECONNECT.md). */
export interface FranceConnectReturn {
  code: string;
  state: string;
}

/** The query parameters of a FranceConnect return: removed together, whatever else the address holds. */
const RETURN_PARAMS = ['code', 'state', 'iss', 'error', 'error_description'] as const;

/**
 * Reads `?code=…&state=…` (the OpenID Connect authorisation response the caisse backend had
 * FranceConnect send back) and removes those parameters from the address bar at once with
 * `history.replaceState`: a reload, a bookmark or a shared link must not replay a code (single use, and
 * a credential while it lives). Other parameters of the page and its fragment are kept.
 *
 * @returns the code and state, or `null` when the address holds no (valid) FranceConnect return.
 */
export function readFranceConnectReturn(win: Window = window): FranceConnectReturn | null {
  const url = new URL(win.location.href);
  const params = url.searchParams;
  if (!RETURN_PARAMS.some((name) => params.has(name))) return null;
  const code = params.get('code');
  const state = params.get('state');
  for (const name of RETURN_PARAMS) params.delete(name);
  win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  if (!code || !state || !TOKEN.test(code) || !TOKEN.test(state)) return null;
  return { code, state };
}
import { RequestController, RetryKeys } from '../shared/request-controller.js';

/** Where « Qu’est-ce que FranceConnect ? » leads (FranceConnect's own rule). */
export const FRANCECONNECT_ABOUT = 'https://franceconnect.gouv.fr/';

/** What the login gives the flow: its forms, ids, headings, client and the ways on. */
export interface FranceConnectHost {
  /** The login itself: the flow's controllers attach to it, its event is fired from it. */
  readonly element: HTMLElement & ReactiveControllerHost;
  headingLevel(): number;
  createForm<S extends z.ZodMiniType>(options: FormOptions<S>): FormController<S>;
  id(name: string): string;
  heading(text: string): TemplateResult;
  client(): PortalCore | undefined;
  missingClient(): PortalError;
  announce(message: Message | undefined): void;
  /** The `franceconnect-return-url` attribute, if any. */
  returnUrl(): string | undefined;
  /** Shows the FranceConnect step (the flow's current screen); the focus goes to its heading unless `false`. */
  show(focus?: boolean): Promise<void>;
  /** Signed in (or a tiers or code step to follow), as after a password. */
  result(result: LoginResult): Promise<void>;
  /** Back to the email and password form with `error` in its summary. */
  toCredentials(error: PortalError): Promise<void>;
  /** Back to the email and password form, nothing to say. */
  backToLogin(): Promise<void>;
  /** A failed start, said in the login form's summary. */
  failStart(error: PortalError): Promise<void>;
}

type Screen = 'return' | 'identify' | 'failed';

/** The address FranceConnect sends the browser back to: the attribute's, else this page without query nor fragment. */
export function defaultReturnUrl(attribute: string | undefined, win: Window = window): string {
  if (attribute) {
    try {
      return new URL(attribute, win.document.baseURI).href;
    } catch {
      // Not a URL at all: sent as it is, the request schema refuses it and the summary says so.
      return attribute;
    }
  }
  return `${win.location.origin}${win.location.pathname}`;
}

/**
 * The FranceConnect part of the login: a reactive controller of the login element, with its own forms
 * on the login's pipeline (so that the wizard's moves abort them and a pending one holds the session
 * from re-rendering the step), and the templates of its screens.
 */
export class FranceConnectFlow {
  private screen: Screen = 'return';
  private returned: FranceConnectReturn | undefined;
  private ticket = '';
  private firstNames = '';
  private readonly startRequest: RequestController;
  private readonly startKeys = new RetryKeys();

  /** Sends the `code` and `state` FranceConnect returned; no input of its own (a retry resends them). */
  private readonly returnForm: FormController<typeof FranceConnectReturnRequest>;
  /** The identifiant CIBTP of an identity the caisse could not match, asked once. */
  private readonly linkForm: FormController<typeof FranceConnectLinkRequest>;

  constructor(private readonly host: FranceConnectHost) {
    this.startRequest = new RequestController(host.element);
    this.returnForm = host.createForm({
      fields: [],
      schema: FranceConnectReturnRequest,
      extra: () => ({ ...this.returned }),
    });
    this.linkForm = host.createForm({
      fields: [
        {
          name: 'identifiantCibtp',
          label: () => msg('Identifiant CIBTP', { id: 'franceconnect.identify.label' }),
          example: '12345678',
        },
      ],
      schema: FranceConnectLinkRequest,
      extra: () => ({ ticket: this.ticket }),
    });
    adoptIntoRoot(host.element, [franceConnectStyles]);
  }

  /** The forms whose requests a move of the login's wizard aborts. */
  get forms(): readonly FormController[] {
    return [this.returnForm, this.linkForm];
  }

  /**
   * Back from FranceConnect? The code and state leave the address bar at once (they must not be
   * replayed by a reload or a shared link), then go to the caisse backend.
   * @returns whether the page was a FranceConnect return (the flow then shows its step).
   */
  async resume(win: Window = window): Promise<boolean> {
    const returned = readFranceConnectReturn(win);
    if (!returned) return false;
    this.returned = returned;
    this.screen = 'return';
    // The page has just loaded: the focus stays where the browser put it until there is something to read.
    await this.host.show(false);
    const form = this.host.element.querySelector<HTMLFormElement>('form[data-franceconnect="return"]');
    if (form) await this.sendReturn(form);
    return true;
  }

  // ---- the button ---------------------------------------------------------------------------------

  /**
   * FranceConnect's block, above the login form (FranceConnect asks for the first position): the
   * sentence it asks partners to show, the button (« S’identifier avec » / « FranceConnect » and the
   * logo), « Qu’est-ce que FranceConnect ? » below it, then « ou » and a visible separation from the
   * caisse's own way in.
   */
  buttonTemplate(): TemplateResult {
    const pending = this.startRequest.pending;
    return html`<div class="cibtp-franceconnect" data-part="franceconnect">
        <p class="cibtp-note">
          ${msg('FranceConnect est la solution proposée par l’État pour sécuriser et simplifier la connexion à vos services en ligne.', {
            id: 'franceconnect.intro',
          })}
        </p>
        <button
          type="button"
          class="cibtp-franceconnect__button"
          data-part="franceconnect-button"
          id=${this.host.id('franceconnect')}
          aria-disabled=${pending ? 'true' : 'false'}
          @click=${this.onStart}
        >
          <span class="cibtp-franceconnect__logo" data-part="franceconnect-logo" aria-hidden="true">${logo}</span>
          <span class="cibtp-franceconnect__text"
            ><span class="cibtp-franceconnect__login">${msg('S’identifier avec', { id: 'franceconnect.button.login' })}</span>
            <span class="cibtp-franceconnect__brand">FranceConnect</span></span
          >
        </button>
        <p class="cibtp-franceconnect__about">
          <a href=${FRANCECONNECT_ABOUT} target="_blank" rel="noopener"
            >${msg('Qu’est-ce que FranceConnect\u00a0?', { id: 'franceconnect.about' })}<span class="cibtp-visually-hidden">
              ${msg('(nouvelle fenêtre)', { id: 'franceconnect.about.new-window' })}</span
            ></a
          >
        </p>
      </div>
      <p class="cibtp-franceconnect__or" data-part="separator"><span>${msg('ou', { id: 'franceconnect.or' })}</span></p>`;
  }

  private readonly onStart = async (): Promise<void> => {
    if (this.startRequest.pending) return;
    const client = this.host.client();
    if (!client) return void this.host.failStart(this.host.missingClient());
    const returnUrl = defaultReturnUrl(this.host.returnUrl());
    const idempotencyKey = this.startKeys.key(['franceconnect', returnUrl]);
    this.host.announce(() => msg('Redirection vers FranceConnect…', { id: 'franceconnect.pending' }));
    const outcome = await this.startRequest.run((signal) => franceConnectStart(client, { returnUrl }, { signal, idempotencyKey }));
    if (!outcome) return;
    this.host.announce(undefined);
    this.startKeys.settle(outcome.ok ? undefined : outcome.error);
    if (!outcome.ok) return void this.host.failStart(outcome.error);
    const url = outcome.value.authorizationUrl;
    const event = new CustomEvent('cibtp-franceconnect', { detail: { url }, bubbles: true, composed: true, cancelable: true });
    if (!this.host.element.dispatchEvent(event)) return;
    // The schema already wants http(s); checked again where the address is used.
    const safe = safeHref(url);
    if (safe) window.location.assign(safe);
    else await this.host.failStart(new PortalError('malformed-response'));
  };

  // ---- the return and the identifiant CIBTP ------------------------------------------------------

  stepTemplate(): TemplateResult {
    switch (this.screen) {
      case 'identify':
        return this.identifyTemplate();
      case 'failed':
        return this.failedTemplate();
      default:
        return this.returnTemplate();
    }
  }

  private returnTemplate(): TemplateResult {
    const form = this.returnForm;
    const failed = !form.pending && !!form.problem;
    return html`${this.host.heading(msg('Connexion avec FranceConnect', { id: 'franceconnect.return.title' }))}
      ${form.summary()}
      <form
        class="cibtp-form"
        data-part="form"
        data-franceconnect="return"
        novalidate
        aria-labelledby=${this.host.id('heading')}
        aria-busy=${form.pending ? 'true' : 'false'}
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          void this.sendReturn(event.currentTarget as HTMLFormElement);
        }}
      >
        ${failed
          ? formActions({
              submit: msg('Réessayer', { id: 'common.retry' }),
              secondary: { label: msg('Retour à la connexion', { id: 'common.back-to-login' }), onClick: this.onBack },
            })
          : html`<p class="cibtp-note">${msg('Connexion en cours, veuillez patienter…', { id: 'franceconnect.return.pending' })}</p>`}
      </form>`;
  }

  private async sendReturn(form: HTMLFormElement): Promise<void> {
    const outcome = await this.returnForm.submit(form, {
      pending: () => msg('Connexion avec FranceConnect en cours…', { id: 'franceconnect.return.status' }),
      send: (client, data, call) => franceConnectReturn(client, data, call),
      onError: (error) => this.onReturnError(error),
    });
    if (outcome?.ok) await this.onResult(outcome.value);
  }

  /** A code the backend no longer takes (used, expired, unreadable): the normal login, with why. */
  private async onReturnError(error: PortalError): Promise<boolean> {
    if (error.code === 'identification-failed') {
      await this.showFailed();
      return true;
    }
    if (error.code === 'link-invalid' || error.code === 'link-expired' || error.code === 'validation') {
      this.returned = undefined;
      await this.host.toCredentials(error.code === 'validation' ? new PortalError('link-invalid') : error);
      return true;
    }
    return false;
  }

  private async onResult(result: FranceConnectResult): Promise<void> {
    this.returned = undefined;
    if (result.status !== 'identify') {
      await this.host.result(result);
      return;
    }
    this.ticket = result.ticket;
    this.firstNames = result.firstNames;
    this.linkForm.clear();
    this.screen = 'identify';
    await this.host.show();
  }

  private identifyTemplate(): TemplateResult {
    const form = this.linkForm;
    const name = this.firstNames.trim();
    const back =
      form.problem?.code === 'identification-failed'
        ? html`<div class="cibtp-actions">
            ${button({ label: msg('Retour à la connexion', { id: 'common.back-to-login' }), onClick: this.onBack })}
          </div>`
        : undefined;
    return html`${this.host.heading(msg('Votre identifiant CIBTP', { id: 'franceconnect.identify.title' }))}
      ${form.summary({ actions: back })}
      ${formShell({
        labelledBy: this.host.id('heading'),
        busy: form.pending,
        onSubmit: this.onLink,
        body: html`<p class="cibtp-lead">
            ${name
              ? msg(str`Bonjour ${isolate(name)}. Nous n’avons pas pu vous identifier automatiquement à partir de votre identité FranceConnect.`, {
                  id: 'franceconnect.identify.intro.named',
                })
              : msg('Nous n’avons pas pu vous identifier automatiquement à partir de votre identité FranceConnect.', {
                  id: 'franceconnect.identify.intro',
                })}
          </p>
          <p class="cibtp-note">
            ${msg('Saisissez votre identifiant CIBTP, présent sur le courrier de bienvenue de votre caisse. Il ne vous sera demandé qu’une fois.', {
              id: 'franceconnect.identify.help',
            })}
          </p>
          ${requiredNote()}
          ${textField({
            ...form.bind('identifiantCibtp'),
            autocomplete: 'off',
            hint: msg('6 à 14 lettres ou chiffres.', { id: 'franceconnect.identify.hint' }),
            required: true,
            identifier: true,
          })}
          ${formActions({
            submit: msg('Valider', { id: 'common.validate' }),
            pending: form.pending,
            secondary: { label: msg('Annuler', { id: 'common.cancel' }), onClick: this.onBack },
          })}`,
      })}`;
  }

  private readonly onLink = async (event: SubmitEvent): Promise<void> => {
    const outcome = await this.linkForm.submit(event, {
      pending: () => msg('Vérification de votre identifiant…', { id: 'franceconnect.identify.pending' }),
      send: (client, data, call) => franceConnectLink(client, data, call),
      onError: async (error) => {
        // A wrong identifiant (identification-failed) stays on this step: the summary says it, with the
        // way back to the login; the backend allows a few tries, then the ticket is spent (link-expired).
        if (error.code === 'link-invalid' || error.code === 'link-expired') {
          await this.host.toCredentials(error);
          return true;
        }
        return false;
      },
    });
    if (outcome?.ok) await this.host.result(outcome.value);
  };

  private async showFailed(): Promise<void> {
    this.screen = 'failed';
    await this.host.show();
  }

  private failedTemplate(): TemplateResult {
    return html`${this.host.heading(msg('Identification impossible', { id: 'franceconnect.failed.title' }))}
      ${notice({
        id: this.host.id('failed'),
        tone: 'error',
        headingLevel: this.host.headingLevel() + 1,
        title: msg('Nous n’avons pas pu vous identifier', { id: 'franceconnect.failed.notice' }),
        body: errorMessage(new PortalError('identification-failed')),
      })}
      <p class="cibtp-note">
        ${msg('Vous pouvez vous connecter avec votre adresse électronique et votre mot de passe, ou contacter votre caisse.', {
          id: 'franceconnect.failed.help',
        })}
      </p>
      <p>${button({ variant: 'primary', label: msg('Retour à la connexion', { id: 'common.back-to-login' }), onClick: this.onBack })}</p>`;
  }

  private readonly onBack = async (): Promise<void> => {
    this.returned = undefined;
    this.ticket = '';
    for (const form of this.forms) {
      form.abort();
      form.clear();
    }
    this.screen = 'return';
    await this.host.backToLogin();
  };
}

/**
 * The logo on the button, the kit's own drawing (a hexagon outline with a check), not FranceConnect's
 * mark: docs/FRANCECONNECT.md says why, and how a caisse that holds FranceConnect's partner kit shows
 * the official logo instead (`[data-part="franceconnect-logo"]`).
 */
const logo = html`<svg viewBox="0 0 40 46" width="40" height="46" focusable="false">
  <path d="M20 2 38 12.5v21L20 44 2 33.5v-21Z" fill="#ffffff" />
  <path d="M20 7.5 33.5 15.3v15.4L20 38.5 6.5 30.7V15.3Z" fill="none" stroke="#000091" stroke-width="2.5" />
  <path d="m13.5 23.5 4.5 4.5 8.5-9" fill="none" stroke="#000091" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" />
</svg>`;

/**
 * The button follows FranceConnect's rules, which a caisse's theme must not change: its blue and white,
 * the two-line label (« S’identifier avec » over « FranceConnect », bold), the logo on the left, a
 * hover state, the link 12 px below it; then the « ou » separator, a line across with the word in its
 * middle. Only the focus ring reads the theme (`--cibtp-color-focus`), so that it stays visible on the
 * page. In forced colours the button keeps a border. (No comments inside the css`` literal: they would ship.)
 */
export const franceConnectStyles = css`
  :where(cibtp-login) .cibtp-franceconnect {
    margin: 0 0 var(--cibtp-spacing, 1rem);
  }
  :where(cibtp-login) .cibtp-franceconnect__button {
    display: inline-flex;
    align-items: center;
    gap: 0.75rem;
    min-height: 3.5rem;
    margin: 0;
    padding: 0.5rem 1.25rem 0.5rem 0.75rem;
    border: 0;
    border-radius: 0;
    background: #000091;
    color: #ffffff;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  :where(cibtp-login) .cibtp-franceconnect__button:hover {
    background: #1212ff;
  }
  :where(cibtp-login) .cibtp-franceconnect__button:active {
    background: #2323ff;
  }
  :where(cibtp-login) .cibtp-franceconnect__button[aria-disabled='true'] {
    cursor: progress;
  }
  :where(cibtp-login) .cibtp-franceconnect__button:focus-visible {
    outline: 3px solid var(--cibtp-color-focus, #0a58ca);
    outline-offset: 2px;
  }
  :where(cibtp-login) .cibtp-franceconnect__logo {
    display: block;
    flex: none;
    width: 2.5rem;
    height: 2.875rem;
  }
  :where(cibtp-login) .cibtp-franceconnect__logo svg {
    display: block;
    width: 100%;
    height: 100%;
  }
  :where(cibtp-login) .cibtp-franceconnect__text {
    display: flex;
    flex-direction: column;
    line-height: 1.15;
    overflow-wrap: normal;
  }
  :where(cibtp-login) .cibtp-franceconnect__login {
    font-size: 1.0625rem;
  }
  :where(cibtp-login) .cibtp-franceconnect__brand {
    font-size: 1.125rem;
    font-weight: 700;
  }
  :where(cibtp-login) .cibtp-franceconnect__about {
    margin: 0.75rem 0 0;
    font-size: 0.875rem;
  }
  :where(cibtp-login) .cibtp-franceconnect__about a {
    color: var(--cibtp-color-primary, #0b3d91);
  }
  :where(cibtp-login) .cibtp-franceconnect__or {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    margin: 0 0 var(--cibtp-spacing, 1rem);
    color: var(--cibtp-color-text-muted, #4f4f4f);
  }
  :where(cibtp-login) .cibtp-franceconnect__or::before,
  :where(cibtp-login) .cibtp-franceconnect__or::after {
    content: '';
    flex: 1;
    border-top: 1px solid var(--cibtp-color-border, #767676);
  }
  @media (forced-colors: active) {
    :where(cibtp-login) .cibtp-franceconnect__button {
      border: 1px solid;
    }
  }
`;
