import { ContextConsumer } from '@lit/context';
import { html, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { PortalCore } from '../../sdk/core.js';
import { RIGHT_FUNCTION_IDS, type RightFunction } from '../../sdk/rules/rights.js';
import { recordUse } from '../../sdk/tiers/operations.js';
import { emit } from './events.js';
import { safeHref } from './navigation.js';
import { routesContext, type Destination, type NavigateDetail, type Routes } from './routes.js';

/** Whether a destination is a function of the rights catalogue (whose use the backend counts). */
export function isRightFunction(to: Destination): to is RightFunction {
  return (RIGHT_FUNCTION_IDS as readonly string[]).includes(to);
}

export interface NavLinkOptions {
  /** `data-part` of the link (documented by the widget). */
  part?: string;
  className?: string;
  /** `aria-current="page"` (the page the user is on). */
  current?: boolean;
}

/**
 * The links of a widget to the rest of the space (menu, tiles, side bar, footer…), through the one route
 * contract: a destination the caisse gave a URL (`<cibtp-portal routes>`) is a real `<a href>`; any other
 * is a button. Either fires `cibtp-navigate` first, which the host page may cancel to route it itself;
 * opening a link in a new tab (Ctrl, ⌘, Shift or middle click) is left to the browser. Following a
 * function (« Mes comptes bancaires ») tells the backend, whose count of uses orders the home tiles.
 */
export class NavController implements ReactiveController {
  routes: Routes = {};

  constructor(
    private readonly host: ReactiveElement,
    /** The portal client, to record the use of a function (none: nothing recorded). */
    private readonly client: () => PortalCore | undefined = () => undefined,
  ) {
    host.addController(this);
    new ContextConsumer(host, {
      context: routesContext,
      subscribe: true,
      callback: (routes) => {
        this.routes = routes ?? {};
        host.requestUpdate();
      },
    });
  }

  hostConnected(): void {}

  /** The URL the caisse gave `to`, when it is one a link may point to. */
  href(to: Destination): string | undefined {
    return safeHref(this.routes[to]);
  }

  /**
   * Asks the host page for `detail` (`cibtp-navigate`); `false` when it took over (the default action
   * of `event`, a link's, is then cancelled).
   */
  follow(detail: NavigateDetail, event?: Event): boolean {
    const client = this.client();
    if (client?.session?.tiers && isRightFunction(detail.to)) {
      // Counted whatever the page does next; a failure only means the tiles learn less.
      recordUse(client, { function: detail.to }).catch(() => undefined);
    }
    const go = emit(this.host, 'cibtp-navigate', detail);
    if (!go) event?.preventDefault();
    return go;
  }

  /** A link (or button) to `detail`, showing `content`. */
  link(detail: NavigateDetail, content: unknown, o: NavLinkOptions = {}): TemplateResult {
    const href = this.href(detail.to);
    const className = o.className ?? 'cibtp-nav-link';
    if (href) {
      const click = (event: MouseEvent) => {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        this.follow(detail, event);
      };
      return html`<a href=${href} class=${className} data-part=${o.part ?? 'link'} aria-current=${ifDefined(o.current ? 'page' : undefined)}
        @click=${click}>${content}</a>`;
    }
    return html`<button type="button" class=${className} data-part=${o.part ?? 'link'} aria-current=${ifDefined(o.current ? 'page' : undefined)}
      @click=${() => this.follow(detail)}>${content}</button>`;
  }
}
