import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-nav-menu>`: the shared form rules (`formStyles`, for its buttons), then its own
 * sheet, scoped by its tag. The widget is a size container: below 40rem the entries stack behind the
 * *Menu* button. What one layout does not show is `visibility: hidden` (out of the accessibility tree and
 * of the tab order) and takes no room, rather than `display: none`, so that a page holds the same text at
 * any width: the *Menu* button on a wide screen, the collapsed entries on a narrow one. Being a container
 * makes the widget a stacking context, hence its `z-index`, so that an open panel covers what follows the
 * menu on the page. (Comments inside the css`` literal would ship to every page: they are kept out here.)
 */
export const navMenuStyles = [
  formStyles,
  css`
    :where(cibtp-nav-menu) {
      max-width: none;
      position: relative;
      z-index: 2;
      container-type: inline-size;
    }
    :where(cibtp-nav-menu) .cibtp-menu {
      background: var(--cibtp-color-background, #ffffff);
      border-bottom: 2px solid var(--cibtp-color-primary, #0b3d91);
    }
    :where(cibtp-nav-menu) .cibtp-menu__toggle {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      visibility: hidden;
    }
    :where(cibtp-nav-menu) .cibtp-menu__entries {
      display: flex;
      flex-wrap: wrap;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    :where(cibtp-nav-menu) .cibtp-menu__entry {
      position: relative;
      min-width: 0;
    }
    :where(cibtp-nav-menu) .cibtp-menu__button {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      min-height: var(--cibtp-control-height, 2.75rem);
      padding: 0.5rem 0.75rem;
      border: 0;
      border-bottom: 4px solid transparent;
      background: transparent;
      color: var(--cibtp-color-primary, #0b3d91);
      font: inherit;
      font-weight: 600;
      text-align: start;
      cursor: pointer;
    }
    :where(cibtp-nav-menu) .cibtp-menu__button:hover {
      background: var(--cibtp-color-surface, #f3f3f3);
    }
    :where(cibtp-nav-menu) .cibtp-menu__button[aria-expanded='true'],
    :where(cibtp-nav-menu) .cibtp-menu__button[data-current] {
      border-bottom-color: currentColor;
    }
    :where(cibtp-nav-menu) .cibtp-menu__button:focus-visible,
    :where(cibtp-nav-menu) .cibtp-menu__link:focus-visible {
      outline: 3px solid var(--cibtp-color-focus, #0a58ca);
      outline-offset: -3px;
    }
    :where(cibtp-nav-menu) .cibtp-menu__chevron {
      flex: none;
    }
    :where(cibtp-nav-menu) .cibtp-menu__button[aria-expanded='true'] .cibtp-menu__chevron {
      transform: rotate(180deg);
    }
    :where(cibtp-nav-menu) .cibtp-menu__panel {
      position: absolute;
      top: 100%;
      inset-inline-start: 0;
      z-index: 1;
      min-width: min(16rem, 100cqi);
      max-width: min(26rem, 100cqi);
      width: max-content;
      padding: 0.25rem 0;
      background: var(--cibtp-color-background, #ffffff);
      border: 1px solid var(--cibtp-color-border, #767676);
      border-radius: 0 0 var(--cibtp-radius, 0.25rem) var(--cibtp-radius, 0.25rem);
      box-shadow: 0 4px 12px rgb(0 0 0 / 0.2);
    }
    :where(cibtp-nav-menu) .cibtp-menu__panel[data-align='end'] {
      inset-inline-start: auto;
      inset-inline-end: 0;
    }
    :where(cibtp-nav-menu) .cibtp-menu__panel[hidden] {
      display: none;
    }
    :where(cibtp-nav-menu) .cibtp-menu__group {
      margin: 0.5rem 1rem 0.25rem;
      font-size: 0.9em;
      font-weight: 600;
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(cibtp-nav-menu) .cibtp-menu__links {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    :where(cibtp-nav-menu) .cibtp-menu__link {
      display: flex;
      align-items: center;
      box-sizing: border-box;
      width: 100%;
      min-height: var(--cibtp-control-height, 2.75rem);
      padding: 0.5rem 1rem;
      border: 0;
      border-inline-start: 4px solid transparent;
      background: none;
      color: var(--cibtp-color-primary, #0b3d91);
      font: inherit;
      text-align: start;
      text-decoration: underline;
      text-underline-offset: 0.15em;
      cursor: pointer;
    }
    :where(cibtp-nav-menu) .cibtp-menu__link:hover {
      background: var(--cibtp-color-surface, #f3f3f3);
      text-decoration-thickness: 2px;
    }
    :where(cibtp-nav-menu) .cibtp-menu__link[aria-current='page'] {
      border-inline-start-color: currentColor;
      font-weight: 700;
      text-decoration: none;
    }
    :where(cibtp-nav-menu) .cibtp-menu__message {
      margin: 0;
      padding: 0.5rem 1rem;
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(cibtp-nav-menu) .cibtp-menu__message--error {
      color: var(--cibtp-color-error, #b3261e);
      font-weight: 600;
    }
    :where(cibtp-nav-menu) .cibtp-menu__retry {
      margin: 0;
      padding: 0 1rem 0.5rem;
    }
    @container (max-width: 40rem) {
      :where(cibtp-nav-menu) .cibtp-menu__toggle {
        position: static;
        width: auto;
        height: auto;
        overflow: visible;
        clip-path: none;
        visibility: visible;
        margin: 0.5rem 0;
      }
      :where(cibtp-nav-menu) .cibtp-menu__entries {
        flex-direction: column;
        flex-wrap: nowrap;
      }
      :where(cibtp-nav-menu) .cibtp-menu__entries:not([data-open]) {
        height: 0;
        overflow: hidden;
        visibility: hidden;
      }
      :where(cibtp-nav-menu) .cibtp-menu__button {
        justify-content: space-between;
        width: 100%;
        border-bottom-width: 0;
        border-inline-start: 4px solid transparent;
      }
      :where(cibtp-nav-menu) .cibtp-menu__button[aria-expanded='true'],
      :where(cibtp-nav-menu) .cibtp-menu__button[data-current] {
        border-inline-start-color: currentColor;
      }
      :where(cibtp-nav-menu) .cibtp-menu__panel {
        position: static;
        width: auto;
        min-width: 0;
        max-width: none;
        padding: 0 0 0.25rem 1rem;
        border: 0;
        border-radius: 0;
        box-shadow: none;
      }
    }
  `,
];
