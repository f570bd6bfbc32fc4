import { define } from '../shared/define.js';
import { CibtpPhoneField } from './phone-field.component.js';

export { CibtpPhoneField };
export type { PhoneCertifiedDetail } from './phone-field.component.js';
export { phoneFieldMessages } from './phone-messages.js';

define('cibtp-phone-field', CibtpPhoneField);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-phone-field': CibtpPhoneField;
  }
}
