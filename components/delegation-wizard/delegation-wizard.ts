import { define } from '../shared/define.js';
import { CibtpDelegationWizard } from './delegation-wizard.component.js';

export { CibtpDelegationWizard };

define('cibtp-delegation-wizard', CibtpDelegationWizard);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-delegation-wizard': CibtpDelegationWizard;
  }
}
