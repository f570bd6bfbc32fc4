import { localized } from '@lit/localize';
import { msg } from '../shared/localization.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { forgotPassword, requestConfidentialCode } from '../../sdk/auth/index.js';
import { PortalError } from '../../sdk/errors.js';
import { ConfidentialCodeRequest, ForgotPasswordRequest } from '../../sdk/schemas/auth.js';
import { fieldErrors } from '../../sdk/validate.js';
import { CibtpElement } from '../shared/base-element.js';
import { emit } from '../shared/events.js';
import {
  button, errorId, formActions, formShell, requiredMark, requiredNote, summaryItems, textField, type ButtonOptions,
} from '../shared/fields.js';
import { errorMessage, fieldMessage, type FieldMessages, type FieldProblem, type Message } from '../shared/messages.js';
import { RequestController, RetryKeys } from '../shared/request-controller.js';
import { forgotPasswordStyles } from './forgot-password.styles.js';

/** The two situations of the guide. */
export type RecoverySituation = 'email' | 'code';
type Step = 'choose' | 'form' | 'sent';

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
 * @csspart heading - (`data-part="heading"`) The heading of the current step.
 * @csspart form - (`data-part="form"`) The `<form>` of the current step.
 * @csspart field - (`data-part="field"`) A label + hint + error + input group.
 * @csspart error-summary - (`data-part="error-summary"`) The box listing the problems after a failed submission.
 * @csspart notice - (`data-part="notice"`) The neutral confirmation.
 * @csspart status - (`data-part="status"`) The visually hidden live region.
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

  @state() private step: Step = 'choose';
  /** Messages, not words: written at render time, they follow a locale switch. */
  @state() private problems: FieldMessages = {};
  @state() private problem: PortalError | undefined;

  private identifiant = '';
  private chosen: RecoverySituation | undefined;
  private started = false;
  private readonly request = new RequestController(this);
  private readonly keys = new RetryKeys();

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.started && this.situation) {
      this.chosen = this.situation;
      this.step = 'form';
    }
    this.started = true;
  }

  private label(field: string): string {
    switch (field) {
      case 'email':
        return msg('Adresse e-mail', { id: 'forgot.email.label' });
      case 'identifiantCibtp':
        return msg('Identifiant CIBTP', { id: 'forgot.code.label' });
      default:
        return msg('Quelle est votre situation\u00a0?', { id: 'forgot.choose.title' });
    }
  }

  private problemFor(field: string, problem: FieldProblem): Message {
    const example =
      problem !== 'invalid' ? undefined : field === 'email' ? 'nom@entreprise.fr' : field === 'identifiantCibtp' ? '12345678' : undefined;
    // The legend is a question (« Quelle est votre situation ? »): its message names the answer instead.
    const name = () => (field === 'situation' ? msg('Votre situation', { id: 'forgot.situation.name' }) : this.label(field));
    return () => fieldMessage(name(), problem, example);
  }

  /** Embedded, the widget sits inside the host widget's frame: no second frame. */
  protected override get framed(): boolean {
    return !this.embedded;
  }

  protected override stepTemplate(): TemplateResult {
    if (this.step === 'sent') return this.sentTemplate();
    if (this.step === 'form') return this.chosen === 'code' ? this.codeTemplate() : this.emailTemplate();
    return this.chooseTemplate();
  }

  private problemSummary(fields: readonly string[]): TemplateResult | typeof nothing {
    return this.summaryTemplate({
      items: summaryItems(fields, this.problems, (f) => (f === 'situation' ? this.fid('situation-email') : this.fid(f))),
      message: this.problem ? errorMessage(this.problem) : undefined,
    });
  }

  /** « Annuler » of the step's form. */
  private cancelButton(onClick: () => void): ButtonOptions {
    return { label: msg('Annuler', { id: 'common.cancel' }), onClick };
  }

  private chooseTemplate(): TemplateResult {
    const error = this.problems['situation']?.();
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
          this.chosen = value;
          this.problems = {};
        }}
      />
      <label for=${this.fid(`situation-${value}`)}>${text}</label>
    </div>`;
    return html`${this.headingTemplate(msg('Mot de passe oublié', { id: 'forgot.title' }))}
      ${this.problemSummary(['situation'])}
      ${formShell({
        labelledBy: this.fid('heading'),
        onSubmit: this.onChoose,
        body: html`<p class="cibtp-note">
          ${msg("Afin de répondre au mieux à votre besoin, sélectionnez l'une des deux options proposées.", { id: 'forgot.choose.intro' })}
        </p>
        <fieldset class="cibtp-fieldset" aria-describedby=${error ? errId : nothing}>
          <legend class="cibtp-legend">${this.label('situation')} ${requiredMark()}</legend>
          ${error ? html`<p class="cibtp-field-error" id=${errId}>${error}</p>` : nothing}
          ${option('email', msg("J'ai déjà créé mon espace sécurisé et j'ai oublié mon mot de passe.", { id: 'forgot.choose.email' }))}
          ${option('code', msg('Je veux créer mon espace sécurisé mais je ne connais pas mon code confidentiel.', { id: 'forgot.choose.code' }))}
        </fieldset>
        ${formActions({ submit: msg('Continuer', { id: 'common.continue' }), secondary: this.cancelButton(this.onCancel) })}`,
      })}`;
  }

  private emailTemplate(): TemplateResult {
    const pending = this.request.pending;
    return html`${this.headingTemplate(msg('Mot de passe oublié', { id: 'forgot.title' }))}
      ${this.problemSummary(['email'])}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: pending,
        onSubmit: this.onSubmit,
        body: html`<p class="cibtp-note">
          ${msg('Veuillez saisir votre adresse électronique (identifiant de connexion). Un lien permettant la réinitialisation de votre mot de passe vous sera ensuite adressé.', {
            id: 'forgot.email.intro',
          })}
        </p>
        ${requiredNote()}
        ${textField({
          id: this.fid('email'),
          name: 'email',
          type: 'email',
          inputmode: 'email',
          autocomplete: 'email',
          label: this.label('email'),
          hint: msg('Par exemple nom@entreprise.fr', { id: 'forgot.email.hint' }),
          required: true,
          identifier: true,
          error: this.problems['email']?.(),
          value: this.email,
          onInput: (e) => {
            this.email = (e.target as HTMLInputElement).value;
            if (this.problems['email']) this.problems = this.validate();
          },
        })}
        ${formActions({ submit: msg('Valider', { id: 'common.validate' }), pending, secondary: this.cancelButton(this.onBack) })}`,
      })}`;
  }

  private codeTemplate(): TemplateResult {
    const pending = this.request.pending;
    return html`${this.headingTemplate(msg("Demande d'un nouveau code confidentiel", { id: 'forgot.code.title' }))}
      ${this.problemSummary(['identifiantCibtp'])}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: pending,
        onSubmit: this.onSubmit,
        body: html`<div class="cibtp-note" data-part="help">
          <p>${msg('Avant de demander un nouveau code confidentiel, savez-vous où trouver votre code actuel\u00a0?', { id: 'forgot.code.help.title' })}</p>
          <ul>
            <li>${msg('Nouvel adhérent\u00a0: votre code confidentiel figure sur le deuxième courrier envoyé.', { id: 'forgot.code.help.new' })}</li>
            <li>
              ${msg("Vous aviez accès à l'ancien espace sécurisé\u00a0: saisissez le mot de passe du compte internet que vous utilisiez sur votre ancien espace sécurisé.", {
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
          id: this.fid('identifiantCibtp'),
          name: 'identifiantCibtp',
          autocomplete: 'off',
          label: this.label('identifiantCibtp'),
          hint: msg('Présent sur le Courrier de bienvenue\u00a0: 6 à 14 lettres ou chiffres.', { id: 'forgot.code.hint' }),
          required: true,
          identifier: true,
          error: this.problems['identifiantCibtp']?.(),
          value: this.identifiant,
          onInput: (e) => {
            this.identifiant = (e.target as HTMLInputElement).value;
            if (this.problems['identifiantCibtp']) this.problems = this.validate();
          },
        })}
        ${formActions({
          submit: msg('Recevoir mon code confidentiel par courrier', { id: 'forgot.code.submit' }),
          pending,
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
          ? msg("Si un espace existe pour cette adresse, un courriel contenant un lien de réinitialisation de votre mot de passe vient d'y être envoyé. Ce lien est valable pour une durée limitée. Pensez à vérifier vos courriers indésirables.", {
              id: 'forgot.sent.email.body',
            })
          : msg("Si cet identifiant correspond à un adhérent, un nouveau code confidentiel lui sera adressé par courrier postal, à l'adresse connue de votre caisse.", {
              id: 'forgot.sent.code.body',
            }),
      )}
      <p>${button({ label: msg('Retour à la connexion', { id: 'common.back-to-login' }), onClick: this.onCancel })}</p>`;
  }

  private validate(): FieldMessages {
    const found =
      this.chosen === 'code'
        ? fieldErrors(ConfidentialCodeRequest, { identifiantCibtp: this.identifiant })
        : fieldErrors(ForgotPasswordRequest, { email: this.email });
    return Object.fromEntries(Object.entries(found).map(([f, code]) => [f, this.problemFor(f, code)]));
  }

  private async onChoose(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const value = new FormData(event.currentTarget as HTMLFormElement).get('situation');
    if (value !== 'email' && value !== 'code') {
      this.problems = { situation: this.problemFor('situation', 'choose') };
      await this.focusId('summary');
      return;
    }
    this.chosen = value;
    this.problems = {};
    this.problem = undefined;
    this.step = 'form';
    await this.focusId(value === 'code' ? 'identifiantCibtp' : 'email');
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.request.pending) return;
    const form = event.currentTarget as HTMLFormElement;
    const byEmail = this.chosen !== 'code';
    if (byEmail) this.email = (form.elements.namedItem('email') as HTMLInputElement).value;
    else this.identifiant = (form.elements.namedItem('identifiantCibtp') as HTMLInputElement).value;
    this.problem = undefined;
    this.problems = this.validate();
    if (Object.keys(this.problems).length) {
      await this.focusId('summary');
      return;
    }
    const client = this.clients.value;
    if (!client) {
      this.problem = this.clients.missing();
      await this.focusId('summary');
      return;
    }
    const email = this.email.trim();
    const identifiantCibtp = this.identifiant.trim();
    const idempotencyKey = this.keys.key(byEmail ? ['email', email] : ['code', identifiantCibtp]);
    this.status = () => msg('Envoi de votre demande…', { id: 'forgot.pending' });
    const outcome = await this.request.run((signal) =>
      byEmail
        ? forgotPassword(client, { email }, { signal, idempotencyKey })
        : requestConfidentialCode(client, { identifiantCibtp }, { signal, idempotencyKey }),
    );
    if (!outcome) return;
    this.status = undefined;
    this.keys.settle(outcome.ok ? undefined : outcome.error);
    if (outcome.ok) {
      this.step = 'sent';
      emit(this, 'cibtp-recovery-requested', { channel: byEmail ? 'email' : 'letter' });
      await this.focusId('sent');
      return;
    }
    const error = outcome.error;
    if (error.code === 'aborted') return;
    const field = byEmail ? 'email' : 'identifiantCibtp';
    const code = error.fields[field];
    if (error.code === 'validation' && code) this.problems = { [field]: this.problemFor(field, code) };
    else this.problem = error;
    await this.focusId('summary');
  }

  /** « Annuler » in a form: back to the question (or to the login when the situation was given). */
  private async onBack(): Promise<void> {
    this.request.abort();
    this.problems = {};
    this.problem = undefined;
    if (this.situation) {
      this.onCancel();
      return;
    }
    this.step = 'choose';
    await this.focusId(`situation-${this.chosen ?? 'email'}`);
  }

  private onCancel(): void {
    this.request.abort();
    emit(this, 'cibtp-navigate', { to: 'login' });
  }
}
