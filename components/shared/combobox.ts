import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { errorId, hintId, requiredMark } from './fields.js';
import { LatestRequest } from './latest-request.js';

/** One suggestion: what is kept (`value`, e.g. an INSEE code) and what the user reads. */
export interface ComboboxOption {
  value: string;
  label: string;
}

export interface ComboboxOptions {
  /** Looks up the suggestions of `query`; `signal` aborts a look-up a newer one replaced. */
  search: (query: string, signal: AbortSignal) => Promise<readonly ComboboxOption[]>;
  /** Called when the choice changes (`undefined`: the text no longer matches a choice). */
  onChange?: (option: ComboboxOption | undefined) => void;
  /** Waiting time after the last keystroke before looking up (ms, default 250). */
  delay?: number;
  /** Fewest characters typed before a look-up (default 2). */
  minLength?: number;
}

/**
 * The state of an editable combobox with a list of suggestions that the server provides (ARIA 1.2
 * combobox pattern, « list autocomplete with manual selection »): the text typed, the suggestions,
 * whether the list is open, the option the arrow keys reached (`aria-activedescendant`: the focus
 * stays in the input) and the option chosen. Look-ups wait for a pause in typing, and the latest one
 * wins: a new one aborts the one under way, whose answer is ignored. Nothing is chosen until the user
 * picks an option (Enter or a click): typed text alone is no choice.
 */
export class ComboboxController implements ReactiveController {
  /** The text in the input. */
  query = '';
  /** The suggestions of the latest look-up. */
  options: readonly ComboboxOption[] = [];
  open = false;
  /** Index of the option the arrow keys reached, -1 for none. */
  active = -1;
  /** The option chosen, if any. */
  selected: ComboboxOption | undefined;
  /** Whether a look-up is waiting or running. */
  searching = false;
  /** The latest look-up failed (the list says so; typing again retries). */
  failed: unknown;
  /** Whether a look-up has answered since the text last changed (for the live count). */
  answered = false;

  private readonly latest = new LatestRequest();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly o: ComboboxOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.cancel();
  }

  /** The user typed `query`: the choice is dropped unless the text still reads it, and a look-up follows. */
  setQuery(query: string): void {
    this.query = query;
    if (this.selected && this.selected.label !== query) this.choose(undefined);
    this.cancel();
    this.answered = false;
    this.failed = undefined;
    const q = query.trim();
    if (q.length < (this.o.minLength ?? 2)) {
      this.options = [];
      this.open = false;
      this.active = -1;
      this.host.requestUpdate();
      return;
    }
    this.searching = true;
    void this.run(q);
    this.host.requestUpdate();
  }

  /** Sets the choice from outside (a value kept from before): the text reads it, no look-up. */
  preset(option: ComboboxOption | undefined): void {
    this.cancel();
    this.selected = option;
    this.query = option?.label ?? '';
    this.options = [];
    this.open = false;
    this.active = -1;
    this.host.requestUpdate();
  }

  /** Picks `option` (Enter on it, or a click): the text becomes its label and the list closes. */
  select(option: ComboboxOption): void {
    this.query = option.label;
    this.open = false;
    this.active = -1;
    this.choose(option);
    this.host.requestUpdate();
  }

  /** Closes the list (Escape, or the focus leaving the input); the choice stays as it is. */
  close(): void {
    if (!this.open && this.active < 0) return;
    this.open = false;
    this.active = -1;
    this.host.requestUpdate();
  }

  /** The keys of the pattern: ↓/↑ move through the options (opening the list), Enter picks, Escape closes or clears. */
  keydown(event: KeyboardEvent): void {
    const count = this.options.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (count === 0) return;
        event.preventDefault();
        const down = event.key === 'ArrowDown';
        if (!this.open) {
          this.open = true;
          this.active = down ? 0 : count - 1;
        } else if (!event.altKey) {
          this.active = down ? (this.active + 1) % count : this.active <= 0 ? count - 1 : this.active - 1;
        }
        this.host.requestUpdate();
        return;
      }
      case 'Enter': {
        // Enter on an option picks it; otherwise it submits the form, as in any text input.
        const option = this.open ? this.options[this.active] : undefined;
        if (!option) return;
        event.preventDefault();
        this.select(option);
        return;
      }
      case 'Escape':
        if (this.open) {
          event.preventDefault();
          this.close();
        } else if (this.query) {
          event.preventDefault();
          this.preset(undefined);
          this.choose(undefined);
        }
        return;
      default:
    }
  }

  private choose(option: ComboboxOption | undefined): void {
    const changed = option?.value !== this.selected?.value || option === undefined;
    this.selected = option;
    if (changed) this.o.onChange?.(option);
  }

  private cancel(): void {
    this.latest.cancel();
    this.searching = false;
  }

  private async run(query: string): Promise<void> {
    const outcome = await this.latest.run((signal) => this.o.search(query, signal), this.o.delay ?? 250);
    if (!outcome) return; // replaced by a newer look-up
    if (outcome.ok) {
      this.options = outcome.value;
      this.open = outcome.value.length > 0;
      this.active = -1;
    } else {
      this.options = [];
      this.open = false;
      this.failed = outcome.error;
    }
    this.searching = false;
    this.answered = true;
    this.host.requestUpdate();
  }
}

export interface ComboboxFieldOptions {
  controller: ComboboxController;
  /** The visible input's id; the list and options derive theirs from it. */
  id: string;
  /** The name of the hidden input that carries the chosen option's value. */
  name: string;
  label: string;
  required?: boolean;
  hint?: string | TemplateResult | undefined;
  error?: string | undefined;
  /** What the live region says once suggestions arrived (« 5 communes proposées », « Aucune commune… »). */
  countText: (count: number) => string;
  /** What the live region says when the look-up failed. */
  failedText?: () => string;
  onBlur?: () => void;
  autocomplete?: string;
}

/**
 * The combobox's markup, in the widget's light DOM: a labelled `role="combobox"` text input that
 * controls a `role="listbox"` of suggestions (`aria-expanded`, `aria-activedescendant`), a hidden
 * input with the chosen value (what the form sends), and a polite live region that says how many
 * suggestions arrived. Options are picked with the mouse without the input losing the focus.
 */
export function comboboxField(o: ComboboxFieldOptions): TemplateResult {
  const c = o.controller;
  const listId = `${o.id}-list`;
  const optionId = (i: number) => `${o.id}-option-${i}`;
  const described = [o.hint ? hintId(o.id) : '', o.error ? errorId(o.id) : ''].filter(Boolean).join(' ');
  const live = c.failed !== undefined ? (o.failedText?.() ?? '') : c.answered ? o.countText(c.options.length) : '';
  return html`<div class="cibtp-field cibtp-combobox ${o.error ? 'cibtp-field--error' : ''}" data-part="field">
    <label class="cibtp-label" for=${o.id}>${o.label}${o.required ? html`${' '}${requiredMark()}` : nothing}</label>
    ${o.hint ? html`<p class="cibtp-hint" id=${hintId(o.id)}>${o.hint}</p>` : nothing}
    ${o.error ? html`<p class="cibtp-field-error" id=${errorId(o.id)}>${o.error}</p>` : nothing}
    <div class="cibtp-combobox__control">
      <input
        class="cibtp-input"
        id=${o.id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded=${c.open ? 'true' : 'false'}
        aria-controls=${listId}
        aria-activedescendant=${ifDefined(c.open && c.active >= 0 ? optionId(c.active) : undefined)}
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${ifDefined(described || undefined)}
        ?required=${o.required ?? false}
        autocomplete=${o.autocomplete ?? 'off'}
        spellcheck="false"
        .value=${c.query}
        @input=${(e: Event) => c.setQuery((e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => c.keydown(e)}
        @blur=${() => {
          c.close();
          o.onBlur?.();
        }}
      />
      <ul class="cibtp-combobox__list" id=${listId} role="listbox" aria-label=${o.label} data-part="listbox" ?hidden=${!c.open}>
        ${c.options.map(
          (option, i) => html`<li
            class="cibtp-combobox__option"
            id=${optionId(i)}
            role="option"
            aria-selected=${i === c.active ? 'true' : 'false'}
            data-part="option"
            @mousedown=${(e: Event) => e.preventDefault()}
            @click=${() => c.select(option)}
          >
            <bdi>${option.label}</bdi>
          </li>`,
        )}
      </ul>
    </div>
    <input type="hidden" name=${o.name} .value=${c.selected?.value ?? ''} />
    <div class="cibtp-visually-hidden" role="status">${live}</div>
  </div>`;
}
