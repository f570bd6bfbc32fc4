import { define } from '../shared/define.js';
import { CibtpPortal } from './portal.component.js';

export { CibtpPortal };

define('cibtp-portal', CibtpPortal);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-portal': CibtpPortal;
  }
}
