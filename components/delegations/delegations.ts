import { define } from '../shared/define.js';
import { CibtpDelegations } from './delegations.component.js';

export { CibtpDelegations };

define('cibtp-delegations', CibtpDelegations);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-delegations': CibtpDelegations;
  }
}
