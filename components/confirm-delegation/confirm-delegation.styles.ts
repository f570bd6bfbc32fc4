import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-confirm-delegation>`: the shared form rules (`formStyles`), then its own sheet,
 * scoped by its tag: what is confirmed, as a list of terms and values (side by side where there is
 * room, one under the other on a phone), and the server's names set apart (they wrap: see formStyles).
 */
export const confirmDelegationStyles = [
  formStyles,
  css`
    :where(cibtp-confirm-delegation) {
      max-width: var(--cibtp-max-width-wide, 60rem);
    }
    :where(cibtp-confirm-delegation) .cibtp-lead {
      margin: 0 0 var(--cibtp-spacing, 1rem);
    }
    :where(cibtp-confirm-delegation) .cibtp-progress {
      margin: 0;
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(cibtp-confirm-delegation) .cibtp-details {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 0.25rem 1rem;
      margin: 0 0 var(--cibtp-spacing, 1rem);
    }
    :where(cibtp-confirm-delegation) .cibtp-details dt {
      font-weight: 600;
    }
    :where(cibtp-confirm-delegation) .cibtp-details dd {
      margin: 0 0 0.5rem;
    }
    @media (min-width: 36em) {
      :where(cibtp-confirm-delegation) .cibtp-details {
        grid-template-columns: max-content minmax(0, 1fr);
      }
      :where(cibtp-confirm-delegation) .cibtp-details dd {
        margin: 0;
      }
    }
    :where(cibtp-confirm-delegation) .cibtp-rights {
      margin: 0 0 var(--cibtp-spacing, 1rem);
    }
    :where(cibtp-confirm-delegation) bdi {
      overflow-wrap: anywhere;
      font-weight: 600;
    }
  `,
];
