import { css, type CSSResult } from 'lit';

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
 * The attribute that `CibtpElement` sets on its host when it connects. It scopes the shared form rules
 * (`formStyles`) without naming any tag, so that one sheet serves every widget.
 */
export const WIDGET_ATTRIBUTE = 'data-cibtp-widget';

/**
 * The form rules shared by every widget: ONE constant sheet, adopted once per root (the document, or
 * the shadow root the widgets sit in) however many widgets, of however many kinds, a page holds. Each
 * widget's `static styles` is `[formStyles, itsOwnRules]` (`x.styles.ts`), its own rules scoped by its
 * tag, `:where(cibtp-x) …`; `adoptIntoRoot` appends the sheets it lacks in that order, so a widget's
 * own rules always come after these and win at equal specificity.
 *
 * Selectors are `:where([data-cibtp-widget]) .cibtp-…` (`WIDGET_ATTRIBUTE`): the scope adds no
 * specificity, so a host page overrides a rule with `cibtp-login .cibtp-…` (0,1,1 beats 0,1,0), while
 * a page's own generic rules (`button {}`, 0,0,1) do not break the widget. The host rules themselves
 * (`:where([data-cibtp-widget]) { display: block; … }`) have no specificity at all: `cibtp-login {}`
 * wins. (Comments inside css`` literals would ship to every page: they are kept out here.)
 *
 * `overflow-wrap: anywhere`: every text from a server (names, raisons sociales, masked phones) is
 * hostile until shown otherwise; a 300-character unbroken name wraps instead of widening the page.
 * `.cibtp-step` is the wizard's step indicator, the first line inside the step's heading.
 */
export const formStyles: CSSResult = css`
  :where([data-cibtp-widget]) {
    display: block;
    box-sizing: border-box;
    overflow-wrap: anywhere;
    max-width: var(--cibtp-max-width, 34rem);
    color: var(--cibtp-color-text, #1e1e1e);
    font-family: var(--cibtp-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
    font-size: var(--cibtp-font-size, 1rem);
    line-height: 1.5;
  }
  :where([data-cibtp-widget])[hidden] {
    display: none;
  }
  :where([data-cibtp-widget]) *,
  :where([data-cibtp-widget]) *::before,
  :where([data-cibtp-widget]) *::after {
    box-sizing: inherit;
  }
  :where([data-cibtp-widget]) .cibtp-heading {
    margin: 0 0 var(--cibtp-spacing, 1rem);
    font-size: 1.5em;
    line-height: 1.25;
  }
  :where([data-cibtp-widget]) .cibtp-step {
    display: block;
    margin-bottom: 0.25em;
    font-size: 0.6em;
    font-weight: normal;
    color: var(--cibtp-color-text-muted, #595959);
  }
  :where([data-cibtp-widget]) .cibtp-subheading {
    margin: 0 0 calc(var(--cibtp-spacing, 1rem) / 2);
    font-size: 1.2em;
  }
  :where([data-cibtp-widget]) [tabindex='-1']:focus {
    outline: 2px solid var(--cibtp-color-focus, #0a58ca);
    outline-offset: 2px;
  }
  :where([data-cibtp-widget]) .cibtp-note,
  :where([data-cibtp-widget]) .cibtp-hint {
    margin: 0 0 calc(var(--cibtp-spacing, 1rem) / 2);
    color: var(--cibtp-color-text-muted, #4f4f4f);
  }
  :where([data-cibtp-widget]) .cibtp-form {
    display: grid;
    gap: var(--cibtp-spacing, 1rem);
    margin: 0;
  }
  :where([data-cibtp-widget]) .cibtp-field {
    display: grid;
    gap: 0.25rem;
  }
  :where([data-cibtp-widget]) .cibtp-field .cibtp-hint {
    margin: 0;
    font-size: 0.9em;
  }
  :where([data-cibtp-widget]) .cibtp-label,
  :where([data-cibtp-widget]) .cibtp-legend {
    font-weight: 600;
  }
  :where([data-cibtp-widget]) .cibtp-fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  :where([data-cibtp-widget]) .cibtp-legend {
    padding: 0;
    margin-bottom: 0.5rem;
  }
  :where([data-cibtp-widget]) .cibtp-required {
    color: var(--cibtp-color-error, #b3261e);
  }
  :where([data-cibtp-widget]) .cibtp-input {
    width: 100%;
    min-height: var(--cibtp-control-height, 2.75rem);
    padding: 0.5rem 0.75rem;
    font: inherit;
    color: var(--cibtp-color-text, #1e1e1e);
    background: var(--cibtp-color-background, #ffffff);
    border: 1px solid var(--cibtp-color-border, #767676);
    border-radius: var(--cibtp-radius, 0.25rem);
  }
  :where([data-cibtp-widget]) .cibtp-input[aria-invalid='true'] {
    border: 2px solid var(--cibtp-color-error, #b3261e);
  }
  :where([data-cibtp-widget]) .cibtp-field-error {
    margin: 0;
    font-weight: 600;
    color: var(--cibtp-color-error, #b3261e);
  }
  :where([data-cibtp-widget]) .cibtp-field-error::before {
    content: '⚠ ' / '';
  }
  :where([data-cibtp-widget]) .cibtp-password {
    display: flex;
    gap: 0.5rem;
  }
  :where([data-cibtp-widget]) .cibtp-password .cibtp-input {
    flex: 1 1 auto;
    min-width: 0;
  }
  :where([data-cibtp-widget]) .cibtp-checklist {
    font-size: 0.9em;
    color: var(--cibtp-color-text-muted, #4f4f4f);
  }
  :where([data-cibtp-widget]) .cibtp-checklist p {
    margin: 0.25rem 0;
  }
  :where([data-cibtp-widget]) .cibtp-checklist ul {
    list-style: none;
    margin: 0;
    padding-left: 0.75rem;
  }
  :where([data-cibtp-widget]) .cibtp-check[data-ok='true'] > .cibtp-check__mark {
    color: var(--cibtp-color-success, #18753c);
    font-weight: 700;
  }
  :where([data-cibtp-widget]) .cibtp-button {
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
  :where([data-cibtp-widget]) .cibtp-button--primary {
    color: var(--cibtp-color-on-primary, #ffffff);
    background: var(--cibtp-color-primary, #0b3d91);
  }
  :where([data-cibtp-widget]) .cibtp-button--primary:hover {
    background: var(--cibtp-color-primary-hover, #072a66);
    border-color: var(--cibtp-color-primary-hover, #072a66);
  }
  :where([data-cibtp-widget]) .cibtp-button--secondary {
    color: var(--cibtp-color-primary, #0b3d91);
    background: var(--cibtp-color-background, #ffffff);
  }
  :where([data-cibtp-widget]) .cibtp-button--link {
    min-height: 1.5rem;
    padding: 0.125rem 0;
    border: 0;
    background: none;
    color: var(--cibtp-color-primary, #0b3d91);
    font-weight: 400;
    text-decoration: underline;
    text-align: start;
  }
  :where([data-cibtp-widget]) .cibtp-button:focus-visible,
  :where([data-cibtp-widget]) .cibtp-input:focus-visible,
  :where([data-cibtp-widget]) a:focus-visible,
  :where([data-cibtp-widget]) input[type='radio']:focus-visible,
  :where([data-cibtp-widget]) summary:focus-visible {
    outline: 3px solid var(--cibtp-color-focus, #0a58ca);
    outline-offset: 2px;
  }
  :where([data-cibtp-widget]) .cibtp-button[aria-disabled='true'],
  :where([data-cibtp-widget]) .cibtp-button:disabled {
    cursor: not-allowed;
    opacity: 0.7;
  }
  :where([data-cibtp-widget]) .cibtp-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
  }
  :where([data-cibtp-widget]) .cibtp-links {
    display: grid;
    gap: 0.5rem;
    margin: var(--cibtp-spacing, 1rem) 0 0;
    padding: var(--cibtp-spacing, 1rem) 0 0;
    border-top: 1px solid var(--cibtp-color-border, #767676);
    list-style: none;
  }
  :where([data-cibtp-widget]) .cibtp-links a {
    color: var(--cibtp-color-primary, #0b3d91);
  }
  :where([data-cibtp-widget]) .cibtp-error-summary,
  :where([data-cibtp-widget]) .cibtp-notice {
    margin: 0 0 var(--cibtp-spacing, 1rem);
    padding: var(--cibtp-spacing, 1rem);
    border: 2px solid var(--cibtp-color-error, #b3261e);
    border-left-width: 0.5rem;
    border-radius: var(--cibtp-radius, 0.25rem);
    background: var(--cibtp-color-background, #ffffff);
  }
  :where([data-cibtp-widget]) .cibtp-notice--success {
    border-color: var(--cibtp-color-success, #18753c);
  }
  :where([data-cibtp-widget]) .cibtp-notice--info {
    border-color: var(--cibtp-color-primary, #0b3d91);
  }
  :where([data-cibtp-widget]) .cibtp-error-summary__title,
  :where([data-cibtp-widget]) .cibtp-notice__title {
    margin: 0 0 0.5rem;
    font-size: 1.1em;
  }
  :where([data-cibtp-widget]) .cibtp-error-summary__message,
  :where([data-cibtp-widget]) .cibtp-notice__body {
    margin: 0 0 0.5rem;
  }
  :where([data-cibtp-widget]) .cibtp-error-summary__list {
    margin: 0;
    padding-left: 1.25rem;
  }
  :where([data-cibtp-widget]) .cibtp-error-summary a {
    color: var(--cibtp-color-error, #b3261e);
    font-weight: 600;
  }
  :where([data-cibtp-widget]) .cibtp-visually-hidden {
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
    :where([data-cibtp-widget]) .cibtp-button {
      border: 2px solid ButtonText;
    }
  }
`;
