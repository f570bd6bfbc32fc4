import { define } from '../shared/define.js';
import { CibtpResetPassword } from './reset-password.component.js';

export { CibtpResetPassword };

define('cibtp-reset-password', CibtpResetPassword);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-reset-password': CibtpResetPassword;
  }
}
