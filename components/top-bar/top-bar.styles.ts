import { css } from 'lit';
import { dsnAlertsStyles } from '../shared/dsn-alerts.js';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-top-bar>`: the shared form rules (`formStyles`, for its buttons), the DSN
 * tooltip's sheet, then its own sheet, scoped by its tag. One wrapping row: the names take what is left
 * and wrap; the bell stays at the end of the first line, so that its tooltip, which hangs leftwards
 * from it, stays on screen at 320 px. (Comments inside the css`` literal would ship to every page: they
 * are kept out here.)
 */
export const topBarStyles = [
  formStyles,
  dsnAlertsStyles,
  css`
    :where(cibtp-top-bar) {
      max-width: none;
    }
    :where(cibtp-top-bar) .cibtp-top-bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem var(--cibtp-spacing, 1rem);
      padding: 0.5rem var(--cibtp-spacing, 1rem);
      background: var(--cibtp-color-surface, #f3f3f3);
      border-bottom: 1px solid var(--cibtp-color-border, #767676);
    }
    :where(cibtp-top-bar) .cibtp-top-bar__who {
      flex: 1 1 12rem;
      min-width: 0;
    }
    :where(cibtp-top-bar) .cibtp-top-bar__who p {
      margin: 0;
    }
    :where(cibtp-top-bar) .cibtp-top-bar__user {
      font-weight: 600;
    }
    :where(cibtp-top-bar) .cibtp-top-bar__tiers-name {
      margin-inline-end: 0.5rem;
    }
    :where(cibtp-top-bar) .cibtp-top-bar__tiers-id {
      display: inline-block;
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(cibtp-top-bar) .cibtp-top-bar__bell {
      flex: none;
    }
    :where(cibtp-top-bar) .cibtp-tip__trigger[data-alerts='0'] .cibtp-tip__count {
      display: none;
    }
    :where(cibtp-top-bar) .cibtp-top-bar__actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      min-width: 0;
    }
    :where(cibtp-top-bar) .cibtp-top-bar__actions .cibtp-button {
      max-width: 100%;
      text-align: center;
    }
    :where(cibtp-top-bar) .cibtp-top-bar__error {
      flex-basis: 100%;
      margin: 0;
      color: var(--cibtp-color-error, #b3261e);
      font-weight: 600;
    }
    :where(cibtp-top-bar) .cibtp-top-bar__dialog {
      box-sizing: border-box;
      width: min(60rem, calc(100vw - 2rem));
      max-height: calc(100vh - 2rem);
      overflow: auto;
      padding: var(--cibtp-spacing, 1rem);
      color: var(--cibtp-color-text, #1e1e1e);
      background: var(--cibtp-color-background, #ffffff);
      border: 2px solid var(--cibtp-color-primary, #0b3d91);
      border-radius: var(--cibtp-radius, 0.25rem);
    }
    :where(cibtp-top-bar) .cibtp-top-bar__dialog::backdrop {
      background: rgb(0 0 0 / 0.5);
    }
    :where(cibtp-top-bar) .cibtp-top-bar__dialog-bar {
      display: flex;
      justify-content: flex-end;
      margin-bottom: 0.5rem;
    }
  `,
];
