import { define } from '../shared/define.js';
import { CibtpEspace } from './espace.component.js';

export { CibtpEspace };

define('cibtp-espace', CibtpEspace);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-espace': CibtpEspace;
  }
}
