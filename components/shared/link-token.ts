/** What a link sent by email asks the page to do (docs/ARCHITECTURE.md, "Links sent by email"). */
export type LinkAction = 'reset-password' | 'activate' | 'complete-account' | 'confirm-delegation';

export interface LinkFragment {
  action: LinkAction;
  token: string;
}

const ACTIONS: readonly LinkAction[] = ['reset-password', 'activate', 'complete-account', 'confirm-delegation'];
export const TOKEN = /^[A-Za-z0-9_-]{16,256}$/;

/**
 * Reads `#action=<reset-password|activate|complete-account|confirm-delegation>&token=<token>` from the address bar, removes the fragment
 * with `history.replaceState` (the token must not stay in the address bar, the history or a bookmark:
 * ASVS 14.2.1) and returns it. With `expected`, a link for another action is left untouched.
 *
 * @returns the action and token, or `null` when the fragment holds no (valid) link token.
 */
export function readLinkToken(expected?: LinkAction, win: Window = window): LinkFragment | null {
  const hash = win.location.hash.replace(/^#/, '');
  if (!hash) return null;
  const params = new URLSearchParams(hash);
  const action = params.get('action');
  const token = params.get('token');
  if (action === null && token === null) return null;
  if (expected !== undefined && action !== expected) return null;
  // Remove the fragment whatever its validity: a token, even a malformed one, must not linger.
  const { pathname, search } = win.location;
  win.history.replaceState(win.history.state, '', `${pathname}${search}`);
  if (!action || !(ACTIONS as readonly string[]).includes(action) || !token || !TOKEN.test(token)) return null;
  return { action: action as LinkAction, token };
}

