import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-forgot-password>`: the shared form rules (`formStyles`, one sheet for every
 * widget), then its own sheet, scoped by its tag: the situation options.
 */
export const forgotPasswordStyles = [
  formStyles,
  css`
    :where(cibtp-forgot-password[embedded]) {
      max-width: none;
    }
    :where(cibtp-forgot-password) .cibtp-option {
      display: flex;
      gap: 0.75rem;
      align-items: flex-start;
      padding: 0.75rem;
      margin-bottom: 0.5rem;
      border: 1px solid var(--cibtp-color-border, #767676);
      border-radius: var(--cibtp-radius, 0.25rem);
    }
    :where(cibtp-forgot-password) .cibtp-option:has(input:checked) {
      border: 2px solid var(--cibtp-color-primary, #0b3d91);
      background: var(--cibtp-color-surface, #f3f3f3);
    }
    :where(cibtp-forgot-password) .cibtp-option label {
      cursor: pointer;
      flex: 1;
    }
    :where(cibtp-forgot-password) .cibtp-radio {
      flex: none;
      width: 1.5rem;
      height: 1.5rem;
      margin: 0;
      accent-color: var(--cibtp-color-primary, #0b3d91);
    }
    :where(cibtp-forgot-password) [data-part='help'] p,
    :where(cibtp-forgot-password) [data-part='help'] ul {
      margin: 0 0 0.5rem;
    }
  `,
];
