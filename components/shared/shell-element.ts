import type { Session } from '../../sdk/schemas/common.js';
import { CibtpElement } from './base-element.js';
import { NavController } from './nav-link.js';

/**
 * The base of the space's shell widgets (top bar, menu, tiles, side bar, footer, home page): parts of
 * the page's own layout, so without a card frame; their links go through the route contract
 * (`NavController`, which records the use of a function); they follow the session.
 */
export abstract class CibtpShellElement extends CibtpElement {
  /** The links to the rest of the space (`cibtp-navigate`, the caisse's `routes`). */
  protected readonly nav = new NavController(this, () => this.clients.value);

  protected override get framed(): boolean {
    return false;
  }

  /** The session the widget follows: its own client's, else the one the portal provides. */
  protected get session(): Session | null {
    if (this.client) return this.client.session;
    const provided = this.sessionConsumer.value;
    return provided !== undefined ? provided : (this.clients.value?.session ?? null);
  }
}
