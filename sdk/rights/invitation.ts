/**
 * The accounting firm's side of a delegation (flow 9): the link it received opens its invitation, and it
 * completes its account there; the administrator then confirms (`confirmDelegation`, `./operations.ts`).
 * Apart from `./operations.ts` so that the rights pages do not carry the phone rules of the form.
 */
import type { CallOptions, PortalCore } from '../core.js';
import { defineOperation, type InputOf, type OutputOf } from '../definition.js';
import { LinkTokenRequest } from '../schemas/auth.js';
import { AccountCompleted, CompleteAccountRequest, Invitation } from '../schemas/invitation.js';

export const invitationDef = defineOperation({
  method: 'POST', path: 'delegations/invitation', request: LinkTokenRequest, response: Invitation, retry: false,
});
export const completeAccountDef = defineOperation({
  method: 'POST', path: 'delegations/invitation/complete', request: CompleteAccountRequest, response: AccountCompleted, retry: false,
});

/** Every operation of the firm's completion, by name: for `sdk/operations.ts` only. */
export const invitationOperations = {
  invitation: invitationDef,
  completeAccount: completeAccountDef,
} as const;

/** What the firm's link opens (who delegates, to which address); the link stays usable. */
export function invitation(client: PortalCore, input: InputOf<typeof invitationDef>, options?: CallOptions): Promise<OutputOf<typeof invitationDef>> {
  return client.invoke(invitationDef, input, options);
}

/** The firm completes its account from the link (spent): the administrator gets a confirmation request. */
export function completeAccount(client: PortalCore, input: InputOf<typeof completeAccountDef>, options?: CallOptions): Promise<OutputOf<typeof completeAccountDef>> {
  return client.invoke(completeAccountDef, input, options);
}

