import { css } from 'lit';
import { formStyles } from '../shared/styles.js';

/**
 * The styles of `<cibtp-delegation-wizard>`: the shared form rules (`formStyles`), then its own sheet,
 * scoped by its tag. The wizard grows as wide as the rights matrix needs (`--cibtp-max-width-wide`);
 * step 1's inputs keep a reading width of their own. The recap and the view are description lists:
 * a term above its value on a phone, beside it from about 30rem of the widget's width (a container
 * query), so that nothing is cut at 320 px. The matrix's own sheet comes with it.
 * (Comments inside css`` literals would ship: they are kept out here.)
 */
export const delegationWizardStyles = [
  formStyles,
  css`
    :where(cibtp-delegation-wizard) {
      max-width: var(--cibtp-max-width-wide, 60rem);
      container: cibtp-delegation-wizard / inline-size;
    }
    :where(cibtp-delegation-wizard) .cibtp-form > .cibtp-field,
    :where(cibtp-delegation-wizard) .cibtp-form > .cibtp-note {
      max-width: var(--cibtp-max-width, 34rem);
    }
    :where(cibtp-delegation-wizard) .cibtp-date-input {
      width: auto;
      min-width: 12rem;
      max-width: 100%;
    }
    :where(cibtp-delegation-wizard) .cibtp-lead {
      margin: 0;
    }
    :where(cibtp-delegation-wizard) .cibtp-facts {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 0.25rem 1rem;
      margin: 0 0 var(--cibtp-spacing, 1rem);
    }
    :where(cibtp-delegation-wizard) .cibtp-facts dt {
      font-weight: 600;
    }
    :where(cibtp-delegation-wizard) .cibtp-facts dd {
      margin: 0 0 0.5rem;
    }
    @container cibtp-delegation-wizard (min-width: 30rem) {
      :where(cibtp-delegation-wizard) .cibtp-facts {
        grid-template-columns: max-content minmax(0, 1fr);
      }
      :where(cibtp-delegation-wizard) .cibtp-facts dd {
        margin: 0;
      }
    }
    :where(cibtp-delegation-wizard) .cibtp-wizard-rights {
      display: grid;
      gap: 0.5rem;
      min-width: 0;
    }
    :where(cibtp-delegation-wizard) .cibtp-subheading {
      margin: 0;
    }
  `,
];
