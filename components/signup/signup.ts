import { define } from '../shared/define.js';
import { CibtpSignup } from './signup.component.js';

export { CibtpSignup };
export type { SignupType } from './signup.component.js';

define('cibtp-signup', CibtpSignup);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-signup': CibtpSignup;
  }
}
