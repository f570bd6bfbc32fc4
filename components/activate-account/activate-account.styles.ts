import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/** One style sheet for `<cibtp-activate-account>`: the shared rules plus the progress line. */
export const activateAccountStyles = css`
  ${formStyles('cibtp-activate-account')}
  :where(cibtp-activate-account) .cibtp-progress {
    margin: 0;
    color: var(--cibtp-color-text-muted, #4f4f4f);
  }
`;
