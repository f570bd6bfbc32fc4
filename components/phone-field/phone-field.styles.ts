import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-phone-field>`: the shared form rules, then its own, scoped by its tag. The
 * country select and the number share one row, which wraps on a narrow screen (WCAG 1.4.10 reflow)
 * with the number taking the room; the select keeps the shared input look and a visible focus. The
 * « Numéro certifié » badge says so in words, its mark is decoration (not colour alone, WCAG 1.4.1).
 * The dialog is sized for a phone first and reads the same tokens as the field.
 * (Comments inside the css`` literal would ship to every page: they are kept out here.)
 */
export const phoneFieldStyles = [
  formStyles,
  css`
    :where(cibtp-phone-field) .cibtp-phone {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    :where(cibtp-phone-field) .cibtp-phone__country {
      flex: 0 1 auto;
      width: auto;
      max-width: 100%;
    }
    :where(cibtp-phone-field) .cibtp-phone__number {
      flex: 1 1 10rem;
      width: auto;
      min-width: 0;
    }
    :where(cibtp-phone-field) select.cibtp-input:focus-visible {
      outline: 3px solid var(--cibtp-color-focus, #0a58ca);
      outline-offset: 2px;
    }
    :where(cibtp-phone-field) .cibtp-phone__certified {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      justify-self: start;
      margin: 0;
      padding: 0.125rem 0.5rem;
      font-weight: 600;
      color: var(--cibtp-color-success, #18753c);
      border: 1px solid currentColor;
      border-radius: var(--cibtp-radius, 0.25rem);
    }
    :where(cibtp-phone-field) .cibtp-phone__dialog {
      width: min(32rem, calc(100vw - 2rem));
      max-height: calc(100vh - 2rem);
      overflow: auto;
      padding: calc(var(--cibtp-spacing, 1rem) * 1.5);
      color: var(--cibtp-color-text, #1e1e1e);
      background: var(--cibtp-color-background, #ffffff);
      border: 2px solid var(--cibtp-color-primary, #0b3d91);
      border-radius: var(--cibtp-radius, 0.25rem);
    }
    :where(cibtp-phone-field) .cibtp-phone__dialog::backdrop {
      background: rgb(0 0 0 / 0.5);
    }
    :where(cibtp-phone-field) .cibtp-lead {
      margin: 0;
    }
  `,
];
