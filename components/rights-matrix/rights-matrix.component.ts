import { localized } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { PortalError } from '../../sdk/errors.js';
import { rightsCatalogue } from '../../sdk/rights/operations.js';
import { ACCESS_MODES, COLLEGES, RIGHT_FUNCTION_IDS, accessTo, type AccessMode, type College, type RightFunction, type RightsGrant } from '../../sdk/rules/rights.js';
import { effectiveGrant, rightsExcess, type RightsExcess } from '../../sdk/rules/delegation.js';
import { DelegationRights, type RightsCatalogue } from '../../sdk/schemas/rights.js';
import { CibtpElement } from '../shared/base-element.js';
import { button, errorId, requiredMark } from '../shared/fields.js';
import { functionLabel, groupLabel } from '../shared/function-labels.js';
import { msg, str } from '../shared/localization.js';
import { errorMessage, isOne, type Message } from '../shared/messages.js';
import { RequestController } from '../shared/request-controller.js';
import { rightsMatrixStyles } from './rights-matrix.styles.js';

/** The matrix's value: what a delegation gives (`DelegationRights`, sent to the backend as it is). */
export type RightsMatrixValue = DelegationRights;

/** No administrator box, the three collèges, *Aucun droit* on every function (the guides' defaults). */
export function defaultRights(): RightsMatrixValue {
  return { administrator: false, colleges: [...COLLEGES], functions: {} };
}

/** « Aucun droit », « Consultation », « Mise à jour »: the column names, and the modes in a sentence. */
export function modeLabel(mode: AccessMode): string {
  switch (mode) {
    case 'none': return msg('Aucun droit', { id: 'rights-matrix.mode.none' });
    case 'read': return msg('Consultation', { id: 'rights-matrix.mode.read' });
    case 'write': return msg('Mise à jour', { id: 'rights-matrix.mode.write' });
  }
}

export function collegeLabel(college: College): string {
  switch (college) {
    case 'ouvrier': return msg('Ouvrier', { id: 'rights-matrix.college.ouvrier' });
    case 'etam': return msg('ETAM', { id: 'rights-matrix.college.etam' });
    case 'cadre': return msg('Cadre', { id: 'rights-matrix.college.cadre' });
  }
}

/** The words for the first excess `rightsExcess` finds: the validation message, and the line where it sits. */
function excessMessage(excess: RightsExcess): string {
  switch (excess.kind) {
    case 'administrator':
      return msg('Vos propres droits ne permettent pas de déléguer le rôle d’administrateur.', { id: 'rights-matrix.excess.administrator' });
    case 'college': {
      const college = collegeLabel(excess.college);
      return msg(str`Vos propres droits ne couvrent pas le collège ${college}.`, { id: 'rights-matrix.excess.college' });
    }
    case 'function': {
      const fn = functionLabel(excess.fn);
      const mode = modeLabel(excess.mode);
      const max = modeLabel(excess.max);
      return msg(str`${fn}\u00a0: ${mode} dépasse vos propres droits (au plus ${max}).`, { id: 'rights-matrix.excess.function' });
    }
  }
}

/** A value as the matrix keeps it: only known collèges, functions and modes (a host's data is typed, not trusted). */
function sanitize(value: Partial<RightsMatrixValue> | null | undefined): { admin: boolean; colleges: College[]; modes: Partial<Record<RightFunction, AccessMode>> } {
  const given = Array.isArray(value?.colleges) ? value.colleges : [];
  const modes: Partial<Record<RightFunction, AccessMode>> = {};
  const functions = value?.functions && typeof value.functions === 'object' ? value.functions : {};
  for (const id of RIGHT_FUNCTION_IDS) {
    const mode = functions[id];
    if (mode && (ACCESS_MODES as readonly string[]).includes(mode)) modes[id] = mode;
  }
  return { admin: value?.administrator === true, colleges: COLLEGES.filter((c) => given.includes(c)), modes };
}

type CatalogueState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'loaded'; catalogue: RightsCatalogue }
  | { kind: 'failed'; error: PortalError; noClient?: boolean };

/**
 * The rights a delegation gives, as the guides' *Gérer les droits d'accès* matrix draws them: the
 * *Administrateur* box, the collèges Ouvrier, ETAM and Cadre, and one row per function of the rights
 * catalogue, grouped as the catalogue groups them, with the modes *Aucun droit*, *Consultation* and
 * *Mise à jour*. A field for a form: the delegation wizard's step 2, or a caisse's own `<form>`.
 *
 * **Rows.** The catalogue's groups and functions, and nothing else: the `catalogue` property, or, when
 * it is not set, the backend's (`rightsCatalogue()`, « Chargement des fonctions… » meanwhile, its error
 * with *Réessayer*). A function the catalogue lacks is never shown (a value's mode for it is kept as it
 * is, and sent).
 *
 * **Keyboard and screen readers.** Each function is a row of a real table, its name a row header
 * (`<th scope="row">`), its three modes ONE group of native radios: Tab enters the row on its checked
 * mode, the arrow keys change it, Tab goes on to the next row. Every radio is named for itself,
 * « Mes comptes bancaires, Consultation ». Above the columns, a real radio group « Toutes les
 * fonctions » sets a whole column (every function of the catalogue, each within its bound); it shows the
 * mode every row then holds, and nothing once rows differ.
 *
 * **Administrateur.** Ticking it gives every collège and *Mise à jour* everywhere (`effectiveGrant` of an
 * administrator): the collèges and modes are shown so and locked, with the explanation « Un
 * administrateur a tous les droits en mise à jour sur tous les collèges. » linked to the locked controls.
 * Unticking it brings back what was chosen before.
 *
 * **Collèges.** All three by default; at least one is required: none is the field error « Cochez au
 * moins un collège » (`valueMissing`).
 *
 * **`max`, what the delegator holds** (`tiersRights()`): whatever it does not hold is disabled, with the
 * reason next to it (« Limité à Consultation : vos propres droits ») and one line above the matrix. What
 * is disabled is exactly what the backend would refuse: each choice is checked with `rightsExcess()`,
 * the one rule of delegation. A `value` given beyond `max` is not changed: it is invalid
 * (`customError`), and the first excess is said where it is, and as the validation message.
 *
 * **Form-associated.** Inside a `<form>`, the matrix is one field named `name` whose value is
 * `JSON.stringify(value)`; its validity blocks the form's submission, and `reportValidity()` moves the
 * focus to the first problem; the form's *reset* brings back `defaultValue`; a disabled `<fieldset>`
 * disables it. Its inner checkboxes and radios belong to a form of their own outside the page's forms
 * (their `form` attribute), so that the page's form data holds the one JSON value, not seventeen radios;
 * Enter on one of them still submits the page's form, through its default button, as it would natively.
 * The inner controls' native `input` and `change` events stay inside: the matrix fires one `change`.
 *
 * **Read-only** (`readonly`): the rights as text (each row says its mode; the box and the collèges in
 * words), nothing to focus or change. **Narrow screens**: below about 30rem of its own width (a
 * container query), each function becomes a block, its name on its own line and the three radios
 * under it with their visible names; nothing scrolls sideways.
 *
 * Rendered in the light DOM, without a frame (a field of its host's form).
 *
 * @summary The rights matrix of a delegation: administrator, collèges, and a mode per function, bounded by the delegator's rights.
 *
 * @fires change - `CustomEvent<DelegationRights>`: the user changed the rights (`detail` is the new value, as `value`). Not fired when `value` is set.
 *
 * @datapart matrix - The whole field.
 * @datapart bound - The line that says the delegator's own rights bound the delegation (with `max` only).
 * @datapart administrator - The *Administrateur* box, with its notes.
 * @datapart locked - « Un administrateur a tous les droits en mise à jour sur tous les collèges. », while the box is ticked.
 * @datapart colleges - The « Collèges » fieldset.
 * @datapart table - The table of functions.
 * @datapart column-controls - The header row « Toutes les fonctions » and its three radios.
 * @datapart group - The header row of a group of functions.
 * @datapart function - The row of one function (`data-function` holds its id).
 * @datapart note - Why a row, a collège or the box is limited (« Limité à Consultation : vos propres droits »).
 * @datapart summary - The box and the collèges in words (read-only).
 * @datapart loading - « Chargement des fonctions… », while the catalogue is on its way.
 * @datapart error - The message and *Réessayer* after the catalogue failed to load.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the matrix.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - Notes and the loading line.
 * @cssproperty --cibtp-color-background - Background of the matrix and of the *Réessayer* button.
 * @cssproperty --cibtp-color-surface - Background of the header rows and of the group rows.
 * @cssproperty --cibtp-color-border - Borders of the table's rows.
 * @cssproperty --cibtp-color-primary - Radios and checkboxes, the mark of the locked explanation, buttons.
 * @cssproperty --cibtp-color-primary-hover - Primary buttons on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - Errors and the required marker.
 * @cssproperty --cibtp-color-success - Not used by the matrix (the shared sheet's success boxes).
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit (default `1rem`).
 * @cssproperty --cibtp-max-width - Not used by the matrix (the shared sheet's default, replaced by `--cibtp-max-width-wide`).
 * @cssproperty --cibtp-max-width-wide - Widest the matrix grows (default `60rem`).
 * @cssproperty --cibtp-control-height - Height of the radio and checkbox targets and of buttons (default `2.75rem`).
 *
 * @example
 * In a caisse's own form (the form data holds `rights`, the JSON of the value):
 * ```html
 * <form action="/delegations" method="post">
 *   <cibtp-rights-matrix name="rights" base-url="/api/"></cibtp-rights-matrix>
 *   <button>Valider</button>
 * </form>
 * <script type="module">
 *   const matrix = document.querySelector('cibtp-rights-matrix');
 *   matrix.max = await tiersRights(client); // what the delegator holds
 *   matrix.addEventListener('change', (e) => console.log(e.detail));
 * </script>
 * ```
 * In a wizard's step, on the delegator's rights:
 * ```ts
 * html`<cibtp-rights-matrix .client=${client} .max=${this.delegatorRights} .value=${this.rights}
 *   @change=${(e: CustomEvent<DelegationRights>) => (this.rights = e.detail)}></cibtp-rights-matrix>`
 * ```
 */
@localized()
export class CibtpRightsMatrix extends CibtpElement {
  static override styles = rightsMatrixStyles;
  static formAssociated = true;

  /** The name of the field in its form (its value is `JSON.stringify(value)`). */
  @property({ reflect: true }) name = 'rights';

  /** Nothing can be changed; the field is left out of the form's data and validation. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The rights are shown as text; nothing can be changed (not validated either, as a native read-only field). */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** What the delegator holds (`tiersRights()`): anything beyond it is disabled. Unset: no bound. */
  @property({ attribute: false }) max: RightsGrant | undefined;

  /** The functions to show, by group; unset, the backend's catalogue is loaded (`rightsCatalogue()`). */
  @property({ attribute: false }) catalogue: RightsCatalogue | undefined;

  @state() private admin = false;
  @state() private colleges: readonly College[] = [...COLLEGES];
  /** The mode of each function, as given or chosen (kept while the administrator box is ticked, for its unticking). */
  @state() private modes: Partial<Record<RightFunction, AccessMode>> = {};
  @state() private loaded: CatalogueState = { kind: 'idle' };
  /** An ancestor `<fieldset disabled>` (or the `disabled` attribute), as the form says. */
  @state() private formDisabled = false;

  private readonly internals: ElementInternals;
  private readonly request = new RequestController(this);
  /** The first value a host gave (the form's reset brings it back), unless `defaultValue` is set. */
  private initial: RightsMatrixValue | undefined;
  private explicitDefault: RightsMatrixValue | undefined;
  /** Neither the host nor the user gave a value yet: the defaults follow `max` (its collèges). */
  private pristine = true;
  /** The empty form, outside the page's forms, that the inner controls belong to (see the class comment). */
  private controlsForm: HTMLFormElement | undefined;

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.syncForm();
    this.addEventListener('keydown', (event) => this.onKeydown(event));
  }

  /**
   * The rights shown, written out (`effectiveGrant`): the collèges in their order, the functions given a
   * mode other than *Aucun droit*; with the administrator box, every collège and *Mise à jour* on every
   * function. Setting it shows a value (a delegation being modified) without firing `change`.
   */
  @property({ attribute: false })
  get value(): RightsMatrixValue {
    const grant = effectiveGrant({ administrator: this.admin, colleges: this.colleges, functions: this.modes });
    return { administrator: this.admin, colleges: [...grant.colleges], functions: { ...grant.functions } };
  }
  set value(value: RightsMatrixValue) {
    this.pristine = false;
    this.show(value);
    // As given (an administrator's value keeps the choices its unticking brings back).
    this.initial ??= this.kept();
  }

  /**
   * What the form's reset brings back: the first `value` given, else the defaults (every collège
   * `max` holds, *Aucun droit* everywhere).
   */
  get defaultValue(): RightsMatrixValue {
    return structuredClone(this.explicitDefault ?? this.initial ?? this.defaults());
  }
  set defaultValue(value: RightsMatrixValue) {
    const kept = sanitize(value);
    this.explicitDefault = { administrator: kept.admin, colleges: kept.colleges, functions: kept.modes };
  }

  /** The state as kept, not written out (the choices under a ticked administrator box included). */
  private kept(): RightsMatrixValue {
    return { administrator: this.admin, colleges: [...this.colleges], functions: { ...this.modes } };
  }

  /** The form the matrix belongs to. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }
  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.internals.willValidate;
  }
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }
  /** Says the first problem (the browser's bubble) and moves the focus to it. */
  reportValidity(): boolean {
    this.syncValidity();
    const valid = this.internals.reportValidity();
    if (!valid) this.problems()[0]?.anchor()?.focus();
    return valid;
  }

  /** Focuses the first control that can take it. */
  override focus(options?: FocusOptions): void {
    this.querySelector<HTMLInputElement>('input:not(:disabled), button:not(:disabled)')?.focus(options);
  }

  protected override get framed(): boolean {
    return false;
  }

  // ---- form association ------------------------------------------------------------------------

  formResetCallback(): void {
    this.show(this.defaultValue);
    this.pristine = !this.explicitDefault && !this.initial;
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  formStateRestoreCallback(saved: string | File | FormData | null): void {
    if (typeof saved !== 'string') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(saved);
    } catch {
      return;
    }
    const result = DelegationRights.safeParse(parsed);
    if (!result.success) return;
    this.pristine = false;
    this.show(result.data);
  }

  private show(value: RightsMatrixValue): void {
    const kept = sanitize(value);
    this.admin = kept.admin;
    this.colleges = kept.colleges;
    this.modes = kept.modes;
    this.syncForm();
  }

  /** The form value and validity follow the state, at once (a `change` listener reads them). */
  private syncForm(): void {
    const json = JSON.stringify(this.value);
    this.internals.setFormValue(json, json);
    this.syncValidity();
  }

  // ---- rules -----------------------------------------------------------------------------------

  /** Whether `max` allows `probe` — by the backend's own rule, `rightsExcess`. */
  private allows(probe: Partial<RightsGrant>): boolean {
    const max = this.max;
    return !max || rightsExcess({ administrator: false, colleges: [], functions: {}, ...probe }, max) === null;
  }

  private modeAllowed(fn: RightFunction, mode: AccessMode): boolean {
    const functions: Partial<Record<RightFunction, AccessMode>> = {};
    functions[fn] = mode;
    return this.allows({ functions });
  }

  /** The highest mode `max` gives on `fn` (what its row's note says). */
  private maxFor(fn: RightFunction): AccessMode {
    return this.max ? accessTo(effectiveGrant(this.max), fn) : 'write';
  }

  /** `mode`, or the highest mode below it that `max` allows on `fn`. */
  private clamp(fn: RightFunction, mode: AccessMode): AccessMode {
    for (let i = ACCESS_MODES.indexOf(mode); i > 0; i--) {
      const candidate = ACCESS_MODES[i]!;
      if (this.modeAllowed(fn, candidate)) return candidate;
    }
    return 'none';
  }

  /** The guides' defaults, within `max`: the three collèges unless it holds fewer. */
  private defaults(): RightsMatrixValue {
    const value = defaultRights();
    return { ...value, colleges: value.colleges.filter((college) => this.allows({ colleges: [college] })) };
  }

  /** Whether `max` leaves out something of the matrix (then it says so above it). */
  private get bounded(): boolean {
    return !this.allows({ administrator: true });
  }

  private get functions(): RightFunction[] {
    return this.loaded.kind === 'loaded' ? this.loaded.catalogue.groups.flatMap((g) => g.functions) : [];
  }

  private modeOf(fn: RightFunction): AccessMode {
    return this.admin ? 'write' : (this.modes[fn] ?? 'none');
  }

  private hasCollege(college: College): boolean {
    return this.admin || this.colleges.includes(college);
  }

  /** Nothing can be changed (disabled, by itself or by its form). */
  private get inactive(): boolean {
    return this.disabled || this.formDisabled;
  }

  /** The mode the column controls show: the one every row holds (each within its bound), if any. */
  private commonMode(): AccessMode | undefined {
    const fns = this.functions;
    if (!fns.length) return undefined;
    return ACCESS_MODES.find((mode) => this.columnEnabled(mode) && fns.every((fn) => this.modeOf(fn) === this.clamp(fn, mode)));
  }

  /** A column can be set when some function of the catalogue allows its mode. */
  private columnEnabled(mode: AccessMode): boolean {
    return this.functions.some((fn) => this.modeAllowed(fn, mode));
  }

  private excess(): RightsExcess | null {
    return this.max ? rightsExcess(this.value, this.max) : null;
  }

  private get collegesMissing(): boolean {
    return !this.admin && this.colleges.length === 0;
  }

  /** The problems, in the matrix's order: the box, the collèges, then the functions. */
  private problems(): Array<{ flags: ValidityStateFlags; message: string; anchor: () => HTMLElement | null }> {
    const list: Array<{ flags: ValidityStateFlags; message: string; anchor: () => HTMLElement | null; order: number }> = [];
    const excess = this.excess();
    if (excess) {
      const anchor =
        excess.kind === 'administrator' ? () => this.byId('administrator')
        : excess.kind === 'college' ? () => this.byId(`college-${excess.college}`)
        : () => this.querySelector<HTMLElement>(`tr[data-function="${excess.fn}"] input:not(:disabled)`);
      list.push({ flags: { customError: true }, message: excessMessage(excess), anchor, order: excess.kind === 'function' ? 2 : excess.kind === 'college' ? 1 : 0 });
    }
    if (this.collegesMissing) {
      list.push({
        flags: { valueMissing: true },
        message: this.missingMessage(),
        anchor: () => this.querySelector<HTMLElement>('[data-part="colleges"] input:not(:disabled)'),
        order: 1,
      });
    }
    return list.sort((a, b) => a.order - b.order);
  }

  private missingMessage(): string {
    return msg('Cochez au moins un collège', { id: 'rights-matrix.colleges.required' });
  }

  private syncValidity(): void {
    const problems = this.problems();
    if (!problems.length) {
      this.internals.setValidity({});
      return;
    }
    const flags = Object.assign({}, ...problems.map((p) => p.flags)) as ValidityStateFlags;
    const anchor = problems[0]!.anchor() ?? undefined;
    this.internals.setValidity(flags, problems[0]!.message, anchor);
  }

  private byId(name: string): HTMLElement | null {
    return this.querySelector<HTMLElement>(`#${CSS.escape(this.fid(name))}`);
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this.ensureControlsForm();
    // Back on the page after a removal aborted the catalogue's request: ask again.
    if (this.loaded.kind === 'loading' && !this.request.pending) this.loaded = { kind: 'idle' };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controlsForm?.remove();
    this.controlsForm = undefined;
  }

  /** The inner controls' own form: beside the matrix's root (the document's body, or its shadow root). */
  private ensureControlsForm(): void {
    const root = this.getRootNode();
    const parent = root instanceof ShadowRoot ? root : (document.body ?? document.documentElement);
    if (this.controlsForm?.parentNode === parent) return;
    this.controlsForm?.remove();
    const form = document.createElement('form');
    form.id = this.fid('controls');
    form.hidden = true;
    form.noValidate = true;
    parent.append(form);
    this.controlsForm = form;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.catalogue) {
      if (this.request.pending) this.request.abort();
      if (this.loaded.kind !== 'loaded' || this.loaded.catalogue !== this.catalogue) {
        this.loaded = { kind: 'loaded', catalogue: this.catalogue };
        if (this.status) this.status = undefined;
      }
    } else if (
      this.loaded.kind === 'idle' ||
      (changed.has('catalogue') && this.loaded.kind === 'loaded') ||
      // The portal's client has come (its code arrived after this widget's).
      (this.loaded.kind === 'failed' && this.loaded.noClient && this.clients.value)
    ) {
      void this.load();
    }
    if (changed.has('max')) {
      // The defaults hold nothing the delegator lacks: no collège it does not hold is ticked for it.
      if (this.pristine) this.show(this.defaults());
      else this.syncValidity();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Now that the controls are there: the validity's anchor, and its message in the current locale.
    this.syncValidity();
  }

  private async load(): Promise<void> {
    const client = this.clients.value;
    if (!client) {
      this.loaded = { kind: 'failed', error: this.clients.missing(), noClient: true };
      return;
    }
    this.loaded = { kind: 'loading' };
    this.status = () => msg('Chargement des fonctions…', { id: 'rights-matrix.loading' });
    const outcome = await this.request.run((signal) => rightsCatalogue(client, { signal }));
    if (!outcome) return;
    if (outcome.ok) {
      this.loaded = { kind: 'loaded', catalogue: outcome.value };
      this.status = undefined;
    } else {
      const error = outcome.error;
      this.loaded = { kind: 'failed', error };
      this.status = () => errorMessage(error);
    }
  }

  /** *Réessayer*: its button goes while loading; the focus then goes to the table (or back to the button). */
  private async retry(): Promise<void> {
    await this.load();
    await this.updateComplete;
    if (this.contains(document.activeElement) && document.activeElement !== this) return;
    (this.byId('table') ?? this.querySelector<HTMLElement>('[data-part="error"] button'))?.focus();
  }

  // ---- user changes ----------------------------------------------------------------------------

  /**
   * Enter on a radio or a checkbox submits its form through the form's default button (Chromium's
   * implicit submission): the page's form, as if the controls were its own, not their empty one.
   */
  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement) || event.target.form !== this.controlsForm) return;
    event.preventDefault();
    const submitter = [...(this.internals.form?.elements ?? [])].find(
      (control): control is HTMLButtonElement | HTMLInputElement =>
        (control instanceof HTMLButtonElement || control instanceof HTMLInputElement) && control.type === 'submit',
    );
    if (submitter && !submitter.disabled) submitter.click();
  }

  /** After a user change: the form value, the announcement, then `change`. */
  private commit(announce?: Message): void {
    this.pristine = false;
    this.syncForm();
    if (announce) this.status = announce;
    this.dispatchEvent(new CustomEvent('change', { detail: this.value, bubbles: true, composed: true }));
  }

  /** The inner controls' own events stay inside: the page hears the matrix's `change` only. */
  private readonly stop = (event: Event): void => {
    event.stopPropagation();
  };

  private onAdministrator(event: Event): void {
    event.stopPropagation();
    const input = event.target as HTMLInputElement;
    this.admin = input.checked;
    this.commit(this.admin
      ? () => msg('Administrateur\u00a0: tous les collèges et toutes les fonctions en mise à jour, verrouillés.', { id: 'rights-matrix.announce.admin-on' })
      : () => msg('Administrateur décoché\u00a0: vos choix précédents sont rétablis.', { id: 'rights-matrix.announce.admin-off' }));
    void this.keepFocus(input);
  }

  private onCollege(event: Event, college: College): void {
    event.stopPropagation();
    const input = event.target as HTMLInputElement;
    this.colleges = input.checked ? COLLEGES.filter((c) => c === college || this.colleges.includes(c)) : this.colleges.filter((c) => c !== college);
    this.commit();
    void this.keepFocus(input);
  }

  private onMode(event: Event, fn: RightFunction, mode: AccessMode): void {
    event.stopPropagation();
    this.modes = { ...this.modes, [fn]: mode };
    this.commit();
  }

  /** « Toutes les fonctions » : every function of the catalogue gets `mode`, or its bound when lower. */
  private onColumn(event: Event, mode: AccessMode): void {
    event.stopPropagation();
    const modes = { ...this.modes };
    let limited = 0;
    for (const fn of this.functions) {
      modes[fn] = this.clamp(fn, mode);
      if (modes[fn] !== mode) limited++;
    }
    this.modes = modes;
    const label = modeLabel(mode);
    const count = String(limited);
    this.commit(() =>
      limited === 0
        ? msg(str`Toutes les fonctions\u00a0: ${label}.`, { id: 'rights-matrix.announce.column' })
        : isOne(limited)
          ? msg(str`Toutes les fonctions\u00a0: ${label}, sauf ${count} limitée par vos propres droits.`, { id: 'rights-matrix.announce.column.limited.one' })
          : msg(str`Toutes les fonctions\u00a0: ${label}, sauf ${count} limitées par vos propres droits.`, { id: 'rights-matrix.announce.column.limited.other' }),
    );
  }

  /**
   * A checkbox that was ticked beyond `max` (a host's value) gets disabled once unticked: the focus
   * goes on to the next control that can take it rather than to the page.
   */
  private async keepFocus(input: HTMLInputElement): Promise<void> {
    await this.updateComplete;
    if (!input.disabled) return;
    const controls = [...this.querySelectorAll<HTMLInputElement>('input')];
    const next = controls.slice(controls.indexOf(input) + 1).find((c) => !c.disabled) ?? controls.find((c) => !c.disabled);
    next?.focus();
  }

  // ---- templates -------------------------------------------------------------------------------

  protected override stepTemplate(): TemplateResult {
    return html`<div class="cibtp-rights" data-part="matrix">
      ${this.readonly ? this.readonlyTemplate() : this.editTemplate()}
    </div>`;
  }

  private boundTemplate(): TemplateResult | typeof nothing {
    if (!this.bounded) return nothing;
    return html`<p class="cibtp-rights__bound" id=${this.fid('bound')} data-part="bound">
      ${msg('Vous ne pouvez déléguer que les droits que vous détenez vous-même\u00a0: ce qui les dépasse est désactivé.', { id: 'rights-matrix.bound' })}
    </p>`;
  }

  private lockedTemplate(): TemplateResult | typeof nothing {
    if (!this.admin) return nothing;
    return html`<p class="cibtp-rights__locked" id=${this.fid('locked')} data-part="locked">
      ${msg('Un administrateur a tous les droits en mise à jour sur tous les collèges.', { id: 'rights-matrix.locked' })}
    </p>`;
  }

  private editTemplate(): TemplateResult {
    const excess = this.excess();
    const lockedId = this.admin ? this.fid('locked') : '';
    return html`${this.boundTemplate()}
      ${this.administratorTemplate(excess)}
      ${this.collegesTemplate(excess, lockedId)}
      ${this.functionsTemplate((catalogue) => this.tableTemplate(catalogue, excess, lockedId))}`;
  }

  private administratorTemplate(excess: RightsExcess | null): TemplateResult {
    const id = this.fid('administrator');
    const held = this.allows({ administrator: true });
    const noteId = `${id}-note`;
    const errId = errorId(id);
    const wrong = excess?.kind === 'administrator';
    const describedBy = [held ? '' : noteId, wrong ? errId : '', this.admin ? this.fid('locked') : ''].filter(Boolean).join(' ');
    return html`<div class="cibtp-rights__admin" data-part="administrator">
      <div class="cibtp-rights__check">
        <input
          type="checkbox"
          class="cibtp-checkbox"
          id=${id}
          form=${this.fid('controls')}
          .checked=${live(this.admin)}
          ?disabled=${this.inactive || (!held && !this.admin)}
          aria-invalid=${wrong ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          @change=${this.onAdministrator}
          @input=${this.stop}
        />
        <label for=${id}>${msg('Administrateur', { id: 'rights-matrix.administrator' })}</label>
      </div>
      ${held ? nothing : html`<p class="cibtp-rights__note" id=${noteId} data-part="note">
        ${msg('Vous n’êtes pas administrateur\u00a0: vous ne pouvez pas déléguer ce rôle.', { id: 'rights-matrix.administrator.not-held' })}
      </p>`}
      ${wrong ? html`<p class="cibtp-field-error" id=${errId}>${excessMessage(excess)}</p>` : nothing}
      ${this.lockedTemplate()}
    </div>`;
  }

  private collegesTemplate(excess: RightsExcess | null, lockedId: string): TemplateResult {
    const base = this.fid('colleges');
    const held = COLLEGES.filter((c) => this.allows({ colleges: [c] }));
    const limited = held.length < COLLEGES.length;
    const noteId = `${base}-note`;
    const errId = errorId(base);
    const message = excess?.kind === 'college' ? excessMessage(excess) : this.collegesMissing ? this.missingMessage() : undefined;
    const describedBy = [message ? errId : '', limited ? noteId : '', lockedId].filter(Boolean).join(' ');
    const list = held.map(collegeLabel).join(', ');
    return html`<fieldset class="cibtp-fieldset cibtp-rights__colleges ${message ? 'cibtp-field--error' : ''}" data-part="colleges" aria-describedby=${describedBy || nothing}>
      <legend class="cibtp-legend">${msg('Collèges', { id: 'rights-matrix.colleges' })} ${requiredMark()}</legend>
      ${limited ? html`<p class="cibtp-rights__note" id=${noteId} data-part="note">
        ${held.length
          ? msg(str`Limité à vos propres collèges\u00a0: ${list}`, { id: 'rights-matrix.colleges.limited' })
          : msg('Vos propres droits ne couvrent aucun collège.', { id: 'rights-matrix.colleges.none-held' })}
      </p>` : nothing}
      ${message ? html`<p class="cibtp-field-error" id=${errId}>${message}</p>` : nothing}
      <div class="cibtp-rights__college-list">
        ${COLLEGES.map((college) => {
          const id = this.fid(`college-${college}`);
          const checked = this.hasCollege(college);
          const allowed = held.includes(college);
          return html`<div class="cibtp-rights__check">
            <input
              type="checkbox"
              class="cibtp-checkbox"
              id=${id}
              form=${this.fid('controls')}
              .checked=${live(checked)}
              ?disabled=${this.inactive || this.admin || (!allowed && !checked)}
              aria-invalid=${message ? 'true' : 'false'}
              aria-describedby=${describedBy || nothing}
              @change=${(e: Event) => this.onCollege(e, college)}
              @input=${this.stop}
            />
            <label for=${id}>${collegeLabel(college)}</label>
          </div>`;
        })}
      </div>
    </fieldset>`;
  }

  /** The catalogue's state: loading, its error with *Réessayer*, or the rows. */
  private functionsTemplate(rows: (catalogue: RightsCatalogue) => TemplateResult): TemplateResult {
    const state = this.loaded;
    switch (state.kind) {
      case 'loaded':
        return rows(state.catalogue);
      case 'failed':
        return html`<div class="cibtp-rights__error" data-part="error">
          <p class="cibtp-rights__message">${errorMessage(state.error)}</p>
          ${button({ label: msg('Réessayer', { id: 'common.retry' }), onClick: () => void this.retry() })}
        </div>`;
      default:
        // Said by the live region: the visible line is for the eyes.
        return html`<p class="cibtp-rights__loading" data-part="loading" aria-hidden="true">
          ${msg('Chargement des fonctions…', { id: 'rights-matrix.loading' })}
        </p>`;
    }
  }

  private caption(): TemplateResult {
    return html`<caption class="cibtp-rights__caption">${msg('Droits par fonctionnalité', { id: 'rights-matrix.caption' })}</caption>`;
  }

  private tableTemplate(catalogue: RightsCatalogue, excess: RightsExcess | null, lockedId: string): TemplateResult {
    const common = this.commonMode();
    const all = msg('Toutes les fonctions', { id: 'rights-matrix.all' });
    return html`<table class="cibtp-rights__table" role="table" id=${this.fid('table')} tabindex="-1" data-part="table"
      aria-describedby=${this.bounded ? this.fid('bound') : nothing}>
      ${this.caption()}
      <thead role="rowgroup">
        <tr role="row" class="cibtp-rights__columns">
          <th role="columnheader" scope="col">${msg('Regroupement / Fonctionnalité', { id: 'rights-matrix.col.function' })}</th>
          ${ACCESS_MODES.map((mode) => html`<th role="columnheader" scope="col" class="cibtp-rights__mode">${modeLabel(mode)}</th>`)}
        </tr>
        <tr role="row" class="cibtp-rights__all" data-part="column-controls">
          <th role="rowheader" scope="row"><span class="cibtp-rights__name">${all}</span></th>
          ${ACCESS_MODES.map((mode) => {
            const label = modeLabel(mode);
            return html`<td role="cell" class="cibtp-rights__cell">${this.choice({
              name: this.fid('all'),
              mode,
              label: msg(str`${all}\u00a0: ${label}`, { id: 'rights-matrix.all.radio' }),
              checked: common === mode,
              disabled: this.inactive || this.admin || !this.columnEnabled(mode),
              describedBy: lockedId,
              onChange: (e) => this.onColumn(e, mode),
            })}</td>`;
          })}
        </tr>
      </thead>
      ${catalogue.groups.map((group) => html`<tbody role="rowgroup" data-group=${group.id}>
        <tr role="row" class="cibtp-rights__group" data-part="group">
          <th role="rowheader" scope="rowgroup" colspan="4">${groupLabel(group.id)}</th>
        </tr>
        ${group.functions.map((fn) => this.rowTemplate(fn, excess, lockedId))}
      </tbody>`)}
    </table>`;
  }

  private rowTemplate(fn: RightFunction, excess: RightsExcess | null, lockedId: string): TemplateResult {
    const base = this.fid(`fn-${fn}`);
    const name = functionLabel(fn);
    const top = this.maxFor(fn);
    const limited = top !== 'write';
    const noteId = `${base}-note`;
    const errId = errorId(base);
    const wrong = excess?.kind === 'function' && excess.fn === fn;
    const describedBy = [limited ? noteId : '', wrong ? errId : '', lockedId].filter(Boolean).join(' ');
    const current = this.modeOf(fn);
    const topLabel = modeLabel(top);
    return html`<tr role="row" data-part="function" data-function=${fn}>
      <th role="rowheader" scope="row">
        <span class="cibtp-rights__name" id=${base}>${name}</span>
        ${limited
          ? html`<span class="cibtp-rights__note" id=${noteId} data-part="note">${top === 'none'
              ? msg('Non délégable\u00a0: hors de vos propres droits', { id: 'rights-matrix.row.none' })
              : msg(str`Limité à ${topLabel}\u00a0: vos propres droits`, { id: 'rights-matrix.row.limited' })}</span>`
          : nothing}
        ${wrong ? html`<span class="cibtp-field-error" id=${errId}>${excessMessage(excess)}</span>` : nothing}
      </th>
      ${ACCESS_MODES.map((mode) => {
        const label = modeLabel(mode);
        return html`<td role="cell" class="cibtp-rights__cell">${this.choice({
          name: base,
          mode,
          label: msg(str`${name}, ${label}`, { id: 'rights-matrix.radio' }),
          checked: current === mode,
          disabled: this.inactive || this.admin || !this.modeAllowed(fn, mode),
          describedBy,
          onChange: (e) => this.onMode(e, fn, mode),
        })}</td>`;
      })}
    </tr>`;
  }

  /**
   * One radio: named for itself (`aria-label`: the row and the mode), its mode's name visible beside it
   * on a narrow screen only (where the column headers are not shown), the whole cell its target.
   */
  private choice(o: {
    name: string;
    mode: AccessMode;
    label: string;
    checked: boolean;
    disabled: boolean;
    describedBy: string;
    onChange: (event: Event) => void;
  }): TemplateResult {
    return html`<label class="cibtp-rights__choice">
      <input
        type="radio"
        class="cibtp-radio"
        name=${o.name}
        value=${o.mode}
        form=${this.fid('controls')}
        aria-label=${o.label}
        aria-describedby=${o.describedBy || nothing}
        .checked=${live(o.checked)}
        ?disabled=${o.disabled}
        @change=${o.onChange}
        @input=${this.stop}
      />
      <span class="cibtp-rights__short" aria-hidden="true">${modeLabel(o.mode)}</span>
    </label>`;
  }

  private readonlyTemplate(): TemplateResult {
    const colleges = COLLEGES.filter((c) => this.hasCollege(c)).map(collegeLabel).join(', ');
    return html`<dl class="cibtp-rights__summary" data-part="summary">
        <div>
          <dt>${msg('Administrateur', { id: 'rights-matrix.administrator' })}</dt>
          <dd>${this.admin ? msg('Oui', { id: 'rights-matrix.yes' }) : msg('Non', { id: 'rights-matrix.no' })}</dd>
        </div>
        <div>
          <dt>${msg('Collèges', { id: 'rights-matrix.colleges' })}</dt>
          <dd>${colleges || msg('Aucun', { id: 'rights-matrix.colleges.empty' })}</dd>
        </div>
      </dl>
      ${this.lockedTemplate()}
      ${this.functionsTemplate((catalogue) => html`<table class="cibtp-rights__table cibtp-rights__table--readonly" role="table" id=${this.fid('table')} tabindex="-1" data-part="table">
        ${this.caption()}
        <thead role="rowgroup">
          <tr role="row" class="cibtp-rights__columns">
            <th role="columnheader" scope="col">${msg('Regroupement / Fonctionnalité', { id: 'rights-matrix.col.function' })}</th>
            <th role="columnheader" scope="col">${msg('Droit accordé', { id: 'rights-matrix.col.granted' })}</th>
          </tr>
        </thead>
        ${catalogue.groups.map((group) => html`<tbody role="rowgroup" data-group=${group.id}>
          <tr role="row" class="cibtp-rights__group" data-part="group">
            <th role="rowheader" scope="rowgroup" colspan="2">${groupLabel(group.id)}</th>
          </tr>
          ${group.functions.map((fn) => html`<tr role="row" data-part="function" data-function=${fn}>
            <th role="rowheader" scope="row"><span class="cibtp-rights__name">${functionLabel(fn)}</span></th>
            <td role="cell" class="cibtp-rights__granted" data-mode=${this.modeOf(fn)}>${modeLabel(this.modeOf(fn))}</td>
          </tr>`)}
        </tbody>`)}
      </table>`)}`;
  }
}
