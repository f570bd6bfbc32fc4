import { define } from '../shared/define.js';
import { CibtpActivateAccount } from './activate-account.component.js';

export { CibtpActivateAccount };

define('cibtp-activate-account', CibtpActivateAccount);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-activate-account': CibtpActivateAccount;
  }
}
