import { define } from '../shared/define.js';
import { CibtpCompleteAccount } from './complete-account.component.js';

export { CibtpCompleteAccount };

define('cibtp-complete-account', CibtpCompleteAccount);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-complete-account': CibtpCompleteAccount;
  }
}
