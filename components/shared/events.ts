import type { Session } from '../../sdk/index.js';
import type { Delegation } from '../../sdk/schemas/rights.js';
import type { NavigateDetail } from './routes.js';

export type { Destination, NavigateDetail, NavigateTarget, RouteParams, Routes } from './routes.js';

/**
 * Every event the widgets fire, with its `detail`. All names start with `cibtp-`; all bubble and
 * cross shadow roots (`composed`), so a host listens on the widget, on `<cibtp-portal>` or on `document`.
 */
export interface CibtpEventDetails {
  /** Signed in (after the password, the one-time code or the tiers choice). */
  'cibtp-signed-in': { session: Session };
  /**
   * A link or button leads elsewhere (`to`: one of the kit's destinations, see `Destination`). Cancelable:
   * `preventDefault()` means "the host handles it" (otherwise a link to a URL of `routes` is followed).
   */
  'cibtp-navigate': NavigateDetail;
  /** A reset link or a new confidential code was requested (the answer never says whether the account exists). */
  'cibtp-recovery-requested': { channel: 'email' | 'letter' };
  /** The password was changed from a reset link (no automatic sign-in follows). */
  'cibtp-password-reset': Record<string, never>;
  /** An activation or email-certification link was followed successfully. */
  'cibtp-account-activated': { email: string; purpose: 'activation' | 'certification' };
  /** The server said the session has expired: fired once per expiry by `<cibtp-portal>`. */
  'cibtp-session-expired': Record<string, never>;
  /** The session ended by a logout (not by expiry): fired by `<cibtp-portal>`. */
  'cibtp-signed-out': Record<string, never>;
  /** A tiers was chosen in `<cibtp-tiers-picker>` (`selectTiers` done): the session now acts for it. */
  'cibtp-tiers-selected': { session: Session };
  /** *Annuler* in `<cibtp-tiers-picker>`: no tiers chosen. */
  'cibtp-tiers-cancel': Record<string, never>;
  /** `<cibtp-delegation-wizard>` saved a delegation: created (the delegate was emailed) or modified. */
  'cibtp-delegation-saved': { delegation: Delegation; action: 'created' | 'updated' };
  /** *Annuler* (or *Retour à la liste*) in `<cibtp-delegation-wizard>`: nothing saved. */
  'cibtp-delegation-cancel': Record<string, never>;
  /** `<cibtp-delegations>` closed, deleted or confirmed a delegation (after the user confirmed it). */
  'cibtp-delegation-changed': { id: string; action: 'closed' | 'deleted' | 'confirmed' };
  /** `<cibtp-complete-account>`: the firm completed its account; the administrator must now confirm. */
  'cibtp-account-completed': { email: string };
  /** `<cibtp-confirm-delegation>`: the administrator confirmed the firm's delegation from its link. */
  'cibtp-delegation-confirmed': { delegation: Delegation };
}

export type CibtpEventName = keyof CibtpEventDetails;
export type CibtpEvent<K extends CibtpEventName> = CustomEvent<CibtpEventDetails[K]>;

declare global {
  interface GlobalEventHandlersEventMap {
    'cibtp-signed-in': CibtpEvent<'cibtp-signed-in'>;
    'cibtp-navigate': CibtpEvent<'cibtp-navigate'>;
    'cibtp-recovery-requested': CibtpEvent<'cibtp-recovery-requested'>;
    'cibtp-password-reset': CibtpEvent<'cibtp-password-reset'>;
    'cibtp-account-activated': CibtpEvent<'cibtp-account-activated'>;
    'cibtp-session-expired': CibtpEvent<'cibtp-session-expired'>;
    'cibtp-signed-out': CibtpEvent<'cibtp-signed-out'>;
    'cibtp-tiers-selected': CibtpEvent<'cibtp-tiers-selected'>;
    'cibtp-tiers-cancel': CibtpEvent<'cibtp-tiers-cancel'>;
    'cibtp-delegation-saved': CibtpEvent<'cibtp-delegation-saved'>;
    'cibtp-delegation-cancel': CibtpEvent<'cibtp-delegation-cancel'>;
    'cibtp-delegation-changed': CibtpEvent<'cibtp-delegation-changed'>;
    'cibtp-account-completed': CibtpEvent<'cibtp-account-completed'>;
    'cibtp-delegation-confirmed': CibtpEvent<'cibtp-delegation-confirmed'>;
  }
}

/** Names of the events that the host may cancel. */
const CANCELABLE: ReadonlySet<CibtpEventName> = new Set(['cibtp-navigate']);

/**
 * Fires a typed `cibtp-*` event from `target` (bubbles, composed).
 * @returns `false` when a listener called `preventDefault()` on a cancelable event.
 */
export function emit<K extends CibtpEventName>(target: EventTarget, name: K, detail: CibtpEventDetails[K]): boolean {
  return target.dispatchEvent(
    new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: CANCELABLE.has(name) }),
  );
}
