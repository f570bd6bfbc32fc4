import { define } from '../shared/define.js';
import { CibtpTiersPicker } from './tiers-picker.component.js';

export { CibtpTiersPicker };

define('cibtp-tiers-picker', CibtpTiersPicker);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-tiers-picker': CibtpTiersPicker;
  }
}
