import { localized } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { cache } from 'lit/directives/cache.js';
import { passwordPolicy } from '../../sdk/auth/index.js';
import type { PortalError } from '../../sdk/errors.js';
import { BIRTH_COUNTRIES, DEPARTEMENTS } from '../../sdk/rules/civil.js';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../../sdk/rules/password.js';
import { IdentifyWorkerRequest, type CompanyIdentity, type SecretQuestions } from '../../sdk/schemas/signup.js';
import { identifyCompany, identifyWorker, searchCommunes, secretQuestions } from '../../sdk/signup/operations.js';
import { CibtpElement } from '../shared/base-element.js';
import { ClockController } from '../shared/clock-controller.js';
import { AccountFields, confirmations, holderFields, passwordFields, phoneFormField } from '../shared/account-fields.js';
import { ComboboxController, comboboxField } from '../shared/combobox.js';
import { companyBlocked, companyForm, companyStep, companySummary, identifiantField, identifiantInput } from '../shared/company-step.js';
import { emit, type CibtpEvent } from '../shared/events.js';
import { button, formActions, formShell, notice, requiredNote, textField, type ButtonOptions } from '../shared/fields.js';
import type { FormController } from '../shared/form-controller.js';
import { ensureDefined } from '../shared/lazy.js';
import { getLocale, msg, str } from '../shared/localization.js';
import { errorMessage, fieldMessage, type FieldProblem } from '../shared/messages.js';
import { safeHref } from '../shared/navigation.js';
import { RequestController } from '../shared/request-controller.js';
import { WizardController } from '../shared/wizard-controller.js';
import { departementLabel } from './departements.js';

type Registration = typeof import('../../sdk/signup/registration.js');
type CompanySchema = ReturnType<Registration['registerCompanyRequest']>;
type WorkerSchema = ReturnType<Registration['registerWorkerRequest']>;
import { composeDate, dateField, radioGroup, selectField, type DateParts } from '../shared/choice-fields.js';
import { signupStyles } from './signup.styles.js';

/** Which space is created: a member company's (`entreprise`) or a worker's (`salarie`). */
export type SignupType = 'entreprise' | 'salarie';
type Step = 'identify' | 'account' | 'done' | 'forgot';

declare module '../shared/events.js' {
  interface CibtpEventDetails {
    /** A space was created: its activation link went by email to `email`. */
    'cibtp-signup-complete': { type: SignupType; email: string };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cibtp-signup-complete': CibtpEvent<'cibtp-signup-complete'>;
  }
}

const emailMessages = {
  mismatch: (label: string) => msg(str`${label}\u00a0: ne correspond pas à l’adresse saisie`, { id: 'signup.email.mismatch' }),
  'in-use': (label: string) =>
    msg(str`${label}\u00a0: cette adresse est déjà utilisée par un espace sécurisé. Connectez-vous, ou choisissez une autre adresse.`, {
      id: 'signup.email.in-use',
    }),
};

/**
 * « Je crée mon espace sécurisé »: the two signup wizards of the Espace sécurisé, in two steps each.
 *
 * - `type="entreprise"` (default): step 1 « Identification de l’entreprise » (identifiant CIBTP, SIRET,
 *   code confidentiel provisoire, checked together: a refusal names no field); step 2 « Création de
 *   votre compte » (email twice, password twice under the caisse's policy, nom and prénom pre-filled
 *   from the caisse's record, fixed and mobile phones, the mobile certifiable by SMS).
 * - `type="salarie"`: step 1 « Vos informations personnelles » (civil status: nom de naissance,
 *   prénoms, country of birth, then département and commune when born in France, identifiant CIBTP,
 *   date of birth, sexe); step 2 « Création de votre compte » (email, password twice, a mobile that
 *   must be certified by SMS, fixed phone, the secret question and its answer).
 *
 * Both end on « Un courriel d’activation a été envoyé à … »: the account works once its activation link
 * is followed. « Retour » keeps what was typed on both steps; « Annuler », on every step, leaves for
 * the login (`cibtp-navigate`, then `login-href` when not prevented). A ticket that expired between the
 * steps sends the user back to step 1, with what was typed.
 *
 * Rendering is in the light DOM, like every widget of the kit: the password and phone inputs are native
 * inputs of `<cibtp-password-field>` / `<cibtp-phone-field>`, loaded with step 2.
 *
 * @summary Creating a company or worker space: identification, then the account.
 *
 * @fires cibtp-signup-complete - `CustomEvent<{ type: 'entreprise' | 'salarie'; email: string }>`: the
 *   account was created and its activation link sent to `email`.
 * @fires cibtp-navigate - `CustomEvent<{ to: 'login' | 'confidential-code' }>`, cancelable: `login` on « Annuler »
 *   and « Retour à la connexion » (then `login-href` is followed when set and not prevented);
 *   `confidential-code` on « Je n’ai pas mon code confidentiel » (the request of a new code by post, shown
 *   inline when not prevented).
 * @fires cibtp-recovery-requested - `CustomEvent<{ channel: 'letter' }>`: from the inline request of a new code.
 *
 * @csspart card - The frame around the widget (a real part: `cibtp-signup::part(card)`).
 * @datapart heading - The heading of the current step.
 * @datapart step - The step indicator (« Étape n sur 2 ») inside the heading.
 * @datapart form - The `<form>` of the current step.
 * @datapart intro - What to have at hand, at the top of step 1.
 * @datapart required-note - The note that explains the required-field marker (*).
 * @datapart field - A label + hint + error + input group.
 * @datapart forgot-code - « Je n’ai pas mon code confidentiel ».
 * @datapart identity - The company the account is created for (step 2, company).
 * @datapart section - A titled group of step 2 (login, contact, recovery).
 * @datapart information - The notice on the messages the caisse sends (regulatory, GDPR).
 * @datapart listbox - The commune suggestions.
 * @datapart option - One commune suggestion.
 * @datapart submit - The submit button of the form.
 * @datapart error-summary - The box listing the problems after a failed submission.
 * @datapart notice - The activation-email box of the end screen.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - Hints and notes.
 * @cssproperty --cibtp-color-background - Background of the card, inputs, suggestions and boxes.
 * @cssproperty --cibtp-color-surface - Background of the information notice and of the active suggestion.
 * @cssproperty --cibtp-color-border - Borders of the card, inputs and suggestions.
 * @cssproperty --cibtp-color-primary - Buttons, links and the selected option.
 * @cssproperty --cibtp-color-primary-hover - Primary button on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - Errors, the required marker and the error summary.
 * @cssproperty --cibtp-color-success - Success box and met password rules.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit.
 * @cssproperty --cibtp-max-width - Widest the widget grows.
 * @cssproperty --cibtp-control-height - Height of inputs and buttons.
 *
 * @example
 * ```html
 * <cibtp-signup type="salarie" base-url="/api/" login-href="/connexion"></cibtp-signup>
 * ```
 */
@localized()
export class CibtpSignup extends CibtpElement {
  static override styles = signupStyles;

  /** The space created: `entreprise` (default) or `salarie`. */
  @property({ reflect: true }) type: SignupType = 'entreprise';

  /** Address of the login page: « Annuler » and the end screen lead there (after `cibtp-navigate`). */
  @property({ attribute: 'login-href' }) loginHref?: string | undefined;

  /** The caisse's password policy (served by its backend, loaded once with step 2). */
  @state() private policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY;
  @state() private identity: CompanyIdentity | undefined;
  @state() private ticket = '';
  @state() private questions: SecretQuestions['items'] = [];
  @state() private questionsProblem: PortalError | undefined;
  @state() private birthParts: DateParts = { day: '', month: '', year: '' };
  /** The address the activation link went to (end screen). */
  @state() private sentTo = '';

  private policyLoaded = false;
  private policyLoading: Promise<void> | undefined;
  private readonly policyRequest = new RequestController(this);
  private readonly questionsRequest = new RequestController(this);
  private readonly clock = new ClockController(this);
  /** Step 2's password and phones; the mobile last certified is kept while the wizard goes back and forth. */
  private readonly account = new AccountFields(this, {
    id: (name) => this.fid(name),
    client: () => this.clients.value,
    policy: () => this.policy,
    remember: true,
  });

  private readonly wizard = new WizardController<Step>(
    this,
    { focus: (name) => this.focusId(name) },
    [{ id: 'identify' }, { id: 'account' }, { id: 'done', counted: false }, { id: 'forgot', counted: false, when: () => false }],
    () => [this.companyIdentify, this.companyAccount, this.workerCivil, this.workerAccount],
  );

  // ---- forms -------------------------------------------------------------------------------------

  private readonly companyIdentify = this.createForm(companyForm('signup'));

  private readonly companyAccount = this.createForm({
    fields: [
      { name: 'email', label: () => msg('Adresse électronique', { id: 'signup.email.label' }), example: 'nom@entreprise.fr', messages: emailMessages },
      {
        name: 'emailConfirmation',
        input: 'email-confirmation',
        label: () => msg('Confirmation de l’adresse électronique', { id: 'signup.email-confirmation.label' }),
        messages: emailMessages,
      },
      ...passwordFields(),
      ...holderFields(),
      phoneFormField('fixedPhone'),
      phoneFormField('mobilePhone'),
    ],
    schema: () => this.companySchema(),
    extra: (): Record<string, unknown> => ({ ticket: this.ticket, mobileCertificate: this.account.certificate(this.companyAccount, 'mobilePhone') }),
    check: (values) => confirmations(values, [['email', 'emailConfirmation'], ['password', 'passwordConfirmation']], { trim: true }),
  });

  private readonly workerCivil = this.createForm({
    fields: [
      { name: 'civilStatus.birthName', input: 'birthName', label: () => msg('Nom de naissance', { id: 'signup.birth-name.label' }) },
      { name: 'civilStatus.firstNames', input: 'firstNames', label: () => msg('Prénoms', { id: 'signup.first-names.label' }) },
      {
        name: 'civilStatus.birthCountry',
        input: 'birthCountry',
        label: () => msg('Pays de naissance', { id: 'signup.birth-country.label' }),
        messages: { required: (label) => fieldMessage(label, 'choose') },
      },
      {
        name: 'civilStatus.birthDepartement',
        input: 'birthDepartement',
        optional: true,
        label: () => msg('Département de naissance', { id: 'signup.birth-departement.label' }),
        messages: { required: (label) => fieldMessage(label, 'choose') },
      },
      {
        name: 'civilStatus.birthCommune',
        input: 'birthCommune',
        target: 'commune',
        optional: true,
        label: () => msg('Commune de naissance', { id: 'signup.birth-commune.label' }),
        messages: {
          required: (label) => msg(str`${label}\u00a0: choisissez une commune dans la liste`, { id: 'signup.birth-commune.choose' }),
          invalid: (label) => msg(str`${label}\u00a0: choisissez une commune dans la liste`, { id: 'signup.birth-commune.choose' }),
        },
      },
      identifiantField(),
      {
        name: 'civilStatus.birthDate',
        input: 'birthDate',
        target: 'birth-date-day',
        label: () => msg('Date de naissance', { id: 'signup.birth-date.label' }),
        messages: {
          invalid: (label) =>
            msg(str`${label}\u00a0: indiquez une date réelle, qui n’est pas dans le futur (exemple\u00a0: 27 3 1985)`, { id: 'signup.birth-date.invalid' }),
        },
      },
      {
        name: 'civilStatus.sex',
        input: 'sex',
        target: 'sex-F',
        label: () => msg('Sexe', { id: 'signup.sex.label' }),
        messages: { required: (label) => fieldMessage(label, 'choose') },
      },
    ],
    schema: IdentifyWorkerRequest,
  });

  private readonly workerAccount = this.createForm({
    fields: [
      { name: 'email', label: () => msg('Adresse électronique', { id: 'signup.email.label' }), example: 'nom@exemple.fr', messages: emailMessages },
      ...passwordFields(),
      phoneFormField('mobilePhone', { required: true }),
      phoneFormField('fixedPhone'),
      {
        name: 'secretQuestion',
        label: () => msg('Question secrète', { id: 'signup.secret-question.label' }),
        messages: { required: (label) => fieldMessage(label, 'choose') },
      },
      {
        name: 'secretAnswer',
        label: () => msg('Réponse à la question secrète', { id: 'signup.secret-answer.label' }),
        messages: { invalid: (label) => msg(str`${label}\u00a0: au moins 2 caractères`, { id: 'signup.secret-answer.invalid' }) },
      },
    ],
    schema: () => this.workerSchema(),
    extra: (): Record<string, unknown> => ({ ticket: this.ticket, mobileCertificate: this.account.certificate(this.workerAccount, 'mobilePhone') }),
    check: (values): Record<string, FieldProblem> => {
      const problems = confirmations(values, [['password', 'passwordConfirmation']], { trim: true });
      // The worker's mobile receives the code of every login: it must be proven before the space exists.
      if (values['mobilePhone'] && !this.account.certificate(this.workerAccount, 'mobilePhone')) problems['mobilePhone'] = 'not-certified';
      return problems;
    },
  });

  /** The commune of birth: suggestions from the caisse's list, within the chosen département. */
  private readonly commune = new ComboboxController(this, {
    search: async (q, signal) => {
      const departement = this.workerCivil.values['civilStatus.birthDepartement'] ?? '';
      const client = this.clients.value;
      if (!departement || !client) return [];
      const { items } = await searchCommunes(client, { departement, q }, { signal });
      return items.map((c) => ({ value: c.code, label: c.name }));
    },
    onChange: (option) => this.workerCivil.input('civilStatus.birthCommune', option?.value ?? ''),
  });

  /**
   * Step 2's operations and schemas, fetched with step 2 (`toAccount`): they carry the phone rules
   * (libphonenumber), which step 1 has no use for.
   */
  private registration: Registration | undefined;

  private reg(): Registration {
    // Step 2's forms are validated and sent only once step 2 is shown, hence once this is loaded.
    if (!this.registration) throw new Error('cibtp-signup: step 2 before its module');
    return this.registration;
  }

  private schemas: { policy: PasswordPolicy; company: CompanySchema; worker: WorkerSchema } | undefined;

  private policySchemas(): NonNullable<CibtpSignup['schemas']> {
    if (this.schemas?.policy !== this.policy) {
      const reg = this.reg();
      this.schemas = { policy: this.policy, company: reg.registerCompanyRequest(this.policy), worker: reg.registerWorkerRequest(this.policy) };
    }
    return this.schemas;
  }

  /** Until the caisse's policy is known, only what every policy shares; the server has the last word. */
  private companySchema(): CompanySchema | Registration['RegisterCompanyRequest'] {
    return this.policyLoaded ? this.policySchemas().company : this.reg().RegisterCompanyRequest;
  }

  private workerSchema(): WorkerSchema | Registration['RegisterWorkerRequest'] {
    return this.policyLoaded ? this.policySchemas().worker : this.reg().RegisterWorkerRequest;
  }

  private get identifyForm(): FormController {
    return this.type === 'salarie' ? this.workerCivil : this.companyIdentify;
  }

  private get accountForm(): FormController {
    return this.type === 'salarie' ? this.workerAccount : this.companyAccount;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('type') && changed.get('type') !== undefined) void this.wizard.restart('identify', { focus: false });
  }

  // ---- templates ---------------------------------------------------------------------------------

  protected override stepTemplate(): TemplateResult {
    const step = this.wizard.current;
    if (step === 'done') return this.doneTemplate();
    if (step === 'forgot') return this.forgotTemplate();
    // Both steps stay in the page while the user goes back and forth: the custom fields of step 2
    // (a certified mobile, a password being chosen) keep their state as the native inputs do.
    const salarie = this.type === 'salarie';
    return html`${cache(
      step === 'account'
        ? salarie ? this.workerAccountTemplate() : this.companyAccountTemplate()
        : salarie ? this.workerCivilTemplate() : this.companyIdentifyTemplate(),
    )}`;
  }

  private cancelButton(): ButtonOptions {
    return { label: msg('Annuler', { id: 'common.cancel' }), onClick: this.onCancel };
  }

  private companyIdentifyTemplate(): TemplateResult {
    const form = this.companyIdentify;
    return html`${this.headingTemplate(msg('Identification de l’entreprise', { id: 'signup.company.identify.title' }), this.wizard.position)}
      ${companySummary(form, this.clock)}
      ${companyStep({
        form,
        id: (name) => this.fid(name),
        blocked: companyBlocked(form, this.clock),
        onSubmit: this.onCompanyIdentify,
        onForgotCode: this.onForgotCode,
        leave: this.cancelButton(),
      })}`;
  }

  /** The end of step 2: « Retour » and « Annuler » beside the submit button. */
  private accountActions(form: FormController, submit: string): TemplateResult {
    return html`${formActions({
        submit,
        pending: form.pending,
        secondary: { label: msg('Retour', { id: 'signup.back' }), onClick: this.onBack },
      })}
      <p>${button({ variant: 'link', ...this.cancelButton() })}</p>`;
  }

  private companyAccountTemplate(): TemplateResult {
    const form = this.companyAccount;
    const identity = this.identity;
    return html`${this.headingTemplate(msg('Création de votre compte', { id: 'signup.account.title' }), this.wizard.position)}
      ${form.summary()}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: form.pending,
        onSubmit: this.onCompanyRegister,
        body: html`${identity && (identity.raisonSociale || identity.siteName)
            ? html`<p class="cibtp-lead" data-part="identity">
                ${msg('Espace de l’entreprise\u00a0:', { id: 'signup.company.identity' })}
                <bdi>${[identity.raisonSociale, identity.siteName].filter(Boolean).join(' — ')}</bdi>
              </p>`
            : nothing}
          <p class="cibtp-note">
            ${msg('Ces informations vous permettront de vous connecter et d’échanger avec votre caisse.', { id: 'signup.account.intro' })}
          </p>
          ${requiredNote()}
          ${this.sectionTitle(msg('Identifiants de connexion', { id: 'signup.section.login' }))}
          ${textField({
            ...form.bind('email'),
            type: 'email',
            inputmode: 'email',
            autocomplete: 'email',
            hint: msg('Elle deviendra votre identifiant de connexion. Par exemple nom@entreprise.fr', { id: 'signup.email.hint' }),
            required: true,
            identifier: true,
          })}
          ${textField({ ...form.bind('emailConfirmation'), type: 'email', inputmode: 'email', autocomplete: 'email', required: true, identifier: true })}
          ${this.account.password(form)}
          ${this.sectionTitle(msg('Titulaire du compte et contact', { id: 'signup.section.contact' }))}
          ${textField({ ...form.bind('lastName'), autocomplete: 'family-name', required: true })}
          ${textField({ ...form.bind('firstName'), autocomplete: 'given-name', required: true })}
          ${this.account.phone(form, 'fixedPhone')}
          ${this.account.phone(form, 'mobilePhone')}
          <p class="cibtp-note">
            ${msg('Votre téléphone mobile vous permettra de recevoir des messages de votre caisse par SMS. Certifiez-le avec le code qui vous sera envoyé.', {
              id: 'signup.company.mobile.note',
            })}
          </p>
          <div class="cibtp-information" data-part="information">
            <p>
              ${msg('Je suis informé que je suis susceptible de recevoir à cette adresse électronique, quelques fois par an, des informations réglementaires et pratiques ainsi que des actualités de la caisse.', {
                id: 'signup.company.information',
              })}
            </p>
          </div>
          ${this.accountActions(form, msg('Valider', { id: 'common.validate' }))}`,
      })}`;
  }

  private sectionTitle(text: string): TemplateResult {
    return html`<p class="cibtp-subheading" data-part="section">${text}</p>`;
  }

  private countryOptions(): Array<{ value: string; label: string }> {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([getLocale()], { type: 'region' });
    } catch {
      names = undefined;
    }
    const locale = getLocale();
    const named = BIRTH_COUNTRIES.map((code) => ({ value: code, label: names?.of(code) ?? code }));
    const [france, ...others] = named;
    // France first (most workers were born there), then by name in the user's language.
    return [france!, ...others.sort((a, b) => a.label.localeCompare(b.label, locale))];
  }

  private workerCivilTemplate(): TemplateResult {
    const form = this.workerCivil;
    const country = form.values['civilStatus.birthCountry'] ?? '';
    const departement = form.values['civilStatus.birthDepartement'] ?? '';
    return html`${this.headingTemplate(msg('Vos informations personnelles', { id: 'signup.worker.identify.title' }), this.wizard.position)}
      ${companySummary(form, this.clock)}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: form.pending,
        onSubmit: this.onWorkerIdentify,
        body: html`<p class="cibtp-note" data-part="intro">
            ${msg('Munissez-vous du Courrier de bienvenue reçu de votre caisse CIBTP\u00a0: il contient votre identifiant CIBTP.', { id: 'signup.worker.intro' })}
          </p>
          ${requiredNote()}
          ${textField({ ...form.bind('civilStatus.birthName'), autocomplete: 'family-name', required: true })}
          ${textField({
            ...form.bind('civilStatus.firstNames'),
            autocomplete: 'given-name',
            hint: msg('Tous vos prénoms, dans l’ordre de l’état civil.', { id: 'signup.first-names.hint' }),
            required: true,
          })}
          ${selectField({
            ...this.selectBind(form, 'civilStatus.birthCountry'),
            autocomplete: 'country',
            placeholder: msg('Sélectionnez un pays', { id: 'signup.birth-country.placeholder' }),
            options: this.countryOptions(),
            required: true,
            onChange: (value) => this.onCountry(value),
          })}
          ${country === 'FR'
            ? html`${selectField({
                  ...this.selectBind(form, 'civilStatus.birthDepartement'),
                  placeholder: msg('Sélectionnez un département', { id: 'signup.birth-departement.placeholder' }),
                  options: DEPARTEMENTS.map((code) => ({ value: code, label: departementLabel(code) })),
                  required: true,
                  onChange: (value) => this.onDepartement(value),
                })}
                ${comboboxField({
                  controller: this.commune,
                  id: this.fid('commune'),
                  name: 'birthCommune',
                  label: msg('Commune de naissance', { id: 'signup.birth-commune.label' }),
                  required: true,
                  hint: departement
                    ? msg('Tapez les premières lettres, puis choisissez la commune dans la liste.', { id: 'signup.birth-commune.hint' })
                    : msg('Choisissez d’abord le département, puis tapez les premières lettres de la commune.', { id: 'signup.birth-commune.hint.first' }),
                  error: form.error('civilStatus.birthCommune'),
                  countText: (count) =>
                    count === 0
                      ? msg('Aucune commune ne correspond', { id: 'signup.birth-commune.none' })
                      : count === 1
                        ? msg('1 commune proposée', { id: 'signup.birth-commune.one' })
                        : msg(str`${String(count)} communes proposées`, { id: 'signup.birth-commune.count' }),
                  failedText: () => msg('La liste des communes n’a pas pu être chargée. Tapez à nouveau pour réessayer.', { id: 'signup.birth-commune.failed' }),
                  onBlur: () => form.leave('civilStatus.birthCommune'),
                })}`
            : nothing}
          ${identifiantInput(form)}
          ${dateField({
            id: this.fid('birth-date'),
            name: 'birthDate',
            legend: msg('Date de naissance', { id: 'signup.birth-date.label' }),
            parts: this.birthParts,
            required: true,
            error: form.error('civilStatus.birthDate'),
            onInput: (parts) => {
              this.birthParts = parts;
              form.input('civilStatus.birthDate', composeDate(parts));
            },
          })}
          ${radioGroup({
            id: this.fid('sex'),
            name: 'sex',
            legend: msg('Sexe', { id: 'signup.sex.label' }),
            options: [
              { value: 'F', label: msg('Femme', { id: 'signup.sex.female' }) },
              { value: 'M', label: msg('Homme', { id: 'signup.sex.male' }) },
            ],
            value: form.values['civilStatus.sex'] ?? '',
            required: true,
            error: form.error('civilStatus.sex'),
            onChange: (value) => form.input('civilStatus.sex', value),
          })}
          ${formActions({
            submit: msg('Confirmer mes informations', { id: 'signup.worker.identify.submit' }),
            pending: companyBlocked(form, this.clock),
            secondary: this.cancelButton(),
          })}`,
      })}`;
  }

  private selectBind(form: FormController, name: string) {
    const b = form.bind(name);
    return { id: b.id, name: b.name, label: b.label, error: b.error, value: b.value, onBlur: () => form.leave(name) };
  }

  private workerAccountTemplate(): TemplateResult {
    const form = this.workerAccount;
    return html`${this.headingTemplate(msg('Création de votre compte', { id: 'signup.account.title' }), this.wizard.position)}
      ${form.summary()}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: form.pending,
        onSubmit: this.onWorkerRegister,
        body: html`<p class="cibtp-note">
            ${msg('Ces informations vous permettront de vous connecter et d’échanger avec votre caisse.', { id: 'signup.account.intro' })}
          </p>
          ${requiredNote()}
          ${this.sectionTitle(msg('Identifiants de connexion', { id: 'signup.section.login' }))}
          <p class="cibtp-note">
            ${msg('Ces identifiants sont à conserver pour toute connexion directe depuis le site de votre caisse (hors FranceConnect).', { id: 'signup.worker.login.note' })}
          </p>
          ${textField({
            ...form.bind('email'),
            type: 'email',
            inputmode: 'email',
            autocomplete: 'email',
            hint: msg('Elle deviendra votre identifiant de connexion. Par exemple nom@exemple.fr', { id: 'signup.worker.email.hint' }),
            required: true,
            identifier: true,
          })}
          ${this.account.password(form)}
          ${this.sectionTitle(msg('Contact', { id: 'signup.section.phones' }))}
          <p class="cibtp-note">
            ${msg('À chaque connexion à votre espace sécurisé, un code à usage unique vous sera envoyé par SMS sur ce numéro de mobile certifié, pour confirmer votre identité.', {
              id: 'signup.worker.mobile.note',
            })}
          </p>
          ${this.account.phone(form, 'mobilePhone', { required: true })}
          ${this.account.phone(form, 'fixedPhone')}
          <div class="cibtp-information" data-part="information">
            <p>
              ${msg('Je suis informé que je suis susceptible de recevoir, via ces coordonnées, des informations réglementaires et pratiques ainsi que des actualités de la caisse, et que je peux m’y opposer à tout moment depuis la page «\u00a0Mes notifications et consentements RGPD\u00a0» de mon espace sécurisé.', {
                id: 'signup.worker.information',
              })}
            </p>
          </div>
          ${this.sectionTitle(msg('Récupération de compte en cas d’oubli', { id: 'signup.section.recovery' }))}
          <p class="cibtp-note">
            ${msg('Si vous n’avez plus accès à votre espace, la réponse à la question choisie vous sera demandée.', { id: 'signup.worker.recovery.note' })}
          </p>
          ${selectField({
            ...this.selectBind(form, 'secretQuestion'),
            placeholder: msg('Sélectionnez une question', { id: 'signup.secret-question.placeholder' }),
            options: this.questions.map((q) => ({ value: q.id, label: q.label })),
            required: true,
            onChange: (value) => form.input('secretQuestion', value),
          })}
          ${this.questionsProblem
            ? html`<div class="cibtp-field-error" role="alert">
                ${errorMessage(this.questionsProblem)}
                ${button({ label: msg('Réessayer', { id: 'common.retry' }), pending: this.questionsRequest.pending, onClick: () => void this.loadQuestions() })}
              </div>`
            : nothing}
          ${textField({ ...form.bind('secretAnswer'), autocomplete: 'off', required: true })}
          ${this.accountActions(form, msg('Finaliser la création de mon espace', { id: 'signup.worker.register.submit' }))}`,
      })}`;
  }

  private doneTemplate(): TemplateResult {
    return html`${this.headingTemplate(msg('Activez votre espace sécurisé', { id: 'signup.done.title' }))}
      ${notice({
        id: this.fid('done'),
        tone: 'success',
        headingLevel: this.headingLevel + 1,
        title: msg('Votre compte a été créé', { id: 'signup.done.notice' }),
        body: html`${msg('Un courriel d’activation a été envoyé à', { id: 'signup.done.sent-to' })} <bdi>${this.sentTo}</bdi>.
          ${msg('Cliquez sur le lien qu’il contient pour activer votre compte et certifier votre adresse\u00a0: vous pourrez ensuite vous connecter. Ce lien est valable pour une durée limitée.', {
            id: 'signup.done.body',
          })}`,
      })}
      <p class="cibtp-note">
        ${msg('Vous ne l’avez pas reçu\u00a0? Vérifiez vos courriers indésirables. Si vous ne le trouvez pas, connectez-vous avec votre adresse et votre mot de passe\u00a0: vous pourrez demander un nouveau lien d’activation.', {
          id: 'signup.done.help',
        })}
      </p>
      ${this.loginLink(msg('Retour à la connexion', { id: 'common.back-to-login' }), this.loginHref)}`;
  }


  private forgotTemplate(): TemplateResult {
    return this.recovery?.({
      client: this.clients.value,
      headingLevel: this.headingLevel,
      situation: 'code',
      back: () => this.wizard.back({ focus: 'forgot-code' }),
    }) ?? html``;
  }

  // ---- behaviour ---------------------------------------------------------------------------------

  /** The caisse's policy, once: the checklist and the validation of step 2 read it (the default on failure). */
  private loadPolicy(): Promise<void> {
    this.policyLoading ??= (async () => {
      const client = this.clients.value;
      if (!client) {
        this.policyLoading = undefined;
        return;
      }
      const outcome = await this.policyRequest.run((signal) => passwordPolicy(client, { signal }));
      if (outcome?.ok) {
        this.policy = outcome.value;
        this.policyLoaded = true;
      } else if (!outcome) {
        this.policyLoading = undefined;
      }
    })();
    return this.policyLoading;
  }

  private async loadQuestions(): Promise<void> {
    const client = this.clients.value;
    if (!client || this.questionsRequest.pending) return;
    this.questionsProblem = undefined;
    const outcome = await this.questionsRequest.run((signal) => secretQuestions(client, { signal }));
    if (!outcome) return;
    if (outcome.ok) this.questions = outcome.value.items;
    else if (outcome.error.code !== 'aborted') this.questionsProblem = outcome.error;
  }

  /** Step 2's custom fields are fetched with it: step 1 alone stays light. */
  private async toAccount(): Promise<void> {
    this.accountForm.clear();
    void this.loadPolicy();
    if (this.type === 'salarie' && this.questions.length === 0) void this.loadQuestions();
    try {
      await Promise.all([
        ensureDefined('cibtp-password-field', () => import('../password-field/password-field.js')),
        ensureDefined('cibtp-phone-field', () => import('../phone-field/phone-field.js')),
        this.registration ?? import('../../sdk/signup/registration.js').then((module) => (this.registration = module)),
      ]);
    } catch (error) {
      await this.identifyForm.fail(error as PortalError);
      return;
    }
    await this.wizard.go('account');
  }

  private async onCompanyIdentify(event: SubmitEvent): Promise<void> {
    if (companyBlocked(this.companyIdentify, this.clock)) {
      event.preventDefault();
      return;
    }
    const outcome = await this.companyIdentify.submit(event, {
      pending: () => msg('Vérification de vos informations…', { id: 'signup.identify.pending' }),
      send: (client, data, call) => identifyCompany(client, data, call),
    });
    if (!outcome?.ok) return;
    const identity = outcome.value;
    const changed = identity.ticket !== this.ticket;
    this.identity = identity;
    this.ticket = identity.ticket;
    // The caisse's record pre-fills the holder's names, unless the user already typed them.
    if (changed) {
      if (!this.companyAccount.values['lastName']) this.companyAccount.set('lastName', identity.lastName);
      if (!this.companyAccount.values['firstName']) this.companyAccount.set('firstName', identity.firstName);
    }
    await this.toAccount();
  }

  private async onWorkerIdentify(event: SubmitEvent): Promise<void> {
    const form = event.currentTarget as HTMLFormElement;
    if (companyBlocked(this.workerCivil, this.clock)) {
      event.preventDefault();
      return;
    }
    // Autofill fills the three parts of the date without input events: the date is composed again here.
    const part = (key: keyof DateParts) => (form.elements.namedItem(`birthDate-${key}`) as HTMLInputElement | null)?.value ?? '';
    this.birthParts = { day: part('day'), month: part('month'), year: part('year') };
    const hidden = form.elements.namedItem('birthDate') as HTMLInputElement | null;
    if (hidden) hidden.value = composeDate(this.birthParts);
    const outcome = await this.workerCivil.submit(event, {
      pending: () => msg('Vérification de vos informations…', { id: 'signup.identify.pending' }),
      // Born abroad, neither département nor commune is sent.
      send: (client, data, call) => {
        const { birthDepartement, birthCommune, ...rest } = data.civilStatus;
        const civilStatus = rest.birthCountry === 'FR' ? { ...rest, birthDepartement, birthCommune } : rest;
        return identifyWorker(client, { identifiantCibtp: data.identifiantCibtp, civilStatus }, call);
      },
      onError: (error) => {
        if (error.code === 'identification-failed') {
          this.workerCivil.problemText = () =>
            msg('Les informations saisies ne correspondent pas à celles connues de votre caisse. Vérifiez-les\u00a0; si elles sont exactes, contactez votre caisse CIBTP.', {
              id: 'signup.worker.identification-failed',
            });
        }
        return false;
      },
    });
    if (!outcome?.ok) return;
    this.ticket = outcome.value.ticket;
    await this.toAccount();
  }

  /** A ticket that expired or was already used: back to step 1, with what was typed, to identify again. */
  private async onTicketProblem(error: PortalError): Promise<boolean> {
    const ticket = error.code === 'link-expired' || error.code === 'link-invalid' || (error.code === 'validation' && !!error.fields['ticket']);
    if (!ticket) return false;
    this.ticket = '';
    await this.wizard.restart('identify', { focus: false });
    const form = this.identifyForm;
    form.problem = error;
    form.problemText = () =>
      msg('Le délai pour créer votre espace est dépassé. Validez à nouveau vos informations d’identification (elles sont conservées), puis votre compte.', {
        id: 'signup.ticket.expired',
      });
    this.requestUpdate();
    await this.focusId('summary');
    return true;
  }

  private async onCompanyRegister(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    // The caisse's policy decides what is refused here: wait for it if it is on its way.
    await this.policyLoading;
    const outcome = await this.companyAccount.submit(form, {
      pending: () => msg('Création de votre compte…', { id: 'signup.register.pending' }),
      send: (client, data, call) => this.reg().registerCompany(client, data, call),
      onError: (error) => this.onTicketProblem(error),
    });
    if (outcome?.ok) await this.onRegistered(this.companyAccount);
  }

  private async onWorkerRegister(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    await this.policyLoading;
    const outcome = await this.workerAccount.submit(form, {
      pending: () => msg('Création de votre espace…', { id: 'signup.worker.register.pending' }),
      send: (client, data, call) => this.reg().registerWorker(client, data, call),
      onError: (error) => this.onTicketProblem(error),
    });
    if (outcome?.ok) await this.onRegistered(this.workerAccount);
  }

  private async onRegistered(form: FormController): Promise<void> {
    const email = (form.values['email'] ?? '').trim();
    this.sentTo = email;
    // The server has the password: nothing here needs it any more.
    form.set('password', '');
    form.set('passwordConfirmation', '');
    this.ticket = '';
    this.status = () => msg('Votre compte a été créé. Un courriel d’activation vous a été envoyé.', { id: 'signup.done.status' });
    emit(this, 'cibtp-signup-complete', { type: this.type, email });
    await this.wizard.go('done', { remember: false });
  }

  private async onBack(): Promise<void> {
    this.accountForm.clear();
    await this.wizard.back();
  }

  private onCountry(value: string): void {
    const form = this.workerCivil;
    form.input('civilStatus.birthCountry', value);
    if (value !== 'FR') {
      form.set('civilStatus.birthDepartement', '');
      form.set('civilStatus.birthCommune', '');
      this.commune.preset(undefined);
    }
  }

  private onDepartement(value: string): void {
    const form = this.workerCivil;
    form.input('civilStatus.birthDepartement', value);
    // A commune lies in one département: a new one asks for the commune again.
    if (this.commune.selected && !this.commune.selected.value.startsWith(value)) {
      this.commune.preset(undefined);
      form.set('civilStatus.birthCommune', '');
    }
  }

  /** « Annuler »: the signup is abandoned (nothing kept), and the host shows the login. */
  private onCancel(): void {
    for (const form of [this.companyIdentify, this.companyAccount, this.workerCivil, this.workerAccount]) {
      form.abort();
      form.clear();
      form.values = {};
    }
    this.commune.preset(undefined);
    this.birthParts = { day: '', month: '', year: '' };
    this.ticket = '';
    this.identity = undefined;
    this.account.forget();
    const navigate = emit(this, 'cibtp-navigate', { to: 'login' });
    const safe = navigate ? safeHref(this.loginHref) : undefined;
    // Still on the page (nobody took the user away): the focus starts over with the first step.
    void this.wizard.restart('identify', { focus: navigate && !safe ? 'heading' : false });
    if (safe) window.location.assign(safe);
  }

  private async onForgotCode(): Promise<void> {
    // The inline flow is fetched when asked for: a page that only signs in never loads it.
    await this.openRecovery(this.companyIdentify, () => this.wizard.go('forgot', { focus: false }), 'confidential-code');
  }

}
