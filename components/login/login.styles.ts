import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-login>`: the shared form rules (`formStyles`, one sheet for every widget), then
 * its own sheet, scoped by its tag. The tiers step's table is `<cibtp-tiers-picker>`'s, with its own sheet
 * (fetched with it); the login only widens for it (`data-wide`).
 * (Comments inside the css`` literal would ship to every page: they are kept out here.)
 */
export const loginStyles = [
  formStyles,
  css`
    :where(cibtp-login)[data-wide] {
      max-width: var(--cibtp-max-width-wide, 60rem);
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
