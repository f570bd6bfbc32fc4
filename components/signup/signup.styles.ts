import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-signup>`: the shared form rules (`formStyles`), then its own sheet, scoped by its
 * tag: the select arrow room, the radio options, the date in three parts (widths that say how many
 * digits go in), the commune suggestions (a list under the input, the active option outlined as well as
 * coloured, for forced-colours modes), and the information notice.
 */
export const signupStyles = [
  formStyles,
  css`
    :where(cibtp-signup) .cibtp-select {
      width: 100%;
    }
    :where(cibtp-signup) .cibtp-radios {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
    }
    :where(cibtp-signup) .cibtp-option {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      min-height: 2.75rem;
    }
    :where(cibtp-signup) .cibtp-radio {
      flex: none;
      width: 1.5rem;
      height: 1.5rem;
      margin: 0;
      accent-color: var(--cibtp-color-primary, #0b3d91);
    }
    :where(cibtp-signup) .cibtp-option label {
      cursor: pointer;
    }
    :where(cibtp-signup) .cibtp-date {
      display: flex;
      flex-wrap: wrap;
      gap: var(--cibtp-spacing, 1rem);
    }
    :where(cibtp-signup) .cibtp-date__part {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    :where(cibtp-signup) .cibtp-date__part--short .cibtp-input {
      width: 4.5ch;
      box-sizing: content-box;
    }
    :where(cibtp-signup) .cibtp-date__part--long .cibtp-input {
      width: 6.5ch;
      box-sizing: content-box;
    }
    :where(cibtp-signup) .cibtp-combobox__control {
      position: relative;
    }
    :where(cibtp-signup) .cibtp-combobox__list {
      position: absolute;
      z-index: 1;
      inset-inline: 0;
      max-height: 16rem;
      overflow-y: auto;
      margin: 0.25rem 0 0;
      padding: 0;
      list-style: none;
      background: var(--cibtp-color-background, #ffffff);
      border: 1px solid var(--cibtp-color-border, #767676);
      border-radius: var(--cibtp-radius, 0.25rem);
    }
    :where(cibtp-signup) .cibtp-combobox__list[hidden] {
      display: none;
    }
    :where(cibtp-signup) .cibtp-combobox__option {
      min-height: 2.75rem;
      padding: 0.625rem 0.75rem;
      cursor: pointer;
      overflow-wrap: anywhere;
    }
    :where(cibtp-signup) .cibtp-combobox__option[aria-selected='true'] {
      background: var(--cibtp-color-surface, #f3f3f3);
      outline: 2px solid var(--cibtp-color-focus, #0a58ca);
      outline-offset: -2px;
    }
    :where(cibtp-signup) .cibtp-combobox__option:hover {
      background: var(--cibtp-color-surface, #f3f3f3);
    }
    :where(cibtp-signup) .cibtp-information {
      padding: 0.75rem 1rem;
      background: var(--cibtp-color-surface, #f3f3f3);
      border-inline-start: 4px solid var(--cibtp-color-primary, #0b3d91);
    }
    :where(cibtp-signup) .cibtp-information p {
      margin: 0;
    }
    :where(cibtp-signup) [data-part='identity'] bdi,
    :where(cibtp-signup) [data-part='notice'] bdi {
      overflow-wrap: anywhere;
      font-weight: 600;
    }
  `,
];
