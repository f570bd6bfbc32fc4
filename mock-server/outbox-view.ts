/**
 * `<cibtp-mock-outbox>`: the developer's and demonstrator's view of what the mock backend "sent"
 * (emails with their links, SMS codes, postal letters), newest first, updated live. It belongs to the
 * mock, not to the widgets: its French strings are fixed and it never ships to a caisse's page.
 */
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { MockBackend } from './index.js';
import type { Outbox, OutboxKind, OutboxMessage } from './outbox.js';

const KIND_LABELS: Record<OutboxKind, string> = { email: 'Courriel', sms: 'SMS', letter: 'Courrier postal' };

/**
 * A link to this very page (the mock's links point at the page that runs it) only changes its fragment:
 * the page's address may have gained a query string since (a list's state), and a navigation would
 * reload the page and start the in-memory backend afresh, which would not know the link's token.
 */
function followHere(event: MouseEvent): void {
  const link = event.currentTarget as HTMLAnchorElement;
  const here = globalThis.location;
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (!here || link.origin !== here.origin || link.pathname !== here.pathname || !link.hash) return;
  event.preventDefault();
  here.hash = link.hash;
}

/** Only web links become clickable: a link is never bound into `href` unchecked (docs/SECURITY.md). */
function safeHref(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link, globalThis.location?.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'medium' });
}

export class CibtpMockOutbox extends LitElement {
  static override styles = css`
    :host { display: block; font: inherit; color: #1e1e1e; }
    section { border: 1px solid #929292; border-radius: 4px; padding: 0.75rem 1rem; background: #fff; }
    h2 { font-size: 1.125rem; margin: 0 0 0.25rem; }
    .hint { margin: 0 0 0.75rem; color: #3a3a3a; font-size: 0.875rem; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
    li { border-top: 1px solid #dddddd; padding-top: 0.75rem; }
    .meta { display: flex; flex-wrap: wrap; gap: 0.5rem; font-size: 0.875rem; color: #3a3a3a; margin: 0; }
    .kind { font-weight: 700; color: #000091; }
    h3 { font-size: 1rem; margin: 0.25rem 0; }
    .body { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.25rem 0; font-size: 0.875rem; }
    .code { font-size: 2rem; font-weight: 700; letter-spacing: 0.2em; font-variant-numeric: tabular-nums; margin: 0.25rem 0; }
    a { color: #000091; }
    a:focus-visible, button:focus-visible { outline: 2px solid #0a76f6; outline-offset: 2px; }
    button { min-height: 2.5rem; min-width: 2.5rem; margin-top: 0.75rem; padding: 0.25rem 0.75rem; font: inherit;
      border: 1px solid #000091; border-radius: 4px; background: #fff; color: #000091; cursor: pointer; }
    .empty { margin: 0; font-style: italic; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  `;

  /** The backend whose outbox is shown (or set `outbox` directly). */
  @property({ attribute: false }) backend: MockBackend | undefined;

  @property({ attribute: false }) outbox: Outbox | undefined;

  /** The heading's text. */
  @property() heading = 'Messages envoyés par la caisse (simulation)';

  @state() private messages: OutboxMessage[] = [];

  /** What the live region says: only the newest message, not the whole list again. */
  @state() private announcement = '';

  #unsubscribe: (() => void) | undefined;
  #subscribedTo: Outbox | undefined;

  private get source(): Outbox | undefined {
    return this.outbox ?? this.backend?.outbox;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#subscribedTo = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('backend') || changed.has('outbox')) && this.isConnected) this.#subscribe();
  }

  #subscribe(): void {
    const source = this.source;
    if (source === this.#subscribedTo) return;
    this.#unsubscribe?.();
    this.#subscribedTo = source;
    this.messages = source?.list() ?? [];
    this.#unsubscribe = source?.subscribe((messages) => {
      const newest = messages.at(-1);
      const grew = messages.length > this.messages.length;
      this.messages = messages;
      this.announcement = grew && newest ? `Nouveau message : ${KIND_LABELS[newest.kind]} à ${newest.to}, ${newest.subject}` : '';
    });
  }

  override render() {
    const newestFirst = [...this.messages].reverse();
    return html`
      <section aria-labelledby="outbox-heading">
        <h2 id="outbox-heading">${this.heading}</h2>
        <p class="hint">Courriels, SMS et courriers que la caisse aurait envoyés, du plus récent au plus ancien.</p>
        <p class="visually-hidden" aria-live="polite" role="status">${this.announcement}</p>
        ${newestFirst.length === 0
          ? html`<p class="empty">Aucun message pour l’instant.</p>`
          : html`<ol aria-label="Messages, du plus récent au plus ancien">${newestFirst.map((m) => this.#renderMessage(m))}</ol>`}
        ${this.source && newestFirst.length > 0
          ? html`<button type="button" @click=${() => this.source?.clear()}>Vider la boîte d’envoi</button>`
          : nothing}
      </section>
    `;
  }

  #renderMessage(message: OutboxMessage) {
    const href = safeHref(message.link);
    return html`
      <li>
        <article aria-labelledby="m-${message.id}">
          <p class="meta">
            <span class="kind">${KIND_LABELS[message.kind]}</span>
            <span>à ${message.to}</span>
            <span><time datetime=${message.sentAt}>${formatTime(message.sentAt)}</time></span>
          </p>
          <h3 id="m-${message.id}">${message.subject}</h3>
          ${message.kind === 'sms' && message.code
            ? html`<p class="code" aria-label="Code ${[...message.code].join(' ')}">${message.code}</p>`
            : nothing}
          <p class="body">${message.body}</p>
          ${href ? html`<p><a href=${href} @click=${followHere}>Ouvrir le lien du courriel<span class="visually-hidden"> : ${message.subject}</span></a></p>` : nothing}
          ${message.kind === 'letter' && message.code ? html`<p>Code confidentiel : <strong>${message.code}</strong></p>` : nothing}
        </article>
      </li>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-mock-outbox': CibtpMockOutbox;
  }
}

// Defined only when the tag is free: the demo and Storybook may both load this module.
if (globalThis.customElements && !customElements.get('cibtp-mock-outbox')) {
  customElements.define('cibtp-mock-outbox', CibtpMockOutbox);
}
