import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { errorId, hintId, requiredMark } from '../shared/fields.js';
import { msg } from '../shared/localization.js';

/** The form pieces beyond text and password fields: a `<select>`, a radio group, a date in three parts (signup, delegations). */

export interface SelectFieldOptions {
  id: string;
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value: string;
  /** The first, empty option (« Sélectionnez… »). */
  placeholder: string;
  required?: boolean;
  hint?: string | undefined;
  error?: string | undefined;
  autocomplete?: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
}

export function selectField(o: SelectFieldOptions): TemplateResult {
  const described = [o.hint ? hintId(o.id) : '', o.error ? errorId(o.id) : ''].filter(Boolean).join(' ');
  return html`<div class="cibtp-field ${o.error ? 'cibtp-field--error' : ''}" data-part="field">
    <label class="cibtp-label" for=${o.id}>${o.label}${o.required ? html`${' '}${requiredMark()}` : nothing}</label>
    ${o.hint ? html`<p class="cibtp-hint" id=${hintId(o.id)}>${o.hint}</p>` : nothing}
    ${o.error ? html`<p class="cibtp-field-error" id=${errorId(o.id)}>${o.error}</p>` : nothing}
    <select
      class="cibtp-input cibtp-select"
      id=${o.id}
      name=${o.name}
      autocomplete=${ifDefined(o.autocomplete)}
      ?required=${o.required ?? false}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(described || undefined)}
      .value=${o.value}
      @change=${(e: Event) => o.onChange((e.target as HTMLSelectElement).value)}
      @blur=${o.onBlur}
    >
      <option value="" ?selected=${o.value === ''}>${o.placeholder}</option>
      ${o.options.map((option) => html`<option value=${option.value} ?selected=${option.value === o.value}>${option.label}</option>`)}
    </select>
  </div>`;
}

export interface RadioGroupOptions {
  /** Instance ids: the group's error is `errorId(id)`, each radio `${id}-${value}`. */
  id: string;
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value: string;
  required?: boolean;
  error?: string | undefined;
  onChange: (value: string) => void;
}

/** A radio group in a fieldset whose legend names it; its error is linked to the group. */
export function radioGroup(o: RadioGroupOptions): TemplateResult {
  const errId = errorId(o.id);
  return html`<fieldset class="cibtp-fieldset ${o.error ? 'cibtp-field--error' : ''}" data-part="field" aria-describedby=${ifDefined(o.error ? errId : undefined)}>
    <legend class="cibtp-legend">${o.legend}${o.required ? html`${' '}${requiredMark()}` : nothing}</legend>
    ${o.error ? html`<p class="cibtp-field-error" id=${errId}>${o.error}</p>` : nothing}
    <div class="cibtp-radios">
      ${o.options.map(
        (option) => html`<div class="cibtp-option">
          <input
            type="radio"
            class="cibtp-radio"
            id="${o.id}-${option.value}"
            name=${o.name}
            value=${option.value}
            aria-invalid=${o.error ? 'true' : 'false'}
            .checked=${o.value === option.value}
            @change=${() => o.onChange(option.value)}
          />
          <label for="${o.id}-${option.value}">${option.label}</label>
        </div>`,
      )}
    </div>
  </fieldset>`;
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** `YYYY-MM-DD` from what was typed ('' when nothing was): a part that is not a number stays wrong. */
export function composeDate(p: DateParts): string {
  const [day, month, year] = [p.day.trim(), p.month.trim(), p.year.trim()];
  if (!day && !month && !year) return '';
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

export interface DateFieldOptions {
  /** Instance ids: `${id}-day`, `${id}-month`, `${id}-year`. */
  id: string;
  /** The hidden input that carries the composed date (what the form reads). */
  name: string;
  legend: string;
  parts: DateParts;
  required?: boolean;
  error?: string | undefined;
  onInput: (parts: DateParts) => void;
  onBlur?: () => void;
}

/**
 * A memorable date as three text inputs, day, month and year (GOV.UK's date input pattern): a date
 * of birth is known by heart and typed faster than it is picked, a `type="date"` picker opens on
 * today's month, decades away, and its format differs with the browser. Each input has its own label
 * and `bday-*` autocomplete; the hint gives an example; the error names the group.
 */
export function dateField(o: DateFieldOptions): TemplateResult {
  const hint = hintId(o.id);
  const errId = errorId(o.id);
  const described = o.error ? `${hint} ${errId}` : hint;
  const part = (key: keyof DateParts, label: string, autocomplete: string, width: string) => html`<div class="cibtp-date__part cibtp-date__part--${width}">
    <label class="cibtp-label" for="${o.id}-${key}">${label}</label>
    <input
      class="cibtp-input"
      id="${o.id}-${key}"
      name="${o.name}-${key}"
      type="text"
      inputmode="numeric"
      autocomplete=${autocomplete}
      maxlength=${key === 'year' ? 4 : 2}
      ?required=${o.required ?? false}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${described}
      .value=${o.parts[key]}
      @input=${(e: Event) => o.onInput({ ...o.parts, [key]: (e.target as HTMLInputElement).value })}
      @blur=${o.onBlur}
    />
  </div>`;
  return html`<fieldset class="cibtp-fieldset ${o.error ? 'cibtp-field--error' : ''}" data-part="field" aria-describedby=${described}>
    <legend class="cibtp-legend">${o.legend}${o.required ? html`${' '}${requiredMark()}` : nothing}</legend>
    <p class="cibtp-hint" id=${hint}>${msg('Par exemple\u00a0: 27 3 1985', { id: 'signup.birth-date.hint' })}</p>
    ${o.error ? html`<p class="cibtp-field-error" id=${errId}>${o.error}</p>` : nothing}
    <div class="cibtp-date">
      ${part('day', msg('Jour', { id: 'signup.birth-date.day' }), 'bday-day', 'short')}
      ${part('month', msg('Mois', { id: 'signup.birth-date.month' }), 'bday-month', 'short')}
      ${part('year', msg('Année', { id: 'signup.birth-date.year' }), 'bday-year', 'long')}
    </div>
    <input type="hidden" name=${o.name} .value=${composeDate(o.parts)} />
  </fieldset>`;
}
