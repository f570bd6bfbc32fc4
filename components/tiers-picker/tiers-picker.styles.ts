import { css } from 'lit';
import { dsnAlertsStyles } from '../shared/dsn-alerts.js';
import { formStyles } from '../shared/styles.js';
import { tableStyles } from '../shared/table.js';

/**
 * The styles of `<cibtp-tiers-picker>`: the shared form rules, the DSN tooltip's, the kit's table rules
 * (`tableStyles`: sort buttons, pagination, and the cards below 40rem of the table's width), then its
 * own, scoped by its tag: the radio column, the chosen row, and, in a card, the radio beside the values
 * (a grid) and the DSN tooltip hung from the card (as wide as it) rather than from its button, which
 * sits at the start: hung from the button, it would leave the screen on the end side. SIRETs do not
 * wrap. The widget stays a size container too, so that a host that sizes to its content (a `<dialog>`
 * of `width: fit-content`, an inline-block) gives it a width.
 * (Comments inside css`` literals would ship: they are kept out here.)
 */
export const tiersPickerStyles = [
  formStyles,
  dsnAlertsStyles,
  tableStyles,
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
    :where(cibtp-tiers-picker) .cibtp-siret {
      white-space: nowrap;
    }
    :where(cibtp-tiers-picker) .cibtp-selection {
      margin: 0;
      font-weight: 600;
    }
    @container cibtp-table (max-width: 40rem) {
      :where(cibtp-tiers-picker) .cibtp-table tbody > tr {
        display: grid;
        grid-template-columns: 2.75rem minmax(0, 1fr);
        column-gap: 0.25rem;
      }
      :where(cibtp-tiers-picker) .cibtp-table tbody th,
      :where(cibtp-tiers-picker) .cibtp-table tbody td {
        grid-column: 2;
      }
      :where(cibtp-tiers-picker) .cibtp-table tbody td.cibtp-col-select {
        grid-column: 1;
        grid-row: 1 / span 5;
        width: auto;
        padding-top: 1.5rem;
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
