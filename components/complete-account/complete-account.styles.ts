import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-complete-account>`: the shared form rules (`formStyles`), then its own sheet,
 * scoped by its tag: the two sections of the form (fieldsets laid out like the form itself), the
 * read-only address, the information notice, and the server's names set apart (they wrap: see formStyles).
 */
export const completeAccountStyles = [
  formStyles,
  css`
    :where(cibtp-complete-account) .cibtp-fieldset {
      display: grid;
      gap: var(--cibtp-spacing, 1rem);
    }
    :where(cibtp-complete-account) .cibtp-lead {
      margin: 0 0 var(--cibtp-spacing, 1rem);
    }
    :where(cibtp-complete-account) .cibtp-progress {
      margin: 0;
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(cibtp-complete-account) .cibtp-readonly {
      margin: 0;
    }
    :where(cibtp-complete-account) .cibtp-readonly dt {
      font-weight: 600;
    }
    :where(cibtp-complete-account) .cibtp-readonly dd {
      margin: 0.25rem 0 0;
    }
    :where(cibtp-complete-account) .cibtp-information {
      margin: 0;
      padding: 0.75rem 1rem;
      background: var(--cibtp-color-surface, #f3f3f3);
      border-inline-start: 4px solid var(--cibtp-color-primary, #0b3d91);
    }
    :where(cibtp-complete-account) bdi {
      overflow-wrap: anywhere;
      font-weight: 600;
    }
  `,
];
