import { css, html, nothing, type CSSResult, type TemplateResult } from 'lit';
import { getLocale, msg, str } from './localization.js';

/**
 * The kit's server-driven tables (`<cibtp-tiers-picker>`, `<cibtp-delegations>`): sortable column
 * headers, the column names of the narrow (card) layout, the pagination row and their styles. The
 * widget keeps its own data, rows and focus rules; the list itself is a `ListController`.
 *
 * A table is rendered inside `<div class="cibtp-table-box">`, a size container: below about 40rem of
 * its width (a phone, a narrow column, a dialog) each row becomes a card, every value on its own line
 * under its column's name, so that nothing that tells two rows apart sits in a box that scrolls
 * sideways. The table keeps explicit ARIA table roles (changing the `display` of its parts would make
 * some browsers drop its semantics, and the column names of its cells); the visible column names in the
 * cards (`cellLabel()`) are `aria-hidden`, not said twice, and clipped on wide screens, where the header
 * row says them (clipped, not `display: none`: a page reads the same text at any width). In the cards
 * the header row shows only the sort buttons, wrapped, after « Trier par : » (the row's
 * `data-sort-label`); a header without a sort button (`staticHeader()`) stays in the accessibility tree,
 * clipped, so that the other headers keep their columns.
 */

export type SortDirection = 'asc' | 'desc';

/** A column header whose button sorts the list by `sort` (again: the other way); `aria-sort` on the sorted one. */
export function sortHeader<S extends string>(o: {
  sort: S;
  label: string;
  current: { sort: S; direction: SortDirection };
  onSort: (sort: S) => void;
}): TemplateResult {
  const active = o.current.sort === o.sort;
  const state = active ? (o.current.direction === 'asc' ? 'ascending' : 'descending') : undefined;
  return html`<th role="columnheader" scope="col" aria-sort=${state ?? nothing}>
    <button type="button" class="cibtp-sort" data-sort=${o.sort} @click=${() => o.onSort(o.sort)}>
      ${o.label}<span class="cibtp-sort__icon" aria-hidden="true">${state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕'}</span>
    </button>
  </th>`;
}

/** A column header without a sort button (clipped in the cards, where only the sort buttons show). */
export function staticHeader(content: string | TemplateResult, className = ''): TemplateResult {
  return html`<th role="columnheader" scope="col" class="cibtp-th--static ${className}">${content}</th>`;
}

/** The header row's attribute that the cards show before the sort buttons: « Trier par : ». */
export function sortByLabel(): string {
  return msg('Trier par\u00a0:', { id: 'tiers-picker.sort-by' });
}

/** The column's name above a value in the cards (`aria-hidden`: the cell has its column header). */
export function cellLabel(text: string): TemplateResult {
  return html`<span class="cibtp-cell-label" data-part="cell-label" aria-hidden="true">${text}</span>`;
}

/** « Page 2 sur 300 ». */
export function pageText(page: number, count: number): string {
  const number = new Intl.NumberFormat(getLocale());
  return msg(str`Page ${number.format(page)} sur ${number.format(count)}`, { id: 'tiers-picker.page' });
}

/** The page-size menu's choices, with the current size added when it is not one of them (a `page-size` attribute). */
export function pageSizeChoices(sizes: readonly number[], size: number): readonly number[] {
  return sizes.includes(size) ? sizes : [...sizes, size].sort((a, b) => a - b);
}

/**
 * The numbered page buttons to show: the first and last pages, and those around the current one; a gap
 * stands for the pages left out (never for one page alone: that page is shown instead).
 */
export function pageWindow(page: number, count: number, around = 1): Array<number | 'gap'> {
  const shown = new Set<number>([1, count]);
  for (let p = page - around; p <= page + around; p++) if (p >= 1 && p <= count) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: Array<number | 'gap'> = [];
  for (const p of sorted) {
    const previous = out.at(-1);
    if (typeof previous === 'number' && p - previous === 2) out.push(previous + 1);
    else if (typeof previous === 'number' && p - previous > 2) out.push('gap');
    out.push(p);
  }
  return out;
}

/** Which button of the pagination row was pressed: *Précédent*, *Suivant*, or a page's number. */
export type PageButton = 'previous' | 'next' | number;

export interface PaginationOptions {
  /** The widget's instance ids (`fid`): the buttons are `previous`, `next`, `page-n`, the menu `page-size`. */
  id: (name: string) => string;
  page: number;
  count: number;
  pageSize: number;
  /** The page-size menu's choices. */
  sizes: readonly number[];
  /** Numbered page buttons between *Précédent* and *Suivant* (`aria-current="page"` on the current one). */
  numbered?: boolean;
  onPage: (page: number, from: PageButton) => void;
  onPageSize: (size: number) => void;
}

/** The id of a pagination button (`PaginationOptions.id` of it): where the focus goes back after a page change. */
export function pageButtonId(id: (name: string) => string, from: PageButton): string {
  return id(typeof from === 'number' ? `page-${from}` : from);
}

/** *Précédent*, the page buttons (or « Page n sur N »), *Suivant*, and the page-size menu. */
export function pagination(o: PaginationOptions): TemplateResult {
  const { page, count } = o;
  const sizeId = o.id('page-size');
  const numbers = o.numbered
    ? html`<ul class="cibtp-pagination__numbers">
        ${pageWindow(page, count).map(
          // Not keyed (`repeat` would bring its part helpers to every page): the widget puts the focus
          // back on the pressed page's button by its id.
          (p) => (p === 'gap'
            ? html`<li class="cibtp-pagination__gap" aria-hidden="true">…</li>`
            : html`<li>
                <button type="button" class="cibtp-button cibtp-button--secondary cibtp-pagination__page" id=${pageButtonId(o.id, p)}
                  data-page=${p} aria-current=${p === page ? 'page' : nothing} @click=${() => (p === page ? undefined : o.onPage(p, p))}>
                  <span class="cibtp-visually-hidden">${msg('Page', { id: 'table.page-button' })} </span>${new Intl.NumberFormat(getLocale()).format(p)}
                </button>
              </li>`),
        )}
      </ul>`
    : nothing;
  return html`<div class="cibtp-pagination" role="group" aria-label=${msg('Pages de la liste', { id: 'tiers-picker.pagination' })} data-part="pagination">
    <div class="cibtp-pagination__pages">
      <button type="button" class="cibtp-button cibtp-button--secondary" id=${o.id('previous')} ?disabled=${page <= 1}
        @click=${() => o.onPage(page - 1, 'previous')}>
        ${msg('Précédent', { id: 'tiers-picker.previous' })}
      </button>
      ${numbers}
      <p class="cibtp-pagination__status" id=${o.id('page')}>${pageText(page, count)}</p>
      <button type="button" class="cibtp-button cibtp-button--secondary" id=${o.id('next')} ?disabled=${page >= count}
        @click=${() => o.onPage(page + 1, 'next')}>
        ${msg('Suivant', { id: 'tiers-picker.next' })}
      </button>
    </div>
    <div class="cibtp-pagination__size">
      <label class="cibtp-label" for=${sizeId}>${msg('Lignes par page', { id: 'tiers-picker.page-size' })}</label>
      <select class="cibtp-input cibtp-select" id=${sizeId} @change=${(e: Event) => o.onPageSize(Number((e.target as HTMLSelectElement).value))}>
        ${pageSizeChoices(o.sizes, o.pageSize).map((n) => html`<option value=${n} ?selected=${n === o.pageSize}>${n}</option>`)}
      </select>
    </div>
  </div>`;
}

/**
 * The rules of the kit's tables, scoped like the shared form rules (`:where([data-cibtp-widget])`), to
 * put after `formStyles` and before a widget's own rules (which may change the cards' layout inside
 * their own `@container cibtp-table (max-width: 40rem)`). Every text from the server may wrap
 * (`overflow-wrap: anywhere`, from the form rules); the column names, the kit's own, break between words
 * only. (Comments inside css`` literals would ship: they are kept out here.)
 */
export const tableStyles: CSSResult = css`
  :where([data-cibtp-widget]) .cibtp-table-box {
    container: cibtp-table / inline-size;
  }
  :where([data-cibtp-widget]) .cibtp-table {
    position: relative;
    width: 100%;
    border-collapse: collapse;
    font-size: 0.95em;
  }
  :where([data-cibtp-widget]) .cibtp-caption {
    margin-bottom: 0.5rem;
    text-align: start;
    font-weight: 600;
  }
  :where([data-cibtp-widget]) .cibtp-table th,
  :where([data-cibtp-widget]) .cibtp-table td {
    padding: 0.5rem;
    text-align: start;
    vertical-align: top;
    border-bottom: 1px solid var(--cibtp-color-border, #767676);
  }
  :where([data-cibtp-widget]) .cibtp-table thead th {
    vertical-align: bottom;
    overflow-wrap: normal;
    background: var(--cibtp-color-surface, #f3f3f3);
  }
  :where([data-cibtp-widget]) .cibtp-table tbody th {
    font-weight: 600;
  }
  :where([data-cibtp-widget]) .cibtp-sort {
    display: inline-block;
    min-height: 2.75rem;
    padding: 0.5rem 0;
    border: 0;
    background: none;
    color: var(--cibtp-color-primary, #0b3d91);
    font: inherit;
    font-weight: 600;
    text-align: start;
    cursor: pointer;
  }
  :where([data-cibtp-widget]) .cibtp-sort:hover {
    text-decoration: underline;
  }
  :where([data-cibtp-widget]) .cibtp-sort:focus-visible {
    outline: 3px solid var(--cibtp-color-focus, #0a58ca);
    outline-offset: 2px;
  }
  :where([data-cibtp-widget]) .cibtp-sort__icon {
    margin-inline-start: 0.25rem;
    font-size: 0.8em;
  }
  :where([data-cibtp-widget]) .cibtp-cell-label {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
  }
  :where([data-cibtp-widget]) .cibtp-empty {
    margin: 0;
    padding: var(--cibtp-spacing, 1rem);
    border: 1px solid var(--cibtp-color-border, #767676);
    border-radius: var(--cibtp-radius, 0.25rem);
  }
  :where([data-cibtp-widget]) .cibtp-pagination {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1.5rem;
    align-items: center;
    justify-content: space-between;
  }
  :where([data-cibtp-widget]) .cibtp-pagination__pages,
  :where([data-cibtp-widget]) .cibtp-pagination__size,
  :where([data-cibtp-widget]) .cibtp-pagination__numbers {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 0.75rem;
    align-items: center;
  }
  :where([data-cibtp-widget]) .cibtp-pagination__numbers {
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  :where([data-cibtp-widget]) .cibtp-pagination__page {
    padding-inline: 0.5rem;
  }
  :where([data-cibtp-widget]) .cibtp-pagination__page[aria-current='page'] {
    color: var(--cibtp-color-on-primary, #ffffff);
    background: var(--cibtp-color-primary, #0b3d91);
    cursor: default;
  }
  :where([data-cibtp-widget]) .cibtp-pagination__status {
    margin: 0;
  }
  :where([data-cibtp-widget]) .cibtp-pagination .cibtp-select {
    width: auto;
  }
  @container cibtp-table (max-width: 40rem) {
    :where([data-cibtp-widget]) .cibtp-table,
    :where([data-cibtp-widget]) .cibtp-table > caption,
    :where([data-cibtp-widget]) .cibtp-table > thead,
    :where([data-cibtp-widget]) .cibtp-table > tbody,
    :where([data-cibtp-widget]) .cibtp-table th,
    :where([data-cibtp-widget]) .cibtp-table td {
      display: block;
    }
    :where([data-cibtp-widget]) .cibtp-table thead > tr {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
      align-items: center;
      margin-bottom: 0.75rem;
      padding: 0 0.5rem;
      background: var(--cibtp-color-surface, #f3f3f3);
      border-radius: var(--cibtp-radius, 0.25rem);
    }
    :where([data-cibtp-widget]) .cibtp-table thead > tr::before {
      content: attr(data-sort-label) / '';
      font-weight: 600;
    }
    :where([data-cibtp-widget]) .cibtp-table thead th {
      padding: 0;
      border: 0;
      background: none;
    }
    :where([data-cibtp-widget]) .cibtp-table thead th.cibtp-th--static {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0, 0, 0, 0);
    }
    :where([data-cibtp-widget]) .cibtp-table tbody > tr {
      position: relative;
      display: block;
      margin-bottom: 0.75rem;
      padding: 0.5rem;
      border: 1px solid var(--cibtp-color-border, #767676);
      border-radius: var(--cibtp-radius, 0.25rem);
    }
    :where([data-cibtp-widget]) .cibtp-table tbody th,
    :where([data-cibtp-widget]) .cibtp-table tbody td {
      padding: 0.25rem 0;
      border: 0;
    }
    :where([data-cibtp-widget]) .cibtp-cell-label {
      position: static;
      display: block;
      width: auto;
      height: auto;
      overflow: visible;
      clip: auto;
      white-space: normal;
      font-size: 0.85em;
      font-weight: 400;
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
  }
`;
