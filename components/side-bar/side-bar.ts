import { define } from '../shared/define.js';
import { CibtpSideBar } from './side-bar.component.js';

export { CibtpSideBar };

define('cibtp-side-bar', CibtpSideBar);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-side-bar': CibtpSideBar;
  }
}
