import { localized } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { passwordPolicy } from '../../sdk/auth/index.js';
import { DEFAULT_PASSWORD_POLICY, evaluatePassword, type PasswordPolicy } from '../../sdk/rules/password.js';
import { CibtpElement } from '../shared/base-element.js';
import { passwordField, requiredNote } from '../shared/fields.js';
import { msg } from '../shared/localization.js';
import { fieldMessage, type FieldProblem } from '../shared/messages.js';
import { RequestController } from '../shared/request-controller.js';
import { passwordFieldStyles } from './password-field.styles.js';

/** The element's two inputs: the password, and its confirmation. */
type Input = 'password' | 'confirm';

/**
 * A password input, and optionally its confirmation, for any form: a caisse's own `<form>` on its page
 * as well as the kit's wizards (signup, association, account settings). Each input has its show/hide
 * toggle (ASVS 6.2.6); a new password shows the caisse's policy as a live checklist, and the
 * confirmation is checked against it.
 *
 * Both inputs are native `<input>`s rendered into the element's light DOM, so that they belong to the
 * surrounding `<form>` (its `FormData` holds them under `name` and `confirm-name`) and password managers
 * see them with their `autocomplete` (`new-password` on both, or `current-password`). Their native
 * `input` and `change` events bubble out with the input as `target`: tell them apart by `name`.
 *
 * The policy: `policy` when the page or the wizard sets it; otherwise, for a new password, the caisse's,
 * asked once of its backend (`passwordPolicy()`), with `DEFAULT_PASSWORD_POLICY` until it comes and if
 * it cannot be had (the backend checks its policy anyway). No request in `current-password` mode.
 *
 * Messages, one rule: **a host that manages the messages says so**, and then the element shows only
 * the host's.
 * - Alone on a page, the element checks itself: a message appears under an input once the user has
 *   left it with a problem (not while first typing, as `FormController` does), or when the form is
 *   submitted; from then on it follows the typing. Each native input also carries the message as its
 *   `setCustomValidity()`, so a caisse's `<form>` (without `novalidate`) refuses to submit.
 * - A host form that shows its own messages (a wizard's `FormController`, with its error summary) sets
 *   `error` / `confirmError`: assigning either one, `undefined` included, turns on `managed` (or set
 *   the `managed` attribute). The element then shows exactly `error` and `confirmError`, nothing of its
 *   own, and the inputs' custom validity mirrors them.
 *
 * @summary A password (and confirmation) input with show/hide toggles and the caisse's policy checklist.
 *
 * @datapart required-note - The note that explains the required-field marker (*), with `required-note`.
 * @datapart field - A label + error + input group (one per input).
 * @datapart password-toggle - The show/hide buttons, one per input.
 * @datapart password-rules - The live checklist of the password policy (new password only).
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the element.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - The checklist.
 * @cssproperty --cibtp-color-background - Background of the inputs.
 * @cssproperty --cibtp-color-border - Borders of the inputs.
 * @cssproperty --cibtp-color-primary - The show/hide buttons.
 * @cssproperty --cibtp-color-primary-hover - Buttons on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - Errors and the required marker.
 * @cssproperty --cibtp-color-success - Met password rules.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit, also between the two inputs (default `1rem`).
 * @cssproperty --cibtp-max-width - Widest the element grows (default `34rem`).
 * @cssproperty --cibtp-control-height - Height of inputs and buttons (default `2.75rem`).
 *
 * @example
 * On a caisse's own page, inside its form:
 * ```html
 * <form action="/compte/mot-de-passe" method="post">
 *   <cibtp-password-field base-url="/api/" name="password" confirm required required-note></cibtp-password-field>
 *   <button>Enregistrer</button>
 * </form>
 * ```
 * In a wizard's step, on its `FormController` (fields `password` and `confirmation`):
 * ```ts
 * html`<cibtp-password-field .client=${this.clients.value} .policy=${this.policy}
 *   name="password" confirm confirm-name="confirmation" required
 *   field-id=${this.fid('password')} confirm-id=${this.fid('confirmation')}
 *   .value=${form.values['password'] ?? ''} .confirmValue=${form.values['confirmation'] ?? ''}
 *   .error=${form.error('password')} .confirmError=${form.error('confirmation')}
 *   @input=${(e: Event) => form.bind((e.target as HTMLInputElement).name).onInput(e)}
 * ></cibtp-password-field>`
 * ```
 * (A `focusout` listener for the form's « left with an error » rule also hears the toggles: keep the
 * events whose `target` is an input.)
 */
@localized()
export class CibtpPasswordField extends CibtpElement {
  static override styles = passwordFieldStyles;

  /** The password input's `name`, stable for password managers and the form's data. */
  @property() name = 'password';

  /** The password input's label (default « Mot de passe »). */
  @property() label: string | undefined;

  /**
   * `new-password` (default): a password being chosen, with the policy checklist and, with `confirm`,
   * its confirmation. `current-password`: the one the user has, alone, without checklist nor request.
   */
  @property() autocomplete: 'new-password' | 'current-password' = 'new-password';

  /** Adds the confirmation input (new password only). */
  @property({ type: Boolean }) confirm = false;

  /** The confirmation input's `name` (default `${name}-confirmation`). */
  @property({ attribute: 'confirm-name' }) confirmName: string | undefined;

  /** The confirmation input's label (default « Confirmation du mot de passe »). */
  @property({ attribute: 'confirm-label' }) confirmLabel: string | undefined;

  /** Both inputs are required (`required` on the native inputs, and the `*` in their labels). */
  @property({ type: Boolean }) required = false;

  /**
   * Says above the inputs what the `*` means (« Les champs marqués d’un astérisque (*) sont
   * obligatoires. »), for a page that does not say it already; a kit's form says it once for all its fields.
   */
  @property({ type: Boolean, attribute: 'required-note' }) showRequiredNote = false;

  /** The id of the password input, for a host's error summary (default: generated, unique). */
  @property({ attribute: 'field-id' }) fieldId: string | undefined;

  /** The id of the confirmation input (default: generated, unique). */
  @property({ attribute: 'confirm-id' }) confirmId: string | undefined;

  /** The policy to apply; unset, the caisse's is asked of its backend (new password only). */
  @property({ attribute: false }) policy: PasswordPolicy | undefined;

  /**
   * The host shows the messages: only `error` and `confirmError` appear, none of the element's own.
   * Turned on by assigning either of them.
   */
  @property({ type: Boolean }) managed = false;

  private hostError: string | undefined;
  private hostConfirmError: string | undefined;

  /** The host form's message for the password (shown instead of the element's own; sets `managed`). */
  @property({ attribute: false })
  get error(): string | undefined {
    return this.hostError;
  }
  set error(message: string | undefined) {
    this.hostError = message;
    this.managed = true;
  }

  /** The host form's message for the confirmation (shown instead of the element's own; sets `managed`). */
  @property({ attribute: false })
  get confirmError(): string | undefined {
    return this.hostConfirmError;
  }
  set confirmError(message: string | undefined) {
    this.hostConfirmError = message;
    this.managed = true;
  }

  /** What was typed, as the inputs last said (a password manager may fill an input without an event). */
  @state() private typed: Record<Input, string> = { password: '', confirm: '' };
  @state() private visible: Record<Input, boolean> = { password: false, confirm: false };
  /** The inputs whose problems are shown: left with a problem, or refused by the form. */
  @state() private shown: ReadonlySet<Input> = new Set();
  /** The caisse's policy, as its backend served it. */
  @state() private served: PasswordPolicy | undefined;

  private readonly policyRequest = new RequestController(this);
  private policyLoad: 'idle' | 'loading' | 'done' = 'idle';

  /** The password input's value (read from the input itself: a password manager fills it silently). */
  get value(): string {
    return this.input('password')?.value ?? this.typed.password;
  }
  set value(value: string) {
    this.write('password', value);
  }

  /** The confirmation input's value. */
  get confirmValue(): string {
    return this.input('confirm')?.value ?? this.typed.confirm;
  }
  set confirmValue(value: string) {
    this.write('confirm', value);
  }

  /** The policy the checklist and the checks follow now. */
  get activePolicy(): PasswordPolicy {
    return this.policy ?? this.served ?? DEFAULT_PASSWORD_POLICY;
  }

  constructor() {
    super();
    // On the host, so that they run before the page's own listeners on this element (a wizard's
    // `@input` then reads what the element already knows). `invalid` does not bubble: captured.
    this.addEventListener('input', (event) => this.onInput(event));
    this.addEventListener('change', (event) => this.onInput(event));
    this.addEventListener('focusout', (event) => this.onLeave(event));
    this.addEventListener('invalid', (event) => this.onInvalid(event), true);
  }

  protected override get framed(): boolean {
    return false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after a removal aborted the policy's request: ask again.
    if (this.hasUpdated && this.policyLoad === 'idle') this.requestUpdate();
  }

  /** Focuses the password input (a host's error summary links to `field-id` directly). */
  override focus(options?: FocusOptions): void {
    this.input('password')?.focus(options);
  }

  private get current(): boolean {
    return this.autocomplete === 'current-password';
  }

  private get confirming(): boolean {
    return this.confirm && !this.current;
  }

  private inputId(input: Input): string {
    return input === 'password' ? this.fieldId || this.fid('password') : this.confirmId || this.fid('confirmation');
  }

  private input(input: Input): HTMLInputElement | null {
    if (input === 'confirm' && !this.confirming) return null;
    const found = this.querySelector(`#${CSS.escape(this.inputId(input))}`);
    return found instanceof HTMLInputElement ? found : null;
  }

  private which(target: EventTarget | null): Input | undefined {
    if (!(target instanceof HTMLInputElement)) return undefined;
    return target === this.input('password') ? 'password' : target === this.input('confirm') ? 'confirm' : undefined;
  }

  private labelOf(input: Input): string {
    return input === 'password'
      ? this.label || msg('Mot de passe', { id: 'password-field.label' })
      : this.confirmLabel || msg('Confirmation du mot de passe', { id: 'password-field.confirm-label' });
  }

  private write(input: Input, value: string): void {
    this.typed = { ...this.typed, [input]: value };
    const native = this.input(input);
    if (native) native.value = value;
    this.applyValidity();
  }

  /** The values as the inputs hold them now. */
  private readInputs(): void {
    const password = this.input('password')?.value ?? this.typed.password;
    const confirm = this.input('confirm')?.value ?? this.typed.confirm;
    if (password !== this.typed.password || confirm !== this.typed.confirm) this.typed = { password, confirm };
  }

  /** The element's own check of an input, on what was typed. */
  private problem(input: Input): FieldProblem | undefined {
    const { password, confirm } = this.typed;
    if (input === 'password') {
      if (!password) return this.required ? 'required' : undefined;
      return this.current || evaluatePassword(password, this.activePolicy).valid ? undefined : 'policy';
    }
    if (!this.confirming) return undefined;
    if (!confirm) return this.required || password ? 'required' : undefined;
    return confirm === password ? undefined : 'mismatch';
  }

  private ownMessage(input: Input): string | undefined {
    const problem = this.problem(input);
    return problem && fieldMessage(this.labelOf(input), problem);
  }

  /** The message under an input: the host's when it manages them, else the element's once shown. */
  private message(input: Input): string | undefined {
    if (this.managed) return input === 'password' ? this.hostError : this.hostConfirmError;
    return this.shown.has(input) ? this.ownMessage(input) : undefined;
  }

  /**
   * The native validity says what the element would say (even before it shows it), so that a form that
   * validates natively refuses to submit; managed, it says what the host says.
   */
  private applyValidity(): void {
    for (const input of ['password', 'confirm'] as const) {
      const message = this.managed ? this.message(input) : this.ownMessage(input);
      this.input(input)?.setCustomValidity(message ?? '');
    }
  }

  private show(input: Input): void {
    if (!this.shown.has(input)) this.shown = new Set([...this.shown, input]);
  }

  private onInput(event: Event): void {
    if (!this.which(event.target)) return;
    this.readInputs();
    this.applyValidity();
  }

  private onLeave(event: FocusEvent): void {
    const input = this.which(event.target);
    if (!input) return;
    this.readInputs();
    // As FormController does: leaving an input that was typed in and is wrong shows its message, which
    // then follows the typing; an untouched empty input says nothing until the form is submitted.
    if (this.typed[input] && this.problem(input)) this.show(input);
    // The password changed: a confirmation already typed is checked against it now.
    if (input === 'password' && this.typed.confirm && this.problem('confirm')) this.show('confirm');
  }

  /** The surrounding form refused to submit (its validation reached this input). */
  private onInvalid(event: Event): void {
    const input = this.which(event.target);
    if (!input) return;
    this.readInputs();
    this.show(input);
  }

  private toggle(input: Input): void {
    this.visible = { ...this.visible, [input]: !this.visible[input] };
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Here rather than in `updated()`: starting the request re-renders (pending), within this update.
    if (this.policy || this.current) {
      // The host's policy wins, and a current password has none: a request on its way is dropped.
      if (this.policyLoad === 'loading') this.policyRequest.abort();
    } else if (this.policyLoad === 'idle') {
      void this.loadPolicy();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.applyValidity();
  }

  /** Asks the backend for the caisse's policy, once; any failure keeps the default, silently. */
  private async loadPolicy(): Promise<void> {
    const client = this.clients.value;
    if (!client) return;
    this.policyLoad = 'loading';
    const outcome = await this.policyRequest.run((signal) => passwordPolicy(client, { signal }));
    if (!outcome) {
      // Aborted (removed from the page, or a policy given meanwhile): asked again if still needed.
      this.policyLoad = 'idle';
      if (this.isConnected) this.requestUpdate();
      return;
    }
    this.policyLoad = 'done';
    if (outcome.ok) this.served = outcome.value;
  }

  protected override render(): TemplateResult {
    return this.stepTemplate();
  }

  /** The field(s): no heading, no live region of its own, no frame; it sits in a host's form. */
  protected override stepTemplate(): TemplateResult {
    const policy = this.activePolicy;
    return html`${this.required && this.showRequiredNote ? requiredNote() : nothing}
    ${passwordField({
      id: this.inputId('password'),
      name: this.name,
      label: this.labelOf('password'),
      autocomplete: this.current ? 'current-password' : 'new-password',
      required: this.required,
      error: this.message('password'),
      value: this.typed.password,
      visible: this.visible.password,
      onToggle: () => this.toggle('password'),
      ...(this.current ? {} : { evaluation: evaluatePassword(this.typed.password, policy), policy }),
    })}
    ${this.confirming
      ? passwordField({
          id: this.inputId('confirm'),
          name: this.confirmName || `${this.name}-confirmation`,
          label: this.labelOf('confirm'),
          autocomplete: 'new-password',
          required: this.required,
          error: this.message('confirm'),
          value: this.typed.confirm,
          visible: this.visible.confirm,
          onToggle: () => this.toggle('confirm'),
        })
      : nothing}`;
  }
}
