import { localized } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { PortalError } from '../../sdk/errors.js';
import { createDelegation, delegateToCabinet, delegationsOverview, getDelegation, updateDelegation } from '../../sdk/rights/operations.js';
import { type RightsGrant } from '../../sdk/rules/rights.js';
import { rightsExcess } from '../../sdk/rules/delegation.js';
import type { Session } from '../../sdk/schemas/common.js';
import {
  CabinetDelegationRequest, CreateDelegationRequest, UpdateDelegationRequest,
  type Delegation, type DelegationRights,
} from '../../sdk/schemas/rights.js';
import { tiersRights } from '../../sdk/tiers/operations.js';
import { CibtpElement } from '../shared/base-element.js';
import { formatDay, roleLabel, statusLabel } from '../shared/delegation-labels.js';
import { emit, type CibtpEventDetails } from '../shared/events.js';
import { button, errorId, formActions, formShell, heading, hintId, notice, requiredMark, requiredNote, textField } from '../shared/fields.js';
import type { FormField } from '../shared/form-controller.js';
import { LatestRequest } from '../shared/latest-request.js';
import { msg, str } from '../shared/localization.js';
import { errorMessage, isolate, type FieldProblem } from '../shared/messages.js';
import { WizardController } from '../shared/wizard-controller.js';
import '../rights-matrix/rights-matrix.js';
import { defaultRights, type CibtpRightsMatrix } from '../rights-matrix/rights-matrix.component.js';
import { delegationWizardStyles } from './delegation-wizard.styles.js';

/** `cibtp-delegation-saved`: the delegation as the backend saved it, and whether it was created or modified. */
export type DelegationSavedDetail = CibtpEventDetails['cibtp-delegation-saved'];
/** `cibtp-delegation-cancel`: *Annuler* or *Retour à la liste*, nothing (more) saved. */
export type DelegationCancelDetail = CibtpEventDetails['cibtp-delegation-cancel'];

/** What the wizard does: add a user's delegation, modify one, delegate to the member's firm, or show one. */
export type DelegationWizardMode = 'create' | 'update' | 'cabinet' | 'view';

type Step = 'details' | 'rights' | 'done' | 'view';

/** What the widget has loaded before it can show its first step. */
type Loading =
  | { kind: 'loading' }
  | { kind: 'failed'; error: PortalError }
  | { kind: 'ready' };


/**
 * No input carries this name: the rights are an object, which the form's string values cannot hold.
 * They come with the form's `extra`; the fields that name them stay blank (`optional`), so that the
 * form only places their problems and applies its live re-validation rule to them.
 */
const RIGHTS_INPUT = 'cibtp-delegation-rights';

/** Today in the user's time zone, `YYYY-MM-DD` (the date a person means by « aujourd’hui »). */
function today(): string {
  const now = new Date();
  return `${String(now.getFullYear()).padStart(4, '0')}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The day after an ISO date (the earliest date de fin), or `undefined` when it is not one. */
function dayAfter(iso: string): string | undefined {
  const time = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(time) && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(time + 86_400_000).toISOString().slice(0, 10) : undefined;
}




/**
 * The server's field codes of this wizard, worded as `fieldMessage` words the shared ones: the field's
 * name, then what is wrong with it (the same words inline and in the error summary).
 */
const emailMessages = {
  self: (label: string) => msg(str`${label}\u00a0: vous ne pouvez pas vous déléguer des droits`, { id: 'delegation-wizard.email.self' }),
  'already-delegated': (label: string) =>
    msg(str`${label}\u00a0: cette adresse a déjà une délégation active ou en attente sur ce tiers`, { id: 'delegation-wizard.email.already-delegated' }),
};
const effectiveDateMessages = {
  past: (label: string) => msg(str`${label}\u00a0: la date d’effet ne peut pas être passée`, { id: 'delegation-wizard.effective-date.past' }),
};
const endDateMessages = {
  'before-start': (label: string) =>
    msg(str`${label}\u00a0: la date de fin doit être postérieure à la date d’effet`, { id: 'delegation-wizard.end-date.before-start' }),
};
const rightsMessages = {
  'beyond-rights': (label: string) => msg(str`${label}\u00a0: ces droits dépassent les vôtres`, { id: 'delegation-wizard.rights.beyond-rights' }),
};
const collegesMessages = {
  required: (label: string) => msg(str`${label}\u00a0: cochez au moins un collège`, { id: 'delegation-wizard.colleges.required' }),
  invalid: (label: string) => msg(str`${label}\u00a0: cochez au moins un collège`, { id: 'delegation-wizard.colleges.required' }),
};

/** The fields of step 1: a server refusal of one of them sends the user back there. */
const DETAIL_FIELDS = ['email', 'effectiveDate', 'endDate'] as const;

interface DateInputOptions {
  id: string;
  name: string;
  label: string;
  value: string;
  error: string | undefined;
  required?: boolean;
  hint?: string | undefined;
  min?: string | undefined;
  onInput: (event: Event) => void;
  onBlur: (event: Event) => void;
}

/**
 * A native `<input type="date">` with its label, hint and inline error: a date d'effet is near today,
 * which the browser's calendar opens on, and its value is ISO whatever the language shown.
 */
function dateInput(o: DateInputOptions): TemplateResult {
  const described = [o.hint ? hintId(o.id) : '', o.error ? errorId(o.id) : ''].filter(Boolean).join(' ');
  return html`<div class="cibtp-field ${o.error ? 'cibtp-field--error' : ''}" data-part="field">
    <label class="cibtp-label" for=${o.id}>${o.label}${o.required ? html`${' '}${requiredMark()}` : nothing}</label>
    ${o.hint ? html`<p class="cibtp-hint" id=${hintId(o.id)}>${o.hint}</p>` : nothing}
    ${o.error ? html`<p class="cibtp-field-error" id=${errorId(o.id)}>${o.error}</p>` : nothing}
    <input
      class="cibtp-input cibtp-date-input"
      id=${o.id}
      name=${o.name}
      type="date"
      min=${ifDefined(o.min)}
      ?required=${o.required ?? false}
      aria-required=${o.required ? 'true' : nothing}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(described || undefined)}
      .value=${o.value}
      @input=${o.onInput}
      @change=${o.onInput}
      @blur=${o.onBlur}
    />
  </div>`;
}

/**
 * *Ajouter une délégation*, *Modifier la délégation*, *Déléguer à mon cabinet comptable* and *Détail de
 * la délégation* of *Gérer les droits d'accès* (flows 8 and 9 of the guides), in two steps.
 *
 * - **Step 1, « Bénéficiaire de la délégation »**: the delegate's email (someone else's address:
 *   `autocomplete="off"`; read-only text when modifying; for the firm, its name as the caisse knows it,
 *   no email), the *Date d'effet* (today in the user's time zone by default, not before today for a new
 *   delegation) and an optional *Date de fin* (the rights end automatically that day; after the date
 *   d'effet, checked as the user leaves the field). *Continuer* checks them with the operation's own
 *   request schema, the one the SDK sends and the backend checks.
 * - **Step 2, « Droits d'accès délégués »**: `<cibtp-rights-matrix>`, bounded by what the signed-in
 *   login holds on the current tiers (`tiersRights`: nothing beyond it can be ticked, and the same rule,
 *   `rightsExcess`, is checked again before sending), with the delegation's rights when modifying, and
 *   a recap of step 1. *Retour* keeps everything typed and ticked; *Valider* sends `createDelegation`,
 *   `updateDelegation` or `delegateToCabinet`, once (a second press while it runs does nothing; a retry
 *   after a transport failure carries the same `Idempotency-Key`).
 * - **Server refusals go back to their field**: the email (the user's own, or already delegated on this
 *   tiers) and a date d'effet now past send the user back to step 1, the error summary focused; rights
 *   beyond the user's own stay on step 2, on the matrix.
 * - **Done, « Délégation enregistrée »**: what happened (the activation email sent to the new delegate,
 *   the email sent to the firm to complete its account, the rights modified).
 * - **View** (`readonly` with `delegation-id`): one page with the email, name, role, status, dates and
 *   the matrix read-only; *Modifier* (a user's delegation that is not inactive) switches to modifying
 *   it in place.
 *
 * Loading (the delegation, the user's rights, the *Cabinet comptable délégable*) is said in the live
 * region; a failure shows its message with *Réessayer* (a delegation that no longer exists, a login that
 * may not manage delegations here: their own words, no retry). When the session ends or moves to another
 * tiers, nothing of the previous one stays on screen.
 *
 * **Events, the contract with the list.** `cibtp-delegation-saved` fires as soon as the backend has
 * saved the delegation (the host may go back to its list at once, and announce it); if the host keeps
 * the wizard on screen, its end screen says what happened, and its *Retour à la liste* fires
 * `cibtp-delegation-cancel`, as do *Annuler* on every step and *Retour à la liste* of the view: "the
 * user is done here, nothing (more) to save". After either event the wizard starts over, should the
 * host show it again.
 *
 * Rendering is in the light DOM, like every widget of the kit: the frame is in the shadow root
 * (`cibtp-delegation-wizard::part(card)`, absent when `embedded`); the other parts are `data-part`
 * attributes.
 *
 * @summary Adds, modifies or shows a delegation: the beneficiary and dates, then the rights matrix.
 *
 * @fires cibtp-delegation-saved - `CustomEvent<{ delegation: Delegation; action: 'created' | 'updated' }>`:
 *   the backend saved the delegation (`created` for a new one, the firm's included; `updated` for a modification).
 * @fires cibtp-delegation-cancel - `CustomEvent<{}>`: *Annuler* (any step), or *Retour à la liste* (view,
 *   end screen, a delegation that cannot be shown): nothing more is saved.
 * @fires cibtp-navigate - `CustomEvent<{ to: 'login' }>`, cancelable: *Se connecter* after the session expired.
 *
 * @csspart card - The frame around the widget (a real part: `cibtp-delegation-wizard::part(card)`); absent when `embedded`.
 * @datapart heading - The main heading (« Ajouter une délégation »…), with the step indicator.
 * @datapart step - The step indicator (« Étape n sur 2 ») inside the heading.
 * @datapart step-title - The title of the step (« Bénéficiaire de la délégation », « Droits d’accès délégués »).
 * @datapart form - The `<form>` of the current step.
 * @datapart required-note - The note that explains the required-field marker (*).
 * @datapart field - A label + hint + error + input group.
 * @datapart beneficiary - Who receives the delegation, when it is not typed (modification, the firm).
 * @datapart recap - Step 1's values, recalled on step 2; the facts of the view.
 * @datapart rights - The group around the rights matrix and its error.
 * @datapart rights-matrix - The `<cibtp-rights-matrix>` (style its parts as `cibtp-rights-matrix [data-part="…"]`).
 * @datapart submit - The submit button of the current step.
 * @datapart error-summary - The box listing the problems after a failed submission.
 * @datapart loading - « Chargement… » while the delegation or the rights are on their way.
 * @datapart notice - A box that says why the wizard cannot go on (failure, no firm, not modifiable).
 * @datapart done - What happened, on the end screen.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - Hints, notes and the step indicator.
 * @cssproperty --cibtp-color-background - Background of the card, inputs and boxes.
 * @cssproperty --cibtp-color-border - Borders of the card and inputs.
 * @cssproperty --cibtp-color-primary - Buttons and links.
 * @cssproperty --cibtp-color-primary-hover - Primary button on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - Errors, the required marker and the error summary.
 * @cssproperty --cibtp-color-success - Success boxes.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit (default `1rem`).
 * @cssproperty --cibtp-max-width - Reading width of step 1's fields (default `34rem`).
 * @cssproperty --cibtp-max-width-wide - Widest the widget grows (default `60rem`): the matrix has five columns.
 * @cssproperty --cibtp-control-height - Height of inputs and buttons (default `2.75rem`).
 *
 * @example
 * ```html
 * <cibtp-portal base-url="/api/">
 *   <cibtp-delegation-wizard></cibtp-delegation-wizard>                           <!-- Ajouter une délégation -->
 *   <cibtp-delegation-wizard delegation-id="d-123"></cibtp-delegation-wizard>     <!-- Modifier -->
 *   <cibtp-delegation-wizard delegation-id="d-123" readonly></cibtp-delegation-wizard> <!-- Détail -->
 *   <cibtp-delegation-wizard cabinet></cibtp-delegation-wizard>                   <!-- Déléguer à mon cabinet comptable -->
 * </cibtp-portal>
 * <script type="module">
 *   document.addEventListener('cibtp-delegation-saved', (e) => showList(e.detail.delegation));
 *   document.addEventListener('cibtp-delegation-cancel', () => showList());
 * </script>
 * ```
 */
@localized()
export class CibtpDelegationWizard extends CibtpElement {
  static override styles = delegationWizardStyles;

  /** The delegation to modify (or, with `readonly`, to show); unset, a new one is added. */
  @property({ attribute: 'delegation-id' }) delegationId?: string | undefined;

  /** *Déléguer à mon cabinet comptable*: the firm the caisse knows for the member (no email typed). */
  @property({ type: Boolean }) cabinet = false;

  /** With `delegation-id`: the delegation is shown, not modified (*Modifier* switches in place). */
  @property({ type: Boolean }) readonly = false;

  /** Rendered inside another widget's card (no frame of its own). */
  @property({ type: Boolean, reflect: true }) embedded = false;

  @state() private loading: Loading = { kind: 'loading' };
  /** The delegation modified or shown. */
  @state() private delegation: Delegation | undefined;
  /** What the signed-in login holds on the current tiers: the matrix's bound. */
  @state() private max: RightsGrant | undefined;
  /** The firm the caisse knows for the member (`cabinet`), `null` when it knows none. */
  @state() private firm: { name: string; delegation: Delegation | null } | null | undefined;
  /** The rights being given: the matrix's value, kept across the steps. */
  @state() private rights: DelegationRights = defaultRights();
  /** *Modifier* pressed on the view. */
  @state() private editing = false;
  /** What the backend saved (end screen). */
  @state() private saved: { delegation: Delegation; mode: DelegationWizardMode } | undefined;

  private readonly loader = new LatestRequest();
  /** What was loaded for (attributes and client): another key loads again. */
  private loadedFor: string | undefined;
  /** The session followed (user and tiers); `undefined` until the portal said. */
  private sessionKey: string | null | undefined;

  private readonly wizard = new WizardController<Step>(
    this,
    { focus: (name) => this.focusId(name) },
    [{ id: 'details' }, { id: 'rights' }, { id: 'done', counted: false }, { id: 'view', counted: false }],
    () => [this.details, this.rightsForm],
  );

  /** Step 1: the beneficiary and the dates, checked by the operation's own schema. */
  private readonly details = this.createForm({
    fields: [
      { name: 'email', label: () => msg('Adresse électronique du bénéficiaire', { id: 'delegation-wizard.email.label' }), example: 'nom@entreprise.fr', messages: emailMessages },
      { name: 'effectiveDate', label: () => msg('Date d’effet', { id: 'delegation-wizard.effective-date.label' }), messages: effectiveDateMessages },
      { name: 'endDate', label: () => msg('Date de fin', { id: 'delegation-wizard.end-date.label' }), optional: true, messages: endDateMessages },
    ],
    schema: () => this.requestSchema(),
    // Step 1 checks its own fields: the rights are step 2's, checked there.
    extra: (): Record<string, unknown> => ({ ...this.identity(), rights: defaultRights() }),
    check: (values): Record<string, FieldProblem> =>
      // The server has the last word (its own today); the user hears it before step 2 all the same.
      this.isNew && typeof values['effectiveDate'] === 'string' && values['effectiveDate'] !== '' && values['effectiveDate'] < today()
        ? { effectiveDate: 'past' }
        : {},
  });

  /** Step 2: the whole request, step 1's values included; the rights are the matrix's object. */
  private readonly rightsForm = this.createForm({
    fields: [this.rightsField('rights', () => msg('Droits d’accès délégués', { id: 'delegation-wizard.rights.title' }), rightsMessages),
      this.rightsField('rights.colleges', () => msg('Collèges', { id: 'delegation-wizard.colleges.label' }), collegesMessages)],
    schema: () => this.requestSchema(),
    extra: () => this.requestValues(),
    check: (): Record<string, FieldProblem> => (this.max && rightsExcess(this.rights, this.max) ? { rights: 'beyond-rights' } : {}),
  });

  private rightsField(name: string, label: () => string, messages: FormField['messages']): FormField {
    return { name, input: RIGHTS_INPUT, target: 'rights', optional: true, label, messages };
  }

  /** What the wizard does now. */
  get mode(): DelegationWizardMode {
    if (this.delegationId) return this.readonly && !this.editing ? 'view' : 'update';
    return this.cabinet ? 'cabinet' : 'create';
  }

  private get isNew(): boolean {
    return this.mode === 'create' || this.mode === 'cabinet';
  }

  protected override get framed(): boolean {
    return !this.embedded;
  }

  private requestSchema(): typeof CreateDelegationRequest | typeof UpdateDelegationRequest | typeof CabinetDelegationRequest {
    switch (this.mode) {
      case 'create': return CreateDelegationRequest;
      case 'cabinet': return CabinetDelegationRequest;
      default: return UpdateDelegationRequest;
    }
  }

  /** The delegation's id, for a modification. */
  private identity(): Record<string, unknown> {
    return this.isNew ? {} : { id: this.delegationId ?? '' };
  }

  /** The request as step 2 sends it: step 1's values, the rights, and the id of a modification. */
  private requestValues(): Record<string, unknown> {
    const values = this.details.values;
    const end = (values['endDate'] ?? '').trim();
    const common = { ...this.identity(), effectiveDate: values['effectiveDate'] ?? '', rights: this.rights };
    switch (this.mode) {
      case 'create': return { ...common, email: values['email'] ?? '', ...(end ? { endDate: end } : {}) };
      case 'cabinet': return { ...common, ...(end ? { endDate: end } : {}) };
      // A modification that empties the date de fin removes it.
      default: return { ...common, endDate: end || null };
    }
  }

  // ---- loading -----------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after a load was cut short: it is asked again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.loading.kind === 'loading') {
      this.loader.cancel();
      this.loadedFor = undefined;
    }
  }

  /** What the loaded data depends on: the delegation, the firm, and a client to ask. */
  private loadKey(): string {
    return `${this.delegationId ?? ''}\n${String(this.cabinet)}\n${this.clients.value ? 'client' : ''}`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A wizard taken off the page asks nothing: it starts over when it comes back.
    if (!this.isConnected) return;
    const key = this.loadKey();
    if (key !== this.loadedFor) {
      this.loadedFor = key;
      this.start();
    } else if (changed.has('readonly') && changed.get('readonly') !== undefined) {
      this.editing = false;
      void this.wizard.restart(this.firstStep(), { focus: false });
    }
  }

  protected override sessionChanged(session: Session | null): void {
    super.sessionChanged(session);
    const key = session ? `${session.user.email}\n${session.tiers?.id ?? ''}` : null;
    const previous = this.sessionKey;
    this.sessionKey = key;
    if (previous === undefined || previous === key) return;
    // Another login, another tiers, or none: nothing of the previous one may stay on screen.
    if (key === null) {
      this.start({ load: false });
      this.loadedFor = this.loadKey();
      this.loading = { kind: 'failed', error: new PortalError('session-expired') };
    } else {
      this.loadedFor = undefined;
    }
    this.requestUpdate();
  }

  private firstStep(): Step {
    return this.mode === 'view' ? 'view' : 'details';
  }

  /** From the start: what was typed, loaded and saved is forgotten, then loaded again. */
  private start(o: { load?: boolean } = {}): void {
    this.loader.cancel();
    for (const form of [this.details, this.rightsForm]) {
      form.abort();
      form.clear();
    }
    this.details.values = { email: '', effectiveDate: this.isNew ? today() : '', endDate: '' };
    this.rightsForm.values = {};
    this.rights = defaultRights();
    this.delegation = undefined;
    this.max = undefined;
    this.firm = undefined;
    this.saved = undefined;
    this.editing = false;
    void this.wizard.restart(this.firstStep(), { focus: false });
    if (o.load !== false) void this.load();
  }

  /** The delegation (modification, view), the user's rights (the matrix's bound), the firm (`cabinet`). */
  private async load(): Promise<void> {
    const client = this.clients.value;
    if (!client) {
      this.loader.cancel();
      this.loading = { kind: 'failed', error: this.clients.missing() };
      return;
    }
    const id = this.delegationId;
    const firm = !id && this.cabinet;
    this.loading = { kind: 'loading' };
    this.status = () => msg('Chargement…', { id: 'delegation-wizard.loading' });
    const outcome = await this.loader.run((signal) =>
      Promise.all([
        id ? getDelegation(client, { id }, { signal }) : Promise.resolve(undefined),
        tiersRights(client, { signal }),
        // A new delegation: the overview also tells, before anything is typed, whether this login may delegate here.
        id ? Promise.resolve(undefined) : delegationsOverview(client, { signal }),
      ]),
    );
    if (!outcome) return;
    if (!outcome.ok) {
      const error = outcome.error;
      this.loading = { kind: 'failed', error };
      this.status = () => this.failureText(error);
      return;
    }
    const [delegation, max, overview] = outcome.value;
    this.max = max;
    if (delegation) {
      this.delegation = delegation;
      this.rights = { administrator: delegation.rights.administrator, colleges: [...delegation.rights.colleges], functions: { ...delegation.rights.functions } };
      this.details.values = { email: delegation.email, effectiveDate: delegation.effectiveDate, endDate: delegation.endDate ?? '' };
    }
    if (firm) this.firm = overview?.cabinet ?? null;
    this.loading = { kind: 'ready' };
    this.status = undefined;
  }

  /** *Réessayer*: the button goes with the failure, so the focus goes to the heading. */
  private async onRetry(): Promise<void> {
    await this.load();
    await this.updateComplete;
    if (!this.contains(document.activeElement)) await this.focusHeading();
  }

  // ---- templates ---------------------------------------------------------------------------------

  private headingText(): string {
    if (this.wizard.current === 'done') return msg('Délégation enregistrée', { id: 'delegation-wizard.done.title' });
    switch (this.mode) {
      case 'create': return msg('Ajouter une délégation', { id: 'delegation-wizard.create.title' });
      case 'update': return msg('Modifier la délégation', { id: 'delegation-wizard.update.title' });
      case 'cabinet': return msg('Déléguer à mon cabinet comptable', { id: 'delegation-wizard.cabinet.title' });
      case 'view': return msg('Détail de la délégation', { id: 'delegation-wizard.view.title' });
    }
  }

  protected override stepTemplate(): TemplateResult {
    const loading = this.loading;
    if (loading.kind === 'loading') {
      return html`${this.headingTemplate(this.headingText())}
        <p class="cibtp-note" data-part="loading" aria-hidden="true">${msg('Chargement…', { id: 'delegation-wizard.loading' })}</p>`;
    }
    if (loading.kind === 'failed') return this.failedTemplate(loading.error);
    const blocked = this.blockedTemplate();
    if (blocked) return blocked;
    switch (this.wizard.current) {
      case 'details': return this.detailsTemplate();
      case 'rights': return this.rightsTemplate();
      case 'done': return this.doneTemplate();
      case 'view': return this.viewTemplate();
    }
  }

  private backToList(variant: 'primary' | 'secondary' = 'secondary'): TemplateResult {
    return button({ variant, label: msg('Retour à la liste', { id: 'delegation-wizard.back-to-list' }), onClick: this.onCancel });
  }

  private failureText(error: PortalError): string {
    if (error.code === 'not-found') return msg('Cette délégation n’existe plus.', { id: 'delegation-wizard.not-found' });
    return errorMessage(error);
  }

  private failedTemplate(error: PortalError): TemplateResult {
    // Neither a delegation that is gone, nor a right the login lacks, nor an ended session comes back by retrying.
    const final = error.code === 'not-found' || error.code === 'forbidden' || error.code === 'session-expired';
    return html`${this.headingTemplate(this.headingText())}
      ${notice({
        id: this.fid('notice'),
        tone: 'error',
        headingLevel: this.headingLevel + 1,
        title: this.failureText(error),
        body: error.code === 'not-found'
          ? msg('Elle a pu être fermée ou supprimée entre-temps. Revenez à la liste des bénéficiaires.', { id: 'delegation-wizard.not-found.body' })
          : undefined,
        actions: html`<div class="cibtp-actions">
          ${final ? nothing : button({ label: msg('Réessayer', { id: 'common.retry' }), onClick: () => void this.onRetry() })}
          ${error.code === 'session-expired' ? this.loginLink() : this.backToList()}
        </div>`,
      })}`;
  }

  /** What stops the wizard before its first step: no firm known, the firm already delegated, a delegation not modifiable. */
  private blockedTemplate(): TemplateResult | undefined {
    const step = this.wizard.current;
    if (step === 'done') return undefined;
    let text: string | undefined;
    if (this.mode === 'cabinet' && this.firm === null) {
      text = msg('Votre caisse ne connaît pas de cabinet comptable pour votre entreprise.', { id: 'delegation-wizard.no-firm' });
    } else if (this.mode === 'cabinet' && this.firm?.delegation) {
      const name = this.firm.name;
      text = msg(str`Votre cabinet comptable ${isolate(name)} a déjà une délégation.`, { id: 'delegation-wizard.firm-delegated' });
    } else if (this.mode === 'update' && this.delegation && !this.modifiable(this.delegation)) {
      text = this.delegation.role === 'cabinet'
        ? msg('La délégation au cabinet comptable ne se modifie pas\u00a0: supprimez-la, puis déléguez à nouveau.', { id: 'delegation-wizard.not-modifiable.cabinet' })
        : msg('Cette délégation est fermée\u00a0: elle ne peut plus être modifiée.', { id: 'delegation-wizard.not-modifiable.inactive' });
    }
    if (!text) return undefined;
    return html`${this.headingTemplate(this.headingText())}
      ${notice({
        id: this.fid('notice'),
        tone: 'info',
        headingLevel: this.headingLevel + 1,
        title: text,
        actions: html`<div class="cibtp-actions">${this.backToList()}</div>`,
      })}`;
  }

  /** The guides: a user's delegation can be modified; the firm's is deleted, an inactive one is over. */
  private modifiable(delegation: Delegation): boolean {
    return delegation.role !== 'cabinet' && delegation.status !== 'inactive';
  }

  private stepTitle(text: string): TemplateResult {
    return html`<div data-part="step-title">${heading(this.headingLevel + 1, this.fid('step-title'), text, 'cibtp-subheading')}</div>`;
  }

  private cancelButton() {
    return { label: msg('Annuler', { id: 'common.cancel' }), onClick: this.onCancel };
  }

  /** Who receives the delegation: its name and email (a modification), or the firm's name. */
  private beneficiary(): string {
    if (this.mode === 'cabinet') return this.firm?.name ?? '';
    const d = this.delegation;
    if (d) return d.name ? `${d.name} (${d.email})` : d.email;
    return (this.details.values['email'] ?? '').trim();
  }

  private detailsTemplate(): TemplateResult {
    const form = this.details;
    const effective = form.bind('effectiveDate');
    const end = form.bind('endDate');
    return html`${this.headingTemplate(this.headingText(), this.wizard.position)}
      ${form.summary()}
      ${formShell({
        labelledBy: `${this.fid('heading')} ${this.fid('step-title')}`,
        busy: form.pending,
        onSubmit: this.onContinue,
        body: html`${this.stepTitle(msg('Bénéficiaire de la délégation', { id: 'delegation-wizard.details.title' }))}
          ${requiredNote()}
          ${this.mode === 'create'
            ? textField({
                ...form.bind('email'),
                type: 'email',
                inputmode: 'email',
                // Someone else's address: the browser must not offer the user's own.
                autocomplete: 'off',
                required: true,
                identifier: true,
                hint: msg('L’adresse de la personne à qui vous déléguez des droits\u00a0: elle recevra un lien pour activer son compte. Par exemple nom@entreprise.fr', {
                  id: 'delegation-wizard.email.hint',
                }),
              })
            : this.beneficiaryTemplate()}
          ${dateInput({
            ...effective,
            required: true,
            hint: this.isNew
              ? msg('Par défaut, aujourd’hui\u00a0; elle ne peut pas être passée.', { id: 'delegation-wizard.effective-date.hint' })
              : undefined,
            min: this.isNew ? today() : undefined,
          })}
          ${dateInput({
            ...end,
            hint: msg('Les droits prendront fin automatiquement à cette date.', { id: 'delegation-wizard.end-date.hint' }),
            min: dayAfter(effective.value),
          })}
          ${formActions({ submit: msg('Continuer', { id: 'common.continue' }), secondary: this.cancelButton() })}`,
      })}`;
  }

  private beneficiaryTemplate(): TemplateResult {
    const label = this.mode === 'cabinet'
      ? msg('Cabinet comptable\u00a0:', { id: 'delegation-wizard.beneficiary.cabinet' })
      : msg('Bénéficiaire\u00a0:', { id: 'delegation-wizard.beneficiary.label' });
    return html`<p class="cibtp-lead" data-part="beneficiary">${label} <strong><bdi>${this.beneficiary()}</bdi></strong></p>`;
  }

  /** Step 1's values on step 2 (RGAA 11.12: what will be saved is reviewed before it is). */
  private recapTemplate(): TemplateResult {
    const values = this.details.values;
    const end = (values['endDate'] ?? '').trim();
    return html`<dl class="cibtp-facts" data-part="recap">
      <dt>${this.mode === 'cabinet'
        ? msg('Cabinet comptable', { id: 'delegation-wizard.recap.cabinet' })
        : msg('Bénéficiaire', { id: 'delegation-wizard.recap.beneficiary' })}</dt>
      <dd><bdi>${this.beneficiary()}</bdi></dd>
      <dt>${msg('Date d’effet', { id: 'delegation-wizard.effective-date.label' })}</dt>
      <dd>${formatDay(values['effectiveDate'] ?? '', 'long')}</dd>
      <dt>${msg('Date de fin', { id: 'delegation-wizard.end-date.label' })}</dt>
      <dd>${end ? formatDay(end, 'long') : msg('Aucune', { id: 'delegation-wizard.end-date.none' })}</dd>
    </dl>`;
  }

  /** The matrix: its id is step 2's focus target (its `focus()` goes to its first control that can take it). */
  private matrixTemplate(o: { readonly: boolean }): TemplateResult {
    return html`<cibtp-rights-matrix
      id=${ifDefined(o.readonly ? undefined : this.fid('rights'))}
      name="rights"
      data-part="rights-matrix"
      ?readonly=${o.readonly}
      .client=${this.clients.value}
      .value=${this.rights}
      .max=${o.readonly ? undefined : this.max}
      @change=${this.onRightsChange}
    ></cibtp-rights-matrix>`;
  }

  /**
   * The server's refusal of the rights, said above the matrix. What the matrix finds itself (no collège,
   * a choice beyond `max`) it says at the control concerned; the summary names both.
   */
  private rightsError(): string | undefined {
    const error = this.rightsForm.error('rights');
    return error && !(this.max && rightsExcess(this.rights, this.max)) ? error : undefined;
  }

  private rightsTemplate(): TemplateResult {
    const form = this.rightsForm;
    const error = this.rightsError();
    return html`${this.headingTemplate(this.headingText(), this.wizard.position)}
      ${form.summary()}
      ${formShell({
        labelledBy: `${this.fid('heading')} ${this.fid('step-title')}`,
        busy: form.pending,
        onSubmit: this.onSave,
        body: html`${this.stepTitle(msg('Droits d’accès délégués', { id: 'delegation-wizard.rights.title' }))}
          ${this.recapTemplate()}
          <div class="cibtp-wizard-rights ${error ? 'cibtp-field--error' : ''}" data-part="rights">
            ${error ? html`<p class="cibtp-field-error" id=${errorId(this.fid('rights'))}>${error}</p>` : nothing}
            ${this.matrixTemplate({ readonly: false })}
          </div>
          ${formActions({
            submit: msg('Valider', { id: 'common.validate' }),
            pending: form.pending,
            secondary: { label: msg('Retour', { id: 'delegation-wizard.back' }), onClick: this.onBack },
          })}
          <p>${button({ variant: 'link', ...this.cancelButton() })}</p>`,
      })}`;
  }

  private doneText(): string {
    const saved = this.saved;
    if (!saved) return '';
    const d = saved.delegation;
    switch (saved.mode) {
      case 'cabinet': {
        const name = isolate(d.name || this.firm?.name || d.email);
        return msg(str`Un courriel a été envoyé à ${name} pour compléter son compte.`, { id: 'delegation-wizard.done.cabinet' });
      }
      case 'create': {
        const email = isolate(d.email);
        return msg(str`Un courriel contenant le lien d’activation a été envoyé à ${email}.`, { id: 'delegation-wizard.done.created' });
      }
      default: {
        const who = isolate(d.name || d.email);
        return msg(str`Les droits de ${who} sont modifiés.`, { id: 'delegation-wizard.done.updated' });
      }
    }
  }

  private doneTemplate(): TemplateResult {
    return html`${this.headingTemplate(this.headingText())}
      <div class="cibtp-notice cibtp-notice--success" data-part="done">
        <p class="cibtp-notice__body">${this.doneText()}</p>
      </div>
      <div class="cibtp-actions">${this.backToList('primary')}</div>`;
  }

  private viewTemplate(): TemplateResult {
    const d = this.delegation;
    if (!d) return html`${this.headingTemplate(this.headingText())}`;
    return html`${this.headingTemplate(this.headingText())}
      <dl class="cibtp-facts" data-part="recap">
        <dt>${msg('Courriel', { id: 'delegation-wizard.view.email' })}</dt>
        <dd><bdi>${d.email}</bdi></dd>
        ${d.name
          ? html`<dt>${msg('Nom et prénom', { id: 'delegation-wizard.view.name' })}</dt>
              <dd><bdi>${d.name}</bdi></dd>`
          : nothing}
        <dt>${msg('Rôle', { id: 'delegation-wizard.view.role' })}</dt>
        <dd>${roleLabel(d.role)}</dd>
        <dt>${msg('Statut', { id: 'delegation-wizard.view.status' })}</dt>
        <dd>${statusLabel(d.status)}${d.awaitingConfirmation
          ? html` — ${msg('le cabinet a complété son compte et attend votre confirmation', { id: 'delegation-wizard.view.awaiting' })}`
          : nothing}</dd>
        <dt>${msg('Date d’effet', { id: 'delegation-wizard.effective-date.label' })}</dt>
        <dd>${formatDay(d.effectiveDate, 'long')}</dd>
        <dt>${msg('Date de fin', { id: 'delegation-wizard.end-date.label' })}</dt>
        <dd>${d.endDate ? formatDay(d.endDate, 'long') : msg('Aucune', { id: 'delegation-wizard.end-date.none' })}</dd>
      </dl>
      ${this.stepTitle(msg('Droits d’accès délégués', { id: 'delegation-wizard.rights.title' }))}
      <div class="cibtp-wizard-rights" data-part="rights">${this.matrixTemplate({ readonly: true })}</div>
      <div class="cibtp-actions">
        ${this.modifiable(d)
          ? button({ variant: 'primary', label: msg('Modifier', { id: 'delegation-wizard.modify' }), onClick: this.onModify })
          : nothing}
        ${this.backToList()}
      </div>`;
  }

  // ---- behaviour ---------------------------------------------------------------------------------

  /** The matrix's own `change` (its inner radios' and checkboxes' native ones bubble too: not those). */
  private onRightsChange(event: Event): void {
    if (event.target !== event.currentTarget) return;
    const matrix = event.currentTarget as CibtpRightsMatrix;
    const value = event instanceof CustomEvent && event.detail && typeof event.detail === 'object' ? (event.detail as DelegationRights) : matrix.value;
    if (!value) return;
    this.rights = value;
    // The field stays blank (see RIGHTS_INPUT): this applies the live re-validation rule after a refusal.
    this.rightsForm.input('rights', '');
  }

  private async onContinue(event: SubmitEvent): Promise<void> {
    const checked = await this.details.validate(event);
    if (!checked) return;
    this.rightsForm.clear();
    await this.wizard.go('rights');
  }

  private async onBack(): Promise<void> {
    this.rightsForm.clear();
    await this.wizard.back();
  }

  private async onSave(event: SubmitEvent): Promise<void> {
    const mode = this.mode;
    const outcome = await this.rightsForm.submit(event, {
      pending: () => msg('Enregistrement de la délégation…', { id: 'delegation-wizard.saving' }),
      send: (client, data, call) => {
        switch (mode) {
          case 'create': return createDelegation(client, data as CreateDelegationRequest, call);
          case 'cabinet': return delegateToCabinet(client, data as CabinetDelegationRequest, call);
          default: return updateDelegation(client, data as UpdateDelegationRequest, call);
        }
      },
      onError: (error) => this.onRefusedDetails(error),
    });
    if (outcome?.ok) await this.onSaved(outcome.value, mode);
  }

  /**
   * A refusal of a step 1 field (the user's own email, one already delegated — a 409 —, a date d'effet
   * now past): back to step 1, the error on its field and in the summary, which takes the focus.
   */
  private async onRefusedDetails(error: PortalError): Promise<boolean> {
    if (error.code !== 'validation' && error.code !== 'conflict') return false;
    const fields = Object.fromEntries(Object.entries(error.fields).filter(([name]) => (DETAIL_FIELDS as readonly string[]).includes(name)));
    if (Object.keys(fields).length === 0) return false;
    await this.wizard.back({ focus: false });
    await this.details.fail(new PortalError('validation', { status: error.status ?? 422, fields }));
    return true;
  }

  private async onSaved(delegation: Delegation, mode: DelegationWizardMode): Promise<void> {
    this.saved = { delegation, mode };
    this.delegation = delegation;
    const text = this.doneText();
    this.status = () => `${msg('Délégation enregistrée', { id: 'delegation-wizard.done.title' })}. ${text}`;
    emit(this, 'cibtp-delegation-saved', { delegation, action: mode === 'update' ? 'updated' : 'created' });
    await this.wizard.go('done', { remember: false });
  }

  private async onModify(): Promise<void> {
    this.editing = true;
    this.details.clear();
    this.rightsForm.clear();
    await this.wizard.restart('details');
  }

  /** *Annuler*, *Retour à la liste*: the host leaves the wizard; should it stay on screen, it starts over. */
  private onCancel(): void {
    emit(this, 'cibtp-delegation-cancel', {});
    this.loadedFor = undefined;
    const stays = this.isConnected;
    this.requestUpdate();
    if (stays) void this.updateComplete.then(() => this.focusHeading());
  }
}
