import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * The theme tokens every widget reads, with their defaults (a sober neutral theme: AA contrast,
 * visible focus ring, targets of 44 px). A host page sets them on the widget, on `<cibtp-portal>` or
 * on `:root`.
 */
export const THEME_TOKENS = [
  '--cibtp-font-family',
  '--cibtp-font-size',
  '--cibtp-color-text',
  '--cibtp-color-text-muted',
  '--cibtp-color-background',
  '--cibtp-color-surface',
  '--cibtp-color-border',
  '--cibtp-color-primary',
  '--cibtp-color-primary-hover',
  '--cibtp-color-on-primary',
  '--cibtp-color-error',
  '--cibtp-color-success',
  '--cibtp-color-focus',
  '--cibtp-radius',
  '--cibtp-spacing',
  '--cibtp-max-width',
  '--cibtp-max-width-wide',
  '--cibtp-control-height',
] as const;

/**
 * The frame of every form widget, adopted into the widget's own shadow root (see `CibtpElement`),
 * where the frame is `<div part="card">`. A page's `cibtp-x::part(card)` rules win over these (the
 * outer tree wins the cascade), and the frame reads the same theme tokens as the light-DOM content.
 *
 * `slot { box-sizing: inherit }`: slotted content inherits through the slot (the flat tree); without
 * it, the light-DOM rule "box-sizing: inherit" would find the slot's default content-box and inputs
 * would overflow. (Comments inside css`` literals would ship to every page: they are kept out here.)
 */
export const frameStyles = css`
  [part='card'] {
    box-sizing: border-box;
    background: var(--cibtp-color-background, #ffffff);
    border: 1px solid var(--cibtp-color-border, #767676);
    border-radius: var(--cibtp-radius, 0.25rem);
    padding: calc(var(--cibtp-spacing, 1rem) * 1.5);
  }
  slot {
    box-sizing: inherit;
  }
`;

/**
 * The form styles shared by every widget, scoped under `tag`. Selectors are `:where(tag) .cibtp-…`:
 * the tag adds no specificity, so a host page overrides a rule with `tag .cibtp-…`, and a page's own
 * generic rules (`button {}`) do not break the widget.
 */
export function formStyles(tag: string): CSSResult {
  const t = unsafeCSS(tag);
  return css`
    :where(${t}) {
      display: block;
      box-sizing: border-box;
      max-width: var(--cibtp-max-width, 34rem);
      color: var(--cibtp-color-text, #1e1e1e);
      font-family: var(--cibtp-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
      font-size: var(--cibtp-font-size, 1rem);
      line-height: 1.5;
    }
    :where(${t})[hidden] {
      display: none;
    }
    :where(${t}) *,
    :where(${t}) *::before,
    :where(${t}) *::after {
      box-sizing: inherit;
    }
    :where(${t}) .cibtp-heading {
      margin: 0 0 var(--cibtp-spacing, 1rem);
      font-size: 1.5em;
      line-height: 1.25;
    }
    :where(${t}) .cibtp-subheading {
      margin: 0 0 calc(var(--cibtp-spacing, 1rem) / 2);
      font-size: 1.2em;
    }
    :where(${t}) [tabindex='-1']:focus {
      outline: 2px solid var(--cibtp-color-focus, #0a58ca);
      outline-offset: 2px;
    }
    :where(${t}) .cibtp-note,
    :where(${t}) .cibtp-hint {
      margin: 0 0 calc(var(--cibtp-spacing, 1rem) / 2);
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(${t}) .cibtp-form {
      display: grid;
      gap: var(--cibtp-spacing, 1rem);
      margin: 0;
    }
    :where(${t}) .cibtp-field {
      display: grid;
      gap: 0.25rem;
    }
    :where(${t}) .cibtp-field .cibtp-hint {
      margin: 0;
      font-size: 0.9em;
    }
    :where(${t}) .cibtp-label,
    :where(${t}) .cibtp-legend {
      font-weight: 600;
    }
    :where(${t}) .cibtp-fieldset {
      border: 0;
      margin: 0;
      padding: 0;
      min-width: 0;
    }
    :where(${t}) .cibtp-legend {
      padding: 0;
      margin-bottom: 0.5rem;
    }
    :where(${t}) .cibtp-required {
      color: var(--cibtp-color-error, #b3261e);
    }
    :where(${t}) .cibtp-input {
      width: 100%;
      min-height: var(--cibtp-control-height, 2.75rem);
      padding: 0.5rem 0.75rem;
      font: inherit;
      color: var(--cibtp-color-text, #1e1e1e);
      background: var(--cibtp-color-background, #ffffff);
      border: 1px solid var(--cibtp-color-border, #767676);
      border-radius: var(--cibtp-radius, 0.25rem);
    }
    :where(${t}) .cibtp-input[aria-invalid='true'] {
      border: 2px solid var(--cibtp-color-error, #b3261e);
    }
    :where(${t}) .cibtp-field-error {
      margin: 0;
      font-weight: 600;
      color: var(--cibtp-color-error, #b3261e);
    }
    :where(${t}) .cibtp-field-error::before {
      content: '⚠ ' / '';
    }
    :where(${t}) .cibtp-password {
      display: flex;
      gap: 0.5rem;
    }
    :where(${t}) .cibtp-password .cibtp-input {
      flex: 1 1 auto;
      min-width: 0;
    }
    :where(${t}) .cibtp-checklist {
      font-size: 0.9em;
      color: var(--cibtp-color-text-muted, #4f4f4f);
    }
    :where(${t}) .cibtp-checklist p {
      margin: 0.25rem 0;
    }
    :where(${t}) .cibtp-checklist ul {
      list-style: none;
      margin: 0;
      padding-left: 0.75rem;
    }
    :where(${t}) .cibtp-check[data-ok='true'] > .cibtp-check__mark {
      color: var(--cibtp-color-success, #18753c);
      font-weight: 700;
    }
    :where(${t}) .cibtp-button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 0.5rem;
      min-height: var(--cibtp-control-height, 2.75rem);
      min-width: 2.75rem;
      padding: 0.5rem 1rem;
      font: inherit;
      font-weight: 600;
      border-radius: var(--cibtp-radius, 0.25rem);
      border: 2px solid var(--cibtp-color-primary, #0b3d91);
      cursor: pointer;
      text-decoration: none;
    }
    :where(${t}) .cibtp-button--primary {
      color: var(--cibtp-color-on-primary, #ffffff);
      background: var(--cibtp-color-primary, #0b3d91);
    }
    :where(${t}) .cibtp-button--primary:hover {
      background: var(--cibtp-color-primary-hover, #072a66);
      border-color: var(--cibtp-color-primary-hover, #072a66);
    }
    :where(${t}) .cibtp-button--secondary {
      color: var(--cibtp-color-primary, #0b3d91);
      background: var(--cibtp-color-background, #ffffff);
    }
    :where(${t}) .cibtp-button--link {
      min-height: 1.5rem;
      padding: 0.125rem 0;
      border: 0;
      background: none;
      color: var(--cibtp-color-primary, #0b3d91);
      font-weight: 400;
      text-decoration: underline;
      text-align: start;
    }
    :where(${t}) .cibtp-button:focus-visible,
    :where(${t}) .cibtp-input:focus-visible,
    :where(${t}) a:focus-visible,
    :where(${t}) input[type='radio']:focus-visible,
    :where(${t}) summary:focus-visible {
      outline: 3px solid var(--cibtp-color-focus, #0a58ca);
      outline-offset: 2px;
    }
    :where(${t}) .cibtp-button[aria-disabled='true'],
    :where(${t}) .cibtp-button:disabled {
      cursor: not-allowed;
      opacity: 0.7;
    }
    :where(${t}) .cibtp-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
    }
    :where(${t}) .cibtp-links {
      display: grid;
      gap: 0.5rem;
      margin: var(--cibtp-spacing, 1rem) 0 0;
      padding: var(--cibtp-spacing, 1rem) 0 0;
      border-top: 1px solid var(--cibtp-color-border, #767676);
      list-style: none;
    }
    :where(${t}) .cibtp-links a {
      color: var(--cibtp-color-primary, #0b3d91);
    }
    :where(${t}) .cibtp-error-summary,
    :where(${t}) .cibtp-notice {
      margin: 0 0 var(--cibtp-spacing, 1rem);
      padding: var(--cibtp-spacing, 1rem);
      border: 2px solid var(--cibtp-color-error, #b3261e);
      border-left-width: 0.5rem;
      border-radius: var(--cibtp-radius, 0.25rem);
      background: var(--cibtp-color-background, #ffffff);
    }
    :where(${t}) .cibtp-notice--success {
      border-color: var(--cibtp-color-success, #18753c);
    }
    :where(${t}) .cibtp-notice--info {
      border-color: var(--cibtp-color-primary, #0b3d91);
    }
    :where(${t}) .cibtp-error-summary__title,
    :where(${t}) .cibtp-notice__title {
      margin: 0 0 0.5rem;
      font-size: 1.1em;
    }
    :where(${t}) .cibtp-error-summary__message,
    :where(${t}) .cibtp-notice__body {
      margin: 0 0 0.5rem;
    }
    :where(${t}) .cibtp-error-summary__list {
      margin: 0;
      padding-left: 1.25rem;
    }
    :where(${t}) .cibtp-error-summary a {
      color: var(--cibtp-color-error, #b3261e);
      font-weight: 600;
    }
    :where(${t}) .cibtp-visually-hidden {
      position: absolute !important;
      width: 1px !important;
      height: 1px !important;
      padding: 0 !important;
      margin: -1px !important;
      overflow: hidden !important;
      clip: rect(0, 0, 0, 0) !important;
      white-space: nowrap !important;
      border: 0 !important;
    }
    @media (forced-colors: active) {
      :where(${t}) .cibtp-button {
        border: 2px solid ButtonText;
      }
    }
  `;
}
