import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-side-bar>`: the shared rules (`formStyles`), then its own sheet, scoped by its
 * tag. A link is a link or a button (the route contract): both look the same. In `compact`, the
 * tooltip sits on the inline-start side of its icon (the bar is on the right of the page), touching it,
 * so that the pointer can move onto it. (Comments inside the css`` literal would ship: kept out here.)
 */
export const sideBarStyles = [
  formStyles,
  css`
    :where(cibtp-side-bar) {
      max-width: none;
    }
    :where(cibtp-side-bar) .cibtp-side-bar {
      padding: calc(var(--cibtp-spacing, 1rem) / 2);
      background: var(--cibtp-color-background, #ffffff);
      border: 1px solid var(--cibtp-color-border, #767676);
      border-radius: var(--cibtp-radius, 0.25rem);
    }
    :where(cibtp-side-bar) .cibtp-side-bar__list {
      display: grid;
      gap: 0.25rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    :where(cibtp-side-bar) .cibtp-side-bar__item {
      position: relative;
      display: flex;
      min-width: 0;
    }
    :where(cibtp-side-bar) .cibtp-side-bar__link {
      display: flex;
      flex: 1 1 auto;
      align-items: center;
      gap: 0.75rem;
      min-width: 0;
      min-height: var(--cibtp-control-height, 2.75rem);
      margin: 0;
      padding: 0.375rem 0.5rem;
      font: inherit;
      text-align: start;
      color: var(--cibtp-color-primary, #0b3d91);
      background: none;
      border: 0;
      border-radius: var(--cibtp-radius, 0.25rem);
      text-decoration: underline;
      text-underline-offset: 0.2em;
      cursor: pointer;
    }
    :where(cibtp-side-bar) .cibtp-side-bar__link:hover {
      background: var(--cibtp-color-surface, #f0f0f0);
      text-decoration-thickness: 2px;
    }
    :where(cibtp-side-bar) .cibtp-side-bar__link:focus-visible {
      outline: 3px solid var(--cibtp-color-focus, #0a58ca);
      outline-offset: 0;
    }
    :where(cibtp-side-bar) .cibtp-side-bar__icon {
      flex: none;
      display: inline-flex;
    }
    :where(cibtp-side-bar) .cibtp-side-bar__label {
      min-width: 0;
    }
    :where(cibtp-side-bar)[compact] {
      width: max-content;
    }
    :where(cibtp-side-bar)[compact] .cibtp-side-bar__link {
      justify-content: center;
      min-width: var(--cibtp-control-height, 2.75rem);
      padding: 0.375rem;
    }
    :where(cibtp-side-bar) .cibtp-side-bar__tip {
      position: absolute;
      z-index: 10;
      inset-inline-end: 100%;
      top: 50%;
      transform: translateY(-50%);
      width: max-content;
      max-width: min(16rem, 70vw);
      padding: 0.25rem 0.5rem;
      color: var(--cibtp-color-text, #1e1e1e);
      background: var(--cibtp-color-background, #ffffff);
      border: 1px solid var(--cibtp-color-border, #767676);
      border-radius: var(--cibtp-radius, 0.25rem);
      box-shadow: 0 4px 12px rgb(0 0 0 / 0.2);
      font-weight: 600;
    }
    :where(cibtp-side-bar) .cibtp-side-bar__tip[hidden] {
      display: none;
    }
  `,
];
