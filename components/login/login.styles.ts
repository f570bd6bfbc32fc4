import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-login>`: the shared form rules (`formStyles`, one sheet for every widget), then
 * its own sheet, scoped by its tag: the tiers table.
 *
 * The table scrolls inside its own box (`.cibtp-table-wrap`, focusable so that a keyboard user can
 * scroll it) when it is wider than the widget, rather than widening the page (WCAG 1.4.10 reflow).
 * `position: relative` makes that box clip the table's visually hidden texts too: absolutely
 * positioned, they would otherwise escape it and widen the whole page on a phone.
 * Its cells wrap long words only where they overflow (`break-word`, not the widgets' `anywhere`), so that the
 * columns keep their width and the table scrolls in its box rather than breaking names mid-word.
 * (Comments inside the css`` literal would ship to every page: they are kept out here.)
 */
export const loginStyles = [
  formStyles,
  css`
    :where(cibtp-login)[data-wide] {
      max-width: var(--cibtp-max-width-wide, 60rem);
    }
    :where(cibtp-login) .cibtp-table-wrap {
      position: relative;
      overflow-x: auto;
    }
    :where(cibtp-login) .cibtp-table-wrap:focus-visible {
      outline: 3px solid var(--cibtp-color-focus, #0a76f6);
      outline-offset: 2px;
    }
    :where(cibtp-login) .cibtp-table {
      overflow-wrap: break-word;
      width: 100%;
      border-collapse: collapse;
      font-size: 0.95em;
    }
    :where(cibtp-login) .cibtp-table th,
    :where(cibtp-login) .cibtp-table td {
      padding: 0.5rem;
      text-align: start;
      vertical-align: top;
      border-bottom: 1px solid var(--cibtp-color-border, #767676);
    }
    :where(cibtp-login) .cibtp-table thead th {
      background: var(--cibtp-color-surface, #f3f3f3);
    }
    :where(cibtp-login) .cibtp-table tbody th {
      font-weight: 600;
    }
    :where(cibtp-login) .cibtp-table label {
      cursor: pointer;
    }
    :where(cibtp-login) .cibtp-radio {
      width: 1.5rem;
      height: 1.5rem;
      margin: 0;
      accent-color: var(--cibtp-color-primary, #0b3d91);
    }
    :where(cibtp-login) .cibtp-alerts summary {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
      min-height: 1.5rem;
      cursor: pointer;
      color: var(--cibtp-color-error, #b3261e);
      font-weight: 600;
    }
    :where(cibtp-login) .cibtp-alerts ul {
      margin: 0.5rem 0 0;
      padding-left: 1rem;
    }
    :where(cibtp-login) .cibtp-muted {
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(cibtp-login) .cibtp-lead {
      margin: 0;
    }
    :where(cibtp-login) .cibtp-success {
      margin: 0.5rem 0 0;
      color: var(--cibtp-color-success, #18753c);
      font-weight: 600;
    }
  `,
];
