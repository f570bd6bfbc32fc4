import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-associate-site>`: the shared form rules (`formStyles`, one sheet for every
 * widget), then its own sheet, scoped by its tag: the box naming the site on step 2, the lead paragraph,
 * and « Retour à la connexion » when it is a link styled as the primary button.
 * (Comments inside the css`` literal would ship to every page: they are kept out here.)
 */
export const associateSiteStyles = [
  formStyles,
  css`
    :where(cibtp-associate-site) .cibtp-lead {
      margin: 0 0 var(--cibtp-spacing, 1rem);
    }
    :where(cibtp-associate-site) .cibtp-site {
      margin: 0 0 var(--cibtp-spacing, 1rem);
      padding: calc(var(--cibtp-spacing, 1rem) / 2) var(--cibtp-spacing, 1rem);
      background: var(--cibtp-color-surface, #f3f3f3);
      border-inline-start: 4px solid var(--cibtp-color-primary, #0b3d91);
    }
    :where(cibtp-associate-site) .cibtp-site__label {
      margin: 0;
      color: var(--cibtp-color-text-muted, #4f4f4f);
      font-size: 0.9em;
    }
    :where(cibtp-associate-site) .cibtp-site__name {
      margin: 0;
      font-weight: 600;
    }
  `,
];
