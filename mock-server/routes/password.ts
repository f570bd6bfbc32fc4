/** Forgotten password and lost confidential code (flow 5): answers never reveal whether anything exists. */
import { parseFields } from '../../sdk/validate.js';
import { findAccount, findSiteByIdentifiant } from '../db.js';
import { MockHttpError } from '../http-error.js';
import { route, type MockRoute, type RouteOptions } from '../route.js';

/** Whatever happened, the same "accepted" answer (docs/ARCHITECTURE.md). */
const ACCEPTED: RouteOptions = { status: 202 };

export const passwordRoutes: MockRoute[] = [
  route('forgotPassword', ({ body, state }) => {
    const account = findAccount(state.db, body.email);
    if (account && state.maySend('reset', account.email)) state.sendLinkEmail(account, 'reset');
    return { accepted: true };
  }, ACCEPTED),

  route('passwordPolicy', ({ state }) => state.passwordPolicy),

  route('resetPassword', ({ body, state }) => {
    // The request schema bounds every policy; this caisse's own policy is checked here, before the link
    // is used, so that a refused password leaves the link usable.
    const checked = parseFields(state.resetPasswordRequest, body);
    if (!checked.success) throw new MockHttpError(400, { code: 'validation', fields: checked.fields });
    const { account } = state.consumeLink(body.token, ['reset']);
    account.password = body.password;
    // Proof of owning the mailbox lifts a lock, so an attacker guessing passwords cannot keep the owner out.
    state.clearLoginFailures(account.email);
    state.revokeAccount(account.id);
    // No automatic sign-in after a reset (ASVS 7.4.3): the user logs in with the new password.
  }),

  route('requestConfidentialCode', ({ body, state }) => {
    const site = findSiteByIdentifiant(state.db, body.identifiantCibtp);
    if (site && state.maySend('confidential-code', site.identifiantCibtp)) state.sendConfidentialCodeLetter(site);
    return { accepted: true };
  }, ACCEPTED),
];
