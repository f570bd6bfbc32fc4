import { define } from '../shared/define.js';
import { CibtpRightsMatrix } from './rights-matrix.component.js';

export { CibtpRightsMatrix };

define('cibtp-rights-matrix', CibtpRightsMatrix);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-rights-matrix': CibtpRightsMatrix;
  }
}
