import { css } from 'lit';

/**
 * The portal's shadow root: the slot (the page's widgets) and the session warning, a `<dialog>`
 * exposed as `::part(session-warning)`. Only theme tokens (`THEME_TOKENS`) are read, each documented
 * with `@cssproperty` on the class.
 */
export const portalStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  dialog {
    width: 32rem;
    padding: calc(var(--cibtp-spacing, 1rem) * 1.5);
    color: var(--cibtp-color-text, #1e1e1e);
    background: var(--cibtp-color-background, #fff);
    border: 2px solid var(--cibtp-color-primary, #0b3d91);
    border-radius: var(--cibtp-radius, 0.25rem);
    font: var(--cibtp-font-size, 1rem) / 1.5 var(--cibtp-font-family, system-ui, sans-serif);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  h2,
  p {
    margin: 0 0 var(--cibtp-spacing, 1rem);
  }
  .error {
    color: var(--cibtp-color-error, #b3261e);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }
  button {
    min-height: var(--cibtp-control-height, 2.75rem);
    padding: 0.5rem 1rem;
    font: inherit;
    font-weight: 600;
    color: var(--cibtp-color-primary, #0b3d91);
    background: var(--cibtp-color-background, #fff);
    border: 2px solid var(--cibtp-color-primary, #0b3d91);
    border-radius: var(--cibtp-radius, 0.25rem);
  }
  .cibtp-button--primary {
    color: var(--cibtp-color-on-primary, #fff);
    background: var(--cibtp-color-primary, #0b3d91);
  }
  .cibtp-button--primary:hover {
    background: var(--cibtp-color-primary-hover, #072a66);
  }
  button:focus-visible {
    outline: 3px solid var(--cibtp-color-focus, #0a58ca);
    outline-offset: 2px;
  }
  [aria-disabled='true'] {
    opacity: 0.7;
  }
  .cibtp-visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
