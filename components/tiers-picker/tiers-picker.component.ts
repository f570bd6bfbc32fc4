import { localized } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { selectTiers } from '../../sdk/auth/index.js';
import type { PortalError } from '../../sdk/errors.js';
import { SelectTiersRequest } from '../../sdk/schemas/auth.js';
import type { Session, Tiers } from '../../sdk/schemas/common.js';
import { MAX_PAGE_SIZE, type TiersSort } from '../../sdk/schemas/tiers.js';
import { searchTiers } from '../../sdk/tiers/operations.js';
import { CibtpElement } from '../shared/base-element.js';
import { TooltipController, dsnAlerts } from '../shared/dsn-alerts.js';
import { emit, type CibtpEventDetails } from '../shared/events.js';
import { button, errorId, formActions, formShell, hintId, notice } from '../shared/fields.js';
import type { FormField } from '../shared/form-controller.js';
import { ListController, type ListPage, type ListQuery } from '../shared/list-controller.js';
import { getLocale, msg, str } from '../shared/localization.js';
import { errorMessage, isOne, isolate } from '../shared/messages.js';
import { cellLabel, pageButtonId, pageText, pagination, sortByLabel, sortHeader, staticHeader, type PageButton } from '../shared/table.js';
import { tiersPickerStyles } from './tiers-picker.styles.js';

/** `cibtp-tiers-selected`: `selectTiers` succeeded; `session` now acts for the chosen tiers. */
export type TiersSelectedDetail = CibtpEventDetails['cibtp-tiers-selected'];
/** `cibtp-tiers-cancel`: *Annuler*, no tiers chosen. */
export type TiersCancelDetail = CibtpEventDetails['cibtp-tiers-cancel'];

/** What the list filters on: the search box (raison sociale, SIRET or identifiant). */
interface TiersFilter {
  q: string;
}

/** The page sizes the menu offers (the guide's lists offer a few; the backend allows up to 100). */
const PAGE_SIZES = [10, 25, 50, 100] as const;

/** A page size the backend accepts. */
function pageSizeOf(value: number): number {
  return Number.isFinite(value) ? Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(value))) : PAGE_SIZES[0];
}

/** « 732 829 320 00074 »: a SIRET read in the groups people say it in (SIREN 3 3 3, then NIC 5). */
export function formatSiret(siret: string): string {
  return /^\d{14}$/.test(siret) ? `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}` : siret;
}

/** « DURAND BTP — Agence de Saint-Étienne »: what tells a tiers apart from the company's other sites. */
function tiersName(t: Tiers): string {
  return `${t.raisonSociale} — ${t.siteName}`;
}

/** The columns, in the guide's order, each sortable by the backend. */
const COLUMNS: ReadonlyArray<{ sort: TiersSort; label: () => string }> = [
  { sort: 'raisonSociale', label: () => msg('Raison sociale', { id: 'tiers-picker.col.name' }) },
  { sort: 'siret', label: () => msg('SIRET', { id: 'tiers-picker.col.siret' }) },
  { sort: 'siteName', label: () => msg('Nom du site déclarant', { id: 'tiers-picker.col.site' }) },
  { sort: 'identifiantCibtp', label: () => msg('Identifiant', { id: 'tiers-picker.col.id' }) },
  { sort: 'dsnAlerts', label: () => msg('Alertes DSN', { id: 'tiers-picker.col.alerts' }) },
];

/**
 * The choice of the adhérent and declaring site (*tiers*) a login acts for — « Choix de l’adhérent et du
 * site déclarant » — after a login linked to several tiers, or from a running session (*Changer de
 * tiers*). The one table of tiers of the kit: `<cibtp-login>` shows it as its tiers step, the top bar
 * in its dialog.
 *
 * **A list the backend holds.** The session says only how many tiers the login has (`tiersCount`); an
 * accounting firm acts for thousands. The widget never loads them all: the backend searches (raison
 * sociale, SIRET or identifiant, as the user types, after a pause), sorts (every column) and pages
 * (`searchTiers`); the latest request wins. After each answer the live region says how many rows match.
 *
 * **Choosing.** One native radio per row, in one group per instance: Tab enters the group, the arrow
 * keys move the selection, a click on the raison sociale selects its row. The choice survives a page
 * change or a new search, and is repeated below the table (« Sélection : … ») so that a choice on
 * another page stays visible. When the session already acts for a tiers, it is the first choice.
 * *Valider* sends it (`selectTiers`), once; nothing chosen is a field error linked to the group, in the
 * error summary. *Annuler* fires `cibtp-tiers-cancel`.
 *
 * **DSN alerts.** The Alertes DSN column shows a button with the count; hovering or focusing it shows
 * the messages (WCAG 1.4.13: Escape dismisses them, the pointer can move onto them, they stay until
 * left), which a screen reader hears as the button's description.
 *
 * **Narrow screens.** Below about 40rem of width (a container query on the widget, whatever the
 * viewport), each row becomes a card: every value on its own line under its column's name, so that
 * nothing that tells two rows apart (two « DURAND BTP » sites) hides in a box that scrolls sideways. The
 * table keeps its semantics (explicit ARIA table roles, so that a screen reader still names each cell
 * by its column); the visible column names in the cards are `aria-hidden`, not said twice. The widget
 * is a size container: a host that sizes to its content (a `<dialog>` of `width: fit-content`, an
 * inline-block) gives it a width.
 *
 * Rendering is in the light DOM, like every widget of the kit (see `<cibtp-login>`): only the frame is
 * in the shadow root (`cibtp-tiers-picker::part(card)`, absent when `embedded`); the other parts are
 * `data-part` attributes (`cibtp-tiers-picker [data-part="table"]`).
 *
 * @summary Choice of the adhérent and declaring site: a searched, sorted and paged table with DSN alerts.
 *
 * @fires cibtp-tiers-selected - `CustomEvent<{ session: Session }>`: the tiers was chosen (`selectTiers` done); the SDK's session now acts for it.
 * @fires cibtp-tiers-cancel - `CustomEvent<{}>`: *Annuler*, no tiers chosen.
 *
 * @csspart card - The frame around the widget (a real part: `cibtp-tiers-picker::part(card)`); absent when `embedded`.
 * @datapart heading - The heading « Choix de l’adhérent et du site déclarant ».
 * @datapart form - The `<form>` around the list and the buttons.
 * @datapart instructions - « Veuillez sélectionner une ligne… ».
 * @datapart search - The search field (label, hint, `<input type="search">`).
 * @datapart table - The `<table>` of tiers (cards below about 40rem of width); it takes the focus when the page button pressed gets disabled, or after a successful *Réessayer*.
 * @datapart caption - The table's caption, with the number of matching rows.
 * @datapart cell-label - The column name shown above each value in the narrow (card) layout.
 * @datapart dsn-alerts - The DSN alerts button of a row (icon and count) with its tooltip.
 * @datapart dsn-messages - The tooltip listing a row's DSN messages.
 * @datapart selection - « Sélection : … », the chosen tiers, below the table.
 * @datapart pagination - « Page n sur N », *Précédent* / *Suivant* and the page-size menu.
 * @datapart empty - The message when no row matches the search.
 * @datapart loading - « Chargement des adhérents… », while the first page is on its way.
 * @datapart notice - The box of a list that could not be loaded, with *Réessayer*.
 * @datapart submit - The *Valider* button.
 * @datapart error-summary - The box listing the problems after a failed *Valider*.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - Hints, notes and the column names of the cards.
 * @cssproperty --cibtp-color-background - Background of the card, inputs, tooltips and boxes.
 * @cssproperty --cibtp-color-surface - Background of the table header and of the selected row.
 * @cssproperty --cibtp-color-border - Borders of the card, inputs, rows and tooltips.
 * @cssproperty --cibtp-color-primary - Buttons, sort buttons and the mark of the selected row.
 * @cssproperty --cibtp-color-primary-hover - Primary button on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - Errors, DSN alert counts and the error summary.
 * @cssproperty --cibtp-color-success - Success boxes.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit (default `1rem`).
 * @cssproperty --cibtp-max-width - Not used by the picker itself (the shared sheet's default, replaced by `--cibtp-max-width-wide`).
 * @cssproperty --cibtp-max-width-wide - Widest the widget grows (default `60rem`): the table has six columns.
 * @cssproperty --cibtp-control-height - Height of inputs and buttons (default `2.75rem`).
 *
 * @example
 * ```html
 * <cibtp-portal base-url="/api/">
 *   <cibtp-tiers-picker page-size="25"></cibtp-tiers-picker>
 * </cibtp-portal>
 * <script type="module">
 *   document.addEventListener('cibtp-tiers-selected', (e) => location.assign('/accueil'));
 * </script>
 * ```
 */
@localized()
export class CibtpTiersPicker extends CibtpElement {
  static override styles = tiersPickerStyles;

  /** Rows per page at first (10 by default); the page-size menu offers 10, 25, 50 and 100. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 10;

  /** Rendered inside another widget or a dialog (no card of its own). */
  @property({ type: Boolean, reflect: true }) embedded = false;

  /** The chosen tiers (kept whole: it may be on no page shown). */
  @state() private selected: Tiers | undefined;
  /** Whether the user chose: the session's tiers is then no longer the choice. */
  private userChose = false;
  /** The list waits for a client, and there is none: what the page was told (shown with *Réessayer*). */
  private noClient: PortalError | undefined;
  /** Where the focus goes once the page asked for is shown or has failed (a button that got disabled, a retry). */
  private refocus: (() => void) | undefined;
  /** The answer awaited is another page of the same list: the live region says which page too. */
  private pageMove = false;

  private readonly tooltips = new TooltipController(this);

  private readonly list = new ListController<Tiers, TiersFilter, TiersSort>(this, {
    fetch: (query, signal) => this.fetchPage(query, signal),
    query: { filter: { q: '' }, sort: 'raisonSociale', direction: 'asc', page: 1, pageSize: PAGE_SIZES[0] },
    onLoad: (_query, page) => this.onLoad(page),
    // A `client` set later, a portal defined later: the first page waits for it (`start()` in willUpdate).
    ready: () => this.clients.value !== undefined,
  });

  /**
   * The choice. Its value is the chosen tiers' id, kept by the form (`input()` as a row is chosen), not
   * read from the radios: the chosen row may be on no page shown.
   */
  private readonly form = this.createForm({ fields: [this.tiersField()], schema: SelectTiersRequest });

  /** The choice as a form field: its error names the group; the summary leads to the first radio shown. */
  private tiersField(): FormField {
    const picker = this;
    return {
      name: 'tiersId',
      label: () => msg('Adhérent et site déclarant', { id: 'tiers-picker.field' }),
      get target() {
        return picker.list.items.length ? 'row-0' : 'search';
      },
      messages: { required: () => msg('Sélectionnez un adhérent et un site déclarant', { id: 'tiers-picker.required' }) },
    };
  }

  protected override get framed(): boolean {
    return !this.embedded;
  }

  override connectedCallback(): void {
    // The list asks for its first page as the widget connects: with the `page-size` already set.
    if (!this.list.loaded) this.list.query = { ...this.list.query, pageSize: pageSizeOf(this.pageSize) };
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('pageSize') && pageSizeOf(this.pageSize) !== this.list.query.pageSize) void this.list.setPageSize(pageSizeOf(this.pageSize));
    if (!this.hasUpdated) this.followSession(this.sessionConsumer.value ?? this.clients.value?.session ?? null);
    // A client that arrived after the widget connected (a `client` set later, a portal defined later).
    void this.list.start();
    if (!this.list.waiting) this.noClient = undefined;
    else this.noClient ??= this.clients.missing();
  }

  protected override sessionChanged(session: Session | null): void {
    super.sessionChanged(session);
    this.followSession(session);
  }

  /** *Changer de tiers*: the tiers the session acts for is the first choice. */
  private followSession(session: Session | null): void {
    if (this.userChose || !session?.tiers) return;
    this.selected = session.tiers;
    this.form.set('tiersId', session.tiers.id);
  }

  private fetchPage(query: ListQuery<TiersFilter, TiersSort>, signal: AbortSignal): Promise<ListPage<Tiers>> {
    const client = this.clients.value;
    if (!client) return Promise.reject(this.clients.missing());
    const q = query.filter.q.trim();
    return searchTiers(
      client,
      { ...(q ? { q } : {}), sort: query.sort, direction: query.direction, page: query.page, pageSize: query.pageSize },
      { signal },
    );
  }

  private onLoad(page: ListPage<Tiers>): void {
    const total = page.total;
    const at = this.list.query.page;
    const of = this.list.pageCount;
    const moved = this.pageMove;
    this.pageMove = false;
    this.status = moved ? () => pageText(at, of) : () => countText(total);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Once the page asked for has come (or failed), the focus goes where the action said.
    if (this.refocus && !this.list.loading) {
      const refocus = this.refocus;
      this.refocus = undefined;
      refocus();
    }
  }

  // ---- templates ---------------------------------------------------------------------------------

  protected override stepTemplate(): TemplateResult {
    const form = this.form;
    const error = form.error('tiersId');
    return html`${this.headingTemplate(msg('Choix de l’adhérent et du site déclarant', { id: 'tiers-picker.title' }))}
      ${form.summary()}
      ${formShell({
        labelledBy: this.fid('heading'),
        busy: form.pending,
        onSubmit: this.onSubmit,
        body: html`<p class="cibtp-note" id=${this.fid('instructions')} data-part="instructions">
            ${msg('Veuillez sélectionner une ligne dans la liste ci-dessous puis cliquer sur le bouton Valider.', {
              id: 'tiers-picker.instructions',
            })}
          </p>
          ${this.searchTemplate()}
          <fieldset
            class="cibtp-fieldset"
            aria-describedby=${error ? `${this.fid('instructions')} ${errorId(this.fid('tiers'))}` : this.fid('instructions')}
          >
            <legend class="cibtp-visually-hidden">${msg('Adhérent et site déclarant', { id: 'tiers-picker.field' })}</legend>
            ${error ? html`<p class="cibtp-field-error" id=${errorId(this.fid('tiers'))}>${error}</p>` : nothing}
            ${this.listTemplate(error)}
          </fieldset>
          ${this.selectionTemplate()} ${this.list.loaded && this.list.total > 0 ? this.paginationTemplate() : nothing}
          ${formActions({
            submit: msg('Valider', { id: 'common.validate' }),
            pending: form.pending,
            secondary: { label: msg('Annuler', { id: 'common.cancel' }), onClick: this.onCancel },
          })}`,
      })}`;
  }

  private searchTemplate(): TemplateResult {
    const id = this.fid('search');
    return html`<div class="cibtp-field cibtp-search" data-part="search">
      <label class="cibtp-label" for=${id}>${msg('Rechercher un adhérent ou un site', { id: 'tiers-picker.search.label' })}</label>
      <p class="cibtp-hint" id=${hintId(id)}>${msg('Raison sociale, SIRET ou identifiant', { id: 'tiers-picker.search.hint' })}</p>
      <input
        class="cibtp-input"
        type="search"
        id=${id}
        autocomplete="off"
        spellcheck="false"
        aria-describedby=${hintId(id)}
        .value=${this.list.query.filter.q}
        @input=${this.onSearchInput}
        @keydown=${this.onSearchKey}
      />
    </div>`;
  }

  /** The first load, a failure, no match, or the table. */
  private listTemplate(error: string | undefined): TemplateResult {
    const list = this.list;
    const failure = list.error ? this.loadErrorTemplate(list.error) : nothing;
    if (!list.loaded) {
      const problem = list.error ?? this.noClient;
      if (problem) return this.loadErrorTemplate(problem);
      return html`<p class="cibtp-note" data-part="loading">${msg('Chargement des adhérents…', { id: 'tiers-picker.loading' })}</p>`;
    }
    if (list.total === 0 || list.items.length === 0) {
      const q = list.query.filter.q.trim();
      return html`${failure}
        <p class="cibtp-empty" data-part="empty">
          ${q
            ? msg(str`Aucun adhérent ne correspond à «\u00a0${isolate(q)}\u00a0».`, { id: 'tiers-picker.empty.search' })
            : msg('Aucun adhérent ni site déclarant n’est associé à votre compte.', { id: 'tiers-picker.empty.none' })}
        </p>`;
    }
    return html`${failure}${this.tableTemplate(error)}`;
  }

  private loadErrorTemplate(problem: PortalError): TemplateResult {
    return notice({
      id: this.fid('load-error'),
      tone: 'error',
      headingLevel: this.headingLevel + 1,
      title: msg('La liste des adhérents n’a pas pu être affichée', { id: 'tiers-picker.load-failed' }),
      body: errorMessage(problem),
      actions: html`<div class="cibtp-actions">
        ${button({ label: msg('Réessayer', { id: 'tiers-picker.retry' }), pending: this.list.loading, onClick: this.onRetry })}
      </div>`,
    });
  }

  /**
   * The table, with explicit ARIA table roles: the narrow layout changes the `display` of its parts,
   * which would otherwise make some browsers drop the table's semantics (and the column names of cells).
   */
  private tableTemplate(error: string | undefined): TemplateResult {
    const list = this.list;
    const { sort, direction } = list.query;
    return html`<div class="cibtp-table-box">
      <table class="cibtp-table" role="table" id=${this.fid('table')} tabindex="-1" data-part="table" aria-busy=${list.loading ? 'true' : 'false'}>
        <caption class="cibtp-caption" id=${this.fid('caption')} data-part="caption">
          ${msg(str`Adhérents et sites déclarants\u00a0: ${countText(list.total)}`, { id: 'tiers-picker.caption' })}
        </caption>
        <thead role="rowgroup">
          <tr role="row" data-sort-label=${sortByLabel()}>
            ${staticHeader(html`<span class="cibtp-visually-hidden">${msg('Sélection', { id: 'tiers-picker.col.select' })}</span>`, 'cibtp-col-select')}
            ${COLUMNS.map((column) => sortHeader({ sort: column.sort, label: column.label(), current: { sort, direction }, onSort: (s) => this.onSort(s) }))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          ${list.items.map((t, i) => this.rowTemplate(t, i, error))}
        </tbody>
      </table>
    </div>`;
  }

  private rowTemplate(t: Tiers, i: number, error: string | undefined): TemplateResult {
    const id = this.fid(`row-${i}`);
    const selected = this.selected?.id === t.id;
    const label = cellLabel;
    const [name, siret, site, ident, alerts] = COLUMNS.map((c) => c.label());
    return html`<tr role="row" ?data-selected=${selected}>
      <td role="cell" class="cibtp-col-select">
        <input
          type="radio"
          class="cibtp-radio"
          name=${this.fid('tiers')}
          id=${id}
          value=${t.id}
          .checked=${selected}
          aria-labelledby="${id}-name ${id}-site ${id}-ident"
          aria-describedby=${error ? errorId(this.fid('tiers')) : nothing}
          @change=${() => this.choose(t)}
        />
      </td>
      <th role="rowheader" scope="row">
        ${label(name!)}<label for=${id} id="${id}-name"><bdi>${t.raisonSociale}</bdi></label>
      </th>
      <td role="cell">${label(siret!)}<span class="cibtp-siret">${formatSiret(t.siret)}</span></td>
      <td role="cell">${label(site!)}<span id="${id}-site"><bdi>${t.siteName}</bdi></span></td>
      <td role="cell">${label(ident!)}<span id="${id}-ident">${t.identifiantCibtp}</span></td>
      <td role="cell">
        ${label(alerts!)}${dsnAlerts({
          id: this.fid(`alerts-${i}`),
          alerts: t.dsnAlerts,
          tooltips: this.tooltips,
          icon: 'warning',
          context: tiersName(t),
        })}
      </td>
    </tr>`;
  }

  private selectionTemplate(): TemplateResult | typeof nothing {
    const t = this.selected;
    if (!t) return nothing;
    return html`<p class="cibtp-selection" id=${this.fid('selection')} data-part="selection">
      ${msg(str`Sélection\u00a0: ${isolate(tiersName(t))}`, { id: 'tiers-picker.selection' })}
    </p>`;
  }

  private paginationTemplate(): TemplateResult {
    const list = this.list;
    return pagination({
      id: (name) => this.fid(name),
      page: list.query.page,
      count: list.pageCount,
      pageSize: list.query.pageSize,
      sizes: PAGE_SIZES,
      onPage: (page, from) => this.onPage(page, from),
      onPageSize: (size) => this.onPageSize(size),
    });
  }

  // ---- behaviour ---------------------------------------------------------------------------------

  private choose(t: Tiers): void {
    this.userChose = true;
    this.selected = t;
    // As if typed: after a failed *Valider*, the error goes as soon as a row is chosen.
    this.form.input('tiersId', t.id);
  }

  private onSearchInput(event: Event): void {
    this.pageMove = false;
    void this.list.filter({ q: (event.target as HTMLInputElement).value });
  }

  /** Enter in the search box searches at once; it must not submit the choice. */
  private onSearchKey(event: KeyboardEvent): void {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    this.pageMove = false;
    void this.list.filter({ q: (event.target as HTMLInputElement).value }, { now: true });
  }

  private onSort(sort: TiersSort): void {
    this.pageMove = false;
    void this.list.sortBy(sort);
  }

  /** *Précédent* / *Suivant*: the focus stays on the button, or goes to the table (named by its caption) if it got disabled. */
  private onPage(page: number, from: PageButton): void {
    this.pageMove = true;
    this.refocus = () => {
      const pressed = this.querySelector<HTMLButtonElement>(`#${CSS.escape(pageButtonId((name) => this.fid(name), from))}`);
      if (pressed && !pressed.disabled) return;
      void this.focusId(this.querySelector(`#${CSS.escape(this.fid('table'))}`) ? 'table' : 'heading');
    };
    void this.list.goTo(page);
  }

  private onPageSize(size: number): void {
    this.pageMove = false;
    void this.list.setPageSize(pageSizeOf(size));
  }

  /** *Réessayer*: the same query again; once shown, the focus goes to the table (the button goes away). */
  private onRetry(): void {
    // Without a client there is nothing to ask (the page was set up wrong, or the portal is on its way).
    if (this.list.loading || !this.clients.value) return;
    this.refocus = () => {
      // Still failing: the focus stays on *Réessayer*.
      if (this.list.error) return;
      void this.focusId(this.list.items.length ? 'table' : 'search');
    };
    void this.list.reload();
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    const outcome = await this.form.submit(event, {
      pending: () => msg('Validation en cours…', { id: 'tiers-picker.pending' }),
      send: (client, data, call) => selectTiers(client, data, call),
    });
    if (outcome?.ok) emit(this, 'cibtp-tiers-selected', { session: outcome.value.session });
  }

  private onCancel(): void {
    this.form.abort();
    this.form.clear();
    emit(this, 'cibtp-tiers-cancel', {});
  }
}

/** « 3 000 résultats », « 1 résultat », « Aucun résultat ». */
function countText(total: number): string {
  if (total === 0) return msg('Aucun résultat', { id: 'tiers-picker.count.none' });
  const count = new Intl.NumberFormat(getLocale()).format(total);
  return isOne(total)
    ? msg(str`${count} résultat`, { id: 'tiers-picker.count.one' })
    : msg(str`${count} résultats`, { id: 'tiers-picker.count.other' });
}
