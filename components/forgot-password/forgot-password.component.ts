import { localized } from '@lit/localize';
import { msg } from '../shared/localization.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { forgotPassword, requestConfidentialCode } from '../../sdk/auth/index.js';
import { ConfidentialCodeRequest, ForgotPasswordRequest } from '../../sdk/schemas/auth.js';
import { z } from '../../sdk/zod.js';
import { CibtpElement } from '../shared/base-element.js';
import { emit } from '../shared/events.js';
import { button, errorId, formActions, formShell, requiredMark, requiredNote, textField, type ButtonOptions } from '../shared/fields.js';
import { fieldMessage } from '../shared/messages.js';
import { WizardController } from '../shared/wizard-controller.js';
import type { FormField } from '../shared/form-controller.js';
import { forgotPasswordStyles } from './forgot-password.styles.js';

/** The two situations of the guide. */
export type RecoverySituation = 'email' | 'code';
type Step = 'choose' | 'form' | 'sent';

/** The question's answer: one of the two situations (a local choice, nothing is sent). */
const SituationChoice = z.object({ situation: z.enum(['email', 'code']) });

/**
 * « Mot de passe oublié » of the Espace sécurisé: first the question « Quelle est votre situation ? »
 * with the guide's two options, then either
 * 1. the email address (*identifiant de connexion*) → a reset link is sent by email, or
 * 2. the identifiant CIBTP (from the *Courrier de bienvenue*) → a new confidential code is sent by post.
 *
 * Both confirmations are worded so that they never reveal whether an account or identifier exists
 * (ASVS 6.3.8); the server answers both with the same `202`.
 *
 * Rendering is in the light DOM, like every widget of the kit (see `<cibtp-login>`): only the frame is
 * in the shadow root (`cibtp-forgot-password::part(card)`); the other parts are `data-part` attributes
 * (`cibtp-forgot-password [data-part="form"]`), because the form must stay in the light DOM.
 *
 * @summary Forgotten password: reset link by email, or new confidential code by post.
 *
 * @fires cibtp-recovery-requested - `CustomEvent<{ channel: 'email' | 'letter' }>`: the request was accepted.
 * @fires cibtp-navigate - `CustomEvent<{ to: 'login' }>`, cancelable: « Annuler » on the first question, or « Retour à la connexion ».
 *
 * @csspart card - The frame around the widget (a real part: `cibtp-forgot-password::part(card)`); absent when `embedded`.
 * @datapart heading - The heading of the current step.
 * @datapart step - The step indicator (« Étape n sur N ») inside the heading.
 * @datapart form - The `<form>` of the current step.
 * @datapart required-note - The note that explains the required-field marker (*).
 * @datapart field - A label + hint + error + input group.
 * @datapart help - Where to find the current confidential code (before asking for a new one).
 * @datapart submit - The submit button of the form.
 * @datapart error-summary - The box listing the problems after a failed submission.
 * @datapart notice - The neutral confirmation.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - Hints and notes.
 * @cssproperty --cibtp-color-background - Background of the card, inputs and boxes.
 * @cssproperty --cibtp-color-surface - Background of the selected option.
 * @cssproperty --cibtp-color-border - Borders of the card and inputs.
 * @cssproperty --cibtp-color-primary - Buttons, links and the selected option.
 * @cssproperty --cibtp-color-primary-hover - Primary button on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - Errors, the required marker and the error summary.
 * @cssproperty --cibtp-color-success - Success boxes.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit.
 * @cssproperty --cibtp-max-width - Widest the widget grows.
 * @cssproperty --cibtp-control-height - Height of inputs and buttons.
 *
 * @example
 * ```html
 * <cibtp-forgot-password base-url="/api/"></cibtp-forgot-password>
 * ```
 */
@localized()
export class CibtpForgotPassword extends CibtpElement {
  static override styles = forgotPasswordStyles;

  /** Pre-selects a situation and skips the question (`email` or `code`). */
  @property({ reflect: true }) situation?: RecoverySituation | undefined;

  /** Pre-fills the email address (e.g. what was typed in the login form). */
  @property() email = '';

  /** Rendered inside another widget (no card of its own). */
  @property({ type: Boolean, reflect: true }) embedded = false;

  /** `entreprise` (default) or `salarie`: the example address is not a company's for a worker. */
  @property() audience: 'entreprise' | 'salarie' = 'entreprise';

  /** The email field, whose example is read when a message is written (it follows `audience`). */
  private emailField(): FormField {
    const host = this;
    return {
      name: 'email',
      label: () => msg('Adresse électronique', { id: 'forgot.email.label' }),
      get example() {
        return host.exampleEmail;
      },
    };
  }

  private get exampleEmail(): string {
    return this.audience === 'salarie' ? 'nom@exemple.fr' : 'nom@entreprise.fr';
  }

  /** The question, then the email or code form, then the confirmation. */
  private readonly wizard = new WizardController<Step>(
    this,
    { focus: (name) => this.focusId(name) },
    [{ id: 'choose', when: () => !this.situation }, { id: 'form' }, { id: 'sent', counted: false }],
    () => [this.emailForm, this.codeForm],
  );

  private readonly chooseForm = this.createForm({
    fields: [
      {
        name: 'situation',
        // The legend is a question (« Quelle est votre situation ? »): its message names the answer instead.
        label: () => msg('Votre situation', { id: 'forgot.situation.name' }),
        target: 'situation-email',
        messages: { required: (label) => fieldMessage(label, 'choose') },
      },
    ],
    schema: SituationChoice,
  });

  private readonly emailForm = this.createForm({
    fields: [this.emailField()],
    schema: ForgotPasswordRequest,
  });

  private readonly codeForm = this.createForm({
    fields: [{ name: 'identifiantCibtp', label: () => msg('Identifiant CIBTP', { id: 'forgot.code.label' }), example: '12345678' }],
    schema: ConfidentialCodeRequest,
  });

  private get chosen(): RecoverySituation | undefined {
    const value = this.situation ?? this.chooseForm.values['situation'];
    return value === 'email' || value === 'code' ? value : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.wizard.current === 'choose' && this.situation) void this.wizard.restart('form', { focus: false });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('email') && this.email) this.emailForm.set('email', this.email);
  }

  /** Embedded, the widget sits inside the host widget's frame: no second frame. */
  protected override get framed(): boolean {
    return !this.embedded;
  }

  protected override stepTemplate(): TemplateResult {
    switch (this.wizard.current) {
      case 'sent':
        return this.sentTemplate();
      case 'form':
        return this.chosen === 'code' ? this.codeTemplate() : this.emailTemplate();
      default:
        return this.chooseTemplate();
    }
  }

  /** « Annuler » of the step's form. */
  private cancelButton(onClick: () => void): ButtonOptions {
    return { label: msg('Annuler', { id: 'common.cancel' }), onClick };
  }

  private chooseTemplate(): TemplateResult {
    const form = this.chooseForm;
    const error = form.error('situation');
    const errId = errorId(this.fid('situation'));
    const option = (value: RecoverySituation, text: string) => html`<div class="cibtp-option">
      <input
        type="radio"
        class="cibtp-radio"
        name="situation"
        id=${this.fid(`situation-${value}`)}
        value=${value}
        .checked=${this.chosen === value}
        @change=${() => {
          form.set('situation', value);
          form.clear();
        }}
      />
      <label for=${this.fid(`situation-${value}`)}>${text}</label>
    </div>`;
    return html`${this.headingTemplate(msg('Mot de passe oublié', { id: 'forgot.title' }), this.wizard.position)}
      ${form.summary()}
      ${formShell({
        labelledBy: this.fid('heading'),
        onSubmit: this.onChoose,
        body: html`<p class="cibtp-note">
          ${msg('Afin de répondre au mieux à votre besoin, sélectionnez l’une des deux options proposées.', { id: 'forgot.choose.intro' })}
        </p>
        <fieldset class="cibtp-fieldset" aria-describedby=${error ? errId : nothing}>
          <legend class="cibtp-legend">${msg('Quelle est votre situation\u00a0?', { id: 'forgot.choose.title' })} ${requiredMark()}</legend>
          ${error ? html`<p class="cibtp-field-error" id=${errId}>${error}</p>` : nothing}
          ${option('email', msg('J’ai déjà créé mon espace sécurisé et j’ai oublié mon mot de passe.', { id: 'forgot.choose.email' }))}
          ${option('code', msg('Je veux créer mon espace sécurisé mais je ne connais pas mon code confidentiel.', { id: 'forgot.choose.code' }))}
        </fieldset>
        ${formActions({ submit: msg('Continuer', { id: 'common.continue' }), secondary: this.cancelButton(this.onCancel) })}`,
      })}`;
  }

  private emailTemplate(): TemplateResult {
    const form = this.emailForm;
    return html`${this.headingTemplate(msg('Mot de passe oublié', { id: 'forgot.title' }), this.wizard.position)}
      ${form.summary()}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: form.pending,
        onSubmit: this.onSubmit,
        body: html`<p class="cibtp-note">
          ${msg('Veuillez saisir votre adresse électronique (identifiant de connexion). Un lien permettant la réinitialisation de votre mot de passe vous sera ensuite adressé.', {
            id: 'forgot.email.intro',
          })}
        </p>
        ${requiredNote()}
        ${textField({
          ...form.bind('email'),
          type: 'email',
          inputmode: 'email',
          autocomplete: 'email',
          hint: this.audience === 'salarie'
            ? msg('Par exemple nom@exemple.fr', { id: 'forgot.email.hint.salarie' })
            : msg('Par exemple nom@entreprise.fr', { id: 'forgot.email.hint' }),
          required: true,
          identifier: true,
        })}
        ${formActions({ submit: msg('Valider', { id: 'common.validate' }), pending: form.pending, secondary: this.cancelButton(this.onBack) })}`,
      })}`;
  }

  private codeTemplate(): TemplateResult {
    const form = this.codeForm;
    return html`${this.headingTemplate(msg('Demande d’un nouveau code confidentiel', { id: 'forgot.code.title' }), this.wizard.position)}
      ${form.summary()}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: form.pending,
        onSubmit: this.onSubmit,
        body: html`<div class="cibtp-note" data-part="help">
          <p>${msg('Avant de demander un nouveau code confidentiel, savez-vous où trouver votre code actuel\u00a0?', { id: 'forgot.code.help.title' })}</p>
          <ul>
            <li>${msg('Nouvel adhérent\u00a0: votre code confidentiel figure sur le deuxième courrier envoyé.', { id: 'forgot.code.help.new' })}</li>
            <li>
              ${msg('Vous aviez accès à l’ancien espace sécurisé\u00a0: saisissez le mot de passe du compte internet que vous utilisiez sur votre ancien espace sécurisé.', {
                id: 'forgot.code.help.old',
              })}
            </li>
          </ul>
          <p>
            ${msg('Si vous ne connaissez pas votre code confidentiel, saisissez ici votre identifiant\u00a0: un nouveau code confidentiel vous sera adressé par courrier à votre adresse.', {
              id: 'forgot.code.help.request',
            })}
          </p>
        </div>
        ${requiredNote()}
        ${textField({
          ...form.bind('identifiantCibtp'),
          autocomplete: 'off',
          hint: msg('Présent sur le Courrier de bienvenue\u00a0: 6 à 14 lettres ou chiffres.', { id: 'forgot.code.hint' }),
          required: true,
          identifier: true,
        })}
        ${formActions({
          submit: msg('Recevoir mon code confidentiel par courrier', { id: 'forgot.code.submit' }),
          pending: form.pending,
          secondary: this.cancelButton(this.onBack),
        })}`,
      })}`;
  }

  private sentTemplate(): TemplateResult {
    const byEmail = this.chosen !== 'code';
    return html`${this.headingTemplate(
        byEmail
          ? msg('Demande de réinitialisation envoyée', { id: 'forgot.sent.email.title' })
          : msg('Demande de nouveau code confidentiel envoyée', { id: 'forgot.sent.code.title' }),
      )}
      ${this.successNotice(
        'sent',
        msg('Votre demande a bien été prise en compte', { id: 'forgot.sent.title' }),
        byEmail
          ? msg('Si un espace existe pour cette adresse, un courriel contenant un lien de réinitialisation de votre mot de passe vient d’y être envoyé. Ce lien est valable pour une durée limitée. Pensez à vérifier vos courriers indésirables.', {
              id: 'forgot.sent.email.body',
            })
          : msg('Si cet identifiant correspond à un adhérent, un nouveau code confidentiel lui sera adressé par courrier postal, à l’adresse connue de votre caisse.', {
              id: 'forgot.sent.code.body',
            }),
      )}
      <p>${button({ label: msg('Retour à la connexion', { id: 'common.back-to-login' }), onClick: this.onCancel })}</p>`;
  }

  private async onChoose(event: SubmitEvent): Promise<void> {
    // Nothing is sent: the choice is checked like any form, then the wizard moves on.
    if (!(await this.chooseForm.validate(event))) return;
    await this.wizard.next({ focus: this.chosen === 'code' ? 'identifiantCibtp' : 'email' });
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    const byEmail = this.chosen !== 'code';
    const pending = () => msg('Envoi de votre demande…', { id: 'forgot.pending' });
    const outcome = byEmail
      ? await this.emailForm.submit(event, { pending, send: (client, data, call) => forgotPassword(client, data, call) })
      : await this.codeForm.submit(event, { pending, send: (client, data, call) => requestConfidentialCode(client, data, call) });
    if (!outcome?.ok) return;
    emit(this, 'cibtp-recovery-requested', { channel: byEmail ? 'email' : 'letter' });
    await this.wizard.go('sent', { focus: 'sent' });
  }

  /** « Annuler » in a form: back to the question (or to the login when the situation was given). */
  private async onBack(): Promise<void> {
    this.emailForm.clear();
    this.codeForm.clear();
    if (this.situation) {
      this.onCancel();
      return;
    }
    await this.wizard.back({ focus: `situation-${this.chosen ?? 'email'}` });
  }

  private onCancel(): void {
    this.emailForm.abort();
    this.codeForm.abort();
    emit(this, 'cibtp-navigate', { to: 'login' });
  }
}
