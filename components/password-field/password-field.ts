import { define } from '../shared/define.js';
import { CibtpPasswordField } from './password-field.component.js';

export { CibtpPasswordField };

define('cibtp-password-field', CibtpPasswordField);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-password-field': CibtpPasswordField;
  }
}
