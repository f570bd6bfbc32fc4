/** Account activation and email certification (flows 1, 2 and the periodic certification renewal). */
import { findAccount, type MockAccount } from '../db.js';
import { route, type MockRoute, type RouteOptions } from '../route.js';

/** Whatever happened, the same "accepted" answer (docs/ARCHITECTURE.md). */
const ACCEPTED: RouteOptions = { status: 202 };
import { LIMITS, type BackendState } from '../state.js';

/** The link this account needs now: activation first, then certification renewal; none when all is well. */
function sendNeededLink(state: BackendState, account: MockAccount): void {
  const certified = account.emailCertifiedUntil !== null && account.emailCertifiedUntil.getTime() > state.now().getTime();
  const purpose = !account.activated ? 'activation' : certified ? null : 'certification';
  if (purpose && state.maySend(purpose, account.email)) state.sendLinkEmail(account, purpose);
}

export const accountRoutes: MockRoute[] = [
  route('activateAccount', ({ body, state, now }) => {
    const { account, purpose } = state.consumeLink(body.token, ['activation', 'certification']);
    // Following the link proves the mailbox: it activates the account and (re)certifies the email.
    account.activated = true;
    account.emailCertifiedUntil = new Date(now().getTime() + LIMITS.certificationValidity);
    return { purpose: purpose === 'certification' ? 'certification' : 'activation', email: account.email };
  }),

  route('resendActivation', ({ body, state }) => {
    // From the expired link itself (no retyping) or from the email address; same answer either way.
    const account = 'token' in body ? state.peekLink(body.token)?.account : findAccount(state.db, body.email);
    if (account) sendNeededLink(state, account);
    return { accepted: true };
  }, ACCEPTED),

  route('renewCertification', ({ body, state }) => {
    const account = findAccount(state.db, body.email);
    if (account?.activated && state.maySend('certification', account.email)) {
      state.sendLinkEmail(account, 'certification');
    }
    return { accepted: true };
  }, ACCEPTED),
];
