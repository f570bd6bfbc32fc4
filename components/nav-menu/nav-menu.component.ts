import { localized } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RIGHT_FUNCTIONS, allows, type RightGroup, type RightsGrant } from '../../sdk/rules/rights.js';
import type { PortalError } from '../../sdk/errors.js';
import type { Session } from '../../sdk/schemas/common.js';
import { tiersRights } from '../../sdk/tiers/operations.js';
import { CibtpShellElement } from '../shared/shell-element.js';
import { functionLabel, groupLabel } from '../shared/function-labels.js';
import { LatestRequest } from '../shared/latest-request.js';
import { msg } from '../shared/localization.js';
import { errorMessage } from '../shared/messages.js';
import type { Destination, NavigateTarget } from '../shared/routes.js';
import { navMenuStyles } from './nav-menu.styles.js';

/** A link of a panel: a destination and its name. */
interface MenuLink {
  to: NavigateTarget;
  label: string;
}

/** A group of links inside a panel; `label` is shown when the panel holds more than one group. */
interface MenuGroup {
  key: string;
  label: string;
  links: MenuLink[];
}

/** One entry of the menu bar: its button and the panel it discloses. */
interface MenuEntry {
  key: string;
  label: string;
  groups: MenuGroup[];
}

/** The entries whose links are functions of the rights catalogue, in the guides' order. */
const RIGHTS_ENTRIES: ReadonlyArray<{ key: string; groups: readonly RightGroup[] }> = [
  { key: 'espace-adherent', groups: ['espace-adherent', 'declarations'] },
  { key: 'salaries', groups: ['salaries'] },
  { key: 'intemperies', groups: ['intemperies'] },
  { key: 'documents', groups: ['documents'] },
];

const ICON_MENU = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false"><path fill="currentColor" d="M3 6h18v2H3V6zm0 5h18v2H3v-2zm0 5h18v2H3v-2z"/></svg>`;
const CHEVRON = html`<svg class="cibtp-menu__chevron" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path fill="currentColor" d="M7.4 8.6 12 13.2l4.6-4.6L18 10l-6 6-6-6z"/></svg>`;

/**
 * The navigation menu of the Espace sécurisé, as in the caisses' guides: *Mon espace adhérent*, *Mes
 * salariés*, *Chômage intempéries*, *Mes documents*, *Contact et FAQ* and *Gérer mon compte*, each
 * opening the list of its functions.
 *
 * **Only what the rights allow.** The widget asks the backend what the signed-in login may do on the
 * current tiers (`tiersRights`) when it connects and at every change of tiers (a newer question
 * replaces one under way), and shows only the functions allowed (`allows()` of the rights catalogue);
 * an entry with nothing allowed is not shown. *Contact et FAQ* and *Mon compte utilisateur* are always
 * there; *Gérer les droits d’accès* only for an administrator of the tiers. While the rights load, the
 * menu says « Chargement du menu… » (politely); if they cannot be loaded, it shows why and
 * *Réessayer*. Without a session (or a tiers), only the permanent entries show.
 *
 * **Keyboard and screen readers.** The APG « disclosure navigation menu » pattern: a `<nav>` landmark
 * named « Menu de l’espace sécurisé »; each entry is a `<button aria-expanded aria-controls>` that opens
 * its panel of links (one open at a time). Tab and Shift+Tab move through the buttons and the links of
 * the open panel; Enter or Space opens or closes a panel; Escape closes it and puts the focus back on its
 * button; a click outside the menu or the focus leaving it closes it. As a plus, ←/→ (and Home/End) move
 * between the entries, ↓ opens an entry and moves into its links, ↑/↓ move between the links. The link
 * of the page the user is on (`current`) carries `aria-current="page"` and its entry is marked.
 *
 * **Layout.** A horizontal bar whose panels drop down; when the widget is narrower than 40rem (a
 * container query), a *Menu* button (`aria-expanded`) shows or hides the entries, stacked, each panel
 * opening under its entry. The widget is a stacking context (`z-index: 2`) so that its panels cover the
 * page below.
 *
 * **Links.** Through the kit's route contract (`<cibtp-portal routes>`): a destination the caisse gave a
 * URL is a real `<a href>`, any other a button; either fires the cancelable `cibtp-navigate`, and
 * following a function tells the backend (the home page's tiles follow what is used most). No card
 * frame: the widget is a part of a page shell (`<cibtp-espace>`).
 *
 * @summary The navigation menu of the Espace sécurisé, limited to what the user's rights allow.
 *
 * @fires cibtp-navigate - `CustomEvent<{ to: RightFunction | 'contact' | 'faq' | 'account' | 'delegations' }>`,
 *   cancelable: call `preventDefault()` to route it yourself.
 *
 * @datapart menu - The `<nav>` landmark.
 * @datapart toggle - The *Menu* button shown when the widget is narrow.
 * @datapart entry - The button of each entry (`aria-expanded`); `data-current` on the one that holds the current page.
 * @datapart panel - The list of links an entry opens.
 * @datapart link - Each link (`<a href>`) or button of a panel.
 * @datapart state - The loading or error message (a polite live region).
 * @datapart retry - The *Réessayer* button after a failure.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - Group names inside a panel, the loading message.
 * @cssproperty --cibtp-color-background - Background of the bar and of the panels.
 * @cssproperty --cibtp-color-surface - Background of a link on hover.
 * @cssproperty --cibtp-color-border - Borders of the panels.
 * @cssproperty --cibtp-color-primary - Entries, links and the bar's bottom border.
 * @cssproperty --cibtp-color-primary-hover - Primary buttons on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - The error message.
 * @cssproperty --cibtp-color-success - Shared form rules (unused by the menu itself).
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius of the panels and buttons.
 * @cssproperty --cibtp-spacing - Base spacing unit (default `1rem`).
 * @cssproperty --cibtp-control-height - Height of the entries and links (default `2.75rem`).
 * @cssproperty --cibtp-max-width - Not applied: the menu spans the width of its container.
 *
 * @example
 * ```html
 * <cibtp-portal base-url="/api/" routes='{"gerer-salaries": "/salaries", "contact": "/contact"}'>
 *   <cibtp-nav-menu current="gerer-salaries"></cibtp-nav-menu>
 * </cibtp-portal>
 * ```
 */
@localized()
export class CibtpNavMenu extends CibtpShellElement {
  static override styles = navMenuStyles;

  /** The destination of the page the user is on: its link gets `aria-current="page"`, its entry is marked. */
  @property() current?: Destination | undefined;

  /** What the login holds on the current tiers, once loaded. */
  @state() private rights: RightsGrant | undefined;
  @state() private loading = false;
  @state() private problem: PortalError | undefined;
  /** The key of the entry whose panel is open. */
  @state() private openEntry: string | undefined;
  /** Narrow layout: whether the *Menu* button shows the entries. */
  @state() private menuOpen = false;

  /** A change of tiers while the rights of the previous one load: the newer question wins. */
  private readonly rightsRequest = new LatestRequest();
  /** The tiers whose rights are loaded or on their way. */
  private rightsFor: string | undefined;


  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.onDocumentClick, true);
    this.followTiers(this.session);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.onDocumentClick, true);
    this.rightsRequest.cancel();
    this.rightsFor = undefined;
    this.loading = false;
  }

  protected override sessionChanged(session: Session | null): void {
    super.sessionChanged(session);
    this.followTiers(session);
  }

  /** Asks for the rights on the session's tiers when it is not the one they were asked for. */
  private followTiers(session: Session | null): void {
    if (!this.isConnected) return;
    const tiersId = session?.tiers?.id;
    if (tiersId === this.rightsFor) return;
    this.rightsRequest.cancel();
    this.rightsFor = tiersId;
    // Nothing of the previous tiers' menu may stay on screen.
    this.rights = undefined;
    this.problem = undefined;
    this.openEntry = undefined;
    this.loading = false;
    if (tiersId !== undefined) void this.loadRights();
  }

  private async loadRights(): Promise<void> {
    const client = this.clients.value;
    if (!client) {
      this.problem = this.clients.missing();
      return;
    }
    this.loading = true;
    this.problem = undefined;
    const outcome = await this.rightsRequest.run((signal) => tiersRights(client, { signal }));
    // Replaced by a newer tiers, or the widget left the page.
    if (!outcome) return;
    this.loading = false;
    if (outcome.ok) this.rights = outcome.value;
    else this.problem = outcome.error;
  }

  private retry(): void {
    this.rightsFor = undefined;
    this.followTiers(this.session);
  }

  /** The entries to show, in the guides' order: those of the rights, then the permanent ones. */
  private entries(): MenuEntry[] {
    const grant = this.rights;
    const entries: MenuEntry[] = [];
    if (grant) {
      for (const entry of RIGHTS_ENTRIES) {
        const groups = entry.groups
          .map((group) => ({
            key: group,
            label: groupLabel(group),
            links: RIGHT_FUNCTIONS.filter((f) => f.group === group && allows(grant, f.id)).map((f) => ({ to: f.id, label: functionLabel(f.id) })),
          }))
          .filter((group) => group.links.length > 0);
        if (groups.length) entries.push({ key: entry.key, label: groupLabel(entry.groups[0]!), groups });
      }
    }
    entries.push({
      key: 'contact',
      label: msg('Contact et FAQ', { id: 'navmenu.contact' }),
      groups: [{
        key: 'contact',
        label: '',
        links: [
          { to: 'contact', label: msg('Contacter ma caisse', { id: 'navmenu.contact.contact' }) },
          { to: 'faq', label: msg('Questions-Réponses', { id: 'navmenu.contact.faq' }) },
        ],
      }],
    });
    const account: MenuLink[] = [{ to: 'account', label: msg('Mon compte utilisateur', { id: 'navmenu.account.account' }) }];
    // Administrators delegate; so does an accounting firm, to its collaborators, within what it received.
    if (grant?.administrator || (grant && this.session?.user.kind === 'cabinet')) account.push({ to: 'delegations', label: msg('Gérer les droits d’accès', { id: 'navmenu.account.delegations' }) });
    entries.push({ key: 'account', label: msg('Gérer mon compte', { id: 'navmenu.account' }), groups: [{ key: 'account', label: '', links: account }] });
    return entries;
  }

  // Opening and closing -------------------------------------------------------------------------

  private toggleEntry(key: string): void {
    this.openEntry = this.openEntry === key ? undefined : key;
  }

  /** Closes the open panel; with `focus`, the focus goes back to its button. */
  private async closeEntry(focus: boolean): Promise<void> {
    const key = this.openEntry;
    if (key === undefined) return;
    this.openEntry = undefined;
    if (focus) {
      await this.updateComplete;
      this.entryButton(key)?.focus();
    }
  }

  private entryButton(key: string): HTMLButtonElement | null {
    return this.querySelector<HTMLButtonElement>(`#${CSS.escape(this.fid(`entry-${key}`))}`);
  }

  private readonly onDocumentClick = (event: MouseEvent): void => {
    if (this.openEntry === undefined || event.composedPath().includes(this)) return;
    this.openEntry = undefined;
  };

  private onFocusOut(event: FocusEvent): void {
    // Focus moving to the page outside (not to nothing, as a click on the panel's padding does).
    const next = event.relatedTarget;
    if (next instanceof Node && !this.contains(next)) this.openEntry = undefined;
  }

  private onPanelClick(event: Event): void {
    const link = (event.target as Element).closest('[data-part="link"]');
    if (!link) return;
    // The user chose where to go: the menu closes behind them (the host page may stay, routing itself).
    this.menuOpen = false;
    void this.closeEntry(true);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented) return;
    const target = event.target as HTMLElement;
    if (event.key === 'Escape') {
      if (this.openEntry !== undefined) {
        event.preventDefault();
        void this.closeEntry(true);
      } else if (this.menuOpen && this.toggleVisible()) {
        event.preventDefault();
        this.menuOpen = false;
        void this.updateComplete.then(() => this.querySelector<HTMLElement>('[data-part="toggle"]')?.focus());
      }
      return;
    }
    if (target.matches('[data-part="entry"]')) this.onEntryKey(event, target as HTMLButtonElement);
    else if (target.matches('[data-part="link"]')) this.onLinkKey(event, target);
  }

  /** ←/→, Home/End between the entries; ↓ (or ↑) into the entry's links. */
  private onEntryKey(event: KeyboardEvent, button: HTMLButtonElement): void {
    const buttons = [...this.querySelectorAll<HTMLButtonElement>('[data-part="entry"]')];
    const index = buttons.indexOf(button);
    const key = button.dataset['entry'] ?? '';
    let next: HTMLElement | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = buttons[Math.min(buttons.length - 1, index + 1)];
        break;
      case 'ArrowLeft':
        next = buttons[Math.max(0, index - 1)];
        break;
      case 'Home':
        next = buttons[0];
        break;
      case 'End':
        next = buttons.at(-1);
        break;
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        const last = event.key === 'ArrowUp';
        this.openEntry = key;
        void this.updateComplete.then(() => {
          const links = this.panelLinks(key);
          (last ? links.at(-1) : links[0])?.focus();
        });
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    next?.focus();
  }

  /** ↑/↓, Home/End between the links of the open panel. */
  private onLinkKey(event: KeyboardEvent, link: HTMLElement): void {
    const key = this.openEntry;
    if (key === undefined) return;
    const links = this.panelLinks(key);
    const index = links.indexOf(link);
    let next: HTMLElement | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = links[Math.min(links.length - 1, index + 1)];
        break;
      case 'ArrowUp':
        next = links[Math.max(0, index - 1)];
        break;
      case 'Home':
        next = links[0];
        break;
      case 'End':
        next = links.at(-1);
        break;
      default:
        return;
    }
    event.preventDefault();
    next?.focus();
  }

  private panelLinks(key: string): HTMLElement[] {
    const panel = this.querySelector(`#${CSS.escape(this.fid(`panel-${key}`))}`);
    return panel ? [...panel.querySelectorAll<HTMLElement>('[data-part="link"]')] : [];
  }

  /** Whether the narrow layout is on (its *Menu* button is shown). */
  private toggleVisible(): boolean {
    const toggle = this.querySelector<HTMLElement>('[data-part="toggle"]');
    return !!toggle && getComputedStyle(toggle).visibility === 'visible';
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // A panel that would stick out past the menu's end opens towards its start instead (no sideways scroll).
    if (changed.has('openEntry') && this.openEntry !== undefined) {
      const panel = this.querySelector<HTMLElement>(`#${CSS.escape(this.fid(`panel-${this.openEntry}`))}`);
      if (panel) {
        panel.removeAttribute('data-align');
        if (panel.getBoundingClientRect().right > this.getBoundingClientRect().right + 0.5) panel.setAttribute('data-align', 'end');
      }
    }
  }

  // Rendering -----------------------------------------------------------------------------------

  private linkTemplate(link: MenuLink): TemplateResult {
    return html`<li>${this.nav.link({ to: link.to }, link.label, { part: 'link', className: 'cibtp-menu__link', current: this.current === link.to })}</li>`;
  }

  private panelTemplate(entry: MenuEntry, open: boolean): TemplateResult {
    const titled = entry.groups.length > 1;
    return html`<div class="cibtp-menu__panel" id=${this.fid(`panel-${entry.key}`)} data-part="panel" ?hidden=${!open} @click=${this.onPanelClick}>
      ${entry.groups.map((group) => {
        const titleId = this.fid(`group-${group.key}`);
        return titled
          ? html`<p class="cibtp-menu__group" id=${titleId}>${group.label}</p>
              <ul class="cibtp-menu__links" aria-labelledby=${titleId}>${group.links.map((l) => this.linkTemplate(l))}</ul>`
          : html`<ul class="cibtp-menu__links">${group.links.map((l) => this.linkTemplate(l))}</ul>`;
      })}
    </div>`;
  }

  private entryTemplate(entry: MenuEntry): TemplateResult {
    const open = this.openEntry === entry.key;
    const current = this.current !== undefined && entry.groups.some((g) => g.links.some((l) => l.to === this.current));
    return html`<li class="cibtp-menu__entry" ?data-current=${current}>
      <button type="button" class="cibtp-menu__button" id=${this.fid(`entry-${entry.key}`)} data-part="entry" data-entry=${entry.key}
        ?data-current=${current} aria-expanded=${open ? 'true' : 'false'} aria-controls=${this.fid(`panel-${entry.key}`)}
        @click=${() => this.toggleEntry(entry.key)}>
        <span>${entry.label}</span>${CHEVRON}
      </button>
      ${this.panelTemplate(entry, open)}
    </li>`;
  }

  private stateTemplate(): TemplateResult {
    const text = this.loading
      ? msg('Chargement du menu…', { id: 'navmenu.loading' })
      : this.problem
        ? errorMessage(this.problem)
        : '';
    return html`<div class="cibtp-menu__state" role="status" data-part="state">
        ${text ? html`<p class="cibtp-menu__message ${this.problem ? 'cibtp-menu__message--error' : ''}">${text}</p>` : nothing}
      </div>
      ${this.problem
        ? html`<p class="cibtp-menu__retry"><button type="button" class="cibtp-button cibtp-button--secondary" data-part="retry" @click=${() => this.retry()}>
            ${msg('Réessayer', { id: 'common.retry' })}
          </button></p>`
        : nothing}`;
  }

  protected stepTemplate(): TemplateResult {
    const listId = this.fid('entries');
    return html`<nav class="cibtp-menu" data-part="menu" aria-label=${msg('Menu de l’espace sécurisé', { id: 'navmenu.label' })}
      @keydown=${this.onKeydown} @focusout=${this.onFocusOut}>
      <button type="button" class="cibtp-button cibtp-button--secondary cibtp-menu__toggle" data-part="toggle"
        aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls=${listId} @click=${() => (this.menuOpen = !this.menuOpen)}>
        ${ICON_MENU}<span>${msg('Menu', { id: 'navmenu.toggle' })}</span>
      </button>
      <ul class="cibtp-menu__entries" id=${listId} ?data-open=${this.menuOpen}>
        ${this.entries().map((entry) => this.entryTemplate(entry))}
      </ul>
      ${this.stateTemplate()}
    </nav>`;
  }
}
