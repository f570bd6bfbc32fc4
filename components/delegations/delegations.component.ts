import { localized } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { PortalError } from '../../sdk/errors.js';
import { closeDelegation, confirmDelegation, deleteDelegation, delegationsOverview, searchDelegations } from '../../sdk/rights/operations.js';
import {
  DELEGATION_ROLES, DELEGATION_SORTS, DELEGATION_STATUSES,
  type Delegation, type DelegationRole, type DelegationSort, type DelegationStatus, type DelegationsOverview, type DelegationsQuery,
} from '../../sdk/schemas/rights.js';
import { MAX_PAGE_SIZE } from '../../sdk/schemas/tiers.js';
import type { Session } from '../../sdk/schemas/common.js';
import { emit, type CibtpEvent } from '../shared/events.js';
import { button, errorId, heading, notice } from '../shared/fields.js';
import { formatDay, roleLabel, statusLabel } from '../shared/delegation-labels.js';
import { ensureDefined } from '../shared/lazy.js';
import { LatestRequest } from '../shared/latest-request.js';
import { ListController, type ListPage, type ListQuery } from '../shared/list-controller.js';
import { getLocale, msg, str } from '../shared/localization.js';
import { errorMessage, fieldMessage, isOne, isolate, type Message } from '../shared/messages.js';
import { RequestController, RetryKeys } from '../shared/request-controller.js';
import { CibtpShellElement } from '../shared/shell-element.js';
import { cellLabel, pageButtonId, pageText, pagination, sortByLabel, sortHeader, staticHeader, type PageButton } from '../shared/table.js';
import { UrlStateController } from '../shared/url-state.js';
import { delegationsStyles } from './delegations.styles.js';

/** `cibtp-delegation-changed`: a delegation was closed, deleted or confirmed from the list. */
export type DelegationChangedDetail = CibtpEvent<'cibtp-delegation-changed'>['detail'];

/** What the list filters on: the filters row and *Exclure les utilisateurs inactifs*. */
export interface DelegationFilter {
  role: DelegationRole | '';
  status: DelegationStatus | '';
  excludeInactive: boolean;
  /** A date d'effet from this day on: the date input's value (`YYYY-MM-DD`, or '' ). */
  effectiveFrom: string;
  /** A date de fin up to this day. */
  endUntil: string;
}

type Query = ListQuery<DelegationFilter, DelegationSort>;

const NO_FILTER: DelegationFilter = { role: '', status: '', excludeInactive: false, effectiveFrom: '', endUntil: '' };

/** The page sizes the menu offers (the guides: 5 rows by default, a menu to show more). */
const PAGE_SIZES = [5, 10, 25, 50] as const;

/** A page size the backend accepts. */
function pageSizeOf(value: number): number {
  return Number.isFinite(value) ? Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(value))) : PAGE_SIZES[0];
}

/** The dates the backend takes (`IsoDate`): a real day of 2000–2099. A date input may hold a year 275760. */
function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value < '2000-01-01' || value > '2099-12-31') return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().startsWith(value);
}


/** Who a delegation is for: « MARTIN Sophie », the firm's name, or the address of a delegate who has not completed its account. */
function who(d: Delegation): string {
  return d.name.trim() || d.email;
}



/** « 7 bénéficiaires »: the member's count, all statuses. */
function beneficiariesText(count: number): string {
  if (count === 0) return msg('Aucun bénéficiaire', { id: 'delegations.beneficiaries.none' });
  const n = new Intl.NumberFormat(getLocale()).format(count);
  return isOne(count)
    ? msg(str`${n} bénéficiaire`, { id: 'delegations.beneficiaries.one' })
    : msg(str`${n} bénéficiaires`, { id: 'delegations.beneficiaries.other' });
}

/** « 3 résultats »: how many rows the filters keep. */
function resultsText(count: number): string {
  if (count === 0) return msg('Aucun résultat', { id: 'delegations.results.none' });
  const n = new Intl.NumberFormat(getLocale()).format(count);
  return isOne(count)
    ? msg(str`${n} résultat`, { id: 'delegations.results.one' })
    : msg(str`${n} résultats`, { id: 'delegations.results.other' });
}

/** The columns, in the guides' order; all but *Actions* sort on the backend. */
const COLUMNS: ReadonlyArray<{ sort: DelegationSort; label: () => string }> = [
  { sort: 'role', label: () => msg('Rôle', { id: 'delegations.col.role' }) },
  { sort: 'name', label: () => msg('Nom et prénom', { id: 'delegations.col.name' }) },
  { sort: 'status', label: () => msg('Statut', { id: 'delegations.col.status' }) },
  { sort: 'effectiveDate', label: () => msg('Date d’effet', { id: 'delegations.col.effective-date' }) },
  { sort: 'endDate', label: () => msg('Date de fin', { id: 'delegations.col.end-date' }) },
  { sort: 'email', label: () => msg('Courriel', { id: 'delegations.col.email' }) },
];
const actionsLabel = () => msg('Actions', { id: 'delegations.col.actions' });

/** The destructive (or binding) actions, each confirmed in the dialog first. */
type Action = 'close' | 'delete' | 'confirm';

/** What the dialog asks to confirm, and where the focus goes back to. */
interface Confirming {
  action: Action;
  delegation: Delegation;
  /** The `data-opener` of the button that opened it. */
  opener: string;
}

/** What the wizard shown in place of the list does. */
interface WizardView {
  delegationId?: string;
  readonly: boolean;
  cabinet: boolean;
  opener: string;
}

/** What the host needs of `<cibtp-delegation-wizard>` (loaded on demand: no static import of its class). */
type Wizard = HTMLElement & { updateComplete?: Promise<unknown>; focusHeading?: () => Promise<void> };

/** The keys the list keeps in the page's address (`url-state`). */
const URL_KEYS = ['role', 'status', 'inactive', 'from', 'until', 'sort', 'dir', 'page', 'size'] as const;

/**
 * *Gérer les droits d’accès*: the beneficiaries of the current tiers' delegations — « Liste des
 * bénéficiaires de délégation » — for its administrator: their role, name, status, dates and address,
 * and what can be done with each; *Ajouter une délégation*; and the *Cabinet comptable délégable* the
 * caisse knows for the member, with *Déléguer à mon cabinet comptable* (flows 8 and 9 of the guides).
 *
 * **A list the backend holds.** A member may have thousands of beneficiaries: the widget never loads
 * them all. The backend filters (*Rôle*, *Statut*, a *Date d’effet* from a day on, a *Date de fin* up to
 * a day, *Exclure les utilisateurs inactifs*), sorts (every column but *Actions*: press a column's
 * button, again for the other way; `aria-sort` says which) and pages (`searchDelegations`, 5 rows per
 * page by default, `page-size`; the menu offers 5, 10, 25 and 50). The latest request wins. After each
 * answer the live region says how many rows the filters keep, or which page is shown. The head says
 * the tiers' identifiant CIBTP and its count of beneficiaries (`delegationsOverview`).
 *
 * **The address keeps the list** (`url-state`): the filters, the sort and its direction, the page and
 * the page size go into the page's query string (values other than the defaults only, and nothing
 * else: the page's own parameters stay), replaced in place as filters are typed, as a new history entry
 * for a new page, sort or page size. The widget reads them back as it connects and on `popstate`, so
 * that *Back* and a reload show the same list. `url-state="liste"` prefixes its keys (`liste-page=2`),
 * for a page that holds two lists or has its own `page` parameter.
 *
 * **Actions** (each a button named with its row: « Voir la délégation de MARTIN Sophie »): a user's
 * delegation can be viewed, modified and closed (*Fermer*: it becomes *Inactif*); the firm's viewed and
 * deleted; an inactive user's delegation only viewed. *Voir*, *Modifier*, *Ajouter une délégation* and *Déléguer à
 * mon cabinet comptable* show `<cibtp-delegation-wizard>` in place of the list (its code is fetched the
 * first time); when it is done (`cibtp-delegation-saved`), the list comes back, reloaded, and the live
 * region says what happened; when it is left (`cibtp-delegation-cancel`), the list comes back as it
 * was; either way the focus returns to the button that opened it (or, when it is gone, the nearest
 * sensible place). *Fermer*, *Supprimer* and *Confirmer la délégation* (a firm that completed its
 * account waits for the administrator's confirmation) are confirmed first in a modal dialog that says
 * what will happen and to whom (*Confirmer* / *Annuler*; Escape cancels; the focus returns to the
 * button); then the request is sent, once; its result is announced, the list reloaded, and
 * `cibtp-delegation-changed` fired. A refusal is said in the dialog, which stays open.
 *
 * **States.** Loading; the list; no delegation yet, or none matching the filters (with *Effacer les
 * filtres*); a list that could not be loaded (its message, *Réessayer*); a login that may not manage
 * delegations on this tiers (403: « Vous n’avez pas les droits d’administration sur ce tiers. »); no
 * session (a link to sign in, through `cibtp-navigate`). When the session ends or moves to another
 * tiers, nothing of the previous one stays on screen.
 *
 * **Narrow screens.** Below about 40rem of the list's width each row becomes a card, every value under
 * its column's name (the table keeps its semantics); nothing scrolls sideways.
 *
 * Rendering is in the light DOM, like every widget of the kit; it has no card frame of its own (it is a
 * page of the space): its parts are `data-part` attributes (`cibtp-delegations [data-part="table"]`).
 *
 * @summary *Gérer les droits d’accès*: the beneficiaries of the tiers' delegations, filtered, sorted and paged by the backend.
 *
 * @fires cibtp-delegation-changed - `CustomEvent<{ id: string; action: 'closed' | 'deleted' | 'confirmed' }>`: a delegation
 *   was closed, deleted or confirmed (after the user confirmed it in the dialog).
 * @fires cibtp-delegation-saved - `CustomEvent<{ delegation: Delegation; action: 'created' | 'updated' }>`: from the
 *   `<cibtp-delegation-wizard>` it shows (bubbles out of the list).
 * @fires cibtp-delegation-cancel - `CustomEvent<{}>`: from the `<cibtp-delegation-wizard>` it shows.
 * @fires cibtp-navigate - `CustomEvent<{ to: 'login' }>`, cancelable: *Se connecter*, without a session.
 *
 * @datapart heading - The heading « Gérer les droits d’accès ».
 * @datapart summary - The identifiant CIBTP, the count of beneficiaries and *Exclure les utilisateurs inactifs*.
 * @datapart filters - The filters (*Rôle*, *Statut*, *Date d’effet*, *Date de fin*) and *Effacer les filtres*.
 * @datapart field - A label + control of the filters.
 * @datapart table - The `<table>` of beneficiaries (cards below about 40rem of width).
 * @datapart caption - The table's caption, with the number of matching rows.
 * @datapart cell-label - The column name shown above each value in the narrow (card) layout.
 * @datapart role-value - A row's role.
 * @datapart delegation-status - A row's status (text, with a mark).
 * @datapart actions - A row's buttons.
 * @datapart pagination - *Précédent*, the page buttons, « Page n sur N », *Suivant* and the page-size menu.
 * @datapart add - *Ajouter une délégation*.
 * @datapart cabinet - The *Cabinet comptable délégable* block.
 * @datapart cabinet-status - What the firm's delegation is at (none, waiting, active).
 * @datapart empty - No delegation, or none matching the filters.
 * @datapart loading - « Chargement des bénéficiaires… » while the first page is on its way.
 * @datapart notice - A box that says why the list cannot be shown (failure with *Réessayer*, forbidden, no session).
 * @datapart sign-in - The link (or button) to sign in, without a session.
 * @datapart wizard - The `<cibtp-delegation-wizard>` shown in place of the list (style its parts as `cibtp-delegation-wizard [data-part="…"]`).
 * @datapart dialog - The modal `<dialog>` that confirms a closing, a deletion or a confirmation.
 * @datapart dialog-confirm - The dialog's *Confirmer* button.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - Notes, the column names of the cards, a name not yet given.
 * @cssproperty --cibtp-color-background - Background of inputs, boxes and the dialog.
 * @cssproperty --cibtp-color-surface - Background of the table header, the firm's block and the statuses.
 * @cssproperty --cibtp-color-border - Borders of inputs, rows, cards and statuses.
 * @cssproperty --cibtp-color-primary - Buttons, sort buttons, the current page and the dialog's border.
 * @cssproperty --cibtp-color-primary-hover - Primary buttons on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons and on the current page.
 * @cssproperty --cibtp-color-error - Errors and failure boxes.
 * @cssproperty --cibtp-color-success - The mark of an active delegation.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit (default `1rem`).
 * @cssproperty --cibtp-max-width - Not used by the list itself (the shared sheet's default, replaced by `--cibtp-max-width-wide`).
 * @cssproperty --cibtp-max-width-wide - Widest the widget grows (default `64rem`): the table has seven columns.
 * @cssproperty --cibtp-control-height - Height of inputs and buttons (default `2.75rem`).
 *
 * @example
 * ```html
 * <cibtp-portal base-url="/api/" routes='{"login": "/connexion"}'>
 *   <cibtp-delegations url-state page-size="10"></cibtp-delegations>
 * </cibtp-portal>
 * <script type="module">
 *   document.addEventListener('cibtp-delegation-changed', (e) => console.log(e.detail.action, e.detail.id));
 * </script>
 * ```
 */
@localized()
export class CibtpDelegations extends CibtpShellElement {
  static override styles = delegationsStyles;

  /** Rows per page at first (5 by default, as in the guides); the page-size menu offers 5, 10, 25 and 50. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 5;

  /**
   * Keeps the list's filters, sort, page and page size in the page's query string (a Boolean attribute;
   * a value prefixes the keys: `url-state="liste"` writes `liste-page=2`).
   */
  @property({ attribute: 'url-state' }) urlState: string | null = null;

  @state() private overview: DelegationsOverview | undefined;
  @state() private overviewError: PortalError | undefined;
  @state() private overviewLoading = false;
  /** The wizard shown in place of the list. */
  @state() private wizard: WizardView | undefined;
  /** The wizard's code could not be fetched. */
  @state() private wizardProblem: PortalError | undefined;
  /** The action the dialog asks to confirm. */
  @state() private confirming: Confirming | undefined;
  /** The dialog's request failed. */
  @state() private dialogProblem: PortalError | undefined;

  /** The session (login and tiers) whose list is shown: another one starts over. */
  private shownFor: string | undefined;
  /** What the live region says after the next answer of the list. */
  private nextAnnouncement: 'count' | 'page' | 'none' = 'count';
  /** Where the focus goes once the list (and the head) asked for are shown or have failed. */
  private refocus: (() => void) | undefined;
  private wizardLoading = false;
  /** There is no client: what the page was told (once). */
  private noClient: PortalError | undefined;

  private readonly overviewRequest = new LatestRequest();
  private readonly actionRequest = new RequestController(this);
  private readonly actionKeys = new RetryKeys();

  private readonly list = new ListController<Delegation, DelegationFilter, DelegationSort>(this, {
    fetch: (query, signal) => this.fetchPage(query, signal),
    query: this.defaultQuery(),
    onLoad: (_query, page) => this.onLoad(page),
    // A signed-in login acting for a tiers: before that (no session yet, a portal still on its way) the
    // list waits, and `willUpdate` starts it.
    ready: () => this.sessionKey() !== undefined,
  });

  private readonly url = new UrlStateController(this, {
    prefix: () => this.urlState,
    keys: URL_KEYS,
    onPop: () => this.onPopState(),
  });

  private defaultQuery(): Query {
    return { filter: { ...NO_FILTER }, sort: 'name', direction: 'asc', page: 1, pageSize: pageSizeOf(this.pageSize ?? PAGE_SIZES[0]) };
  }

  override connectedCallback(): void {
    // The first page is asked for as the widget connects: with `page-size`, and what the address keeps.
    if (!this.list.loaded) this.list.query = this.queryFromUrl();
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.overviewRequest.cancel();
    this.overviewLoading = false;
    // Back on a page, the head is asked for again (the list does so as it reconnects).
    this.shownFor = undefined;
  }

  /** The login and tiers the list belongs to; `undefined` without a client, a session or a tiers. */
  private sessionKey(): string | undefined {
    const tiers = this.clients.value ? this.session?.tiers : undefined;
    return tiers ? `${this.session?.user.email ?? ''}\n${tiers.id}` : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('pageSize') && this.hasUpdated && pageSizeOf(this.pageSize) !== this.list.query.pageSize) {
      void this.list.setPageSize(pageSizeOf(this.pageSize));
    }
    const key = this.sessionKey();
    if (key === this.shownFor) return;
    const previous = this.shownFor;
    this.shownFor = key;
    // Another session, another tiers, or none: nothing of the previous one stays on screen.
    this.overview = undefined;
    this.overviewError = undefined;
    this.wizard = undefined;
    this.wizardProblem = undefined;
    this.confirming = undefined;
    this.dialogProblem = undefined;
    this.actionRequest.abort();
    if (previous !== undefined) {
      this.status = undefined;
      void this.list.restart();
    }
    if (key) {
      void this.loadOverview();
      void this.list.start();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.dialog;
    if (dialog && this.confirming && !dialog.open) dialog.showModal();
    else if (dialog && !this.confirming && dialog.open) dialog.close();
    // Once what was asked for is shown (or has failed), the focus goes where the action said.
    if (this.refocus && !this.list.loading && !this.overviewLoading) {
      const refocus = this.refocus;
      this.refocus = undefined;
      refocus();
    }
  }

  // ---- loading -----------------------------------------------------------------------------------

  private fetchPage(query: Query, signal: AbortSignal): Promise<ListPage<Delegation>> {
    const client = this.clients.value;
    if (!client) return Promise.reject(this.clients.missing());
    const f = query.filter;
    const input: DelegationsQuery = { sort: query.sort, direction: query.direction, page: query.page, pageSize: query.pageSize };
    if (f.role) input.role = f.role;
    if (f.status) input.status = f.status;
    if (f.excludeInactive) input.excludeInactive = 'true';
    if (isDate(f.effectiveFrom)) input.effectiveFrom = f.effectiveFrom;
    if (isDate(f.endUntil)) input.endUntil = f.endUntil;
    return searchDelegations(client, input, { signal });
  }

  private async loadOverview(): Promise<void> {
    const client = this.clients.value;
    if (!client) return;
    this.overviewLoading = true;
    const outcome = await this.overviewRequest.run((signal) => delegationsOverview(client, { signal }));
    if (!outcome) return;
    this.overviewLoading = false;
    if (outcome.ok) {
      this.overview = outcome.value;
      this.overviewError = undefined;
    } else {
      this.overviewError = outcome.error;
    }
  }

  private onLoad(page: ListPage<Delegation>): void {
    const total = page.total;
    const at = this.list.query.page;
    const of = this.list.pageCount;
    const next = this.nextAnnouncement;
    this.nextAnnouncement = 'count';
    if (next === 'page') this.status = () => pageText(at, of);
    else if (next === 'count') this.status = () => resultsText(total);
    // The page shown may differ from the one asked for (the list shrank): the address follows.
    this.writeUrl('replace');
  }

  /** The head and the list again (after a change, or *Réessayer*). */
  private reloadAll(): void {
    void this.loadOverview();
    void this.list.reload();
  }

  // ---- the address (url-state) ---------------------------------------------------------------------

  /** The query the address keeps (its values checked one by one; a wrong one is the default). */
  private queryFromUrl(): Query {
    const base = this.defaultQuery();
    if (!this.url.enabled) return base;
    const read = (key: (typeof URL_KEYS)[number]) => this.url.read(key) ?? '';
    const role = read('role');
    const status = read('status');
    const from = read('from');
    const until = read('until');
    const sort = read('sort');
    const page = Number(read('page'));
    const size = Number(read('size'));
    return {
      filter: {
        role: (DELEGATION_ROLES as readonly string[]).includes(role) ? (role as DelegationRole) : '',
        status: (DELEGATION_STATUSES as readonly string[]).includes(status) ? (status as DelegationStatus) : '',
        excludeInactive: read('inactive') === 'exclude',
        effectiveFrom: isDate(from) ? from : '',
        endUntil: isDate(until) ? until : '',
      },
      sort: (DELEGATION_SORTS as readonly string[]).includes(sort) ? (sort as DelegationSort) : base.sort,
      direction: read('dir') === 'desc' ? 'desc' : 'asc',
      page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1,
      pageSize: Number.isInteger(size) && size >= 1 && size <= MAX_PAGE_SIZE ? size : base.pageSize,
    };
  }

  /** Writes the list's state into the address (only what differs from the defaults). */
  private writeUrl(mode: 'push' | 'replace'): void {
    if (!this.url.enabled) return;
    const q = this.list.query;
    const base = this.defaultQuery();
    const f = q.filter;
    this.url.write(
      {
        role: f.role || undefined,
        status: f.status || undefined,
        inactive: f.excludeInactive ? 'exclude' : undefined,
        from: isDate(f.effectiveFrom) ? f.effectiveFrom : undefined,
        until: isDate(f.endUntil) ? f.endUntil : undefined,
        sort: q.sort !== base.sort || q.direction !== base.direction ? q.sort : undefined,
        dir: q.direction !== base.direction || q.sort !== base.sort ? q.direction : undefined,
        page: q.page !== 1 ? String(q.page) : undefined,
        size: q.pageSize !== base.pageSize ? String(q.pageSize) : undefined,
      },
      mode,
    );
  }

  /** *Back* or *Forward*: the list the address keeps. */
  private onPopState(): void {
    const query = this.queryFromUrl();
    if (JSON.stringify(query) === JSON.stringify(this.list.query)) return;
    this.list.query = query;
    this.nextAnnouncement = 'count';
    void this.list.reload();
  }

  // ---- templates ---------------------------------------------------------------------------------

  private get dialog(): HTMLDialogElement | null {
    return this.querySelector<HTMLDialogElement>(`#${CSS.escape(this.fid('dialog'))}`);
  }

  private get filtered(): boolean {
    const f = this.list.query.filter;
    return Boolean(f.role || f.status || f.excludeInactive || isDate(f.effectiveFrom) || isDate(f.endUntil));
  }

  protected override stepTemplate(): TemplateResult {
    const title = this.headingTemplate(msg('Gérer les droits d’accès', { id: 'delegations.title' }));
    if (!this.clients.value) return html`${title}${this.noClientTemplate()}`;
    const session = this.session;
    if (!session?.tiers) return html`${title}${this.noSessionTemplate(session)}`;
    if ([this.overviewError, this.list.error].some((e) => e?.code === 'forbidden')) return html`${title}${this.forbiddenTemplate()}`;
    if (this.wizard) return html`${title}${this.wizardTemplate(this.wizard)}`;
    return html`${title}
      <div class="cibtp-delegations__page">
        ${heading(this.headingLevel + 1, this.fid('list-heading'), msg('Liste des bénéficiaires de délégation', { id: 'delegations.subtitle' }), 'cibtp-subheading')}
        ${this.problemTemplate()} ${this.headTemplate()} ${this.filtersTemplate()} ${this.listTemplate()}
        <div class="cibtp-actions cibtp-delegations__add">
          <button type="button" class="cibtp-button cibtp-button--primary" data-part="add" data-opener="add"
            @click=${() => void this.openWizard({ readonly: false, cabinet: false, opener: 'add' })}>
            ${msg('Ajouter une délégation', { id: 'delegations.add' })}
          </button>
        </div>
        ${this.cabinetTemplate()}
      </div>
      ${this.dialogTemplate()}`;
  }

  private noClientTemplate(): TemplateResult {
    return notice({
      id: this.fid('load-error'),
      tone: 'error',
      headingLevel: this.headingLevel + 1,
      title: msg('La liste des bénéficiaires n’a pas pu être affichée', { id: 'delegations.load-failed' }),
      body: errorMessage((this.noClient ??= this.clients.missing())),
    });
  }

  private noSessionTemplate(session: Session | null): TemplateResult {
    if (session) {
      return html`<p class="cibtp-note" data-part="notice">
        ${msg('Choisissez d’abord l’adhérent et le site déclarant pour lesquels vous agissez.', { id: 'delegations.no-tiers' })}
      </p>`;
    }
    return html`<div class="cibtp-notice cibtp-notice--info" data-part="notice">
      <p class="cibtp-notice__body">${msg('Connectez-vous pour gérer les droits d’accès de votre entreprise.', { id: 'delegations.no-session' })}</p>
      ${this.nav.link({ to: 'login' }, msg('Se connecter', { id: 'common.sign-in' }), { part: 'sign-in', className: 'cibtp-button cibtp-button--primary' })}
    </div>`;
  }

  private forbiddenTemplate(): TemplateResult {
    return notice({
      id: this.fid('forbidden'),
      tone: 'info',
      headingLevel: this.headingLevel + 1,
      title: msg('Accès réservé aux administrateurs', { id: 'delegations.forbidden.title' }),
      body: msg('Vous n’avez pas les droits d’administration sur ce tiers.', { id: 'delegations.forbidden' }),
    });
  }

  private wizardTemplate(w: WizardView): TemplateResult {
    return html`<cibtp-delegation-wizard data-part="wizard" .client=${this.clients.value} heading-level=${this.headingLevel + 1}
      delegation-id=${ifDefined(w.delegationId)} ?readonly=${w.readonly} ?cabinet=${w.cabinet}
      @cibtp-delegation-saved=${this.onSaved} @cibtp-delegation-cancel=${this.onWizardCancel}></cibtp-delegation-wizard>`;
  }

  /** A head or list that failed to load, or a wizard whose code could not be fetched. */
  private problemTemplate(): TemplateResult | typeof nothing {
    if (this.wizardProblem) {
      return notice({
        id: this.fid('wizard-error'),
        tone: 'error',
        headingLevel: this.headingLevel + 2,
        title: msg('Le formulaire de délégation n’a pas pu être ouvert', { id: 'delegations.wizard-failed' }),
        body: errorMessage(this.wizardProblem),
      });
    }
    const problem = this.list.error ?? this.overviewError;
    if (!problem) return nothing;
    return notice({
      id: this.fid('load-error'),
      tone: 'error',
      headingLevel: this.headingLevel + 2,
      title: this.list.error
        ? msg('La liste des bénéficiaires n’a pas pu être affichée', { id: 'delegations.load-failed' })
        : msg('Les informations de l’adhérent n’ont pas pu être affichées', { id: 'delegations.overview-failed' }),
      body: errorMessage(problem),
      actions: html`<div class="cibtp-actions">
        ${button({ label: msg('Réessayer', { id: 'common.retry' }), pending: this.list.loading || this.overviewLoading, onClick: () => this.onRetry() })}
      </div>`,
    });
  }

  /** « Identifiant CIBTP : … », « 7 bénéficiaires », *Exclure les utilisateurs inactifs*. */
  private headTemplate(): TemplateResult {
    const o = this.overview;
    const id = this.fid('exclude-inactive');
    return html`<div class="cibtp-delegations__summary" data-part="summary">
      ${o
        ? html`<p class="cibtp-delegations__fact">${msg(str`Identifiant CIBTP\u00a0: ${isolate(o.identifiantCibtp)}`, { id: 'delegations.identifiant' })}</p>
            <p class="cibtp-delegations__fact">${beneficiariesText(o.beneficiaries)}</p>`
        : nothing}
      <div class="cibtp-delegations__check">
        <input type="checkbox" class="cibtp-checkbox" id=${id} .checked=${this.list.query.filter.excludeInactive}
          @change=${(e: Event) => this.onFilter({ excludeInactive: (e.target as HTMLInputElement).checked }, true)} />
        <label for=${id}>${msg('Exclure les utilisateurs inactifs', { id: 'delegations.exclude-inactive' })}</label>
      </div>
    </div>`;
  }

  private filtersTemplate(): TemplateResult {
    const f = this.list.query.filter;
    const all = msg('Tous', { id: 'delegations.filter.all' });
    return html`<fieldset class="cibtp-fieldset cibtp-delegations__filters" data-part="filters">
      <legend class="cibtp-legend">${msg('Filtrer la liste', { id: 'delegations.filters' })}</legend>
      <div class="cibtp-delegations__filter-grid">
        ${this.selectFilter('role', msg('Rôle', { id: 'delegations.col.role' }), f.role, [
          { value: '', label: all },
          ...DELEGATION_ROLES.map((r) => ({ value: r, label: roleLabel(r) })),
        ])}
        ${this.selectFilter('status', msg('Statut', { id: 'delegations.col.status' }), f.status, [
          { value: '', label: all },
          ...(['active', 'pending', 'inactive'] as const).map((s) => ({ value: s, label: statusLabel(s) })),
        ])}
        ${this.dateFilter('effectiveFrom', msg('Date d’effet à partir du', { id: 'delegations.filter.effective-from' }))}
        ${this.dateFilter('endUntil', msg('Date de fin jusqu’au', { id: 'delegations.filter.end-until' }))}
      </div>
      ${this.filtered && !(this.list.loaded && this.list.total === 0)
        ? html`<div class="cibtp-actions">${button({ label: msg('Effacer les filtres', { id: 'delegations.clear-filters' }), onClick: () => this.clearFilters() })}</div>`
        : nothing}
    </fieldset>`;
  }

  /**
   * A filter's `<select>` (« Tous » first). Its value is bound as a property too: *Effacer les filtres*
   * or *Back* change it after the user did, which a `selected` attribute alone would not show.
   */
  private selectFilter(key: 'role' | 'status', label: string, value: string, options: ReadonlyArray<{ value: string; label: string }>): TemplateResult {
    const id = this.fid(`filter-${key}`);
    return html`<div class="cibtp-field" data-part="field">
      <label class="cibtp-label" for=${id}>${label}</label>
      <select class="cibtp-input cibtp-select" id=${id} name=${key} .value=${value}
        @change=${(e: Event) => this.onFilter({ [key]: (e.target as HTMLSelectElement).value } as Partial<DelegationFilter>, true)}>
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
      </select>
    </div>`;
  }

  /** A native date input (the day a date d'effet starts from, or a date de fin ends by), checked against the dates the backend takes. */
  private dateFilter(key: 'effectiveFrom' | 'endUntil', label: string): TemplateResult {
    const id = this.fid(`filter-${key}`);
    const value = this.list.query.filter[key];
    const error = value && !isDate(value) ? fieldMessage(label, 'invalid') : undefined;
    const onChange = (e: Event) => this.onFilter({ [key]: (e.target as HTMLInputElement).value } as Partial<DelegationFilter>);
    return html`<div class="cibtp-field ${error ? 'cibtp-field--error' : ''}" data-part="field">
      <label class="cibtp-label" for=${id}>${label}</label>
      ${error ? html`<p class="cibtp-field-error" id=${errorId(id)}>${error}</p>` : nothing}
      <input class="cibtp-input" type="date" id=${id} name=${key} min="2000-01-01" max="2099-12-31"
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${ifDefined(error ? errorId(id) : undefined)}
        .value=${value} @input=${onChange} @change=${onChange} />
    </div>`;
  }

  /** The first load, a list that failed before showing anything, nothing matching, or the table. */
  private listTemplate(): TemplateResult | typeof nothing {
    const list = this.list;
    if (!list.loaded) {
      if (list.error) return nothing;
      return html`<p class="cibtp-note" data-part="loading">${msg('Chargement des bénéficiaires…', { id: 'delegations.loading' })}</p>`;
    }
    if (list.total === 0 || list.items.length === 0) {
      return this.filtered
        ? html`<div class="cibtp-empty" id=${this.fid('empty')} tabindex="-1" data-part="empty">
            <p>${msg('Aucun bénéficiaire ne correspond aux filtres.', { id: 'delegations.empty.filtered' })}</p>
            ${button({ label: msg('Effacer les filtres', { id: 'delegations.clear-filters' }), onClick: () => this.clearFilters() })}
          </div>`
        : html`<div class="cibtp-empty" id=${this.fid('empty')} tabindex="-1" data-part="empty">
            <p>${msg('Aucune délégation', { id: 'delegations.empty.none' })}</p>
          </div>`;
    }
    return html`${this.tableTemplate()}
      ${pagination({
        id: (name) => this.fid(name),
        page: list.query.page,
        count: list.pageCount,
        pageSize: list.query.pageSize,
        sizes: PAGE_SIZES,
        numbered: true,
        onPage: (page, from) => this.onPage(page, from),
        onPageSize: (size) => this.onPageSize(size),
      })}`;
  }

  /** The table, with explicit ARIA table roles (the cards change the `display` of its parts). */
  private tableTemplate(): TemplateResult {
    const list = this.list;
    const { sort, direction } = list.query;
    return html`<div class="cibtp-table-box">
      <table class="cibtp-table" role="table" id=${this.fid('table')} tabindex="-1" data-part="table" aria-busy=${list.loading ? 'true' : 'false'}>
        <caption class="cibtp-caption" data-part="caption">
          ${msg(str`Bénéficiaires de délégation\u00a0: ${resultsText(list.total)}`, { id: 'delegations.caption' })}
        </caption>
        <thead role="rowgroup">
          <tr role="row" data-sort-label=${sortByLabel()}>
            ${COLUMNS.map((c) => sortHeader({ sort: c.sort, label: c.label(), current: { sort, direction }, onSort: (s) => this.onSort(s) }))}
            ${staticHeader(actionsLabel())}
          </tr>
        </thead>
        <tbody role="rowgroup">
          ${list.items.map((d) => this.rowTemplate(d))}
        </tbody>
      </table>
    </div>`;
  }

  private rowTemplate(d: Delegation): TemplateResult {
    const [role, name, status, effective, end, email] = COLUMNS.map((c) => c.label());
    return html`<tr role="row" data-delegation=${d.id}>
      <td role="cell">${cellLabel(role!)}<span class="cibtp-delegations__role" data-part="role-value">${roleLabel(d.role)}</span></td>
      <th role="rowheader" scope="row">
        ${cellLabel(name!)}${d.name.trim()
          ? html`<bdi>${d.name}</bdi>`
          : html`<span class="cibtp-delegations__unnamed">${msg('Non renseigné', { id: 'delegations.unnamed' })}</span>`}
      </th>
      <td role="cell">${cellLabel(status!)}${this.statusTemplate(d)}</td>
      <td role="cell">${cellLabel(effective!)}<time datetime=${d.effectiveDate}>${formatDay(d.effectiveDate)}</time></td>
      <td role="cell">${cellLabel(end!)}${d.endDate
        ? html`<time datetime=${d.endDate}>${formatDay(d.endDate)}</time>`
        : html`<span aria-hidden="true">—</span><span class="cibtp-visually-hidden">${msg('Aucune', { id: 'delegations.no-end-date' })}</span>`}</td>
      <td role="cell">${cellLabel(email!)}<bdi class="cibtp-delegations__email">${d.email}</bdi></td>
      <td role="cell">${cellLabel(actionsLabel())}<div class="cibtp-delegations__actions" data-part="actions">${this.rowActions(d)}</div></td>
    </tr>`;
  }

  private statusTemplate(d: Delegation): TemplateResult {
    const text = d.status === 'pending' && d.awaitingConfirmation
      ? msg('En attente de confirmation', { id: 'delegations.status.awaiting' })
      : statusLabel(d.status);
    return html`<span class="cibtp-delegations__status" data-status=${d.status} data-part="delegation-status">${text}</span>`;
  }

  /** *Voir*, *Modifier*, *Fermer* (a user's; an inactive one is only viewed), *Voir*, *Supprimer* (the firm's). */
  private rowActions(d: Delegation): TemplateResult {
    const target = isolate(who(d));
    const action = (key: string, verb: string, rest: string, onClick: () => void) => {
      const opener = `${key}:${d.id}`;
      return html`<button type="button" class="cibtp-button cibtp-button--secondary cibtp-delegations__action" data-opener=${opener}
        data-action=${key} @click=${onClick}>${verb}<span class="cibtp-visually-hidden"> ${rest}</span></button>`;
    };
    const rest = msg(str`la délégation de ${target}`, { id: 'delegations.action.of' });
    const view = action('view', msg('Voir', { id: 'delegations.action.view' }), rest, () =>
      void this.openWizard({ delegationId: d.id, readonly: true, cabinet: false, opener: `view:${d.id}` }));
    if (d.role === 'cabinet') {
      return html`${view} ${action('delete', msg('Supprimer', { id: 'delegations.action.delete' }), rest, () =>
        this.ask('delete', d, `delete:${d.id}`))}`;
    }
    if (d.status === 'inactive') return view;
    return html`${view}
      ${action('modify', msg('Modifier', { id: 'delegations.action.modify' }), rest, () =>
        void this.openWizard({ delegationId: d.id, readonly: false, cabinet: false, opener: `modify:${d.id}` }))}
      ${action('close', msg('Fermer', { id: 'delegations.action.close' }), rest, () => this.ask('close', d, `close:${d.id}`))}`;
  }

  /** *Cabinet comptable délégable : …*: no delegation yet, waiting, or active; nothing when the caisse knows no firm. */
  private cabinetTemplate(): TemplateResult | typeof nothing {
    const cabinet = this.overview?.cabinet;
    if (!cabinet) return nothing;
    const d = cabinet.delegation;
    const title = msg(str`Cabinet comptable délégable\u00a0: ${isolate(cabinet.name)}`, { id: 'delegations.cabinet.title' });
    let body: TemplateResult;
    if (!d) {
      body = html`<p data-part="cabinet-status">${msg('Vous n’avez défini aucune délégation à votre cabinet comptable.', { id: 'delegations.cabinet.none' })}</p>
        <div class="cibtp-actions">
          <button type="button" class="cibtp-button cibtp-button--primary" data-opener="cabinet-add"
            @click=${() => void this.openWizard({ readonly: false, cabinet: true, opener: 'cabinet-add' })}>
            ${msg('Déléguer à mon cabinet comptable', { id: 'delegations.cabinet.add' })}
          </button>
        </div>`;
    } else {
      const since = formatDay(d.effectiveDate);
      const state = d.status === 'active'
        ? d.endDate
          ? msg(str`Délégation active depuis le ${since}, jusqu’au ${formatDay(d.endDate)}.`, { id: 'delegations.cabinet.active-until' })
          : msg(str`Délégation active depuis le ${since}.`, { id: 'delegations.cabinet.active' })
        : d.awaitingConfirmation
          ? msg('En attente de votre confirmation\u00a0: le cabinet comptable a complété son compte. Son accès ne sera actif qu’une fois la délégation confirmée.', { id: 'delegations.cabinet.awaiting' })
          : msg('En attente de l’inscription du cabinet comptable\u00a0: un courriel l’invite à compléter son compte.', { id: 'delegations.cabinet.pending' });
      body = html`<p data-part="cabinet-status">${state}</p>
        <div class="cibtp-actions">
          ${d.status === 'pending' && d.awaitingConfirmation
            ? html`<button type="button" class="cibtp-button cibtp-button--primary" data-opener="cabinet-confirm"
                @click=${() => this.ask('confirm', d, 'cabinet-confirm')}>${msg('Confirmer la délégation', { id: 'delegations.cabinet.confirm' })}</button>`
            : nothing}
          <button type="button" class="cibtp-button cibtp-button--secondary" data-opener="cabinet-view"
            @click=${() => void this.openWizard({ delegationId: d.id, readonly: true, cabinet: false, opener: 'cabinet-view' })}>
            ${msg('Voir la délégation', { id: 'delegations.cabinet.view' })}
          </button>
          <button type="button" class="cibtp-button cibtp-button--secondary" data-opener="cabinet-delete"
            @click=${() => this.ask('delete', d, 'cabinet-delete')}>${msg('Supprimer la délégation', { id: 'delegations.cabinet.delete' })}</button>
        </div>`;
    }
    return html`<section class="cibtp-delegations__cabinet" aria-labelledby=${this.fid('cabinet-heading')} data-part="cabinet">
      ${heading(this.headingLevel + 1, this.fid('cabinet-heading'), title, 'cibtp-subheading')} ${body}
    </section>`;
  }

  /** The confirmation of a closing, a deletion or a confirmation: what will happen, and to whom. */
  private dialogTemplate(): TemplateResult {
    const c = this.confirming;
    const pending = this.actionRequest.pending;
    return html`<dialog class="cibtp-delegations__dialog" id=${this.fid('dialog')} data-part="dialog"
      aria-labelledby=${c ? this.fid('dialog-title') : nothing} aria-describedby=${c ? this.fid('dialog-body') : nothing}
      @cancel=${this.onDialogCancel} @close=${this.onDialogClose}>
      ${c
        ? html`${heading(this.headingLevel + 1, this.fid('dialog-title'), dialogTitle(c.action), 'cibtp-subheading')}
            <p id=${this.fid('dialog-body')}>${dialogBody(c)}</p>
            ${this.dialogProblem
              ? notice({
                  id: this.fid('dialog-error'),
                  tone: 'error',
                  headingLevel: this.headingLevel + 2,
                  title: failureTitle(c.action),
                  body: errorMessage(this.dialogProblem),
                })
              : nothing}
            <div class="cibtp-actions" aria-busy=${pending ? 'true' : 'false'}>
              <button type="button" class="cibtp-button cibtp-button--primary" data-part="dialog-confirm"
                aria-disabled=${pending ? 'true' : 'false'} @click=${() => void this.onConfirm()}>
                ${msg('Confirmer', { id: 'delegations.dialog.confirm' })}
              </button>
              <button type="button" class="cibtp-button cibtp-button--secondary" autofocus @click=${() => this.cancelDialog()}>
                ${msg('Annuler', { id: 'common.cancel' })}
              </button>
            </div>`
        : nothing}
    </dialog>`;
  }

  // ---- behaviour ---------------------------------------------------------------------------------

  private onFilter(change: Partial<DelegationFilter>, now = false): void {
    this.nextAnnouncement = 'count';
    void this.list.filter(change, { now });
    this.writeUrl('replace');
  }

  private clearFilters(): void {
    this.nextAnnouncement = 'count';
    void this.list.filter({ ...NO_FILTER }, { now: true });
    this.writeUrl('replace');
    // The button goes away with the filters: the focus goes to the first of them.
    void this.updateComplete.then(() => this.querySelector<HTMLElement>(`#${CSS.escape(this.fid('filter-role'))}`)?.focus());
  }

  private onSort(sort: DelegationSort): void {
    this.nextAnnouncement = 'count';
    void this.list.sortBy(sort);
    this.writeUrl('push');
  }

  /** A page button: the focus stays on the button pressed, or goes to the table when it got disabled. */
  private onPage(page: number, from: PageButton): void {
    this.nextAnnouncement = 'page';
    this.refocus = () => {
      const pressed = this.querySelector<HTMLButtonElement>(`#${CSS.escape(pageButtonId((name) => this.fid(name), from))}`);
      if (pressed && !pressed.disabled) {
        pressed.focus();
        return;
      }
      this.focusFirst(['#table', '#list-heading']);
    };
    void this.list.goTo(page);
    this.writeUrl('push');
  }

  private onPageSize(size: number): void {
    this.nextAnnouncement = 'count';
    void this.list.setPageSize(pageSizeOf(size));
    this.writeUrl('push');
  }

  /** *Réessayer*: what failed, again; once shown, the focus goes to the list (the button goes away). */
  private onRetry(): void {
    if (this.list.loading || this.overviewLoading) return;
    this.refocus = () => {
      if (this.list.error || this.overviewError) return;
      this.focusFirst(['#table', '#empty', '#list-heading']);
    };
    if (this.overviewError) void this.loadOverview();
    if (this.list.error || !this.list.loaded) void this.list.reload();
  }

  /** Focuses the first of `targets` found: `#name` an instance id, otherwise a button's `data-opener`. */
  private focusFirst(targets: readonly string[]): void {
    for (const target of targets) {
      const el = target.startsWith('#')
        ? this.querySelector<HTMLElement>(`#${CSS.escape(this.fid(target.slice(1)))}`)
        : this.querySelector<HTMLElement>(`[data-opener="${CSS.escape(target)}"]`);
      if (el && !(el as HTMLButtonElement).disabled) {
        el.focus();
        return;
      }
    }
  }

  /** Says `message` in the live region, even when it is the same words as the last time. */
  private async announce(message: Message): Promise<void> {
    this.status = undefined;
    await this.updateComplete;
    this.status = message;
  }

  // The wizard -----------------------------------------------------------------------------------

  private async openWizard(view: WizardView): Promise<void> {
    if (this.wizardLoading || this.wizard) return;
    this.wizardProblem = undefined;
    this.wizardLoading = true;
    try {
      await ensureDefined('cibtp-delegation-wizard', () => import('../delegation-wizard/delegation-wizard.js'));
    } catch (error) {
      this.wizardProblem = error as PortalError;
      await this.updateComplete;
      this.focusFirst(['#wizard-error']);
      return;
    } finally {
      this.wizardLoading = false;
    }
    this.status = undefined;
    this.wizard = view;
    await this.updateComplete;
    const wizard = this.querySelector<Wizard>('cibtp-delegation-wizard');
    await wizard?.updateComplete;
    await wizard?.focusHeading?.();
  }

  /** Back to the list, reloaded; the live region says what was saved. */
  private onSaved(event: CibtpEvent<'cibtp-delegation-saved'>): void {
    const view = this.wizard;
    if (!view) return;
    const { delegation, action } = event.detail;
    this.wizard = undefined;
    this.nextAnnouncement = 'none';
    void this.announce(action === 'created'
      ? () => msg(str`Délégation créée\u00a0: un courriel d’activation a été envoyé à ${isolate(delegation.email)}.`, { id: 'delegations.saved.created' })
      : () => msg(str`Délégation modifiée\u00a0: ${isolate(who(delegation))}.`, { id: 'delegations.saved.updated' }));
    this.refocus = () => this.focusFirst([view.opener, `view:${delegation.id}`, 'cabinet-view', '#list-heading']);
    this.reloadAll();
  }

  /** Back to the list as it was, the focus on the button that opened the wizard. */
  private onWizardCancel(): void {
    const view = this.wizard;
    if (!view) return;
    this.wizard = undefined;
    void this.updateComplete.then(() => this.focusFirst([view.opener, '#list-heading']));
  }

  // The dialog -----------------------------------------------------------------------------------

  private ask(action: Action, delegation: Delegation, opener: string): void {
    if (this.confirming) return;
    this.dialogProblem = undefined;
    this.confirming = { action, delegation, opener };
  }

  /** *Annuler* or Escape: nothing is sent (a request under way is abandoned), the focus goes back. */
  private cancelDialog(): void {
    const c = this.confirming;
    if (!c) return;
    const abandoned = this.actionRequest.pending;
    this.actionRequest.abort();
    this.confirming = undefined;
    this.dialogProblem = undefined;
    // An abandoned request may have reached the server: the list says what it did.
    if (abandoned) this.reloadAll();
    void this.updateComplete.then(() => this.focusFirst([c.opener, '#list-heading']));
  }

  /**
   * Escape: the widget closes the dialog itself. Chromium fires a dialog's `close` event at the next
   * animation frame, which a page in the background never gets; `cancel` comes at once.
   */
  private onDialogCancel(event: Event): void {
    if (event.target !== event.currentTarget) return;
    event.preventDefault();
    this.cancelDialog();
  }

  /** A close the widget did not ask for (the browser's own): the state follows. */
  private onDialogClose(event: Event): void {
    if (event.target === event.currentTarget && this.confirming) this.cancelDialog();
  }

  /** *Confirmer*: the request, once; the result announced, the list reloaded, `cibtp-delegation-changed`. */
  private async onConfirm(): Promise<void> {
    const c = this.confirming;
    if (!c || this.actionRequest.pending) return;
    const client = this.clients.value;
    if (!client) {
      this.dialogProblem = this.clients.missing();
      return;
    }
    this.dialogProblem = undefined;
    const id = c.delegation.id;
    const idempotencyKey = this.actionKeys.key([c.action, id]);
    const outcome = await this.actionRequest.run(async (signal) => {
      const options = { signal, idempotencyKey };
      if (c.action === 'close') await closeDelegation(client, { id }, options);
      else if (c.action === 'delete') await deleteDelegation(client, { id }, options);
      else await confirmDelegation(client, { id }, options);
    });
    if (!outcome || this.confirming !== c) return;
    this.actionKeys.settle(outcome.ok ? undefined : outcome.error);
    if (!outcome.ok) {
      this.dialogProblem = outcome.error;
      await this.updateComplete;
      this.focusFirst(['#dialog-error']);
      return;
    }
    this.confirming = undefined;
    const name = isolate(who(c.delegation));
    const changed = c.action === 'close' ? 'closed' : c.action === 'delete' ? 'deleted' : 'confirmed';
    this.nextAnnouncement = 'none';
    void this.announce(c.action === 'close'
      ? () => msg(str`La délégation de ${name} est fermée.`, { id: 'delegations.closed' })
      : c.action === 'delete'
        ? () => msg(str`La délégation de ${name} est supprimée.`, { id: 'delegations.deleted' })
        : () => msg(str`La délégation de ${name} est confirmée.`, { id: 'delegations.confirmed' }));
    // The button pressed may be gone (a closed delegation has no *Fermer*): the nearest one left, in
    // the firm's block for an action taken there, else in the row.
    const near = c.opener.startsWith('cabinet-') ? ['cabinet-view', 'cabinet-add', '#cabinet-heading'] : [`view:${id}`, 'cabinet-add'];
    this.refocus = () => this.focusFirst([c.opener, ...near, '#table', '#empty', '#list-heading']);
    this.reloadAll();
    emit(this, 'cibtp-delegation-changed', { id, action: changed });
  }
}

function dialogTitle(action: Action): string {
  switch (action) {
    case 'close': return msg('Fermer la délégation', { id: 'delegations.dialog.close.title' });
    case 'delete': return msg('Supprimer la délégation', { id: 'delegations.cabinet.delete' });
    case 'confirm': return msg('Confirmer la délégation', { id: 'delegations.cabinet.confirm' });
  }
}

function dialogBody(c: Confirming): string {
  const name = isolate(who(c.delegation));
  switch (c.action) {
    case 'close':
      return msg(str`La délégation de ${name} (${isolate(c.delegation.email)}) sera fermée\u00a0: elle passera au statut Inactif et ses droits d’accès à votre espace prendront fin dès maintenant.`, {
        id: 'delegations.dialog.close.body',
      });
    case 'delete':
      return msg(str`La délégation de ${name} sera supprimée\u00a0: le cabinet comptable n’aura plus accès à votre espace.`, {
        id: 'delegations.dialog.delete.body',
      });
    case 'confirm':
      return msg(str`${name} aura accès à votre espace, avec les droits que vous lui avez délégués.`, {
        id: 'delegations.dialog.confirm.body',
      });
  }
}

function failureTitle(action: Action): string {
  switch (action) {
    case 'close': return msg('La délégation n’a pas pu être fermée', { id: 'delegations.dialog.close.failed' });
    case 'delete': return msg('La délégation n’a pas pu être supprimée', { id: 'delegations.dialog.delete.failed' });
    case 'confirm': return msg('La délégation n’a pas pu être confirmée', { id: 'delegations.dialog.confirm.failed' });
  }
}
