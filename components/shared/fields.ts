import { msg, str } from './localization.js';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { PasswordEvaluation, PasswordPolicy } from '../../sdk/index.js';
import { isOne, type FieldMessages } from './messages.js';

/**
 * Shared form pieces, as template functions rendered in the widget's light DOM: each input keeps its
 * label, hint and error in the same tree (ID references never cross a shadow root), and is a native
 * `<input>` that browsers and password managers fill. A widget builds every form from these
 * (`formShell`, the fields, `formActions`, `button`), so that all forms behave and read alike.
 */

type Content = string | TemplateResult;

export interface FieldOptions {
  id: string;
  name: string;
  label: string;
  autocomplete: string;
  type?: 'text' | 'email' | 'password' | 'tel';
  inputmode?: 'numeric' | 'email' | 'text' | 'tel';
  required?: boolean;
  hint?: Content | undefined;
  /** The inline message; the same words appear in the error summary. */
  error?: string | undefined;
  value?: string;
  /** Extra ids for `aria-describedby` (e.g. a password checklist). */
  describedBy?: string[];
  onInput?: (event: Event) => void;
  onBlur?: (event: Event) => void;
  /** Native spell-checking and capitalisation are off for identifiers. */
  identifier?: boolean;
  /** The id of the `<form>` the input belongs to when it cannot sit inside it (see `formShell`'s `owner`). */
  form?: string | undefined;
}

export const hintId = (id: string): string => `${id}-hint`;
export const errorId = (id: string): string => `${id}-error`;

function describedBy(o: FieldOptions): string | undefined {
  const ids = [o.hint ? hintId(o.id) : '', o.error ? errorId(o.id) : '', ...(o.describedBy ?? [])].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The `*` after a required field's label (the form says what it means at the top). */
export function requiredMark(): TemplateResult {
  return html`<span class="cibtp-required" aria-hidden="true">*</span>`;
}

/** « Les champs marqués d'un astérisque (*) sont obligatoires. » */
export function requiredNote(): TemplateResult {
  return html`<p class="cibtp-note" data-part="required-note">
    ${msg('Les champs marqués d’un astérisque (*) sont obligatoires.', { id: 'form.required-note' })}
  </p>`;
}

function labelTemplate(o: FieldOptions): TemplateResult {
  return html`<label class="cibtp-label" for=${o.id}>${o.label}${o.required ? html`${' '}${requiredMark()}` : nothing}</label>
    ${o.hint ? html`<p class="cibtp-hint" id=${hintId(o.id)}>${o.hint}</p>` : nothing}
    ${o.error ? html`<p class="cibtp-field-error" id=${errorId(o.id)}>${o.error}</p>` : nothing}`;
}

function inputTemplate(o: FieldOptions, type: string): TemplateResult {
  return html`<input
    class="cibtp-input"
    id=${o.id}
    name=${o.name}
    form=${ifDefined(o.form)}
    type=${type}
    autocomplete=${o.autocomplete}
    inputmode=${ifDefined(o.inputmode)}
    spellcheck=${ifDefined(o.identifier ? 'false' : undefined)}
    autocapitalize=${ifDefined(o.identifier ? 'none' : undefined)}
    ?required=${o.required ?? false}
    aria-required=${o.required ? 'true' : nothing}
    aria-invalid=${o.error ? 'true' : 'false'}
    aria-describedby=${ifDefined(describedBy(o))}
    .value=${o.value ?? ''}
    @input=${o.onInput}
    @blur=${o.onBlur}
  />`;
}

/** A labelled text input with its hint and inline error. */
export function textField(o: FieldOptions): TemplateResult {
  return html`<div class="cibtp-field ${o.error ? 'cibtp-field--error' : ''}" data-part="field">
    ${labelTemplate(o)} ${inputTemplate(o, o.type ?? 'text')}
  </div>`;
}

export interface PasswordFieldOptions extends FieldOptions {
  visible: boolean;
  onToggle: () => void;
  /** A live checklist of the policy, for a password being chosen. */
  evaluation?: PasswordEvaluation | undefined;
  policy?: PasswordPolicy | undefined;
}

/**
 * A password input with a show/hide toggle (ASVS 6.2.6) and, when choosing one, the policy checklist.
 * The toggle says what it will do (« Afficher », then « Masquer »): its name changes, so it carries no
 * `aria-pressed` (a toggle button with a changing name would be announced twice over).
 */
export function passwordField(o: PasswordFieldOptions): TemplateResult {
  const rulesId = `${o.id}-rules`;
  const options: FieldOptions = o.evaluation ? { ...o, describedBy: [...(o.describedBy ?? []), rulesId] } : o;
  return html`<div class="cibtp-field ${o.error ? 'cibtp-field--error' : ''}" data-part="field">
    ${labelTemplate(options)}
    <div class="cibtp-password">
      ${inputTemplate(options, o.visible ? 'text' : 'password')}
      <button
        type="button"
        class="cibtp-button cibtp-button--secondary cibtp-password__toggle"
        data-part="password-toggle"
        aria-controls=${o.id}
        aria-label=${o.visible
          ? msg('Masquer le mot de passe', { id: 'password.toggle.hide.label' })
          : msg('Afficher le mot de passe', { id: 'password.toggle.label' })}
        @click=${o.onToggle}
      >
        ${o.visible ? msg('Masquer', { id: 'password.toggle.hide' }) : msg('Afficher', { id: 'password.toggle.text' })}
      </button>
    </div>
    ${o.evaluation && o.policy ? passwordChecklist(rulesId, o.evaluation, o.policy) : nothing}
  </div>`;
}

function checkState(ok: boolean): TemplateResult {
  return html`<span class="cibtp-check__mark" aria-hidden="true">${ok ? '✓' : '–'}</span
    ><span class="cibtp-visually-hidden">${ok
      ? msg('règle respectée\u00a0:', { id: 'password.rule.ok' })
      : msg('règle non respectée\u00a0:', { id: 'password.rule.ko' })}</span>`;
}

function passwordChecklist(id: string, evaluation: PasswordEvaluation, policy: PasswordPolicy): TemplateResult {
  const ok = (checkId: string) => evaluation.checks.find((c) => c.id === checkId)?.ok ?? false;
  const min = String(policy.minLength);
  const max = String(policy.maxLength);
  const categories = String(policy.minCategories);
  const count = String(policy.categories.length);
  const names: Record<string, () => string> = {
    upper: () => msg('une majuscule', { id: 'password.rule.upper' }),
    lower: () => msg('une minuscule', { id: 'password.rule.lower' }),
    digit: () => msg('un chiffre', { id: 'password.rule.digit' }),
    special: () => msg('un caractère spécial', { id: 'password.rule.special' }),
  };
  const item = (checkId: string, label: Content) =>
    html`<li class="cibtp-check" data-ok=${ok(checkId) ? 'true' : 'false'}>${checkState(ok(checkId))} ${label}</li>`;
  // The caisse's policy as served: its lengths, and only the categories it counts.
  return html`<div class="cibtp-checklist" id=${id} data-part="password-rules">
    <p class="cibtp-checklist__title">${msg('Votre mot de passe doit contenir\u00a0:', { id: 'password.rules.title' })}</p>
    <ul>
      ${item('length', msg(str`de ${min} à ${max} caractères`, { id: 'password.rule.length' }))}
      ${policy.categories.length && policy.minCategories
        ? html`<li class="cibtp-check" data-ok=${ok('categories') ? 'true' : 'false'}>
            ${checkState(ok('categories'))}
            ${policy.minCategories >= policy.categories.length
              ? msg(str`chacune des ${count} catégories suivantes\u00a0:`, { id: 'password.rule.categories.all' })
              : msg(str`au moins ${categories} des ${count} catégories suivantes\u00a0:`, { id: 'password.rule.categories' })}
            <ul>
              ${policy.categories.map((c) => item(c, names[c]?.() ?? c))}
            </ul>
          </li>`
        : nothing}
    </ul>
  </div>`;
}

/** `'true'` / `'false'` for a state the widget tracks; no attribute at all where it tracks none. */
function ariaFlag(value: boolean | undefined): string | typeof nothing {
  return value === undefined ? nothing : value ? 'true' : 'false';
}

export interface ButtonOptions {
  label: Content;
  onClick: (event: Event) => void;
  variant?: 'primary' | 'secondary' | 'link';
  id?: string | undefined;
  /**
   * While its request runs: `aria-disabled`, not `disabled`, so that the button keeps the keyboard
   * focus (a click is then ignored by the handler). Left out, the button has no `aria-disabled`.
   */
  pending?: boolean | undefined;
  /** Really disabled (out of the tab order), for an action not yet possible, e.g. a resend on cooldown. */
  disabled?: boolean | undefined;
}

/** A `type="button"` button (default: secondary). */
export function button(o: ButtonOptions): TemplateResult {
  return html`<button
    type="button"
    class="cibtp-button cibtp-button--${o.variant ?? 'secondary'}"
    id=${ifDefined(o.id)}
    aria-disabled=${ariaFlag(o.pending)}
    ?disabled=${o.disabled ?? false}
    @click=${o.onClick}
  >
    ${o.label}
  </button>`;
}

/**
 * The `<form>` of a step: native, so that Enter submits and autofill works; `novalidate`, because the
 * widget validates itself and shows an error summary; named by the step's heading; `aria-busy` while
 * its request runs (left out on a form that sends nothing).
 */
export function formShell(o: {
  labelledBy: string;
  busy?: boolean | undefined;
  onSubmit: (event: SubmitEvent) => void;
  body: TemplateResult;
  /**
   * The id of a `<form>` elsewhere that the step's inputs and buttons belong to (their `form`
   * attribute), for a step shown inside another form (a dialog of a field inside a wizard's or a
   * caisse's form): HTML forbids nested forms. The step is then a named `role="group"`, and the widget
   * handles the `submit` of that form.
   */
  owner?: string | undefined;
}): TemplateResult {
  if (o.owner !== undefined) {
    return html`<div class="cibtp-form" data-part="form" role="group" aria-labelledby=${o.labelledBy} aria-busy=${ariaFlag(o.busy)}>
      ${o.body}
    </div>`;
  }
  return html`<form
    class="cibtp-form"
    data-part="form"
    novalidate
    aria-labelledby=${o.labelledBy}
    aria-busy=${ariaFlag(o.busy)}
    @submit=${o.onSubmit}
  >
    ${o.body}
  </form>`;
}

/**
 * The actions row of a form: the primary submit button (`aria-disabled` while `pending`, see
 * `ButtonOptions.pending`), then, optionally, a second button (cancel, resend…).
 */
export function formActions(o: { submit: Content; pending?: boolean | undefined; secondary?: ButtonOptions; form?: string | undefined }): TemplateResult {
  return html`<div class="cibtp-actions">
    <button type="submit" form=${ifDefined(o.form)} class="cibtp-button cibtp-button--primary" data-part="submit" aria-disabled=${ariaFlag(o.pending)}>
      ${o.submit}
    </button>
    ${o.secondary ? button(o.secondary) : nothing}
  </div>`;
}

export interface SummaryItem {
  /** The id of the input the entry leads to. */
  target: string;
  /** The same words as the inline message. */
  text: string;
}

/** The summary entries of the fields in `order` that have a problem, written in the current locale. */
export function summaryItems<F extends string>(
  order: readonly F[],
  problems: FieldMessages<F>,
  target: (field: F) => string,
): SummaryItem[] {
  return order.flatMap((f) => {
    const message = problems[f];
    return message ? [{ target: target(f), text: message() }] : [];
  });
}

/**
 * The error summary (GOV.UK / DSFR pattern): shown at the top after a failed submission and focused,
 * each entry a link to its field. `message` holds an error that belongs to no field.
 */
export function errorSummary(o: {
  id: string;
  items: SummaryItem[];
  message?: Content | undefined;
  actions?: TemplateResult | undefined;
  headingLevel: number;
}): TemplateResult | typeof nothing {
  if (o.items.length === 0 && !o.message) return nothing;
  const titleId = `${o.id}-title`;
  const count = String(o.items.length);
  const title =
    o.items.length === 0
      ? msg('La demande n’a pas abouti', { id: 'summary.title.failed' })
      : isOne(o.items.length)
        ? msg(str`Le formulaire contient ${count} erreur`, { id: 'summary.title.one' })
        : msg(str`Le formulaire contient ${count} erreurs`, { id: 'summary.title.other' });
  const focusField = (event: Event, target: string) => {
    event.preventDefault();
    const root = (event.currentTarget as Element).getRootNode() as Document | ShadowRoot;
    const input = root.getElementById?.(target) as HTMLElement | null;
    input?.focus();
    input?.scrollIntoView?.({ block: 'center' });
  };
  // GOV.UK's error summary: the title, message and links inside role="alert", so that a screen reader
  // reads them all when the summary appears (the focus moving to it alone would read only its name).
  return html`<div class="cibtp-error-summary" id=${o.id} tabindex="-1" aria-labelledby=${titleId} data-part="error-summary">
    <div role="alert">
      ${heading(o.headingLevel, titleId, title, 'cibtp-error-summary__title')}
      ${o.message ? html`<p class="cibtp-error-summary__message">${o.message}</p>` : nothing}
      ${o.items.length
        ? html`<ul class="cibtp-error-summary__list">
            ${o.items.map(
              (item) => html`<li><a href="#${item.target}" @click=${(e: Event) => focusField(e, item.target)}>${item.text}</a></li>`,
            )}
          </ul>`
        : nothing}
    </div>
    ${o.actions ?? nothing}
  </div>`;
}

/** A message box (success or information) that can receive focus. */
export function notice(o: {
  id: string;
  tone: 'success' | 'info' | 'error';
  title: string;
  body?: Content | undefined;
  headingLevel: number;
  actions?: TemplateResult | undefined;
}): TemplateResult {
  const titleId = `${o.id}-title`;
  return html`<div class="cibtp-notice cibtp-notice--${o.tone}" id=${o.id} tabindex="-1" aria-labelledby=${titleId} data-part="notice">
    ${heading(o.headingLevel, titleId, o.title, 'cibtp-notice__title')}
    ${o.body ? html`<p class="cibtp-notice__body">${o.body}</p>` : nothing}
    ${o.actions ?? nothing}
  </div>`;
}

/** A polite live region present from the first render, so that what is written later is announced. */
export function statusRegion(text: string | undefined): TemplateResult {
  return html`<div class="cibtp-visually-hidden" role="status" data-part="status">${text ?? ''}</div>`;
}

/** A real heading at the level the host page needs (`heading-level`, default 2). */
export function heading(level: number, id: string, content: Content, className = 'cibtp-heading'): TemplateResult {
  const l = Math.min(6, Math.max(1, Math.round(level) || 2));
  switch (l) {
    case 1:
      return html`<h1 class=${className} id=${id} tabindex="-1">${content}</h1>`;
    case 2:
      return html`<h2 class=${className} id=${id} tabindex="-1">${content}</h2>`;
    case 3:
      return html`<h3 class=${className} id=${id} tabindex="-1">${content}</h3>`;
    case 4:
      return html`<h4 class=${className} id=${id} tabindex="-1">${content}</h4>`;
    case 5:
      return html`<h5 class=${className} id=${id} tabindex="-1">${content}</h5>`;
    default:
      return html`<h6 class=${className} id=${id} tabindex="-1">${content}</h6>`;
  }
}
