import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { DsnAlert } from '../../sdk/schemas/common.js';
import { msg, str } from './localization.js';
import { isolate } from './messages.js';

/**
 * Which tooltip of a widget is open (one at a time), by WCAG 1.4.13 (content on hover or focus): it opens
 * when its trigger is hovered or focused; it stays while the pointer is over the trigger or over the
 * tooltip itself (so that it can be read, or magnified); Escape dismisses it without moving the focus
 * (and without closing a dialog around it); it closes when both the pointer and the focus have left.
 */
export class TooltipController implements ReactiveController {
  /** The id of the open tooltip. */
  open: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Dismissed with Escape: stays closed until the trigger is left and entered again. */
  private dismissed: string | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.close();
  }

  show(id: string): void {
    clearTimeout(this.timer);
    if (this.open === id || this.dismissed === id) return;
    if (!this.open) document.addEventListener('keydown', this.onKey, true);
    this.open = id;
    this.host.requestUpdate();
  }

  /** Closes `id` after `delay` ms (the pointer may be on its way to the tooltip). */
  hide(id: string, delay = 0): void {
    clearTimeout(this.timer);
    const run = () => {
      if (this.dismissed === id) this.dismissed = undefined;
      if (this.open === id) this.close();
    };
    if (delay > 0) this.timer = setTimeout(run, delay);
    else run();
  }

  toggle(id: string): void {
    if (this.open === id) {
      this.dismissed = id;
      this.close();
    } else {
      this.dismissed = undefined;
      this.show(id);
    }
  }

  private close(): void {
    clearTimeout(this.timer);
    document.removeEventListener('keydown', this.onKey, true);
    if (this.open !== undefined) {
      this.open = undefined;
      this.host.requestUpdate();
    }
  }

  private readonly onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.open) return;
    // The tooltip takes this Escape: a dialog around it stays open.
    event.preventDefault();
    event.stopPropagation();
    this.dismissed = this.open;
    this.close();
  };
}

/** « 2 alertes DSN », « Aucune alerte DSN ». */
export function alertCountLabel(count: number): string {
  if (count === 0) return msg('Aucune alerte DSN', { id: 'dsn.count.none' });
  return count === 1
    ? msg('1 alerte DSN', { id: 'dsn.count.one' })
    : msg(str`${String(count)} alertes DSN`, { id: 'dsn.count.other' });
}

/** « DSN Octobre-2021 : Anomalie dans le traitement / Déclaration manquante ». */
export function alertTitle(alert: DsnAlert): string {
  return msg(str`DSN ${isolate(alert.period)}\u00a0: ${isolate(alert.title)}`, { id: 'dsn.alert.title' });
}

export interface DsnAlertsOptions {
  /** The instance id of this tooltip (unique in the document). */
  id: string;
  alerts: readonly DsnAlert[];
  tooltips: TooltipController;
  /** `warning` (a tiers row) or `bell` (the top bar). */
  icon: 'warning' | 'bell';
  /** What a click does (the top bar: open *Suivi DSN*); by default it shows or hides the messages (touch screens). */
  onClick?: () => void;
  /** Words that follow the count for a screen reader, e.g. the tiers they are about. */
  context?: string;
}

const WARNING = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 2 1 21h22L12 2zm1 15h-2v-2h2v2zm0-4h-2V9h2v4z"/></svg>`;
const BELL = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z"/></svg>`;

/**
 * A tiers' DSN alerts: a button (icon and count) whose tooltip lists the messages. A screen reader
 * hears the count as the button's name and the messages as its description (`aria-describedby`), on
 * focus, as a sighted user sees them on hover or focus. No alert: the words « Aucune » only.
 */
export function dsnAlerts(o: DsnAlertsOptions): TemplateResult {
  const count = o.alerts.length;
  if (count === 0 && o.icon === 'warning') {
    return html`<span class="cibtp-muted">${msg('Aucune', { id: 'dsn.none' })}</span>`;
  }
  const t = o.tooltips;
  const tipId = `${o.id}-tip`;
  const open = t.open === o.id;
  return html`<span class="cibtp-tip" data-part="dsn-alerts" @pointerenter=${() => t.show(o.id)} @pointerleave=${() => t.hide(o.id, 300)}>
    <button type="button" class="cibtp-tip__trigger" data-alerts=${count} aria-describedby=${count ? tipId : nothing}
      @focus=${() => t.show(o.id)} @blur=${() => t.hide(o.id)}
      @click=${() => (o.onClick ? o.onClick() : t.toggle(o.id))}>
      ${o.icon === 'bell' ? BELL : WARNING}<span class="cibtp-tip__count" aria-hidden="true">${count}</span
      ><span class="cibtp-visually-hidden">${alertCountLabel(count)}${o.context ? html`, <bdi>${o.context}</bdi>` : nothing}</span>
    </button>
    ${count
      ? html`<div role="tooltip" id=${tipId} class="cibtp-tip__bubble" data-part="dsn-messages" ?hidden=${!open}>
          <ul>
            ${o.alerts.map((a) => html`<li><strong>${alertTitle(a)}</strong> <span><bdi>${a.message}</bdi></span></li>`)}
          </ul>
        </div>`
      : nothing}
  </span>`;
}

/**
 * The tooltip's sheet, for the `static styles` of a widget that shows DSN alerts. The bubble hangs from
 * the trigger with no gap between them (its padding is the distance), so that the pointer can move
 * onto it without leaving the hovered area.
 */
export const dsnAlertsStyles = css`
  :where([data-cibtp-widget]) .cibtp-tip {
    position: relative;
    display: inline-block;
  }
  :where([data-cibtp-widget]) .cibtp-tip__trigger {
    display: inline-flex;
    gap: 0.25rem;
    align-items: center;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0 0.5rem;
    border: 1px solid transparent;
    border-radius: var(--cibtp-radius, 4px);
    background: transparent;
    color: var(--cibtp-color-error, #b3261e);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  :where([data-cibtp-widget]) .cibtp-tip__trigger[data-alerts='0'] {
    color: inherit;
  }
  :where([data-cibtp-widget]) .cibtp-tip__trigger:hover {
    border-color: currentColor;
  }
  :where([data-cibtp-widget]) .cibtp-tip__trigger:focus-visible {
    outline: 3px solid var(--cibtp-color-focus, #0a76f6);
    outline-offset: 2px;
  }
  :where([data-cibtp-widget]) .cibtp-tip__bubble {
    position: absolute;
    z-index: 10;
    inset-inline-end: 0;
    top: 100%;
    padding-top: 0.25rem;
    width: max-content;
    max-width: min(22rem, 80vw);
  }
  :where([data-cibtp-widget]) .cibtp-tip__bubble[hidden] {
    display: none;
  }
  :where([data-cibtp-widget]) .cibtp-tip__bubble ul {
    margin: 0;
    padding: 0.5rem 0.75rem;
    list-style: none;
    background: var(--cibtp-color-background, #fff);
    color: var(--cibtp-color-text, #1e1e1e);
    border: 1px solid var(--cibtp-color-border, #767676);
    border-radius: var(--cibtp-radius, 4px);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.2);
    font-weight: 400;
    text-align: start;
  }
  :where([data-cibtp-widget]) .cibtp-tip__bubble li + li {
    margin-top: 0.5rem;
  }
  :where([data-cibtp-widget]) .cibtp-tip__bubble strong {
    display: block;
  }
  :where([data-cibtp-widget]) .cibtp-muted {
    color: var(--cibtp-color-text-muted, #4f4f4f);
  }
`;
