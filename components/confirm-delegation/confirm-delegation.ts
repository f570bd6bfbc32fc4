import { define } from '../shared/define.js';
import { CibtpConfirmDelegation } from './confirm-delegation.component.js';

export { CibtpConfirmDelegation };

define('cibtp-confirm-delegation', CibtpConfirmDelegation);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-confirm-delegation': CibtpConfirmDelegation;
  }
}
