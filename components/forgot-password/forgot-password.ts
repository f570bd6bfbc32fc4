import { define } from '../shared/define.js';
import { CibtpForgotPassword } from './forgot-password.component.js';

export { CibtpForgotPassword };
export type { RecoverySituation } from './forgot-password.component.js';

define('cibtp-forgot-password', CibtpForgotPassword);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-forgot-password': CibtpForgotPassword;
  }
}
