import { localized } from '@lit/localize';
import { msg, str } from '../shared/localization.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { login, renewCertification, resendActivation, resendOtp, verifyOtp } from '../../sdk/auth/index.js';
import { PortalError } from '../../sdk/errors.js';
import { LoginRequest, VerifyOtpRequest, type LoginResult, type OtpChallenge } from '../../sdk/schemas/auth.js';
import type { Session } from '../../sdk/schemas/common.js';
import { CibtpElement } from '../shared/base-element.js';
import { ClockController } from '../shared/clock-controller.js';
import { codeField, codeStep } from '../shared/code-step.js';
import { emit, type CibtpEvent, type NavigateTarget } from '../shared/events.js';
import { button, formActions, formShell, passwordField, requiredNote, textField } from '../shared/fields.js';
import type { FormController, FormField } from '../shared/form-controller.js';
import { ensureDefined } from '../shared/lazy.js';
import { errorMessage, isolate, otpInvalidMessage, type Message } from '../shared/messages.js';
import { safeHref } from '../shared/navigation.js';
import { RequestController, RetryKeys } from '../shared/request-controller.js';
import { WizardController } from '../shared/wizard-controller.js';
import type { FranceConnectFlow, FranceConnectHost } from './franceconnect.js';
import { loginStyles } from './login.styles.js';

type Step = 'credentials' | 'otp' | 'tiers' | 'forgot' | 'signed-in' | 'franceconnect';

/** Whose login it is: the wording of the company space, or of the worker space. */
export type LoginAudience = 'entreprise' | 'salarie';

declare global {
  interface GlobalEventHandlersEventMap {
    /** The browser is about to go to FranceConnect (cancelable: the host then navigates itself). */
    'cibtp-franceconnect': CustomEvent<{ url: string }>;
  }
}
type SideNotice = 'activation-sent' | 'certification-sent';

/**
 * The login of the Espace sécurisé: email address (*identifiant de connexion*) and password, then,
 * as the server asks, a one-time code received by SMS or the choice of the adhérent and declaring
 * site (*tiers*). It also offers « Mot de passe oublié ? » (shown inline unless the host handles the
 * navigation) and the two entry points « Je crée mon espace sécurisé » and « D'autres sites
 * déclarants ? Je les associe à un espace existant ».
 *
 * **Audience.** `audience="salarie"` words it for the worker space: an example address that is not a
 * company's, no « sites déclarants » entry point, the worker guide's « Vous vous connectez pour la
 * première fois ? Je crée mon espace sécurisé », and the inline forgotten-password flow goes straight
 * to the reset link (a worker has no confidential code).
 *
 * **Tiers step.** A login linked to several tiers (`choose-tiers`) goes on to « Étape 2 sur 2 » under
 * the login's own heading (which takes the focus), with `<cibtp-tiers-picker embedded>` (its heading
 * one level below) for the choice, which the backend searches, sorts and pages. The picker's code is a
 * separate module, fetched only then: a login with one tiers never carries it. Its *Valider* signs in
 * (`cibtp-signed-in`, as after a password); its *Annuler*, or a wait for the choice that ran out on the
 * server, comes back to the credentials. The picker's own events do not leave the login.
 *
 * **FranceConnect.** With `franceconnect`, the button « S’identifier avec FranceConnect » sits above
 * the form (its code is a separate module, fetched only then: a company login page never carries it).
 * A click asks the caisse backend where to send the browser (`franceConnectStart`), fires the
 * cancelable `cibtp-franceconnect` and goes there. Back on the page with `?code=…&state=…`, the widget
 * removes them from the address at once and signs in (`franceConnectReturn`), asking once for the
 * identifiant CIBTP of an identity the caisse could not match (`franceConnectLink`). See
 * docs/FRANCECONNECT.md.
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
 * @fires cibtp-franceconnect - `CustomEvent<{ url: string }>`, cancelable: the browser is about to go to FranceConnect's
 *   `url`; call `preventDefault()` to navigate yourself.
 *
 * @csspart card - The frame around the widget (a real part: `cibtp-login::part(card)`).
 * @datapart heading - The heading of the current step.
 * @datapart step - The step indicator (« Étape n sur N ») inside the heading of the code and tiers steps.
 * @datapart form - The `<form>` of the current step.
 * @datapart required-note - The note that explains the required-field marker (*).
 * @datapart field - A label + hint + error + input group.
 * @datapart password-toggle - The show/hide password button.
 * @datapart submit - The submit button of the current step.
 * @datapart error-summary - The box listing the problems after a failed submission.
 * @datapart notice - A success or information box.
 * @datapart links - The entry points below the form.
 * @datapart tiers-picker - The `<cibtp-tiers-picker embedded>` of the tiers step (style its parts as `cibtp-tiers-picker [data-part="…"]`).
 * @datapart franceconnect - The FranceConnect block (sentence, button, « Qu’est-ce que FranceConnect ? »), with `franceconnect`.
 * @datapart franceconnect-button - The « S’identifier avec FranceConnect » button.
 * @datapart franceconnect-logo - The logo inside that button (where a caisse puts FranceConnect's official one).
 * @datapart separator - The « ou » between FranceConnect and the email and password form.
 * @datapart status - The visually hidden live region.
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
 * <cibtp-login base-url="/api/" audience="salarie" franceconnect></cibtp-login>
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

  /** `entreprise` (default) or `salarie`: the wording and entry points of that space. */
  @property() audience: LoginAudience = 'entreprise';

  /** Offers « S’identifier avec FranceConnect » and handles the return from FranceConnect. */
  @property({ type: Boolean }) franceconnect = false;

  /** Where FranceConnect sends the browser back; default: this page's address without query nor fragment. */
  @property({ attribute: 'franceconnect-return-url' }) franceconnectReturnUrl?: string | undefined;

  @state() private passwordVisible = false;
  /** A new activation or certification link was sent (a success, shown apart from the error). */
  @state() private sideNotice: SideNotice | undefined;
  @state() private sideProblem: PortalError | undefined;
  @state() private challenge: OtpChallenge | undefined;
  /** How many tiers the login may act for, once the server asked for a choice (0: no tiers step). */
  @state() private tiersCount = 0;
  /** Stops following the SDK's « session expired » (followed while the tiers step is shown). */
  private stopExpiryWatch: (() => void) | undefined;
  @state() private signedIn: Session | undefined;
  /** The FranceConnect part, once its module is loaded (`franceconnect` only). */
  @state() private franceConnectFlow: FranceConnectFlow | undefined;
  private franceConnectLoading = false;

  private readonly sideRequest = new RequestController(this);
  private readonly sideKeys = new RetryKeys();
  private readonly clock = new ClockController(this);

  /** Credentials → one-time code (when the server asks) → tiers (when several) → signed in. */
  private readonly wizard = new WizardController<Step>(
    this,
    { focus: (name) => this.focusId(name) },
    [
      { id: 'credentials' },
      { id: 'otp', when: () => !!this.challenge },
      { id: 'tiers', when: () => this.tiersCount > 0 },
      { id: 'signed-in', counted: false },
      { id: 'forgot', counted: false, when: () => false },
      { id: 'franceconnect', counted: false, when: () => false },
    ],
    () => [this.credentials, this.code, ...(this.franceConnectFlow?.forms ?? [])],
  );

  private readonly credentials = this.createForm({
    fields: [
      this.emailField(),
      { name: 'password', label: () => msg('Mot de passe', { id: 'login.password.label' }) },
    ],
    schema: LoginRequest,
  });

  private readonly code = this.createForm({
    fields: [codeField()],
    schema: VerifyOtpRequest,
    extra: () => ({ challengeId: this.challenge?.id ?? '' }),
  });

  /** The email field, whose example address follows the audience (read when a message is written). */
  private emailField(): FormField {
    const login = this;
    return {
      name: 'email',
      label: () => msg('Adresse électronique', { id: 'login.email.label' }),
      get example() {
        return login.worker ? 'nom@exemple.fr' : 'nom@entreprise.fr';
      },
    };
  }

  private get worker(): boolean {
    return this.audience === 'salarie';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('email') && this.email) this.credentials.set('email', this.email);
    if (this.franceconnect && !this.franceConnectLoading) void this.loadFranceConnect();
  }

  /**
   * Fetches the FranceConnect module (only with `franceconnect`), then looks at the address for a
   * return from FranceConnect: its code leaves the address bar as soon as the module runs.
   */
  private async loadFranceConnect(): Promise<void> {
    this.franceConnectLoading = true;
    let module: typeof import('./franceconnect.js');
    try {
      module = await import('./franceconnect.js');
    } catch (cause) {
      this.franceConnectLoading = false;
      await this.credentials.fail(new PortalError('network', { cause }));
      return;
    }
    const flow = new module.FranceConnectFlow(this.franceConnectHost());
    this.franceConnectFlow = flow;
    if (this.wizard.current === 'credentials') await flow.resume();
  }

  /** What the FranceConnect module may do with the login. */
  private franceConnectHost(): FranceConnectHost {
    return {
      element: this,
      headingLevel: () => this.headingLevel,
      createForm: (options) => this.createForm(options),
      id: (name) => this.fid(name),
      heading: (text) => this.headingTemplate(text),
      client: () => this.clients.value,
      missingClient: () => this.clients.missing(),
      announce: (message) => (this.status = message),
      returnUrl: () => this.franceconnectReturnUrl,
      show: async (focus = true) => {
        await this.wizard.go('franceconnect', { focus: focus ? 'heading' : false, remember: false });
        await this.updateComplete;
      },
      result: (result) => this.onResult(result),
      toCredentials: (error) => this.toCredentials(error),
      backToLogin: () => this.backToCredentials(),
      failStart: (error) => this.credentials.fail(error),
    };
  }

  protected override updated(): void {
    // The tiers picker's table needs more room than a form: the host widens (see `--cibtp-max-width-wide`).
    this.toggleAttribute('data-wide', this.wizard.current === 'tiers');
    if (this.wizard.current !== 'tiers') this.stopWatchingExpiry();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatchingExpiry();
  }

  /**
   * While the picker is shown, the wait for a choice may run out on the server (the picker's list or
   * its *Valider* then meet `session-expired`): the login goes back to the password, with why, as it
   * does for an expired one-time code.
   */
  private watchExpiry(): void {
    this.stopWatchingExpiry();
    this.stopExpiryWatch = this.clients.value?.onSessionExpired(() => {
      if (this.wizard.current === 'tiers') void this.toCredentials(new PortalError('session-expired'));
    });
  }

  private stopWatchingExpiry(): void {
    this.stopExpiryWatch?.();
    this.stopExpiryWatch = undefined;
  }

  /** The portal's session changed (a sign-out, an expiry, a sign-in elsewhere): the login follows it. */
  protected override sessionChanged(session: Session | null): void {
    if (!session && this.wizard.current === 'signed-in') {
      this.signedIn = undefined;
      this.status = () => msg('Vous êtes déconnecté.', { id: 'login.signed-out.status' });
      void this.wizard.restart('credentials', { focus: false });
    } else if (session && this.wizard.current !== 'signed-in' && this.wizard.current !== 'tiers' && !this.wizard.pending) {
      // (On the tiers step, the new session is the picker's choice: its `cibtp-tiers-selected` follows.)
      this.signedIn = session;
      void this.wizard.restart('signed-in', { focus: false });
    }
  }

  protected override stepTemplate(): TemplateResult {
    switch (this.wizard.current) {
      case 'otp':
        return this.otpTemplate();
      case 'tiers':
        return this.tiersTemplate();
      case 'forgot':
        return this.forgotTemplate();
      case 'signed-in':
        return this.signedInTemplate();
      case 'franceconnect':
        return this.franceConnectFlow?.stepTemplate() ?? this.credentialsTemplate();
      default:
        return this.credentialsTemplate();
    }
  }

  /** The countdown of a rate limit, on the step that met it. */
  private waitSeconds(problem: PortalError | undefined): number {
    return problem?.code === 'rate-limited' ? this.clock.secondsUntil(problem.retryAt) : 0;
  }

  /** The summary of a step, with a live countdown for a rate limit. */
  private summaryOf(form: FormController, actions?: TemplateResult): TemplateResult | typeof nothing {
    const problem = form.problem;
    const message = problem?.code === 'rate-limited' && !form.problemText
      ? errorMessage(problem, this.waitSeconds(problem))
      : form === this.credentials && problem?.code === 'forbidden'
        // The password was right, but the login acts for no adhérent (yet, or any more): its delegations
        // wait for their date d'effet or the administrator's confirmation, or were closed or have ended.
        ? msg('Votre compte n’a accès à aucun adhérent pour le moment : votre délégation n’est pas encore active, a été fermée ou a pris fin. Rapprochez-vous de l’entreprise qui vous l’a donnée.', {
            id: 'login.no-access',
          })
        : undefined;
    return form.summary({ message, actions });
  }

  /** What the user can do about the problem: ask for a new activation or certification link. */
  private problemActions(): TemplateResult | undefined {
    const code = this.credentials.problem?.code;
    if (code !== 'account-not-activated' && code !== 'email-certification-expired') return undefined;
    const label =
      code === 'account-not-activated'
        ? msg('Recevoir un nouveau lien d’activation', { id: 'login.activation.resend' })
        : msg('Recevoir un nouveau lien de certification', { id: 'login.certification.renew' });
    return html`<div class="cibtp-actions">${button({ label, pending: this.sideRequest.pending, onClick: this.onSendLink })}</div>
      ${this.sideProblem ? html`<p class="cibtp-field-error" role="alert">${errorMessage(this.sideProblem)}</p>` : nothing}`;
  }

  /** After « Recevoir un nouveau lien… »: a success box of its own, not inside the error summary. */
  private sideNoticeTemplate(): TemplateResult {
    const activation = this.sideNotice === 'activation-sent';
    return this.successNotice(
      'side-notice',
      activation
        ? msg('Nouveau lien d’activation envoyé', { id: 'login.activation.sent.title' })
        : msg('Nouveau lien de certification envoyé', { id: 'login.certification.sent.title' }),
      activation
        ? msg('Un nouveau lien d’activation vient d’être envoyé à votre adresse électronique. Il est valable pour une durée limitée.', {
            id: 'login.activation.sent',
          })
        : msg('Un nouveau lien de certification vient d’être envoyé à votre adresse électronique. Il est valable pour une durée limitée.', {
            id: 'login.certification.sent',
          }),
    );
  }

  private credentialsTemplate(): TemplateResult {
    const form = this.credentials;
    const blocked = form.pending || this.waitSeconds(form.problem) > 0;
    return html`${this.headingTemplate(msg('Connexion à votre espace CIBTP', { id: 'login.title' }))}
      ${this.sideNotice ? this.sideNoticeTemplate() : this.summaryOf(form, this.problemActions())}
      ${this.franceconnect ? (this.franceConnectFlow?.buttonTemplate() ?? nothing) : nothing}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: form.pending,
        onSubmit: this.onLoginSubmit,
        body: html`${requiredNote()}
        ${textField({
          ...form.bind('email'),
          type: 'email',
          inputmode: 'email',
          autocomplete: 'username',
          hint: this.worker
            ? msg('Votre identifiant de connexion, par exemple nom@exemple.fr', { id: 'login.email.hint.salarie' })
            : msg('Votre identifiant de connexion, par exemple nom@entreprise.fr', { id: 'login.email.hint' }),
          required: true,
          identifier: true,
        })}
        ${passwordField({
          ...form.bind('password'),
          autocomplete: 'current-password',
          required: true,
          visible: this.passwordVisible,
          onToggle: () => (this.passwordVisible = !this.passwordVisible),
        })}
        ${formActions({
          submit: msg('Se connecter', { id: 'login.submit' }),
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
        <li>
          ${this.worker ? html`${msg('Vous vous connectez pour la première fois\u00a0?', { id: 'login.signup.first-time' })} ` : nothing}
          ${this.entryTemplate('signup', msg('Je crée mon espace sécurisé', { id: 'login.signup' }), this.signupHref)}
        </li>
        ${this.worker
          ? nothing
          : html`<li>
              ${this.entryTemplate(
                'associate-site',
                msg('D’autres sites déclarants\u00a0? Je les associe à un espace existant', { id: 'login.associate' }),
                this.associateHref,
              )}
            </li>`}
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
    return html`${this.headingTemplate(msg('Vérification de votre identité', { id: 'login.otp.title' }), this.wizard.position)}
      ${this.summaryOf(this.code)}
      ${codeStep({
        form: this.code,
        id: (name) => this.fid(name),
        challenge,
        resendIn: this.clock.secondsUntil(challenge.resendAvailableAt),
        blocked: this.waitSeconds(this.code.problem) > 0,
        onSubmit: this.onOtpSubmit,
        resend: { pending: this.sideRequest.pending, problem: this.sideProblem, onClick: this.onResendOtp },
        leave: { label: msg('Retour à la connexion', { id: 'common.back-to-login' }), onClick: this.backToCredentials },
      })}`;
  }

  /**
   * « Étape 2 sur 2 » under the login's heading (which takes the focus as the step opens), then the
   * picker, whose own heading, one level below, names the choice: one heading each, as in the guide.
   */
  private tiersTemplate(): TemplateResult {
    return html`${this.headingTemplate(msg('Connexion à votre espace CIBTP', { id: 'login.title' }), this.wizard.position)}
      <cibtp-tiers-picker
        embedded
        data-part="tiers-picker"
        heading-level=${this.headingLevel + 1}
        .client=${this.clients.value}
        @cibtp-tiers-selected=${this.onTiersSelected}
        @cibtp-tiers-cancel=${this.onTiersCancel}
      ></cibtp-tiers-picker>`;
  }

  private forgotTemplate(): TemplateResult {
    return this.recovery?.({
      client: this.clients.value,
      headingLevel: this.headingLevel,
      email: this.credentials.values['email'],
      situation: this.worker ? 'email' : undefined,
      audience: this.audience,
      back: () => this.wizard.restart('credentials', { focus: 'forgot' }),
    }) ?? html``;
  }

  private signedInTemplate(): TemplateResult {
    const s = this.signedIn;
    const name = s ? `${s.user.firstName} ${s.user.lastName}`.trim() : '';
    const tiers = s?.tiers ? `${s.tiers.raisonSociale} — ${s.tiers.siteName}` : '';
    return html`${this.headingTemplate(msg('Connexion réussie', { id: 'login.signed-in.title' }))}
      <div class="cibtp-notice cibtp-notice--success" data-part="notice">
        <p class="cibtp-notice__body">${msg(str`Bienvenue, ${isolate(name)}.`, { id: 'login.signed-in.welcome' })}</p>
        ${tiers
          ? html`<p class="cibtp-notice__body">${msg(str`Espace de\u00a0: ${isolate(tiers)}`, { id: 'login.signed-in.tiers' })}</p>`
          : nothing}
      </div>`;
  }

  // ---- behaviour ---------------------------------------------------------------------------------

  private async onLoginSubmit(event: SubmitEvent): Promise<void> {
    if (this.waitSeconds(this.credentials.problem) > 0) {
      event.preventDefault();
      return;
    }
    this.sideNotice = undefined;
    this.sideProblem = undefined;
    const outcome = await this.credentials.submit(event, {
      pending: () => msg('Connexion en cours…', { id: 'login.pending' }),
      send: (client, data, call) => login(client, data, call),
    });
    if (outcome?.ok) await this.onResult(outcome.value);
  }

  private async onResult(result: LoginResult): Promise<void> {
    // The server has accepted the password: nothing needs it any more, whatever step comes next.
    this.credentials.set('password', '');
    if (result.status === 'signed-in') {
      this.signedIn = result.session;
      this.code.set('code', '');
      this.status = () => msg('Connexion réussie.', { id: 'login.signed-in.status' });
      emit(this, 'cibtp-signed-in', { session: result.session });
      await this.wizard.go('signed-in');
    } else if (result.status === 'choose-tiers') {
      // The picker is fetched when a login has several tiers: most logins never need it.
      try {
        await ensureDefined('cibtp-tiers-picker', () => import('../tiers-picker/tiers-picker.js'));
      } catch (error) {
        await this.credentials.fail(error as PortalError);
        return;
      }
      this.tiersCount = result.tiersCount;
      this.watchExpiry();
      await this.wizard.go('tiers');
    } else {
      this.challenge = result.challenge;
      this.code.set('code', '');
      await this.wizard.go('otp', { focus: 'code' });
    }
  }

  private async onSendLink(): Promise<void> {
    const code = this.credentials.problem?.code;
    if (this.sideRequest.pending || (code !== 'account-not-activated' && code !== 'email-certification-expired')) return;
    const client = this.clients.value;
    if (!client) return void this.credentials.fail(this.clients.missing());
    const email = (this.credentials.values['email'] ?? '').trim();
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
      // The error it answers is solved: the success box replaces the summary, and takes the focus.
      this.credentials.clear();
      await this.focusId('side-notice');
    } else if (outcome.error.code !== 'aborted') {
      this.sideProblem = outcome.error;
    }
  }

  private async onOtpSubmit(event: SubmitEvent): Promise<void> {
    if (!this.challenge || this.waitSeconds(this.code.problem) > 0) {
      event.preventDefault();
      return;
    }
    this.sideProblem = undefined;
    const outcome = await this.code.submit(event, {
      pending: () => msg('Vérification du code en cours…', { id: 'login.otp.pending' }),
      send: (client, data, call) => verifyOtp(client, data, call),
      onError: (error) => this.onOtpError(error),
    });
    if (outcome?.ok) await this.onResult(outcome.value);
  }

  /** A wrong code with attempts left stays on the field; no attempt left, or an expired code: back to the password. */
  private async onOtpError(error: PortalError): Promise<boolean> {
    if (error.code === 'otp-invalid' && error.attemptsLeft !== 0) {
      const attemptsLeft = error.attemptsLeft;
      this.code.problems = { code: () => otpInvalidMessage(codeField().label(), attemptsLeft) };
      await this.focusId('summary');
      return true;
    }
    if (error.code !== 'otp-invalid' && error.code !== 'otp-expired') return false;
    await this.toCredentials(error, error.code === 'otp-invalid'
      ? () => msg('Trop de codes incorrects. Connectez-vous à nouveau pour recevoir un nouveau code.', { id: 'login.otp.exhausted' })
      : undefined);
    return true;
  }

  /** Back to the password (which the user keeps) with the problem that ended the step. */
  private async toCredentials(error: PortalError, text?: Message): Promise<void> {
    this.challenge = undefined;
    this.tiersCount = 0;
    await this.wizard.restart('credentials', { focus: false });
    this.credentials.problem = error;
    this.credentials.problemText = text;
    this.requestUpdate();
    await this.focusId('summary');
  }

  private async onResendOtp(): Promise<void> {
    const challenge = this.challenge;
    if (!challenge || this.sideRequest.pending || this.clock.secondsUntil(challenge.resendAvailableAt) > 0) return;
    const client = this.clients.value;
    if (!client) return void this.code.fail(this.clients.missing());
    this.sideProblem = undefined;
    const idempotencyKey = this.sideKeys.key(['resend', challenge.id]);
    const outcome = await this.sideRequest.run((signal) => resendOtp(client, { challengeId: challenge.id }, { signal, idempotencyKey }));
    if (!outcome) return;
    this.sideKeys.settle(outcome.ok ? undefined : outcome.error);
    if (outcome.ok) {
      this.challenge = outcome.value;
      this.code.clear();
      const digits = outcome.value.maskedPhone.replace(/\D/g, '').slice(-2);
      this.status = () => msg(str`Un nouveau code a été envoyé au numéro se terminant par ${digits}.`, { id: 'login.otp.resent' });
    } else if (outcome.error.code === 'otp-expired') {
      await this.toCredentials(outcome.error);
    } else if (outcome.error.code !== 'aborted') {
      this.sideProblem = outcome.error;
    }
  }

  /** The picker's *Valider* went through: signed in for that tiers, as the login's own answer would be. */
  private async onTiersSelected(event: CibtpEvent<'cibtp-tiers-selected'>): Promise<void> {
    event.stopPropagation();
    await this.onResult({ status: 'signed-in', session: event.detail.session });
  }

  /** The picker's *Annuler*: back to the credentials. */
  private async onTiersCancel(event: CibtpEvent<'cibtp-tiers-cancel'>): Promise<void> {
    event.stopPropagation();
    await this.backToCredentials();
  }

  private async backToCredentials(): Promise<void> {
    this.sideRequest.abort();
    this.sideProblem = undefined;
    this.challenge = undefined;
    this.tiersCount = 0;
    for (const form of [this.credentials, this.code]) form.clear();
    await this.wizard.restart('credentials');
  }

  private async onForgot(): Promise<void> {
    // The inline flow is fetched when asked for: a page that only signs in never loads it.
    await this.openRecovery(this.credentials, () => this.wizard.go('forgot', { focus: false }));
  }
}
