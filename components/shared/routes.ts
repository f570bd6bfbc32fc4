import { createContext } from '@lit/context';
import type { RightFunction } from '../../sdk/rules/rights.js';

/**
 * Every place a widget of the kit may lead to, outside itself. A widget never knows a caisse's URLs:
 * it fires `cibtp-navigate` with one of these, which the host page routes (and, where the caisse gave
 * `<cibtp-portal>` a URL for it in `routes`, the widget renders a real link to that URL).
 */
export type Destination =
  // Ways in: sign-in, signup, association, recovery.
  | 'login' | 'signup' | 'associate-site' | 'forgot-password' | 'confidential-code'
  // The space: home, DSN follow-up, account, rights, documents and help.
  | 'home' | 'suivi-dsn' | 'account' | 'delegations' | 'recent-documents' | 'help'
  // The side bar: contact, FAQ, the page's help, what's new, the page's tutorial.
  | 'contact' | 'faq' | 'page-help' | 'news' | 'tutorial'
  // The footer.
  | 'legal-notice' | 'data-protection' | 'terms'
  // Each function of the rights catalogue (`RIGHT_FUNCTIONS`: « Mes comptes bancaires »…).
  | RightFunction;

/** The destinations that take parameters, and which. */
export interface RouteParams {
  /** *Suivi DSN* of a tiers; `period` when a given alert was followed. */
  'suivi-dsn': { tiersId: string; period?: string };
}

/** The destinations without parameters. */
export type NavigateTarget = Exclude<Destination, keyof RouteParams>;

/** The `detail` of `cibtp-navigate`: a destination, and its parameters where it has some. */
export type NavigateDetail =
  | { to: NavigateTarget }
  | { [D in keyof RouteParams]: { to: D; params: RouteParams[D] } }[keyof RouteParams];

/**
 * URLs a caisse gives to destinations (`<cibtp-portal routes='{"legal-notice": "/mentions-legales"}'>`):
 * a widget then renders a real link (open in a new tab, copy the address…), and still fires
 * `cibtp-navigate` first, which the page may cancel to route it itself. Only `http(s):` and relative
 * URLs are kept.
 */
export type Routes = Partial<Record<Destination, string>>;

/** The caisse's `routes`, provided by `<cibtp-portal>`. */
export const routesContext = createContext<Routes>(Symbol.for('cibtp.context.routes'));
