import {
  LitElement, adoptStyles, html, nothing, render, supportsAdoptingStyleSheets,
  type CSSResultOrNative, type PropertyValues, type TemplateResult,
} from 'lit';
import { msg, str } from './localization.js';
import { property, state } from 'lit/decorators.js';
import type { PortalCore } from '../../sdk/core.js';
import { ContextConsumer } from '@lit/context';
import { ClientController } from './client-controller.js';
import { sessionContext } from './context.js';
import type { Session } from '../../sdk/schemas/common.js';
import { FormController, type FormOptions } from './form-controller.js';
import type { z } from '../../sdk/zod.js';
import { emit } from './events.js';
import { PortalError } from '../../sdk/errors.js';
import { safeHref } from './navigation.js';
import { button, errorSummary, heading, notice, statusRegion, type SummaryItem } from './fields.js';
import { TextsController, getLocale, isLocale, localeLoading, setLocale } from './localization.js';
import type { Message } from './messages.js';
import type { recoveryTemplate } from './recovery.js';
import { WIDGET_ATTRIBUTE, frameStyles } from './styles.js';
import { CLIENT_ATTRIBUTE, upgradeClient, warnClientAttribute } from './client-property.js';

let counter = 0;

/** Which style sheets were already given to a root (document or shadow root) without adoptedStyleSheets. */
const fallbackAdopted = new WeakMap<Node, Set<CSSResultOrNative>>();

declare global {
  interface Window {
    litNonce?: string;
  }
}

/**
 * Adopts `styles` into the root node of `element` (the document, or the shadow root the widget sits
 * in), once per root. Constructed style sheets need no `style-src 'unsafe-inline'`; where they are not
 * supported, a `<style>` carrying `window.litNonce` is added instead.
 */
export function adoptIntoRoot(element: Element, styles: readonly CSSResultOrNative[]): void {
  const root = element.getRootNode();
  if (!(root instanceof Document || root instanceof ShadowRoot)) return;
  if (supportsAdoptingStyleSheets) {
    const sheets = styles.map((s) => (s instanceof CSSStyleSheet ? s : s.styleSheet)).filter((s): s is CSSStyleSheet => !!s);
    const missing = sheets.filter((sheet) => !root.adoptedStyleSheets.includes(sheet));
    if (missing.length) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...missing];
    return;
  }
  let done = fallbackAdopted.get(root);
  if (!done) fallbackAdopted.set(root, (done = new Set()));
  for (const s of styles) {
    if (done.has(s) || s instanceof CSSStyleSheet) continue;
    done.add(s);
    const style = document.createElement('style');
    const nonce = window.litNonce;
    if (nonce !== undefined) style.setAttribute('nonce', nonce);
    style.textContent = s.cssText;
    (root instanceof Document ? root.head : root).append(style);
  }
}

/** The widget's shadow root: the frame (a real `::part(card)`) around the slotted light-DOM content. */
const framedTemplate = html`<div part="card"><slot></slot></div>`;
/** Without a frame (e.g. a widget embedded in another one's card): the slot alone. */
const unframedTemplate = html`<slot></slot>`;

/**
 * The base of every widget of the kit.
 *
 * Rendering: the widget renders into its own light DOM (`createRenderRoot() { return this; }`), so
 * that its native `<form>`, credential `<input>`s, labels, hints and errors share one tree with the
 * page: browser autofill and password managers see the inputs, and `for` / `aria-describedby`
 * references resolve (docs/SECURITY.md, "Password managers and autofill"). Its `static styles` are adopted
 * once into the root node it is connected to, with selectors scoped under the tag.
 *
 * The only thing in its (open) shadow root is the frame, `<div part="card"><slot></slot></div>`, so
 * that a page can style it with a real `cibtp-x::part(card)`; the frame's own style sheet
 * (`frameStyles`) is adopted into that shadow root. Nothing that takes part in ID references or
 * autofill ever goes there.
 */
export abstract class CibtpElement extends LitElement {
  /**
   * A portal client to use; takes precedence over `<cibtp-portal>`'s and over `base-url`. A property
   * only: a `client` attribute (what a framework sets on a tag not yet defined) is ignored, with a
   * warning on the console.
   */
  get client(): PortalCore | undefined {
    return this.clientValue;
  }
  set client(value: PortalCore | undefined) {
    const old = this.clientValue;
    this.clientValue = value;
    this.requestUpdate('client', old);
  }
  // A plain accessor, not a Lit property: Lit keeps a value set before the tag was defined aside until
  // the first update (too late for what runs on connection), and then writes it over any newer one.
  private clientValue: PortalCore | undefined;

  constructor() {
    super();
    upgradeClient(this);
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, CLIENT_ATTRIBUTE];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === CLIENT_ATTRIBUTE && value !== null) warnClientAttribute(this, value);
  }

  /** Where the portal API lives, for a widget used without `<cibtp-portal>` or `client`. */
  @property({ attribute: 'base-url' }) baseUrl?: string | undefined;

  /** Level of the widget's main heading (1–6) so that it fits the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** What the visually hidden live region says; a message, not words, so it follows a locale switch. */
  @state() protected status: Message | undefined;

  protected readonly clients = new ClientController(this);

  /** Re-renders when the caisse overrides texts (`overrideTexts()`). */
  protected readonly texts = new TextsController(this);

  /**
   * The session `<cibtp-portal>` provides: a sign-out, an expiry or a change of tiers from anywhere on
   * the page reaches every widget inside it (`sessionChanged`).
   */
  protected readonly sessionConsumer = new ContextConsumer(this, {
    context: sessionContext,
    subscribe: true,
    callback: (session) => this.sessionChanged(session ?? null),
  });

  /** Called when the portal's session changes; a widget whose content depends on it follows it here. */
  protected sessionChanged(_session: Session | null): void {
    this.requestUpdate();
  }

  /** Prefix that keeps this instance's ids unique in the document. */
  protected readonly uid = `cibtp-${(++counter).toString(36)}`;

  /** Whether the shadow root draws the frame (`part="card"`); a widget embedded in another's card says no. */
  protected get framed(): boolean {
    return true;
  }

  protected override createRenderRoot(): HTMLElement {
    // Called once, on the first connection. The shadow root holds only the frame; the content is
    // rendered into the light DOM (returned here) and shown through the frame's <slot>. Lit's
    // adoptStyles uses a constructed sheet (CSP-safe), or a <style> with `window.litNonce` where
    // adoptedStyleSheets is unsupported.
    const frame = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    adoptStyles(frame, [frameStyles]);
    return this;
  }

  protected override update(changed: PropertyValues): void {
    super.update(changed);
    // Same template every time unless `framed` changes, so this is a no-op after the first update.
    if (this.shadowRoot) render(this.framed ? framedTemplate : unframedTemplate, this.shadowRoot, { host: this });
  }

  /** Every widget renders the same way: its live region, then its current step. */
  protected override render(): TemplateResult {
    return html`${statusRegion(this.status?.() ?? '')} ${this.stepTemplate()}`;
  }

  /** The current step: heading, then error summary or notice, then the form or the result. */
  protected abstract stepTemplate(): TemplateResult;

  override connectedCallback(): void {
    super.connectedCallback();
    // The shared form rules (`formStyles`, one sheet for every widget) are scoped by this attribute.
    if (!this.hasAttribute(WIDGET_ATTRIBUTE)) this.setAttribute(WIDGET_ATTRIBUTE, '');
    adoptIntoRoot(this, (this.constructor as typeof LitElement).elementStyles);
  }

  /**
   * The first render waits for the texts of the portal's language, whoever asked for them (the portal,
   * or this widget when its chunk arrived before the portal's): a page that starts in English does not
   * flash French. If they cannot be loaded, the widget renders in French.
   */
  protected override shouldUpdate(changed: PropertyValues): boolean {
    if (!this.hasUpdated) {
      const wanted = this.closest('cibtp-portal')?.getAttribute('locale');
      // setLocale() does nothing when that locale is already there or on its way.
      if (isLocale(wanted)) void setLocale(wanted).catch(() => undefined);
      const pending = localeLoading();
      if (pending) {
        // Lit forgets what changed when an update is skipped (it starts a new map, this one stays as it
        // is): marked again, the properties set before the texts arrived (`country`, `email`…) still
        // reach `willUpdate()` as changed.
        void pending.then(() => {
          this.requestUpdate();
          for (const [name, old] of changed) this.requestUpdate(name, old);
        });
        return false;
      }
    }
    return super.shouldUpdate(changed);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // The content's language follows the widgets' locale (RGAA 8.7), even inside an English page.
    const locale = getLocale();
    if (this.getAttribute('lang') !== locale) this.setAttribute('lang', locale);
  }

  /** An id unique to this instance. */
  protected fid(name: string): string {
    return `${this.uid}-${name}`;
  }

  /** Moves focus to the element with the instance id `name` once rendered. */
  protected async focusId(name: string): Promise<void> {
    await this.updateComplete;
    const el = this.querySelector<HTMLElement>(`#${CSS.escape(this.fid(name))}`);
    el?.focus();
  }

  /** Moves the focus to the heading of the current step (e.g. after an enclosing widget shows this one). */
  focusHeading(): Promise<void> {
    return this.focusId('heading');
  }

  // Every step of every widget is laid out the same way: its heading (id `heading`, which names the
  // step's form and takes the focus on a new step), then the error summary (id `summary`, focused after
  // a failed submission) or a success notice, whose titles sit one level below the heading.

  /**
   * The heading of the current step, at `heading-level`; with a wizard's `position`, the step indicator
   * (« Étape 2 sur 3 ») sits inside the heading, so that moving the focus there announces both.
   */
  protected headingTemplate(text: string, position?: { index: number; total: number }): TemplateResult {
    const content = position
      ? html`<span class="cibtp-step" data-part="step">${msg(str`Étape ${String(position.index)} sur ${String(position.total)}`, {
          id: 'wizard.step',
        })}</span>
          ${text}`
      : text;
    return html`<div data-part="heading">${heading(this.headingLevel, this.fid('heading'), content)}</div>`;
  }

  /** The error summary of the current step; nothing while there is no problem. */
  protected summaryTemplate(o: {
    items: SummaryItem[];
    message?: string | undefined;
    actions?: TemplateResult | undefined;
  }): TemplateResult | typeof nothing {
    return errorSummary({ id: this.fid('summary'), headingLevel: this.headingLevel + 1, ...o });
  }

  /** A form of this widget on the one submit pipeline (`FormController`), wired to its ids, focus and live region. */
  protected createForm<S extends z.ZodMiniType>(options: FormOptions<S>): FormController<S> {
    return new FormController(
      this,
      {
        id: (name) => this.fid(name),
        focus: (name) => this.focusId(name),
        announce: (message) => {
          this.status = message;
        },
        client: () => this.clients.value,
        missingClient: () => this.clients.missing(),
        summary: (o) => this.summaryTemplate(o),
      },
      options,
    );
  }

  /**
   * The way to the login (« Se connecter » once a link was followed, « Retour à la connexion » after a
   * wizard): a link styled as the primary button when the page gave its URL (`href`), else that button;
   * both fire the cancelable `cibtp-navigate` first.
   */
  protected loginLink(text = msg('Se connecter', { id: 'common.sign-in' }), href?: string): TemplateResult {
    const safe = safeHref(href);
    const go = (event: Event) => {
      if (!emit(this, 'cibtp-navigate', { to: 'login' })) event.preventDefault();
    };
    return html`<p>${safe
      ? html`<a class="cibtp-button cibtp-button--primary" href=${safe} @click=${go}>${text}</a>`
      : button({ variant: 'primary', label: text, onClick: go })}</p>`;
  }

  /** The inline recovery flow's template, once `openRecovery()` fetched its chunk (`recoveryTemplate`). */
  protected recovery: typeof recoveryTemplate | undefined;

  /**
   * Opens the inline forgotten-password flow (`<cibtp-forgot-password embedded>`, fetched on first use)
   * that the login and the company wizards offer, unless the host page takes the `cibtp-navigate`:
   * `show()` moves to the step that renders it, whose heading then takes the focus. A flow that cannot
   * be fetched is a `network` error on `form`, which is left as it was typed. `to` says what the host is
   * asked for: the forgotten password (login), or a new confidential code (the company wizards).
   */
  protected async openRecovery(
    form: FormController, show: () => Promise<void>, to: 'forgot-password' | 'confidential-code' = 'forgot-password',
  ): Promise<void> {
    if (!emit(this, 'cibtp-navigate', { to })) return;
    form.abort();
    form.clear();
    try {
      // The flow and the template that embeds it, fetched now: a page that only signs in carries neither
      // (nor does the forgotten-password page, which shows the flow on its own).
      const [{ recoveryTemplate }] = await Promise.all([import('./recovery.js'), import('../forgot-password/forgot-password.js')]);
      this.recovery = recoveryTemplate;
    } catch (cause) {
      // A chunk that cannot be fetched (network down, a deployment that removed it), shown like a failed request.
      await form.fail(new PortalError('network', { cause }));
      return;
    }
    await show();
    await this.updateComplete;
    const inner = this.querySelector<CibtpElement>('cibtp-forgot-password');
    await inner?.updateComplete;
    await inner?.focusHeading();
  }

  /** A success box with the instance id `name` (a focus target). */
  protected successNotice(name: string, title: string, body: string): TemplateResult {
    return notice({ id: this.fid(name), tone: 'success', headingLevel: this.headingLevel + 1, title, body });
  }
}
