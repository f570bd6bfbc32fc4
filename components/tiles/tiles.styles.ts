import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-tiles>`: the shared rules (`formStyles`), then its own sheet, scoped by its tag.
 * The grid follows the widget's own width (a container query), not the window's: the same tiles fit a
 * full-width home page and a narrow column. (Comments inside the css`` literal would ship: kept out here.)
 */
export const tilesStyles = [
  formStyles,
  css`
    :where(cibtp-tiles) {
      max-width: none;
      container-type: inline-size;
    }
    :where(cibtp-tiles) .cibtp-heading {
      font-size: 1.25em;
    }
    :where(cibtp-tiles) .cibtp-tiles__list {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: calc(var(--cibtp-spacing, 1rem) * 0.75);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    @container (min-width: 30rem) {
      :where(cibtp-tiles) .cibtp-tiles__list {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
    }
    @container (min-width: 42rem) {
      :where(cibtp-tiles) .cibtp-tiles__list {
        grid-template-columns: repeat(3, minmax(0, 1fr));
      }
    }
    @container (min-width: 60rem) {
      :where(cibtp-tiles) .cibtp-tiles__list {
        grid-template-columns: repeat(4, minmax(0, 1fr));
      }
    }
    :where(cibtp-tiles) .cibtp-tiles__item {
      display: flex;
      min-width: 0;
    }
    :where(cibtp-tiles) .cibtp-tile {
      display: flex;
      flex: 1 1 auto;
      align-items: flex-start;
      gap: 0.75rem;
      min-width: 0;
      min-height: 2.75rem;
      margin: 0;
      padding: var(--cibtp-spacing, 1rem);
      font: inherit;
      text-align: start;
      text-decoration: none;
      color: var(--cibtp-color-text, #1e1e1e);
      background: var(--cibtp-color-background, #ffffff);
      border: 1px solid var(--cibtp-color-border, #767676);
      border-radius: var(--cibtp-radius, 0.25rem);
      cursor: pointer;
    }
    :where(cibtp-tiles) .cibtp-tile:hover {
      background: var(--cibtp-color-surface, #f0f0f0);
      border-color: var(--cibtp-color-primary, #0b3d91);
    }
    :where(cibtp-tiles) .cibtp-tile:hover .cibtp-tile__name {
      text-decoration: underline;
    }
    :where(cibtp-tiles) .cibtp-tile:focus-visible {
      outline: 3px solid var(--cibtp-color-focus, #0a58ca);
      outline-offset: 2px;
    }
    :where(cibtp-tiles) .cibtp-tile__icon {
      flex: none;
      display: inline-flex;
      color: var(--cibtp-color-primary, #0b3d91);
    }
    :where(cibtp-tiles) .cibtp-tile__text {
      display: grid;
      gap: 0.25rem;
      min-width: 0;
    }
    :where(cibtp-tiles) .cibtp-tile__name {
      font-weight: 700;
      color: var(--cibtp-color-primary, #0b3d91);
    }
    :where(cibtp-tiles) .cibtp-tile__description {
      font-size: 0.9em;
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(cibtp-tiles) .cibtp-tiles__loading {
      margin: 0 0 var(--cibtp-spacing, 1rem);
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(cibtp-tiles) .cibtp-tiles__error {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
      margin: 0 0 var(--cibtp-spacing, 1rem);
    }
    :where(cibtp-tiles) .cibtp-tiles__message {
      margin: 0;
      font-weight: 600;
      color: var(--cibtp-color-error, #b3261e);
    }
    @media (forced-colors: active) {
      :where(cibtp-tiles) .cibtp-tile {
        border: 1px solid CanvasText;
      }
    }
  `,
];
