import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-rights-matrix>`: the shared form rules, then its own, scoped by its tag.
 *
 * The matrix is a size container (`cibtp-rights-matrix`). On a wide one, a table: the function names,
 * then one column per mode, each radio centred in a cell that is all its target (at least 44 px). Below
 * 30rem of its own width (a phone, a narrow column), each function becomes a block: its name on its own
 * line, then its three radios side by side (wrapping if need be), each with its mode's name visible
 * beside it, since the column headers are not shown then. The table keeps its semantics through explicit
 * ARIA roles (`display: block` would drop them); the column headers' row is clipped, not removed, so that
 * a screen reader still names each cell's column. The mode names next to the radios are clipped on a
 * wide table (the column headers say them) and `aria-hidden` (each radio has its own full name).
 * The notes of a limited row wrap under its name; every text may wrap (`overflow-wrap: anywhere`,
 * from the shared rules) but the column headers, which break between words only.
 * (Comments inside css`` literals would ship: they are kept out here.)
 */
export const rightsMatrixStyles = [
  formStyles,
  css`
    :where(cibtp-rights-matrix) {
      max-width: var(--cibtp-max-width-wide, 60rem);
      container: cibtp-rights-matrix / inline-size;
    }
    :where(cibtp-rights-matrix) .cibtp-rights {
      display: grid;
      gap: var(--cibtp-spacing, 1rem);
    }
    :where(cibtp-rights-matrix) .cibtp-rights__bound {
      margin: 0;
      font-weight: 600;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__admin {
      display: grid;
      gap: 0.25rem;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__check {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-height: var(--cibtp-control-height, 2.75rem);
    }
    :where(cibtp-rights-matrix) .cibtp-rights__check label {
      flex: 1 1 auto;
      padding: 0.5rem 0;
      cursor: pointer;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__check input:disabled + label {
      cursor: not-allowed;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__admin label {
      font-weight: 600;
    }
    :where(cibtp-rights-matrix) .cibtp-checkbox,
    :where(cibtp-rights-matrix) .cibtp-radio {
      flex: none;
      width: 1.5rem;
      height: 1.5rem;
      margin: 0;
      accent-color: var(--cibtp-color-primary, #0b3d91);
    }
    :where(cibtp-rights-matrix) .cibtp-checkbox:focus-visible {
      outline: 3px solid var(--cibtp-color-focus, #0a58ca);
      outline-offset: 2px;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__college-list {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1.5rem;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__colleges .cibtp-field-error,
    :where(cibtp-rights-matrix) .cibtp-rights__colleges .cibtp-rights__note {
      margin: 0 0 0.25rem;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__note {
      display: block;
      margin: 0;
      font-size: 0.875em;
      font-weight: 400;
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(cibtp-rights-matrix) .cibtp-rights__table .cibtp-field-error {
      display: block;
      font-size: 0.875em;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__locked {
      margin: 0.25rem 0 0;
      padding: 0.5rem 0.75rem;
      border-left: 0.25rem solid var(--cibtp-color-primary, #0b3d91);
      background: var(--cibtp-color-surface, #f3f3f3);
    }
    :where(cibtp-rights-matrix) .cibtp-rights__loading {
      margin: 0;
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(cibtp-rights-matrix) .cibtp-rights__error {
      display: grid;
      justify-items: start;
      gap: 0.5rem;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__message {
      margin: 0;
      font-weight: 600;
      color: var(--cibtp-color-error, #b3261e);
    }
    :where(cibtp-rights-matrix) .cibtp-rights__table {
      width: 100%;
      border-collapse: collapse;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__caption {
      margin-bottom: 0.5rem;
      text-align: start;
      font-weight: 600;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__table th,
    :where(cibtp-rights-matrix) .cibtp-rights__table td {
      padding: 0.25rem 0.5rem;
      text-align: start;
      vertical-align: middle;
      border-bottom: 1px solid var(--cibtp-color-border, #767676);
    }
    :where(cibtp-rights-matrix) .cibtp-rights__table thead th {
      vertical-align: bottom;
      overflow-wrap: normal;
      background: var(--cibtp-color-surface, #f3f3f3);
    }
    :where(cibtp-rights-matrix) .cibtp-rights__table thead .cibtp-rights__mode {
      width: 7.5rem;
      text-align: center;
      white-space: nowrap;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__table .cibtp-rights__all > * {
      vertical-align: middle;
      background: var(--cibtp-color-surface, #f3f3f3);
      border-bottom-width: 2px;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__group th {
      padding-top: 0.75rem;
      font-size: 1.05em;
      font-weight: 700;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__table tbody th {
      font-weight: 600;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__name {
      display: block;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__cell {
      padding: 0;
      text-align: center;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__choice {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 0.5rem;
      min-width: var(--cibtp-control-height, 2.75rem);
      min-height: var(--cibtp-control-height, 2.75rem);
      padding: 0 0.5rem;
      cursor: pointer;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__choice:has(:disabled) {
      cursor: not-allowed;
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(cibtp-rights-matrix) .cibtp-rights__short {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0, 0, 0, 0);
      white-space: nowrap;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__table--readonly .cibtp-rights__granted {
      font-weight: 600;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__table--readonly .cibtp-rights__granted[data-mode='none'] {
      font-weight: 400;
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(cibtp-rights-matrix) .cibtp-rights__summary {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 2rem;
      margin: 0;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__summary div {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.5rem;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__summary dt {
      font-weight: 600;
    }
    :where(cibtp-rights-matrix) .cibtp-rights__summary dd {
      margin: 0;
    }
    @container cibtp-rights-matrix (max-width: 30rem) {
      :where(cibtp-rights-matrix) .cibtp-rights__table,
      :where(cibtp-rights-matrix) .cibtp-rights__table > caption,
      :where(cibtp-rights-matrix) .cibtp-rights__table > thead,
      :where(cibtp-rights-matrix) .cibtp-rights__table > tbody,
      :where(cibtp-rights-matrix) .cibtp-rights__table th,
      :where(cibtp-rights-matrix) .cibtp-rights__table td {
        display: block;
      }
      :where(cibtp-rights-matrix) .cibtp-rights__table tr {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr));
        column-gap: 0.25rem;
        align-items: center;
        padding: 0.25rem 0;
        border-bottom: 1px solid var(--cibtp-color-border, #767676);
      }
      :where(cibtp-rights-matrix) .cibtp-rights__table th,
      :where(cibtp-rights-matrix) .cibtp-rights__table td {
        padding: 0;
        border: 0;
      }
      :where(cibtp-rights-matrix) .cibtp-rights__table tr > th {
        grid-column: 1 / -1;
        padding: 0.25rem 0;
      }
      :where(cibtp-rights-matrix) .cibtp-rights__columns {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0, 0, 0, 0);
      }
      :where(cibtp-rights-matrix) .cibtp-rights__table .cibtp-rights__all {
        padding: 0.25rem 0.5rem;
        background: var(--cibtp-color-surface, #f3f3f3);
      }
      :where(cibtp-rights-matrix) .cibtp-rights__group {
        margin-top: 0.5rem;
      }
      :where(cibtp-rights-matrix) .cibtp-rights__choice {
        flex-direction: column;
        gap: 0.125rem;
        padding: 0.25rem 0;
        text-align: center;
      }
      :where(cibtp-rights-matrix) .cibtp-rights__short {
        position: static;
        width: auto;
        height: auto;
        overflow: visible;
        clip: auto;
        white-space: normal;
        overflow-wrap: break-word;
        font-size: 0.875em;
        line-height: 1.25;
      }
      :where(cibtp-rights-matrix) .cibtp-rights__table--readonly tr {
        grid-template-columns: minmax(0, 1fr) auto;
        column-gap: 1rem;
      }
      :where(cibtp-rights-matrix) .cibtp-rights__table--readonly tr > th {
        grid-column: auto;
      }
      :where(cibtp-rights-matrix) .cibtp-rights__table--readonly .cibtp-rights__group > th {
        grid-column: 1 / -1;
      }
    }
  `,
];
