import { localized } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { PortalError } from '../../sdk/errors.js';
import {
  FRENCH_PHONE_COUNTRIES, PHONE_COUNTRIES, callingCode, examplePhone, formatPhone, isPhoneCountry, parsePhone,
  type ParsedPhone, type PhoneCountry,
} from '../../sdk/rules/phone.js';
import { VerifyPhoneCodeRequest, type PhoneChallenge } from '../../sdk/schemas/signup.js';
import { resendPhoneCode, sendPhoneCode, verifyPhoneCode } from '../../sdk/signup/registration.js';
import { CibtpElement } from '../shared/base-element.js';
import { ClockController } from '../shared/clock-controller.js';
import { codeField, codeStep } from '../shared/code-step.js';
import { emit } from '../shared/events.js';
import { button, errorId, heading, hintId, requiredMark } from '../shared/fields.js';
import { getLocale, msg, str } from '../shared/localization.js';
import { errorMessage, fieldMessage, otpInvalidMessage, type Message } from '../shared/messages.js';
import { RequestController, RetryKeys } from '../shared/request-controller.js';
import { landlineMessage, phoneFieldMessages } from './phone-messages.js';
import { phoneFieldStyles } from './phone-field.styles.js';

export interface PhoneCertifiedDetail {
  /** The certified number, in E.164. */
  phone: string;
  /** What `verifyPhoneCode` returned: proves the number to a registration (`mobileCertificate`). */
  certificate: string;
}

declare module '../shared/events.js' {
  interface CibtpEventDetails {
    /** A mobile number was certified with the code received by SMS (`<cibtp-phone-field certify>`). */
    'cibtp-phone-certified': PhoneCertifiedDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cibtp-phone-certified': CustomEvent<PhoneCertifiedDetail>;
  }
}

/** Region names in the active locale, made once per locale. */
const regionNames = new Map<string, Intl.DisplayNames>();
function regionName(country: PhoneCountry): string {
  const locale = getLocale();
  let names = regionNames.get(locale);
  if (!names) regionNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region' })));
  return names.of(country) ?? country;
}

/** France and the overseas departments first, in their own order; then the others by name, in the active locale. */
function countryOptions(): Array<{ country: PhoneCountry; label: string }> {
  const french = new Set<string>(FRENCH_PHONE_COUNTRIES);
  const collator = new Intl.Collator(getLocale());
  const named = (country: PhoneCountry) => ({ country, label: `${regionName(country)} (+${callingCode(country)})`, name: regionName(country) });
  const rest = PHONE_COUNTRIES.filter((c) => !french.has(c)).map(named).sort((a, b) => collator.compare(a.name, b.name));
  return [...FRENCH_PHONE_COUNTRIES.map(named), ...rest];
}

/**
 * A phone number field: the country (France, +33, by default; the overseas departments next, then the
 * countries most workers come from, named in the active locale) and the number, typed as people write
 * it (`06 12 34 56 78`, `06.12.34.56.78`, `+33 6…`, `0033 6…`), formatted when the field is left. An
 * international number typed or filled by autofill (`+351 912…`) switches the country. A hidden input
 * named `name` carries the number in E.164 when it is valid, else the raw text (so that a host form's
 * schema, `MobileNumber` or `FixedNumber`, decides), else nothing. With `certify`, a second one,
 * `<name>-certificate`, carries the certificate of a certified number, so that a caisse's own form sends
 * the proof with the number.
 *
 * With `certify`, a valid mobile gets a « Certifier » button: a modal dialog sends a code by SMS
 * (`sendPhoneCode`) and asks for it (the login's code step: where it went, the one-time-code input, its
 * expiry, « Renvoyer le code » with its cooldown, attempts left), then a « Numéro certifié » badge shows
 * and `cibtp-phone-certified` fires. Changing the number afterwards drops the certification.
 *
 * **Alone on a caisse's page**, inside the caisse's own `<form>`, it checks itself: its message shows once
 * the field is left with a problem (then as the user types), and the visible input's
 * `setCustomValidity()` makes the caisse's form refuse to submit. **Inside a kit wizard**, the wizard's
 * form validates the hidden input's value with its schema and passes its message down in `error`, shown
 * instead of the field's own (its field definition words `not-mobile` and `not-certified` with
 * `phoneFieldMessages`, from `phone-messages.ts`); to follow the number as it is typed, read the
 * element's `value` on its `input` events.
 *
 * **Why `autocomplete="tel"` on the number and none on the country.** Autofill fills a `tel` field with
 * the whole international number (`+33 6 12 34 56 78`), which the field reads whatever the selected
 * country, and then selects that country; with `tel-national` plus `tel-country-code`, a number saved
 * in another country would come in national digits the select would not match, the calling code alone
 * cannot tell Réunion from Mayotte (+262), and browsers match a select's options unreliably.
 *
 * Rendered in the light DOM (the inputs stay in the host's form, for autofill), without a frame.
 *
 * @summary Phone number field (country, number, optional SMS certification).
 *
 * @fires cibtp-phone-certified - `CustomEvent<{ phone: string; certificate: string }>`: the mobile was certified.
 * @fires input - The native `input` of the visible number input (and `change`, as the user leaves it; the
 *   country select's `change` too).
 *
 * @datapart field - The label, hint, error, country and number.
 * @datapart phone - The row of the country select, the number input and the « Certifier » button.
 * @datapart country - The country `<select>`.
 * @datapart input - The visible `type="tel"` input.
 * @datapart certify - The « Certifier » button.
 * @datapart certified - The « Numéro certifié » badge.
 * @datapart dialog - The certification `<dialog>`.
 * @datapart heading - The heading of the dialog.
 * @datapart form - The code step inside the dialog (a `role="group"`: see `certifyTemplate`).
 * @datapart required-note - The note that explains the required-field marker (*), in the dialog.
 * @datapart submit - The dialog's « Valider » button.
 * @datapart error-summary - The dialog's error box.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the field.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - Hints.
 * @cssproperty --cibtp-color-background - Background of the inputs and of the dialog.
 * @cssproperty --cibtp-color-border - Borders of the inputs.
 * @cssproperty --cibtp-color-primary - Buttons and the dialog's border.
 * @cssproperty --cibtp-color-primary-hover - Primary button on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - Errors and the required marker.
 * @cssproperty --cibtp-color-success - The « Numéro certifié » badge.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit (default `1rem`).
 * @cssproperty --cibtp-max-width - Widest the field grows (default `34rem`).
 * @cssproperty --cibtp-control-height - Height of inputs and buttons (default `2.75rem`).
 *
 * @example
 * ```html
 * <form action="/contact" method="post">
 *   <cibtp-phone-field name="mobile" required certify base-url="/api/"></cibtp-phone-field>
 *   <cibtp-phone-field name="fixe" kind="fixed"></cibtp-phone-field>
 *   <button>Enregistrer</button>
 * </form>
 * ```
 */
@localized()
export class CibtpPhoneField extends CibtpElement {
  static override styles = phoneFieldStyles;

  /** The name of the hidden input that carries the number (E.164) in the host's form. */
  @property() name = 'phone';

  /** `mobile` (the default: a landline is refused) or `fixed` (any number, a mobile included). */
  @property() kind: 'mobile' | 'fixed' = 'mobile';

  /** The field's label; « Téléphone mobile » or « Téléphone fixe » by default. */
  @property() label?: string | undefined;

  @property({ type: Boolean }) required = false;

  /** The id of the visible number input (for a host's error summary); generated when absent. */
  @property({ attribute: 'field-id' }) fieldId?: string | undefined;

  /** ISO code of the country selected at first (`FR`); one of `PHONE_COUNTRIES`. */
  @property() country = 'FR';

  /** Offers to certify a valid mobile by a code sent by SMS. */
  @property({ type: Boolean }) certify = false;

  /** The number is certified (set by a successful certification, or by the host for a known number). */
  @property({ type: Boolean, reflect: true }) certified = false;

  /** What `verifyPhoneCode` returned for the certified number; cleared with `certified` when the number changes. */
  @property({ attribute: false }) certificate?: string | undefined;

  /** A host form's message for this field, shown instead of the field's own. */
  @property({ attribute: false }) error?: string | undefined;

  /** What is typed in the visible input. */
  @state() private text = '';
  /** The selected country. */
  @state() private chosen: PhoneCountry = 'FR';
  /** The user chose a country (or a number chose it): the `country` attribute no longer applies. */
  private countryChosen = false;
  /** The field's own problem is shown (it was left with one, or its form was submitted). */
  @state() private checking = false;
  /** The number `certified` holds for. */
  private certifiedFor: string | undefined;

  @state() private dialogOpen = false;
  @state() private challenge: PhoneChallenge | undefined;
  /** The number the challenge was sent to. */
  private challengeFor = '';
  /** Why there is no code to type: the code could not be sent, or the last one can no longer be used. */
  @state() private sendProblem: { error: PortalError; text?: Message | undefined } | undefined;
  @state() private resendProblem: PortalError | undefined;

  private readonly sendRequest = new RequestController(this);
  private readonly sendKeys = new RetryKeys();
  private readonly clock = new ClockController(this);
  /** The `<form>` the code step's controls belong to, outside any form of the page (see `certifyTemplate`). */
  private codeFormElement: HTMLFormElement | undefined;

  private readonly code = this.createForm({
    fields: [codeField()],
    schema: VerifyPhoneCodeRequest,
    extra: () => ({ challengeId: this.challenge?.id ?? '' }),
  });

  /**
   * The number in E.164 when what is typed is a valid number, else `''`. Set it (E.164, or as typed) to
   * show a number. (A reactive property, so that a value set before the element is defined is kept.)
   */
  @property({ attribute: false })
  get value(): string {
    return this.parsed?.e164 ?? '';
  }
  set value(value: string) {
    const parsed = parsePhone(String(value ?? ''), this.chosen);
    this.text = parsed ? formatPhone(parsed.e164) : String(value ?? '');
    if (parsed) this.choose(parsed.country);
  }

  private get parsed(): ParsedPhone | undefined {
    return this.text.trim() ? parsePhone(this.text, this.chosen) : undefined;
  }

  private get inputId(): string {
    return this.fieldId || this.fid('phone');
  }

  private get fieldLabel(): string {
    return this.label || (this.kind === 'fixed' ? msg('Téléphone fixe', { id: 'phone.label.fixed' }) : msg('Téléphone mobile', { id: 'phone.label.mobile' }));
  }

  private get input(): HTMLInputElement | null {
    return this.querySelector<HTMLInputElement>(`#${CSS.escape(this.inputId)}`);
  }

  protected override get framed(): boolean {
    return false;
  }

  private choose(country: PhoneCountry): void {
    this.chosen = country;
    this.countryChosen = true;
  }

  /** The field's own problem with what is typed now, if any. */
  private problem(): string | undefined {
    const label = this.fieldLabel;
    if (!this.text.trim()) return this.required ? fieldMessage(label, 'required') : undefined;
    const parsed = this.parsed;
    if (!parsed) return fieldMessage(label, 'invalid', examplePhone(this.chosen, this.kind));
    if (this.kind === 'mobile' && parsed.type === 'fixed') return landlineMessage(label);
    if (this.kind === 'mobile' && parsed.type !== 'mobile') return phoneFieldMessages['not-mobile']!(label);
    return undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('country') && !this.countryChosen) this.chosen = isPhoneCountry(this.country) ? this.country : 'FR';
    if (changed.has('certified')) {
      this.certifiedFor = this.certified ? this.value : undefined;
    } else if (this.certified && this.value !== this.certifiedFor) {
      // Another number than the one certified: its certificate proves nothing about this one.
      this.certified = false;
      this.certificate = undefined;
      this.certifiedFor = undefined;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The caisse's own form refuses to submit while the number is wrong (a wizard's form is `novalidate`).
    this.input?.setCustomValidity(this.problem() ?? '');
    const dialog = this.querySelector<HTMLDialogElement>('dialog');
    if (dialog && this.dialogOpen && !dialog.open) dialog.showModal();
    else if (dialog && !this.dialogOpen && dialog.open) {
      dialog.close();
      // Not on the dialog's `close` event: Chromium fires it at the next animation frame, which a page
      // in the background may not get for long.
      void this.afterDialogClosed();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.dialogOpen = false;
    this.codeFormElement?.remove();
    this.codeFormElement = undefined;
  }

  protected override stepTemplate(): TemplateResult {
    const id = this.inputId;
    const label = this.fieldLabel;
    const parsed = this.parsed;
    const shown = this.error ?? (this.checking ? this.problem() : undefined);
    const canCertify = this.certify && !this.certified && parsed?.type === 'mobile';
    const badgeId = `${id}-certified`;
    const labelId = `${id}-label`;
    const describedBy = [hintId(id), shown ? errorId(id) : '', this.certified ? badgeId : ''].filter(Boolean).join(' ');
    return html`<div class="cibtp-field ${shown ? 'cibtp-field--error' : ''}" data-part="field">
        <label class="cibtp-label" id=${labelId} for=${id}>${label}${this.required ? html`${' '}${requiredMark()}` : nothing}</label>
        <p class="cibtp-hint" id=${hintId(id)}>
          ${msg(str`Par exemple ${examplePhone(this.chosen, this.kind)}`, { id: 'phone.hint' })}
        </p>
        ${shown ? html`<p class="cibtp-field-error" id=${errorId(id)}>${shown}</p>` : nothing}
        <div class="cibtp-phone" data-part="phone">
          <label class="cibtp-visually-hidden" for=${`${id}-country`}
            >${msg(str`${label}\u00a0: pays de l’indicatif`, { id: 'phone.country.label' })}</label
          >
          <select
            class="cibtp-input cibtp-phone__country"
            id=${`${id}-country`}
            data-part="country"
            .value=${live(this.chosen)}
            @change=${this.onCountry}
          >
            ${countryOptions().map(
              (o) => html`<option value=${o.country} ?selected=${o.country === this.chosen}>${o.label}</option>`,
            )}
          </select>
          <input
            class="cibtp-input cibtp-phone__number"
            id=${id}
            type="tel"
            inputmode="tel"
            autocomplete="tel"
            data-part="input"
            ?required=${this.required}
            aria-required=${this.required ? 'true' : nothing}
            aria-invalid=${shown ? 'true' : 'false'}
            aria-describedby=${describedBy}
            .value=${live(this.text)}
            @input=${this.onInput}
            @change=${this.onLeave}
            @blur=${this.onLeave}
            @invalid=${this.onInvalid}
          />
          ${canCertify
            ? html`<button
                type="button"
                class="cibtp-button cibtp-button--secondary"
                id=${this.fid('certify')}
                data-part="certify"
                aria-describedby=${labelId}
                aria-disabled=${this.sendRequest.pending ? 'true' : 'false'}
                @click=${this.onCertify}
              >
                ${msg('Certifier', { id: 'phone.certify' })}
              </button>`
            : nothing}
        </div>
        ${this.certified
          ? html`<p class="cibtp-phone__certified" id=${badgeId} data-part="certified">
              <span aria-hidden="true">✓</span> ${msg('Numéro certifié', { id: 'phone.certified' })}
            </p>`
          : nothing}
        <input type="hidden" name=${this.name} .value=${live(parsed?.e164 ?? this.text.trim())} />
        ${this.certify ? html`<input type="hidden" name="${this.name}-certificate" .value=${live(this.certificate ?? '')} />` : nothing}
      </div>
      ${this.certify ? this.dialogTemplate() : nothing}`;
  }

  /**
   * The certification dialog. Its code step cannot be a `<form>` of its own: this field usually sits in
   * a form (the caisse's, or a wizard's), HTML forbids nested forms (a `<dialog>` inside the outer form
   * does not change that, and `method="dialog"` would still be a nested form), and an input inside the
   * outer form would be sent, validated and submitted by Enter with it. So the code input and the
   * « Valider » button name, with their `form` attribute, an empty `<form>` this element keeps at the
   * end of its tree (`document.body`, or the shadow root it lives in), outside every form: Enter in the
   * input submits that form, and the one submit pipeline (`FormController`) reads it. The dialog itself
   * stays here, so that it inherits the page's theme tokens and language like the field.
   */
  private dialogTemplate(): TemplateResult {
    const headingId = this.fid('certify-heading');
    return html`<dialog class="cibtp-phone__dialog" data-part="dialog" aria-labelledby=${headingId} @cancel=${this.onDialogCancel} @close=${this.onDialogClose}>
      ${this.dialogOpen ? this.certifyTemplate(headingId) : nothing}
    </dialog>`;
  }

  private certifyTemplate(headingId: string): TemplateResult {
    const title = heading(this.headingLevel, headingId, msg('Certification de votre numéro de mobile', { id: 'phone.certify.title' }));
    const cancel = { label: msg('Annuler', { id: 'common.cancel' }), onClick: this.closeDialog };
    const challenge = this.challenge;
    if (!challenge) {
      const problem = this.sendProblem;
      const number = html`<bdi>${formatPhone(this.challengeFor || this.value)}</bdi>`;
      return html`<div data-part="heading">${title}</div>
        ${problem
          ? this.summaryTemplate({
              items: [],
              message: problem.text?.() ?? errorMessage(problem.error, this.waitSeconds(problem.error)),
              actions: html`<div class="cibtp-actions">
                ${button({
                  variant: 'primary',
                  label: msg('Recevoir un nouveau code', { id: 'phone.certify.send-again' }),
                  pending: this.sendRequest.pending || this.waitSeconds(problem.error) > 0,
                  onClick: this.sendCode,
                })}
                ${button(cancel)}
              </div>`,
            })
          : html`<p class="cibtp-lead">
                ${msg('Envoi d’un code par SMS au', { id: 'phone.certify.sending' })} ${number}…
              </p>
              <div class="cibtp-actions">${button(cancel)}</div>`}`;
    }
    const codeProblem = this.code.problem;
    const message = codeProblem?.code === 'rate-limited' && !this.code.problemText ? errorMessage(codeProblem, this.waitSeconds(codeProblem)) : undefined;
    return html`<div data-part="heading">${title}</div>
      ${this.code.summary({ message })}
      ${codeStep({
        form: this.code,
        // The step is labelled by the dialog's heading.
        id: (name) => this.fid(name === 'heading' ? 'certify-heading' : name),
        challenge,
        resendIn: this.clock.secondsUntil(challenge.resendAvailableAt),
        blocked: this.waitSeconds(codeProblem) > 0,
        onSubmit: this.onCodeSubmit,
        resend: { pending: this.sendRequest.pending, problem: this.resendProblem, onClick: this.onResend },
        leave: cancel,
        formId: this.fid('certify-form'),
      })}`;
  }

  // ---- behaviour ---------------------------------------------------------------------------------

  private waitSeconds(problem: PortalError | undefined): number {
    return problem?.code === 'rate-limited' ? this.clock.secondsUntil(problem.retryAt) : 0;
  }

  private onInput(event: Event): void {
    this.text = (event.target as HTMLInputElement).value;
    // An international number typed or filled (+351…), or an overseas number typed with France
    // selected, selects its country; what is typed stays as typed until the field is left.
    const parsed = this.parsed;
    if (parsed && parsed.country !== this.chosen) this.choose(parsed.country);
  }

  private onLeave(event: Event): void {
    // Autofill may set the value without an input event.
    this.text = (event.target as HTMLInputElement).value;
    const parsed = this.parsed;
    if (parsed) {
      this.choose(parsed.country);
      this.text = formatPhone(parsed.e164);
    }
    if (this.text.trim() && this.problem()) this.checking = true;
  }

  private onInvalid(): void {
    // The caisse's form was submitted with this field wrong: show why, as the browser's bubble does.
    this.checking = true;
  }

  private onCountry(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isPhoneCountry(value)) this.choose(value);
  }

  /** The empty form outside every form of the page that the code step's controls belong to. */
  private ensureCodeForm(): void {
    const root = this.getRootNode();
    const parent = root instanceof ShadowRoot ? root : document.body;
    if (this.codeFormElement?.parentNode === parent) return;
    this.codeFormElement?.remove();
    const form = document.createElement('form');
    form.id = this.fid('certify-form');
    form.noValidate = true;
    form.hidden = true;
    form.addEventListener('submit', (event) => void this.onCodeSubmit(event));
    parent.append(form);
    this.codeFormElement = form;
  }

  private async onCertify(): Promise<void> {
    if (this.sendRequest.pending || this.parsed?.type !== 'mobile') return;
    this.ensureCodeForm();
    this.dialogOpen = true;
    const stillValid = this.challenge && this.challengeFor === this.value && this.clock.secondsUntil(this.challenge.expiresAt) > 0;
    if (stillValid) {
      await this.focusId('code');
      return;
    }
    this.challenge = undefined;
    await this.updateComplete;
    await this.focusId('certify-heading');
    await this.sendCode();
  }

  private async sendCode(): Promise<void> {
    if (this.sendRequest.pending || (this.sendProblem && this.waitSeconds(this.sendProblem.error) > 0)) return;
    const client = this.clients.value;
    const phone = this.value;
    this.challengeFor = phone;
    if (!client) {
      this.sendProblem = { error: this.clients.missing() };
      return void this.focusId('summary');
    }
    this.sendProblem = undefined;
    this.resendProblem = undefined;
    this.challenge = undefined;
    this.status = () => msg('Envoi du code en cours…', { id: 'phone.certify.pending' });
    const idempotencyKey = this.sendKeys.key(['send', phone]);
    const outcome = await this.sendRequest.run((signal) => sendPhoneCode(client, { phone }, { signal, idempotencyKey }));
    if (!outcome) return;
    this.sendKeys.settle(outcome.ok ? undefined : outcome.error);
    this.status = undefined;
    if (outcome.ok) {
      this.challenge = outcome.value;
      this.code.clear();
      this.code.set('code', '');
      await this.focusId('code');
    } else {
      this.sendProblem = { error: outcome.error };
      await this.focusId('summary');
    }
  }

  private async onResend(): Promise<void> {
    const challenge = this.challenge;
    if (!challenge || this.sendRequest.pending || this.clock.secondsUntil(challenge.resendAvailableAt) > 0) return;
    const client = this.clients.value;
    if (!client) return void this.code.fail(this.clients.missing());
    this.resendProblem = undefined;
    const idempotencyKey = this.sendKeys.key(['resend', challenge.id]);
    const outcome = await this.sendRequest.run((signal) => resendPhoneCode(client, { challengeId: challenge.id }, { signal, idempotencyKey }));
    if (!outcome) return;
    this.sendKeys.settle(outcome.ok ? undefined : outcome.error);
    if (outcome.ok) {
      this.challenge = outcome.value;
      this.code.clear();
      const digits = outcome.value.maskedPhone.replace(/\D/g, '').slice(-2);
      this.status = () => msg(str`Un nouveau code a été envoyé au numéro se terminant par ${digits}.`, { id: 'phone.certify.resent' });
    } else if (outcome.error.code === 'otp-expired') {
      await this.burnt(outcome.error);
    } else if (outcome.error.code !== 'aborted') {
      this.resendProblem = outcome.error;
    }
  }

  private async onCodeSubmit(event: SubmitEvent | Event): Promise<void> {
    if (!this.challenge || this.waitSeconds(this.code.problem) > 0) {
      event.preventDefault();
      return;
    }
    this.resendProblem = undefined;
    const outcome = await this.code.submit(event as SubmitEvent, {
      pending: () => msg('Vérification du code en cours…', { id: 'phone.certify.checking' }),
      send: (client, data, call) => verifyPhoneCode(client, data, call),
      onError: (error) => this.onCodeError(error),
    });
    if (!outcome?.ok) return;
    const { phone, certificate } = outcome.value;
    this.challenge = undefined;
    this.dialogOpen = false;
    this.certified = true;
    this.certificate = certificate;
    await this.updateComplete;
    // Set after the update that recorded `certified`, so that it holds for the number on screen.
    this.certifiedFor = this.value;
    this.status = () => msg('Numéro certifié', { id: 'phone.certified' });
    emit(this, 'cibtp-phone-certified', { phone, certificate });
    this.input?.focus();
  }

  /** A wrong code with attempts left stays on the field; no attempt left, or an expired code: a new code is needed. */
  private async onCodeError(error: PortalError): Promise<boolean> {
    if (error.code === 'otp-invalid' && error.attemptsLeft !== 0) {
      const attemptsLeft = error.attemptsLeft;
      this.code.problems = { code: () => otpInvalidMessage(codeField().label(), attemptsLeft) };
      this.requestUpdate();
      await this.focusId('summary');
      return true;
    }
    if (error.code !== 'otp-invalid' && error.code !== 'otp-expired') return false;
    await this.burnt(error);
    return true;
  }

  /** The challenge can no longer be used: the dialog says so and offers a new code. */
  private async burnt(error: PortalError): Promise<void> {
    this.challenge = undefined;
    this.code.clear();
    this.sendProblem = {
      error,
      text:
        error.code === 'otp-invalid'
          ? () => msg('Trop de codes incorrects. Demandez un nouveau code.', { id: 'phone.certify.exhausted' })
          : () => msg('Ce code n’est plus valable. Demandez un nouveau code.', { id: 'phone.certify.expired' }),
    };
    await this.focusId('summary');
  }

  private closeDialog(): void {
    this.dialogOpen = false;
  }

  /** Escape: closed the widget's way, at once (see `updated`). */
  private onDialogCancel(event: Event): void {
    event.preventDefault();
    this.closeDialog();
  }

  /** The browser closed the dialog by itself (not through `dialogOpen`): the same clean-up. */
  private onDialogClose(): void {
    if (!this.dialogOpen) return;
    this.dialogOpen = false;
    void this.afterDialogClosed();
  }

  private async afterDialogClosed(): Promise<void> {
    // Escape, « Annuler », or a success: nothing keeps running behind a closed dialog.
    this.sendRequest.abort();
    this.code.abort();
    this.code.clear();
    this.sendProblem = undefined;
    this.resendProblem = undefined;
    if (!this.certified) this.status = undefined;
    await this.updateComplete;
    if (!this.certified) this.querySelector<HTMLElement>(`#${CSS.escape(this.fid('certify'))}`)?.focus();
  }
}
