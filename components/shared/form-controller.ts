import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { PortalCore } from '../../sdk/core.js';
import { PortalError } from '../../sdk/errors.js';
import { parseFields } from '../../sdk/validate.js';
import type { z } from '../../sdk/zod.js';
import type { SummaryItem } from './fields.js';
import { errorMessage, fieldMessage, type FieldProblem, type Message } from './messages.js';
import { RequestController, RetryKeys, type Outcome } from './request-controller.js';

/** One field of a form: how it is named to the user, and where the error summary leads. */
export interface FormField {
  /** The field's path in the request: `email`, or nested `address.city`; also the input's `name` by default. */
  name: string;
  /** The input's `name` when it differs (`new-password` for a request's `password`, for password managers). */
  input?: string;
  /** The field's name in messages (its label), written at render time so that it follows the locale. */
  label: () => string;
  /** Shown in « format invalide (exemple : …) ». */
  example?: string;
  /** The instance id the summary links to (default: the field's name); e.g. a radio group's first radio. */
  target?: string;
  /**
   * Messages of field codes this field words its own way, or codes the generic messages do not know:
   * the set of codes is open (a backend may say `beyond-rights`, `too-large`, `too-many`…).
   */
  messages?: Partial<Record<string, (label: string) => string>>;
  /**
   * Left out of the request when blank (an optional phone number left empty): a schema's `optional()`
   * accepts a missing value, not an empty string.
   */
  optional?: boolean;
}

/** What a widget gives its forms: ids, focus, the live region, and how to reach the portal. */
export interface FormWiring {
  /** The instance id of `name` (`CibtpElement.fid`). */
  id: (name: string) => string;
  /** Moves the focus to the element with instance id `name`, once rendered. */
  focus: (name: string) => Promise<void>;
  /** What the widget's live region says. */
  announce: (message: Message | undefined) => void;
  /** The client to call, or `undefined` when the widget has none (`ClientController`). */
  client: () => PortalCore | undefined;
  /** The error of a widget without a client (and the console hint for the integrator). */
  missingClient: () => PortalError;
  /** Renders the error summary of this widget (heading level…). */
  summary: (o: { items: SummaryItem[]; message?: string | undefined; actions?: TemplateResult | undefined }) => TemplateResult | typeof nothing;
}

export interface FormOptions<S extends z.ZodMiniType> {
  fields: readonly FormField[];
  /** The operation's request schema (or the slice of a wizard step); a function when it changes (a policy). */
  schema: S | (() => S);
  /**
   * Values the schema needs that are not inputs of this form (a link token, a challenge id, what a
   * previous wizard step collected). Read at each validation.
   */
  extra?: () => Record<string, unknown>;
  /** Problems only the widget can see (two fields that must match…), by field, after the schema's. */
  check?: (values: Record<string, unknown>) => Record<string, FieldProblem>;
}

export interface SubmitOptions<S extends z.ZodMiniType, T> {
  /** The request: gets the parsed values (what the schema outputs) and what the SDK call needs. */
  send: (client: PortalCore, data: z.output<S>, call: { signal: AbortSignal; idempotencyKey: string }) => Promise<T>;
  /** What the live region says while the request runs. */
  pending?: Message;
  /**
   * An error this step handles itself (a code step's « code incorrect », an expired challenge): return
   * `true` when handled, and the generic display is skipped.
   */
  onError?: (error: PortalError) => boolean | Promise<boolean>;
}

/**
 * The one submit pipeline of every form widget:
 * - reads the values from the form's inputs at submit time (password managers fill `.value` without an
 *   `input` event), as nested objects for dotted names;
 * - validates them with the operation's own request schema (the SDK and the mock check the same);
 * - puts each field's problem on its field and in the error summary, which takes the focus, with the
 *   same words (RGAA 11.10); a problem that belongs to no field goes in the summary alone;
 * - re-validates live only after the first submission, or once a field has been left with an error
 *   (Lion's `ValidateMixin` feedback conditions), so that nobody is told off while still typing;
 * - sends one request at a time (no double submission), aborted when the widget leaves the page, with
 *   the same `Idempotency-Key` when the same values are sent again after a transport failure;
 * - maps the server's field codes onto the fields, unknown codes included.
 * It keeps what was typed: a failure never clears a field.
 */
export class FormController<S extends z.ZodMiniType = z.ZodMiniType> implements ReactiveController {
  /** The message of each field that has a problem. */
  problems: Partial<Record<string, Message>> = {};
  /** A failed request's error that belongs to no field. */
  problem: PortalError | undefined;
  /** Replaces the message of `problem` in the summary. */
  problemText: Message | undefined;
  /** The values as last read or typed, by field name (the inputs are re-rendered with them). */
  values: Record<string, string> = {};

  readonly request: RequestController;
  private readonly keys = new RetryKeys();
  private submitted = false;
  private readonly left = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly wiring: FormWiring,
    private readonly options: FormOptions<S>,
  ) {
    this.request = new RequestController(host);
    host.addController(this);
  }

  hostConnected(): void {}

  get pending(): boolean {
    return this.request.pending;
  }

  /** The field's inline message, for `textField({ error })`. */
  error(name: string): string | undefined {
    return this.problems[name]?.();
  }

  /**
   * What a text field of this form needs: id, name, label, error, its value and the handlers that keep
   * the value and apply the live re-validation rule. Spread into `textField()` / `passwordField()`.
   */
  bind(name: string): { id: string; name: string; label: string; error: string | undefined; value: string; onInput: (e: Event) => void; onBlur: (e: Event) => void } {
    const field = this.field(name);
    return {
      id: this.wiring.id(name),
      name: field.input ?? name,
      label: field.label(),
      error: this.error(name),
      value: this.values[name] ?? '',
      onInput: (e: Event) => this.input(name, (e.target as HTMLInputElement).value),
      onBlur: () => this.leave(name),
    };
  }

  /**
   * A value the user changed, as `bind()`'s `onInput` takes it: for a field whose value comes from a
   * custom element or from several inputs (a phone field's number, a date typed in three parts).
   */
  input(name: string, value: string): void {
    this.values = { ...this.values, [name]: value };
    // Re-rendered as the user types: what depends on the value (a policy checklist) follows it.
    if (this.submitted || this.left.has(name)) this.revalidate();
    else this.host.requestUpdate();
  }

  /** The user left the field, as `bind()`'s `onBlur` takes it: a wrong value is then checked live. */
  leave(name: string): void {
    if (this.submitted || this.left.has(name) || !this.values[name]) return;
    if (this.compute().problems[name]) {
      this.left.add(name);
      this.revalidate();
    }
  }

  /** Sets a value as if typed (pre-filled fields). */
  set(name: string, value: string): void {
    this.values = { ...this.values, [name]: value };
  }

  /** The error summary: field problems (linked to their fields), then the problem of no field. */
  summary(o: { message?: string | undefined; actions?: TemplateResult | undefined } = {}): TemplateResult | typeof nothing {
    const items = this.options.fields.flatMap((f) => {
      const text = this.problems[f.name]?.();
      return text ? [{ target: this.wiring.id(f.target ?? f.name), text }] : [];
    });
    const message = o.message ?? this.problemText?.() ?? (this.problem ? errorMessage(this.problem) : undefined);
    return this.wiring.summary({ items, message, actions: o.actions });
  }

  /** Forgets problems and the live rule (a new step, « Annuler »); keeps the values. */
  clear(): void {
    this.problems = {};
    this.problem = undefined;
    this.problemText = undefined;
    this.submitted = false;
    this.left.clear();
    this.host.requestUpdate();
  }

  /** Aborts the running request (its answer is ignored). */
  abort(): void {
    this.request.abort();
  }

  /**
   * Shows a failure: the server's field codes on the fields this form has, anything else in the
   * summary; then moves the focus to the summary.
   */
  async fail(error: PortalError): Promise<void> {
    if (error.code === 'aborted') return;
    const known = Object.entries(error.fields).filter(([name]) => this.shows(name));
    if (error.code === 'validation' && known.length > 0) {
      this.problems = Object.fromEntries(known.map(([name, code]) => [name, this.messageFor(name, code)]));
      this.submitted = true;
    } else {
      this.problem = error;
    }
    this.host.requestUpdate();
    await this.wiring.focus('summary');
  }

  /**
   * Reads the form's inputs and checks them, as a submission does, without sending anything (a wizard
   * step that only collects): resolves with the parsed values, or `undefined` once the problems are
   * shown and the summary has the focus. A refused value the form does not show goes to `onError` first.
   */
  async validate(
    event: SubmitEvent | HTMLFormElement,
    onError?: (error: PortalError) => boolean | Promise<boolean>,
  ): Promise<{ data: z.output<S> } | undefined> {
    const checked = this.readAndCheck(event);
    if (checked.success) return { data: checked.data };
    await this.showRefusal(onError);
    return undefined;
  }

  /** Reads the submitted form and checks it, synchronously (a submission's request starts in the same task). */
  private readAndCheck(event: SubmitEvent | HTMLFormElement): ReturnType<FormController<S>['check']> {
    // A form element: the widget has already taken the submit event (it had something to wait for).
    const form = event instanceof HTMLFormElement ? event : (event.currentTarget as HTMLFormElement);
    if (!(event instanceof HTMLFormElement)) event.preventDefault();
    this.read(form);
    this.problem = undefined;
    this.problemText = undefined;
    this.submitted = true;
    return this.check();
  }

  /** After a refused check: the widget's `onError` takes a refused hidden value, or the summary shows. */
  private async showRefusal(onError?: (error: PortalError) => boolean | Promise<boolean>): Promise<void> {
    const refused = this.problem;
    if (refused && (await onError?.(refused))) {
      this.problem = undefined;
      return;
    }
    this.host.requestUpdate();
    await this.wiring.focus('summary');
  }

  /**
   * The submit handler's body: read, validate, send, show. Resolves with the request's outcome (the
   * widget moves on with `value`), or `undefined` when nothing was sent or the answer was dropped.
   * A failure has already been shown when the outcome is `{ ok: false }`.
   */
  async submit<T>(event: SubmitEvent | HTMLFormElement, o: SubmitOptions<S, T>): Promise<Outcome<T> | undefined> {
    if (this.request.pending) {
      if (!(event instanceof HTMLFormElement)) event.preventDefault();
      return undefined;
    }
    const checked = this.readAndCheck(event);
    if (!checked.success) {
      await this.showRefusal(o.onError);
      return undefined;
    }
    const client = this.wiring.client();
    if (!client) {
      await this.fail(this.wiring.missingClient());
      return undefined;
    }
    const idempotencyKey = this.keys.key([checked.data]);
    this.wiring.announce(o.pending);
    const outcome = await this.request.run((signal) => o.send(client, checked.data, { signal, idempotencyKey }));
    if (!outcome) return undefined;
    this.wiring.announce(undefined);
    this.keys.settle(outcome.ok ? undefined : outcome.error);
    if (outcome.ok) {
      this.clear();
    } else if (!(await o.onError?.(outcome.error))) {
      await this.fail(outcome.error);
    }
    return outcome;
  }

  /** Whether `name` is a field of this form (the user can see and correct it). */
  private shows(name: string): boolean {
    return this.options.fields.some((f) => f.name === name);
  }

  private field(name: string): FormField {
    const field = this.options.fields.find((f) => f.name === name);
    if (!field) throw new Error(`FormController: no field ${name}`);
    return field;
  }

  private read(form: HTMLFormElement): void {
    const values: Record<string, string> = { ...this.values };
    for (const { name, input } of this.options.fields) {
      const item = form.elements.namedItem(input ?? name);
      if (item instanceof RadioNodeList) values[name] = item.value;
      else if (item instanceof HTMLInputElement && item.type === 'checkbox') values[name] = item.checked ? item.value || 'on' : '';
      else if (item && 'value' in item) values[name] = String(item.value);
    }
    this.values = values;
  }

  /** The values as the schema sees them: nested for dotted names, plus what is not an input. */
  private shaped(): Record<string, unknown> {
    const out: Record<string, unknown> = { ...this.options.extra?.() };
    for (const { name, optional } of this.options.fields) {
      const value = this.values[name];
      if (value === undefined || (optional && value.trim() === '')) continue;
      const path = name.split('.');
      let node = out;
      for (const key of path.slice(0, -1)) node = (node[key] = (node[key] as Record<string, unknown> | undefined) ?? {}) as Record<string, unknown>;
      node[path[path.length - 1]!] = value;
    }
    return out;
  }

  /** Every field's problem now, and the parsed values when there is none. */
  private compute(): { problems: Partial<Record<string, Message>>; ok: boolean; data?: z.output<S>; refused?: PortalError | undefined } {
    const schema = typeof this.options.schema === 'function' ? (this.options.schema as () => S)() : this.options.schema;
    const values = this.shaped();
    const parsed = parseFields(schema, values);
    const found: Record<string, FieldProblem> = parsed.success ? {} : { ...parsed.fields };
    for (const [name, code] of Object.entries(this.options.check?.(values) ?? {})) found[name] ??= code;
    const problems: Partial<Record<string, Message>> = {};
    for (const { name } of this.options.fields) {
      const code = found[name];
      if (code) problems[name] = this.messageFor(name, code);
    }
    // A refused value this form does not show (a link token, a previous step's value): nothing the user
    // can correct here, so it is said as a failed request, and the widget decides what it means.
    const hidden = parsed.success ? {} : Object.fromEntries(Object.entries(parsed.fields).filter(([name]) => !this.shows(name)));
    const refused = Object.keys(hidden).length > 0 ? new PortalError('validation', { fields: hidden }) : undefined;
    return parsed.success && Object.keys(problems).length === 0
      ? { problems, ok: true, data: parsed.data }
      : { problems, ok: false, refused };
  }

  private check(): { success: true; data: z.output<S> } | { success: false } {
    const { problems, ok, data, refused } = this.compute();
    this.problems = problems;
    if (refused && Object.keys(problems).length === 0) this.problem = refused;
    return ok ? { success: true, data: data as z.output<S> } : { success: false };
  }

  /** Live re-validation: every field after a submission; before it, only the fields left with an error. */
  private revalidate(): void {
    const { problems } = this.compute();
    this.problems = this.submitted ? problems : Object.fromEntries(Object.entries(problems).filter(([name]) => this.left.has(name)));
    this.host.requestUpdate();
  }

  private messageFor(name: string, code: FieldProblem): Message {
    const field = this.field(name);
    const own = field.messages?.[code];
    if (own) return () => own(field.label());
    return () => fieldMessage(field.label(), code, field.example);
  }
}
