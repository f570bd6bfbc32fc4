import { define } from '../shared/define.js';
import { CibtpLogin } from './login.component.js';

export { CibtpLogin };

define('cibtp-login', CibtpLogin);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-login': CibtpLogin;
  }
}
