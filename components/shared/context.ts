import { ContextRoot, createContext } from '@lit/context';
import type { Locale, Session } from '../../sdk/index.js';
import type { PortalCore } from '../../sdk/core.js';

// Keys from Symbol.for so that two copies of the kit on one page still talk to each other.
/** The portal client (a `PortalCore`, or a full `PortalClient`), provided by `<cibtp-portal>`. */
export const clientContext = createContext<PortalCore | undefined>(Symbol.for('cibtp.context.client'));
/** The current session (`null` when signed out), provided by `<cibtp-portal>`. */
export const sessionContext = createContext<Session | null>(Symbol.for('cibtp.context.session'));
/** The active locale, provided by `<cibtp-portal>`. */
export const localeContext = createContext<Locale>(Symbol.for('cibtp.context.locale'));

/**
 * Widgets load as separate chunks, in whatever order the network delivers them: a `<cibtp-login>` may
 * upgrade before the `<cibtp-portal>` around it, and its context request would then find no provider. A
 * `ContextRoot` on the document keeps such requests and replays them when a provider appears. One per
 * page, whichever copy or entry of the kit gets here first (the context protocol is shared).
 */
const ROOT = Symbol.for('cibtp.context-root');
const page = globalThis as unknown as Record<symbol, ContextRoot | undefined>;
if (typeof document !== 'undefined' && !page[ROOT]) {
  page[ROOT] = new ContextRoot();
  page[ROOT].attach(document.documentElement);
}
