import { define } from '../shared/define.js';
import { CibtpTopBar } from './top-bar.component.js';

export { CibtpTopBar };

define('cibtp-top-bar', CibtpTopBar);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-top-bar': CibtpTopBar;
  }
}
