import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/** One style sheet for `<cibtp-reset-password>`: the shared form rules (password checklist included). */
export const resetPasswordStyles = css`
  ${formStyles('cibtp-reset-password')}
`;
