/**
 * Every operation of every domain, by name: one table per domain (`sdk/<domain>/operations.ts`), plus
 * the transport's CSRF token. `createPortalClient()` makes one method per entry and the mock backend
 * serves each entry, so a page importing this table carries every schema: widgets never import it.
 */
import { authOperations } from './auth/operations.js';
import { csrfDef } from './csrf.js';
import { signupOperations } from './signup/operations.js';
import { registrationOperations } from './signup/registration.js';
import { invitationOperations } from './rights/invitation.js';
import { rightsOperations } from './rights/operations.js';
import { tiersOperations } from './tiers/operations.js';
import type { InputOf, OutputOf } from './definition.js';

export type { OperationDef } from './definition.js';

export const operations = {
  csrf: csrfDef,
  ...authOperations,
  ...signupOperations,
  ...registrationOperations,
  ...tiersOperations,
  ...rightsOperations,
  ...invitationOperations,
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;

export type OperationInput<N extends OperationName> = InputOf<Operations[N]>;
export type OperationOutput<N extends OperationName> = OutputOf<Operations[N]>;
