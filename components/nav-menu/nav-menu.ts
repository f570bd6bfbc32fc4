import { define } from '../shared/define.js';
import { CibtpNavMenu } from './nav-menu.component.js';

export { CibtpNavMenu };

define('cibtp-nav-menu', CibtpNavMenu);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-nav-menu': CibtpNavMenu;
  }
}
