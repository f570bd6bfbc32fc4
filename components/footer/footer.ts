import { define } from '../shared/define.js';
import { CibtpFooter } from './footer.component.js';

export { CibtpFooter };

define('cibtp-footer', CibtpFooter);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-footer': CibtpFooter;
  }
}
