import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-activate-account>`: the shared form rules (`formStyles`, one sheet for every
 * widget), then its own sheet, scoped by its tag: the progress line.
 */
export const activateAccountStyles = [
  formStyles,
  css`
    :where(cibtp-activate-account) .cibtp-progress {
      margin: 0;
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
  `,
];
