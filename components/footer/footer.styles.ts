import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-footer>`: the shared rules (`formStyles`), then its own sheet, scoped by its
 * tag. The links are an inline list that wraps; a link or a button (the route contract) looks the same.
 * (Comments inside the css`` literal would ship: kept out here.)
 */
export const footerStyles = [
  formStyles,
  css`
    :where(cibtp-footer) {
      max-width: none;
    }
    :where(cibtp-footer) .cibtp-footer {
      padding-top: calc(var(--cibtp-spacing, 1rem) / 2);
      border-top: 1px solid var(--cibtp-color-border, #767676);
    }
    :where(cibtp-footer) .cibtp-footer__links {
      display: flex;
      flex-wrap: wrap;
      gap: 0 calc(var(--cibtp-spacing, 1rem) * 1.5);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    :where(cibtp-footer) .cibtp-footer__links > li {
      min-width: 0;
    }
    :where(cibtp-footer) .cibtp-footer__link {
      display: inline-flex;
      align-items: center;
      min-height: var(--cibtp-control-height, 2.75rem);
      margin: 0;
      padding: 0.25rem 0;
      font: inherit;
      text-align: start;
      color: var(--cibtp-color-primary, #0b3d91);
      background: none;
      border: 0;
      text-decoration: underline;
      text-underline-offset: 0.2em;
      cursor: pointer;
    }
    :where(cibtp-footer) .cibtp-footer__link:hover {
      text-decoration-thickness: 2px;
    }
    :where(cibtp-footer) .cibtp-footer__link:focus-visible {
      outline: 3px solid var(--cibtp-color-focus, #0a58ca);
      outline-offset: 2px;
      border-radius: var(--cibtp-radius, 0.25rem);
    }
  `,
];
