import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-espace>`: the shared rules (`formStyles`), then its own sheet, scoped by its tag.
 * The grid follows the widget's own width (a container query): the side bar goes to the right of the
 * home content only when both fit. The parts fill their grid areas whatever their own maximum width.
 * (Comments inside the css`` literal would ship: kept out here.)
 */
export const espaceStyles = [
  formStyles,
  css`
    :where(cibtp-espace) {
      max-width: none;
      container-type: inline-size;
    }
    :where(cibtp-espace) .cibtp-espace {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      grid-template-areas: 'top' 'menu' 'home' 'side' 'footer';
      gap: calc(var(--cibtp-spacing, 1rem) * 1.5) var(--cibtp-spacing, 1rem);
      align-items: start;
    }
    :where(cibtp-espace) .cibtp-espace > * {
      min-width: 0;
      max-width: none;
    }
    :where(cibtp-espace) .cibtp-espace__top {
      grid-area: top;
    }
    :where(cibtp-espace) .cibtp-espace__menu {
      grid-area: menu;
    }
    :where(cibtp-espace) .cibtp-espace__home {
      grid-area: home;
      min-width: 0;
    }
    :where(cibtp-espace) .cibtp-espace__side {
      grid-area: side;
    }
    :where(cibtp-espace) .cibtp-espace__footer {
      grid-area: footer;
    }
    @container (min-width: 52rem) {
      :where(cibtp-espace) .cibtp-espace {
        grid-template-columns: minmax(0, 1fr) minmax(13rem, 16rem);
        grid-template-areas: 'top top' 'menu menu' 'home side' 'footer footer';
      }
    }
    :where(cibtp-espace) .cibtp-espace__loading {
      margin: 0;
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(cibtp-espace) .cibtp-espace__problem {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
    }
    :where(cibtp-espace) .cibtp-espace__message {
      margin: 0;
      font-weight: 600;
      color: var(--cibtp-color-error, #b3261e);
    }
    :where(cibtp-espace) .cibtp-espace__actions {
      margin: 0;
    }
    :where(cibtp-espace) > [data-part='notice'] {
      max-width: var(--cibtp-max-width, 34rem);
    }
  `,
];
