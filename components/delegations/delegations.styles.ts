import { css } from 'lit';
import { formStyles } from '../shared/styles.js';
import { tableStyles } from '../shared/table.js';

/**
 * The styles of `<cibtp-delegations>`: the shared form rules, the kit's table rules (`tableStyles`: sort
 * buttons, pagination, and the cards below 40rem of the list's width), then its own, scoped by its tag:
 * the head, the filters (a grid that wraps), the statuses (text in a bordered box, a mark before it:
 * never colour alone), the rows' buttons (wrapped), the firm's block and the dialog (as wide as the
 * screen allows, never wider). (Comments inside css`` literals would ship: they are kept out here.)
 */
export const delegationsStyles = [
  formStyles,
  tableStyles,
  css`
    :where(cibtp-delegations) {
      max-width: var(--cibtp-max-width-wide, 64rem);
    }
    :where(cibtp-delegations) .cibtp-delegations__page {
      display: grid;
      gap: var(--cibtp-spacing, 1rem);
    }
    :where(cibtp-delegations) .cibtp-delegations__page > * {
      min-width: 0;
    }
    :where(cibtp-delegations) .cibtp-delegations__page > .cibtp-subheading,
    :where(cibtp-delegations) .cibtp-delegations__page > .cibtp-notice {
      margin: 0;
    }
    :where(cibtp-delegations) .cibtp-heading {
      margin-bottom: 0.5rem;
    }
    :where(cibtp-delegations) .cibtp-delegations__role {
      overflow-wrap: normal;
    }
    :where(cibtp-delegations) .cibtp-delegations__summary {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      align-items: center;
    }
    :where(cibtp-delegations) .cibtp-delegations__fact {
      margin: 0;
      font-weight: 600;
    }
    :where(cibtp-delegations) .cibtp-delegations__check {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      min-height: 2.75rem;
    }
    :where(cibtp-delegations) .cibtp-checkbox {
      width: 1.5rem;
      height: 1.5rem;
      margin: 0;
      accent-color: var(--cibtp-color-primary, #0b3d91);
    }
    :where(cibtp-delegations) .cibtp-checkbox:focus-visible {
      outline: 3px solid var(--cibtp-color-focus, #0a58ca);
      outline-offset: 2px;
    }
    :where(cibtp-delegations) .cibtp-delegations__filters {
      display: grid;
      gap: 0.75rem;
    }
    :where(cibtp-delegations) .cibtp-delegations__filter-grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
      gap: 0.75rem 1rem;
      align-items: end;
    }
    :where(cibtp-delegations) .cibtp-delegations__filter-grid .cibtp-field {
      align-content: end;
    }
    :where(cibtp-delegations) .cibtp-empty p {
      margin: 0 0 0.5rem;
    }
    :where(cibtp-delegations) .cibtp-empty p:last-child {
      margin: 0;
    }
    :where(cibtp-delegations) .cibtp-delegations__unnamed {
      font-weight: 400;
      font-style: italic;
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(cibtp-delegations) .cibtp-delegations__status {
      display: inline-flex;
      gap: 0.375rem;
      align-items: center;
      padding: 0 0.5rem;
      border: 1px solid var(--cibtp-color-border, #767676);
      border-radius: var(--cibtp-radius, 0.25rem);
      background: var(--cibtp-color-surface, #f3f3f3);
      overflow-wrap: normal;
      white-space: nowrap;
    }
    :where(cibtp-delegations) .cibtp-delegations__status::before {
      content: '●' / '';
      font-size: 0.75em;
    }
    :where(cibtp-delegations) .cibtp-delegations__status[data-status='active']::before {
      color: var(--cibtp-color-success, #18753c);
    }
    :where(cibtp-delegations) .cibtp-delegations__status[data-status='pending']::before {
      content: '◔' / '';
    }
    :where(cibtp-delegations) .cibtp-delegations__status[data-status='inactive']::before {
      content: '○' / '';
    }
    :where(cibtp-delegations) .cibtp-delegations__actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
    }
    :where(cibtp-delegations) .cibtp-delegations__action {
      padding-inline: 0.625rem;
      overflow-wrap: normal;
      white-space: nowrap;
    }
    :where(cibtp-delegations) .cibtp-table time {
      white-space: nowrap;
    }
    :where(cibtp-delegations) .cibtp-delegations__cabinet {
      padding: var(--cibtp-spacing, 1rem);
      border: 1px solid var(--cibtp-color-border, #767676);
      border-radius: var(--cibtp-radius, 0.25rem);
      background: var(--cibtp-color-surface, #f3f3f3);
    }
    :where(cibtp-delegations) .cibtp-delegations__cabinet p {
      margin: 0 0 0.75rem;
    }
    :where(cibtp-delegations) .cibtp-delegations__dialog {
      box-sizing: border-box;
      width: min(36rem, calc(100vw - 2rem));
      max-height: calc(100vh - 2rem);
      overflow: auto;
      padding: calc(var(--cibtp-spacing, 1rem) * 1.5);
      color: var(--cibtp-color-text, #1e1e1e);
      background: var(--cibtp-color-background, #ffffff);
      border: 2px solid var(--cibtp-color-primary, #0b3d91);
      border-radius: var(--cibtp-radius, 0.25rem);
    }
    :where(cibtp-delegations) .cibtp-delegations__dialog::backdrop {
      background: rgb(0 0 0 / 0.5);
    }
    :where(cibtp-delegations) .cibtp-delegations__dialog p {
      margin: 0 0 var(--cibtp-spacing, 1rem);
    }
    @container cibtp-table (min-width: 56rem) {
      :where(cibtp-delegations) .cibtp-delegations__actions {
        flex-wrap: nowrap;
      }
    }
    @container cibtp-table (max-width: 40rem) {
      :where(cibtp-delegations) .cibtp-table tbody th {
        font-size: 1.05em;
      }
    }
  `,
];
