import { define } from '../shared/define.js';
import { CibtpTiles } from './tiles.component.js';

export { CibtpTiles };

define('cibtp-tiles', CibtpTiles);

declare global {
  interface HTMLElementTagNameMap {
    'cibtp-tiles': CibtpTiles;
  }
}
