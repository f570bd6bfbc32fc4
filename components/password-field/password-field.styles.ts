import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-password-field>`: the shared form rules (`formStyles`: inputs, toggles, the
 * checklist), then its own sheet, scoped by its tag: the two inputs stacked with the form's spacing, as
 * they would be if they were fields of the host's form. `[hidden]` is restated because this sheet's
 * `display` comes after the shared one's.
 */
export const passwordFieldStyles = [
  formStyles,
  css`
    :where(cibtp-password-field) {
      display: grid;
      gap: var(--cibtp-spacing, 1rem);
    }
    :where(cibtp-password-field[hidden]) {
      display: none;
    }
  `,
];
