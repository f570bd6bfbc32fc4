import { localized } from '@lit/localize';
import { msg, str } from '../shared/localization.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { login, renewCertification, resendActivation, resendOtp, selectTiers, verifyOtp } from '../../sdk/auth/index.js';
import type { PortalCore } from '../../sdk/core.js';
import { PortalError } from '../../sdk/errors.js';
import { LoginRequest, VerifyOtpRequest, type LoginResult, type OtpChallenge } from '../../sdk/schemas/auth.js';
import type { Session, Tiers } from '../../sdk/schemas/common.js';
import { fieldErrors } from '../../sdk/validate.js';
import { CibtpElement } from '../shared/base-element.js';
import { ClockController } from '../shared/clock-controller.js';
import { emit, type NavigateTarget } from '../shared/events.js';
import {
  button, errorId, formActions, formShell, passwordField, requiredNote, summaryItems, textField,
} from '../shared/fields.js';
import {
  errorMessage, fieldMessage, formatDuration, formatTime, otpInvalidMessage, type FieldMessages, type FieldProblem, type Message,
} from '../shared/messages.js';
import { safeHref } from '../shared/navigation.js';
import { ensureDefined } from '../shared/lazy.js';
import { RequestController, RetryKeys } from '../shared/request-controller.js';
import type { CibtpForgotPassword } from '../forgot-password/forgot-password.component.js';
import { loginStyles } from './login.styles.js';

type Step = 'credentials' | 'otp' | 'tiers' | 'forgot' | 'signed-in';
type LoginField = 'email' | 'password';
type SideNotice = 'activation-sent' | 'certification-sent';

/** Codes after which the user can do nothing in the form but wait or retry: shown in the summary. */
const LOGIN_FIELDS: readonly LoginField[] = ['email', 'password'];

/**
 * The login of the Espace sécurisé: email address (*identifiant de connexion*) and password, then,
 * as the server asks, a one-time code received by SMS or the choice of the adhérent and declaring
 * site (*tiers*). It also offers « Mot de passe oublié ? » (shown inline unless the host handles the
 * navigation) and the two entry points « Je crée mon espace sécurisé » and « D'autres sites
 * déclarants ? Je les associe à un espace existant ».
 *
 * **Rendering and styling.** Everything is rendered in the widget's light DOM: the `<form>`, the native
 * credential `<input>`s (`autocomplete="username"`, `current-password`, `one-time-code`), their labels,
 * hints and errors, so that password managers and browser autofill work and every `for` /
 * `aria-describedby` reference resolves. The widget's open shadow root holds only the frame,
 * `<div part="card"><slot></slot></div>`: `card` is a real part (`cibtp-login::part(card) { … }`). The
 * other parts below are `data-part` attributes on the light-DOM content, because `::part()` only reaches
 * a shadow tree and the form must stay out of one; style them with e.g.
 * `cibtp-login [data-part="form"] { … }`. The default content styles are one constructed style sheet
 * adopted into the document (or the enclosing shadow root), with selectors `:where(cibtp-login) .cibtp-…`
 * so that any page rule with the tag in it wins; the theme tokens below are the supported way to restyle.
 *
 * **Behaviour.** Values are read from the inputs at submit time and never cleared on error. While a
 * request runs, the submit button is `aria-disabled` (it keeps the keyboard focus) and the form
 * `aria-busy`; a second submission is ignored; a manual retry of the same values after a transport
 * failure reuses the `Idempotency-Key`. After a failed submission, an error summary receives focus;
 * each new step moves focus to its heading or first field. Removed from the page, the widget aborts its
 * request and ignores late answers.
 *
 * @summary Login form of the Espace sécurisé, with one-time code and tiers steps.
 *
 * @fires cibtp-signed-in - `CustomEvent<{ session: Session }>`: the user is signed in.
 * @fires cibtp-navigate - `CustomEvent<{ to: 'signup' | 'associate-site' | 'forgot-password' }>`, cancelable:
 *   call `preventDefault()` to route yourself; for `forgot-password` the widget otherwise shows the flow inline.
 * @fires cibtp-recovery-requested - `CustomEvent<{ channel: 'email' | 'letter' }>`: from the inline forgotten-password flow.
 *
 * @csspart card - The frame around the widget (a real part: `cibtp-login::part(card)`).
 * @csspart heading - (`data-part="heading"`) The heading of the current step.
 * @csspart form - (`data-part="form"`) The `<form>` of the current step.
 * @csspart field - (`data-part="field"`) A label + hint + error + input group.
 * @csspart password-toggle - (`data-part="password-toggle"`) The show/hide password button.
 * @csspart error-summary - (`data-part="error-summary"`) The box listing the problems after a failed submission.
 * @csspart notice - (`data-part="notice"`) A success or information box.
 * @csspart links - (`data-part="links"`) The entry points below the form.
 * @csspart tiers-table - (`data-part="tiers-table"`) The table of the tiers step.
 * @csspart status - (`data-part="status"`) The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - Hints and notes.
 * @cssproperty --cibtp-color-background - Background of the card, inputs and boxes.
 * @cssproperty --cibtp-color-surface - Background of table headers.
 * @cssproperty --cibtp-color-border - Borders of the card and inputs (keep 3:1 against the background).
 * @cssproperty --cibtp-color-primary - Buttons, links and focus accents.
 * @cssproperty --cibtp-color-primary-hover - Primary button on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - Errors, the required marker and the error summary.
 * @cssproperty --cibtp-color-success - Success boxes and met password rules.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit (default `1rem`).
 * @cssproperty --cibtp-max-width - Widest the widget grows (default `34rem`).
 * @cssproperty --cibtp-max-width-wide - Widest the widget grows on the tiers step, whose table has six columns (default `60rem`).
 * @cssproperty --cibtp-control-height - Height of inputs and buttons (default `2.75rem`, at least 24px).
 *
 * @example
 * ```html
 * <cibtp-login base-url="/api/" signup-href="/creer-mon-espace"></cibtp-login>
 * ```
 */
@localized()
export class CibtpLogin extends CibtpElement {
  static override styles = loginStyles;

  /** Address of the signup page; without it, « Je crée mon espace sécurisé » is a button firing `cibtp-navigate`. */
  @property({ attribute: 'signup-href' }) signupHref?: string | undefined;

  /** Address of the "associate a declaring site" page; same behaviour as `signup-href`. */
  @property({ attribute: 'associate-href' }) associateHref?: string | undefined;

  /** Pre-fills the email address (e.g. after an activation). */
  @property() email = '';

  @state() private step: Step = 'credentials';
  @state() private passwordVisible = false;
  /** Messages, not words: written at render time, they follow a locale switch. */
  @state() private problems: FieldMessages = {};
  @state() private problem: PortalError | undefined;
  /** Replaces the message of `problem` in the summary. */
  @state() private problemText: Message | undefined;
  @state() private sideNotice: SideNotice | undefined;
  @state() private sideProblem: PortalError | undefined;
  @state() private challenge: OtpChallenge | undefined;
  @state() private tiers: Tiers[] = [];
  @state() private session: Session | undefined;

  private password = '';
  private code = '';
  private validateLive = false;
  private readonly submitRequest = new RequestController(this);
  private readonly sideRequest = new RequestController(this);
  private readonly clock = new ClockController(this);
  private readonly loginKeys = new RetryKeys();
  private readonly stepKeys = new RetryKeys();
  private readonly sideKeys = new RetryKeys();

  // ---- labels, used inline and in the summary --------------------------------------------------

  private label(field: string): string {
    switch (field) {
      case 'email':
        return msg('Adresse électronique', { id: 'login.email.label' });
      case 'password':
        return msg('Mot de passe', { id: 'login.password.label' });
      case 'code':
        return msg('Code reçu par SMS', { id: 'login.otp.code.label' });
      default:
        return msg("Adhérent et site déclarant", { id: 'login.tiers.field' });
    }
  }

  private problemFor(field: string, problem: FieldProblem): Message {
    const example = problem !== 'invalid' ? undefined : field === 'email' ? 'nom@entreprise.fr' : field === 'code' ? '123456' : undefined;
    return () => fieldMessage(this.label(field), problem, example);
  }

  // ---- rendering ---------------------------------------------------------------------------------

  protected override updated(): void {
    // The tiers table needs more room than a form: the host widens (see `--cibtp-max-width-wide`).
    this.toggleAttribute('data-wide', this.step === 'tiers');
  }

  protected override stepTemplate(): TemplateResult {
    switch (this.step) {
      case 'otp':
        return this.otpTemplate();
      case 'tiers':
        return this.tiersTemplate();
      case 'forgot':
        return this.forgotTemplate();
      case 'signed-in':
        return this.signedInTemplate();
      default:
        return this.credentialsTemplate();
    }
  }

  private get waitSeconds(): number {
    return this.problem?.code === 'rate-limited' ? this.clock.secondsUntil(this.problem.retryAt) : 0;
  }

  private problemSummary(fieldOrder: readonly string[]): TemplateResult | typeof nothing {
    const items = summaryItems(fieldOrder, this.problems, (f) => this.fieldTarget(f));
    let message: string | undefined = this.problemText?.();
    if (!message && this.problem) {
      message = errorMessage(this.problem, this.problem.code === 'rate-limited' ? this.waitSeconds : undefined);
    }
    return this.summaryTemplate({ items, message, actions: this.problemActions() });
  }

  private fieldTarget(field: string): string {
    return field === 'tiers' ? this.fid('tiers-0') : this.fid(field);
  }

  /** What the user can do about the problem: ask for a new activation or certification link. */
  private problemActions(): TemplateResult | undefined {
    const code = this.problem?.code;
    if (code !== 'account-not-activated' && code !== 'email-certification-expired') return undefined;
    if (this.sideNotice) {
      const text =
        this.sideNotice === 'activation-sent'
          ? msg("Un nouveau lien d'activation vient d'être envoyé à votre adresse électronique. Il est valable pour une durée limitée.", {
              id: 'login.activation.sent',
            })
          : msg("Un nouveau lien de certification vient d'être envoyé à votre adresse électronique. Il est valable pour une durée limitée.", {
              id: 'login.certification.sent',
            });
      return html`<p class="cibtp-success" data-part="side-notice">${text}</p>`;
    }
    const label =
      code === 'account-not-activated'
        ? msg("Recevoir un nouveau lien d'activation", { id: 'login.activation.resend' })
        : msg('Recevoir un nouveau lien de certification', { id: 'login.certification.renew' });
    return html`<div class="cibtp-actions">${button({ label, pending: this.sideRequest.pending, onClick: this.onSendLink })}</div>
      ${this.sideProblem ? html`<p class="cibtp-field-error" role="alert">${errorMessage(this.sideProblem)}</p>` : nothing}`;
  }

  private credentialsTemplate(): TemplateResult {
    const pending = this.submitRequest.pending;
    const blocked = pending || this.waitSeconds > 0;
    return html`${this.headingTemplate(msg('Connexion à votre espace CIBTP', { id: 'login.title' }))}
      ${this.problemSummary(LOGIN_FIELDS)}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: pending,
        onSubmit: this.onLoginSubmit,
        body: html`${requiredNote()}
        ${textField({
          id: this.fid('email'),
          name: 'email',
          type: 'email',
          inputmode: 'email',
          autocomplete: 'username',
          label: this.label('email'),
          hint: msg('Votre identifiant de connexion, par exemple nom@entreprise.fr', { id: 'login.email.hint' }),
          required: true,
          identifier: true,
          error: this.problems['email']?.(),
          value: this.email,
          onInput: (e) => this.onCredentialInput('email', e),
        })}
        ${passwordField({
          id: this.fid('password'),
          name: 'password',
          autocomplete: 'current-password',
          label: this.label('password'),
          required: true,
          error: this.problems['password']?.(),
          value: this.password,
          visible: this.passwordVisible,
          onToggle: () => (this.passwordVisible = !this.passwordVisible),
          onInput: (e) => this.onCredentialInput('password', e),
        })}
        ${formActions({
          submit: msg('Connexion', { id: 'login.submit' }),
          pending: blocked,
          secondary: {
            variant: 'link',
            id: this.fid('forgot'),
            label: msg('Mot de passe oublié\u00a0?', { id: 'login.forgot' }),
            onClick: this.onForgot,
          },
        })}`,
      })}
      <ul class="cibtp-links" data-part="links">
        <li>${this.entryTemplate('signup', msg('Je crée mon espace sécurisé', { id: 'login.signup' }), this.signupHref)}</li>
        <li>
          ${this.entryTemplate(
            'associate-site',
            msg("D'autres sites déclarants\u00a0? Je les associe à un espace existant", { id: 'login.associate' }),
            this.associateHref,
          )}
        </li>
      </ul>`;
  }

  private entryTemplate(to: NavigateTarget, text: string, href: string | undefined): TemplateResult {
    const safe = safeHref(href);
    const go = (event: Event) => {
      if (!emit(this, 'cibtp-navigate', { to })) event.preventDefault();
    };
    return safe
      ? html`<a href=${safe} @click=${go}>${text}</a>`
      : button({ variant: 'link', label: text, onClick: go });
  }

  private otpTemplate(): TemplateResult {
    const challenge = this.challenge as OtpChallenge;
    const pending = this.submitRequest.pending;
    const masked = challenge.maskedPhone;
    const lastDigits = masked.replace(/\D/g, '').slice(-2);
    const expiry = formatTime(new Date(challenge.expiresAt));
    const resendIn = this.clock.secondsUntil(challenge.resendAvailableAt);
    const resendBlocked = resendIn > 0 || this.sideRequest.pending;
    return html`${this.headingTemplate(msg('Vérification de votre identité', { id: 'login.otp.title' }))}
      ${this.problemSummary(['code'])}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: pending,
        onSubmit: this.onOtpSubmit,
        body: html`<p class="cibtp-lead" id=${this.fid('otp-sent')}>
          ${msg('Un code a été envoyé au', { id: 'login.otp.sent-to' })}
          <span aria-hidden="true">${masked}</span><span class="cibtp-visually-hidden"
            >${msg(str`numéro se terminant par ${lastDigits}`, { id: 'login.otp.sent-to.sr' })}</span
          >.
        </p>
        ${requiredNote()}
        ${textField({
          id: this.fid('code'),
          name: 'code',
          inputmode: 'numeric',
          autocomplete: 'one-time-code',
          label: this.label('code'),
          hint: msg(str`6 chiffres. Ce code est valable jusqu'à ${expiry}.`, { id: 'login.otp.code.hint' }),
          describedBy: [this.fid('otp-sent')],
          required: true,
          identifier: true,
          error: this.problems['code']?.(),
          value: this.code,
          onInput: (e) => {
            this.code = (e.target as HTMLInputElement).value;
            if (this.validateLive) this.problems = { ...this.problems, code: undefined };
          },
        })}
        ${formActions({
          submit: msg('Valider', { id: 'common.validate' }),
          pending: pending || this.waitSeconds > 0,
          secondary: {
            label:
              resendIn > 0
                ? msg(str`Renvoyer le code (possible dans ${formatDuration(resendIn)})`, { id: 'login.otp.resend.wait' })
                : msg('Renvoyer le code', { id: 'login.otp.resend' }),
            disabled: resendBlocked,
            onClick: this.onResendOtp,
          },
        })}
        ${this.sideProblem ? html`<p class="cibtp-field-error" role="alert">${errorMessage(this.sideProblem)}</p>` : nothing}
        <p>
          ${button({
            variant: 'link',
            label: msg('Retour à la connexion', { id: 'common.back-to-login' }),
            onClick: this.backToCredentials,
          })}
        </p>`,
      })}`;
  }

  private tiersTemplate(): TemplateResult {
    const pending = this.submitRequest.pending;
    const error = this.problems['tiers']?.();
    const errId = errorId(this.fid('tiers'));
    const instructionsId = this.fid('tiers-instructions');
    return html`${this.headingTemplate(msg("Choix de l'adhérent et du site déclarant", { id: 'login.tiers.title' }))}
      ${this.problemSummary(['tiers'])}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: pending,
        onSubmit: this.onTiersSubmit,
        body: html`<fieldset class="cibtp-fieldset" aria-describedby=${error ? `${instructionsId} ${errId}` : instructionsId}>
          <legend class="cibtp-legend" id=${this.fid('tiers-legend')}>${this.label('tiers')}</legend>
          <p class="cibtp-note" id=${instructionsId}>
            ${msg('Veuillez sélectionner une ligne dans la liste ci-dessous puis cliquer sur le bouton Valider.', {
              id: 'login.tiers.instructions',
            })}
          </p>
          ${error ? html`<p class="cibtp-field-error" id=${errId}>${error}</p>` : nothing}
          <div class="cibtp-table-wrap" role="region" tabindex="0" aria-labelledby=${this.fid('tiers-legend')}>
            <table class="cibtp-table" data-part="tiers-table">
              <thead>
                <tr>
                  <th scope="col"><span class="cibtp-visually-hidden">${msg('Sélection', { id: 'login.tiers.col.select' })}</span></th>
                  <th scope="col">${msg('Raison sociale', { id: 'login.tiers.col.name' })}</th>
                  <th scope="col">${msg('SIRET', { id: 'login.tiers.col.siret' })}</th>
                  <th scope="col">${msg('Nom du site déclarant', { id: 'login.tiers.col.site' })}</th>
                  <th scope="col">${msg('Identifiant', { id: 'login.tiers.col.id' })}</th>
                  <th scope="col">${msg('Alertes DSN', { id: 'login.tiers.col.alerts' })}</th>
                </tr>
              </thead>
              <tbody>
                ${this.tiers.map((t, i) => this.tiersRow(t, i))}
              </tbody>
            </table>
          </div>
        </fieldset>
        ${formActions({
          submit: msg('Valider', { id: 'common.validate' }),
          pending,
          secondary: { label: msg('Annuler', { id: 'common.cancel' }), onClick: this.backToCredentials },
        })}`,
      })}`;
  }

  private tiersRow(t: Tiers, i: number): TemplateResult {
    const id = this.fid(`tiers-${i}`);
    const count = String(t.dsnAlerts.length);
    return html`<tr>
      <td>
        <input
          type="radio"
          class="cibtp-radio"
          name="tiers"
          value=${t.id}
          id=${id}
          aria-labelledby="${id}-name ${id}-site ${id}-ident"
          @change=${() => {
            if (this.validateLive) this.problems = {};
          }}
        />
      </td>
      <th scope="row"><label for=${id} id="${id}-name">${t.raisonSociale}</label></th>
      <td>${t.siret}</td>
      <td id="${id}-site">${t.siteName}</td>
      <td id="${id}-ident">${t.identifiantCibtp}</td>
      <td>
        ${t.dsnAlerts.length === 0
          ? html`<span class="cibtp-muted">${msg('Aucune', { id: 'login.tiers.alerts.none' })}</span>`
          : html`<details class="cibtp-alerts">
              <summary>
                <span aria-hidden="true">⚠</span> ${count}
                <span class="cibtp-visually-hidden">${t.dsnAlerts.length === 1
                  ? msg('alerte DSN', { id: 'login.tiers.alerts.one' })
                  : msg('alertes DSN', { id: 'login.tiers.alerts.other' })}</span>
              </summary>
              <ul>
                ${t.dsnAlerts.map(
                  (a) => html`<li><strong>${msg(str`DSN ${a.period}\u00a0: ${a.title}`, { id: 'login.tiers.alert' })}</strong><br />${a.message}</li>`,
                )}
              </ul>
            </details>`}
      </td>
    </tr>`;
  }

  private forgotTemplate(): TemplateResult {
    return html`<cibtp-forgot-password
      .client=${this.clients.value}
      .email=${this.email}
      heading-level=${this.headingLevel}
      embedded
      @cibtp-navigate=${this.onInnerNavigate}
    ></cibtp-forgot-password>`;
  }

  private signedInTemplate(): TemplateResult {
    const s = this.session;
    const name = s ? `${s.user.firstName} ${s.user.lastName}`.trim() : '';
    const tiers = s?.tiers ? `${s.tiers.raisonSociale} — ${s.tiers.siteName}` : '';
    return html`${this.headingTemplate(msg('Vous êtes connecté', { id: 'login.signed-in.title' }))}
      <div class="cibtp-notice cibtp-notice--success" data-part="notice">
        <p class="cibtp-notice__body">${msg(str`Bienvenue, ${name}.`, { id: 'login.signed-in.welcome' })}</p>
        ${tiers
          ? html`<p class="cibtp-notice__body">${msg(str`Espace de\u00a0: ${tiers}`, { id: 'login.signed-in.tiers' })}</p>`
          : nothing}
      </div>`;
  }

  // ---- behaviour ---------------------------------------------------------------------------------

  private resolveClient(): PortalCore | undefined {
    const client = this.clients.value;
    if (!client) {
      this.problem = this.clients.missing();
      void this.focusId('summary');
    }
    return client;
  }

  private onCredentialInput(field: LoginField, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (field === 'email') this.email = value;
    else this.password = value;
    if (this.validateLive) this.problems = this.validateCredentials();
  }

  private validateCredentials(): FieldMessages {
    const found = fieldErrors(LoginRequest, { email: this.email, password: this.password });
    const problems: FieldMessages = {};
    for (const field of LOGIN_FIELDS) {
      const code = found[field];
      if (code) problems[field] = this.problemFor(field, code);
    }
    return problems;
  }

  private clearProblem(): void {
    this.problem = undefined;
    this.problemText = undefined;
    this.sideNotice = undefined;
    this.sideProblem = undefined;
  }

  private async onLoginSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.submitRequest.pending || this.waitSeconds > 0) return;
    const form = event.currentTarget as HTMLFormElement;
    // Password managers fill `.value` without an input event: read the inputs now.
    this.email = (form.elements.namedItem('email') as HTMLInputElement).value;
    this.password = (form.elements.namedItem('password') as HTMLInputElement).value;
    this.clearProblem();
    this.problems = this.validateCredentials();
    if (Object.keys(this.problems).length > 0) {
      this.validateLive = true;
      await this.focusId('summary');
      return;
    }
    const client = this.resolveClient();
    if (!client) return;
    const input = { email: this.email.trim(), password: this.password };
    const idempotencyKey = this.loginKeys.key([input.email, input.password]);
    this.status = () => msg('Connexion en cours…', { id: 'login.pending' });
    const outcome = await this.submitRequest.run((signal) => login(client, input, { signal, idempotencyKey }));
    if (!outcome) return;
    this.status = undefined;
    this.loginKeys.settle(outcome.ok ? undefined : outcome.error);
    if (outcome.ok) await this.onResult(outcome.value);
    else await this.fail(outcome.error, LOGIN_FIELDS);
  }

  private async onResult(result: LoginResult): Promise<void> {
    this.clearProblem();
    this.problems = {};
    this.validateLive = false;
    // The server has accepted the password: nothing needs it any more, whatever step comes next.
    this.password = '';
    if (result.status === 'signed-in') {
      this.session = result.session;
      this.code = '';
      this.step = 'signed-in';
      this.status = () => msg('Vous êtes connecté.', { id: 'login.signed-in.status' });
      emit(this, 'cibtp-signed-in', { session: result.session });
      await this.focusId('heading');
    } else if (result.status === 'choose-tiers') {
      this.tiers = result.tiers;
      this.step = 'tiers';
      await this.focusId('heading');
    } else {
      this.challenge = result.challenge;
      this.code = '';
      this.step = 'otp';
      await this.focusId('code');
    }
  }

  /** Shows a failed answer: per-field problems inline + summary, anything else in the summary. */
  private async fail(error: PortalError, fields: readonly string[]): Promise<void> {
    if (error.code === 'aborted') return;
    const known = Object.entries(error.fields).filter(([f]) => fields.includes(f));
    if (error.code === 'validation' && known.length > 0) {
      this.problems = Object.fromEntries(known.map(([f, code]) => [f, this.problemFor(f, code)]));
      this.validateLive = true;
    } else {
      this.problem = error;
    }
    await this.focusId('summary');
  }

  private async onSendLink(): Promise<void> {
    const code = this.problem?.code;
    if (this.sideRequest.pending || (code !== 'account-not-activated' && code !== 'email-certification-expired')) return;
    const client = this.resolveClient();
    if (!client) return;
    const email = this.email.trim();
    const idempotencyKey = this.sideKeys.key([code, email]);
    this.sideProblem = undefined;
    const outcome = await this.sideRequest.run((signal) =>
      code === 'account-not-activated'
        ? resendActivation(client, { email }, { signal, idempotencyKey })
        : renewCertification(client, { email }, { signal, idempotencyKey }),
    );
    if (!outcome) return;
    this.sideKeys.settle(outcome.ok ? undefined : outcome.error);
    if (outcome.ok) {
      this.sideNotice = code === 'account-not-activated' ? 'activation-sent' : 'certification-sent';
      const sent = this.sideNotice;
      this.status = () =>
        sent === 'activation-sent'
          ? msg("Un nouveau lien d'activation vient d'être envoyé à votre adresse électronique. Il est valable pour une durée limitée.", {
              id: 'login.activation.sent',
            })
          : msg("Un nouveau lien de certification vient d'être envoyé à votre adresse électronique. Il est valable pour une durée limitée.", {
              id: 'login.certification.sent',
            });
    } else if (outcome.error.code !== 'aborted') {
      this.sideProblem = outcome.error;
    }
  }

  private async onOtpSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const challenge = this.challenge;
    if (!challenge || this.submitRequest.pending || this.waitSeconds > 0) return;
    const form = event.currentTarget as HTMLFormElement;
    this.code = (form.elements.namedItem('code') as HTMLInputElement).value.trim();
    this.clearProblem();
    const found = fieldErrors(VerifyOtpRequest, { challengeId: challenge.id, code: this.code });
    this.problems = found['code'] ? { code: this.problemFor('code', found['code']) } : {};
    if (found['code']) {
      this.validateLive = true;
      await this.focusId('summary');
      return;
    }
    const client = this.resolveClient();
    if (!client) return;
    const input = { challengeId: challenge.id, code: this.code };
    const idempotencyKey = this.stepKeys.key(['otp', input.challengeId, input.code]);
    this.status = () => msg('Vérification du code en cours…', { id: 'login.otp.pending' });
    const outcome = await this.submitRequest.run((signal) => verifyOtp(client, input, { signal, idempotencyKey }));
    if (!outcome) return;
    this.status = undefined;
    this.stepKeys.settle(outcome.ok ? undefined : outcome.error);
    if (outcome.ok) {
      await this.onResult(outcome.value);
      return;
    }
    const error = outcome.error;
    if (error.code === 'otp-invalid' && error.attemptsLeft !== 0) {
      const attemptsLeft = error.attemptsLeft;
      this.problems = { code: () => otpInvalidMessage(this.label('code'), attemptsLeft) };
      this.validateLive = true;
      await this.focusId('summary');
    } else if (error.code === 'otp-invalid' || error.code === 'otp-expired') {
      // No attempt left, or the code expired: back to the password, which the user keeps.
      this.step = 'credentials';
      this.problems = {};
      this.problem = error;
      this.problemText =
        error.code === 'otp-invalid'
          ? () => msg('Trop de codes incorrects. Connectez-vous à nouveau pour recevoir un nouveau code.', { id: 'login.otp.exhausted' })
          : undefined;
      await this.focusId('summary');
    } else {
      await this.fail(error, ['code']);
    }
  }

  private async onResendOtp(): Promise<void> {
    const challenge = this.challenge;
    if (!challenge || this.sideRequest.pending || this.clock.secondsUntil(challenge.resendAvailableAt) > 0) return;
    const client = this.resolveClient();
    if (!client) return;
    this.sideProblem = undefined;
    const idempotencyKey = this.sideKeys.key(['resend', challenge.id]);
    const outcome = await this.sideRequest.run((signal) => resendOtp(client, { challengeId: challenge.id }, { signal, idempotencyKey }));
    if (!outcome) return;
    this.sideKeys.settle(outcome.ok ? undefined : outcome.error);
    if (outcome.ok) {
      this.challenge = outcome.value;
      this.problems = {};
      const digits = outcome.value.maskedPhone.replace(/\D/g, '').slice(-2);
      this.status = () => msg(str`Un nouveau code a été envoyé au numéro se terminant par ${digits}.`, { id: 'login.otp.resent' });
    } else if (outcome.error.code === 'otp-expired') {
      this.step = 'credentials';
      this.problem = outcome.error;
      await this.focusId('summary');
    } else if (outcome.error.code !== 'aborted') {
      this.sideProblem = outcome.error;
    }
  }

  private async onTiersSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.submitRequest.pending) return;
    const form = event.currentTarget as HTMLFormElement;
    const tiersId = new FormData(form).get('tiers');
    this.clearProblem();
    if (typeof tiersId !== 'string' || !tiersId) {
      this.problems = { tiers: this.problemFor('tiers', 'choose') };
      this.validateLive = true;
      await this.focusId('summary');
      return;
    }
    this.problems = {};
    const client = this.resolveClient();
    if (!client) return;
    const idempotencyKey = this.stepKeys.key(['tiers', tiersId]);
    this.status = () => msg('Connexion en cours…', { id: 'login.pending' });
    const outcome = await this.submitRequest.run((signal) => selectTiers(client, { tiersId }, { signal, idempotencyKey }));
    if (!outcome) return;
    this.status = undefined;
    this.stepKeys.settle(outcome.ok ? undefined : outcome.error);
    if (outcome.ok) await this.onResult(outcome.value);
    else if (outcome.error.code === 'session-expired') {
      this.step = 'credentials';
      this.problem = outcome.error;
      await this.focusId('summary');
    } else await this.fail(outcome.error, ['tiers']);
  }

  private async backToCredentials(): Promise<void> {
    this.submitRequest.abort();
    this.sideRequest.abort();
    this.clearProblem();
    this.problems = {};
    this.validateLive = false;
    this.challenge = undefined;
    this.tiers = [];
    this.step = 'credentials';
    await this.focusId('heading');
  }

  private async onForgot(): Promise<void> {
    if (!emit(this, 'cibtp-navigate', { to: 'forgot-password' })) return;
    this.submitRequest.abort();
    this.clearProblem();
    this.problems = {};
    // The inline forgotten-password flow is fetched when asked for: a page that only signs in never loads it.
    try {
      await ensureDefined('cibtp-forgot-password', () => import('../forgot-password/forgot-password.js'));
    } catch (error) {
      this.problem = error as PortalError;
      await this.focusId('summary');
      return;
    }
    this.step = 'forgot';
    await this.updateComplete;
    const inner = this.querySelector<CibtpForgotPassword>('cibtp-forgot-password');
    await inner?.updateComplete;
    await inner?.focusHeading();
  }

  /** The inline forgotten-password flow asks to go back to the login: handled here, not by the host. */
  private async onInnerNavigate(event: CustomEvent<{ to: NavigateTarget }>): Promise<void> {
    if (event.detail.to !== 'login') return;
    event.stopPropagation();
    event.preventDefault();
    this.step = 'credentials';
    await this.focusId('forgot');
  }
}
