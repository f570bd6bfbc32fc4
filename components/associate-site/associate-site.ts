import { define } from '../shared/define.js';
import { CibtpAssociateSite } from './associate-site.component.js';

export { CibtpAssociateSite };

define('cibtp-associate-site', CibtpAssociateSite);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-associate-site': CibtpAssociateSite;
  }
}
