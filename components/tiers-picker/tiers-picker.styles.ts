import { css } from 'lit';
import { dsnAlertsStyles } from '../shared/dsn-alerts.js';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-tiers-picker>`: the shared form rules, the DSN tooltip's, then its own, scoped
 * by its tag.
 *
 * The widget is a size container (`cibtp-tiers-picker`): below 40rem of its own width (a phone, a
 * narrow column, a dialog) each row becomes a card, every value on its own line under its column's
 * name, so that nothing that tells two rows apart sits in a box that scrolls sideways. Those names
 * (`.cibtp-cell-label`) are `aria-hidden` (the cells keep their column headers), and clipped on wide
 * screens, where the header row says them (clipped, not `display: none`: a page reads the same text
 * at any width). The header row then shows only the sort buttons, wrapped, after « Trier par : »
 * (generated from `data-sort-label`, with an empty alternative text so that it is not said: the
 * buttons are the column headers); the « Sélection » header stays in the accessibility tree (clipped,
 * not `display: none`) so that the other headers keep their columns. On wide screens the table needs no
 * scrolling box either: every text from the server may wrap (`overflow-wrap: anywhere`, from the shared
 * rules), SIRETs excepted; the column names, the kit's own, break between words only. In a card, the DSN tooltip hangs from the card (as wide as it) rather than from its button,
 * which sits at the start: hung from the button, it would leave the screen on the end side.
 * (Comments inside css`` literals would ship: they are kept out here.)
 */
export const tiersPickerStyles = [
  formStyles,
  dsnAlertsStyles,
  css`
    :where(cibtp-tiers-picker) {
      max-width: var(--cibtp-max-width-wide, 60rem);
      container: cibtp-tiers-picker / inline-size;
    }
    :where(cibtp-tiers-picker[embedded]) .cibtp-heading {
      font-size: 1.25em;
    }
    :where(cibtp-tiers-picker) .cibtp-search .cibtp-input {
      max-width: 30rem;
    }
    :where(cibtp-tiers-picker) .cibtp-table {
      position: relative;
      width: 100%;
      border-collapse: collapse;
      font-size: 0.95em;
    }
    :where(cibtp-tiers-picker) .cibtp-caption {
      margin-bottom: 0.5rem;
      text-align: start;
      font-weight: 600;
    }
    :where(cibtp-tiers-picker) .cibtp-table th,
    :where(cibtp-tiers-picker) .cibtp-table td {
      padding: 0.5rem;
      text-align: start;
      vertical-align: top;
      border-bottom: 1px solid var(--cibtp-color-border, #767676);
    }
    :where(cibtp-tiers-picker) .cibtp-table thead th {
      vertical-align: bottom;
      background: var(--cibtp-color-surface, #f3f3f3);
    }
    :where(cibtp-tiers-picker) .cibtp-table tbody th {
      font-weight: 600;
    }
    :where(cibtp-tiers-picker) .cibtp-table tbody tr[data-selected] {
      background: var(--cibtp-color-surface, #f3f3f3);
    }
    :where(cibtp-tiers-picker) .cibtp-table tbody tr[data-selected] > td:first-child {
      box-shadow: inset 0.25rem 0 0 var(--cibtp-color-primary, #0b3d91);
    }
    :where(cibtp-tiers-picker) .cibtp-col-select {
      width: 2.75rem;
    }
    :where(cibtp-tiers-picker) .cibtp-table label {
      cursor: pointer;
    }
    :where(cibtp-tiers-picker) .cibtp-radio {
      width: 1.5rem;
      height: 1.5rem;
      margin: 0;
      accent-color: var(--cibtp-color-primary, #0b3d91);
    }
    :where(cibtp-tiers-picker) .cibtp-table thead th {
      overflow-wrap: normal;
    }
    :where(cibtp-tiers-picker) .cibtp-sort {
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
    :where(cibtp-tiers-picker) .cibtp-sort:hover {
      text-decoration: underline;
    }
    :where(cibtp-tiers-picker) .cibtp-sort:focus-visible {
      outline: 3px solid var(--cibtp-color-focus, #0a58ca);
      outline-offset: 2px;
    }
    :where(cibtp-tiers-picker) .cibtp-sort__icon {
      margin-inline-start: 0.25rem;
      font-size: 0.8em;
    }
    :where(cibtp-tiers-picker) .cibtp-siret {
      white-space: nowrap;
    }
    :where(cibtp-tiers-picker) .cibtp-cell-label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0, 0, 0, 0);
      white-space: nowrap;
    }
    :where(cibtp-tiers-picker) .cibtp-selection {
      margin: 0;
      font-weight: 600;
    }
    :where(cibtp-tiers-picker) .cibtp-empty {
      margin: 0;
      padding: var(--cibtp-spacing, 1rem);
      border: 1px solid var(--cibtp-color-border, #767676);
      border-radius: var(--cibtp-radius, 0.25rem);
    }
    :where(cibtp-tiers-picker) .cibtp-pagination {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 1.5rem;
      align-items: center;
      justify-content: space-between;
    }
    :where(cibtp-tiers-picker) .cibtp-pagination__pages,
    :where(cibtp-tiers-picker) .cibtp-pagination__size {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 0.75rem;
      align-items: center;
    }
    :where(cibtp-tiers-picker) .cibtp-pagination__status {
      margin: 0;
    }
    :where(cibtp-tiers-picker) .cibtp-select {
      width: auto;
    }
    @container cibtp-tiers-picker (max-width: 40rem) {
      :where(cibtp-tiers-picker) .cibtp-table,
      :where(cibtp-tiers-picker) .cibtp-table > caption,
      :where(cibtp-tiers-picker) .cibtp-table > thead,
      :where(cibtp-tiers-picker) .cibtp-table > tbody,
      :where(cibtp-tiers-picker) .cibtp-table th,
      :where(cibtp-tiers-picker) .cibtp-table td {
        display: block;
      }
      :where(cibtp-tiers-picker) .cibtp-table thead > tr {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
        align-items: center;
        margin-bottom: 0.75rem;
        padding: 0 0.5rem;
        background: var(--cibtp-color-surface, #f3f3f3);
        border-radius: var(--cibtp-radius, 0.25rem);
      }
      :where(cibtp-tiers-picker) .cibtp-table thead > tr::before {
        content: attr(data-sort-label) / '';
        font-weight: 600;
      }
      :where(cibtp-tiers-picker) .cibtp-table thead th {
        padding: 0;
        border: 0;
        background: none;
      }
      :where(cibtp-tiers-picker) .cibtp-table thead th.cibtp-col-select {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0, 0, 0, 0);
      }
      :where(cibtp-tiers-picker) .cibtp-table tbody > tr {
        display: grid;
        grid-template-columns: 2.75rem minmax(0, 1fr);
        column-gap: 0.25rem;
        margin-bottom: 0.75rem;
        padding: 0.5rem;
        border: 1px solid var(--cibtp-color-border, #767676);
        border-radius: var(--cibtp-radius, 0.25rem);
      }
      :where(cibtp-tiers-picker) .cibtp-table tbody th,
      :where(cibtp-tiers-picker) .cibtp-table tbody td {
        grid-column: 2;
        padding: 0.25rem 0;
        border: 0;
      }
      :where(cibtp-tiers-picker) .cibtp-table tbody td.cibtp-col-select {
        grid-column: 1;
        grid-row: 1 / span 5;
        width: auto;
        padding-top: 1.5rem;
      }
      :where(cibtp-tiers-picker) .cibtp-cell-label {
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
      :where(cibtp-tiers-picker) .cibtp-table tbody > tr {
        position: relative;
      }
      :where(cibtp-tiers-picker) .cibtp-table tbody .cibtp-tip {
        position: static;
      }
      :where(cibtp-tiers-picker) .cibtp-tip__bubble {
        inset-inline: 0;
        width: auto;
        max-width: none;
      }
    }
  `,
];
