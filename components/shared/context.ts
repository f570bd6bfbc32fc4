import { createContext } from '@lit/context';
import type { Locale, PortalClient, Session } from '../../sdk/index.js';

// Keys from Symbol.for so that two copies of the kit on one page still talk to each other.
/** The portal client, provided by `<cibtp-portal>`. */
export const clientContext = createContext<PortalClient | undefined>(Symbol.for('cibtp.context.client'));
/** The current session (`null` when signed out), provided by `<cibtp-portal>`. */
export const sessionContext = createContext<Session | null>(Symbol.for('cibtp.context.session'));
/** The active locale, provided by `<cibtp-portal>`. */
export const localeContext = createContext<Locale>(Symbol.for('cibtp.context.locale'));
