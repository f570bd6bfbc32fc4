/**
 * The `rights` domain: *Gérer les droits d'accès* (the beneficiaries of the current tiers' delegations,
 * searched, sorted and paged by the backend; add, view, modify, close, delete) and the delegation to the
 * member's accounting firm (the firm completes its account from a link, the administrator confirms).
 * Every create and modify is checked by the backend against the delegator's own rights (`rightsExcess`).
 * The firm's completion of its account is `./invitation.ts`.
 */
import type { CallOptions, PortalCore } from '../core.js';
import { defineOperation, type InputOf, type OutputOf } from '../definition.js';
import { LinkTokenRequest } from '../schemas/auth.js';
import {
  CabinetDelegationRequest, ConfirmDelegationRequest, CreateDelegationRequest, Delegation, DelegationConfirmation,
  DelegationIdRequest, DelegationsOverview, DelegationsPage, DelegationsQuery, RightsCatalogue, UpdateDelegationRequest,
} from '../schemas/rights.js';

export const rightsCatalogueDef = defineOperation({
  method: 'GET', path: 'rights/catalogue', request: undefined, response: RightsCatalogue, retry: true,
});
export const delegationsOverviewDef = defineOperation({
  method: 'GET', path: 'delegations/overview', request: undefined, response: DelegationsOverview, retry: true,
});
export const searchDelegationsDef = defineOperation({
  method: 'GET', path: 'delegations', request: DelegationsQuery, response: DelegationsPage, retry: true,
});
export const getDelegationDef = defineOperation({
  method: 'GET', path: 'delegations/{id}', request: DelegationIdRequest, response: Delegation, retry: true,
});
export const createDelegationDef = defineOperation({
  method: 'POST', path: 'delegations', request: CreateDelegationRequest, response: Delegation, retry: false,
});
export const updateDelegationDef = defineOperation({
  method: 'PUT', path: 'delegations/{id}', request: UpdateDelegationRequest, response: Delegation, retry: false,
});
export const closeDelegationDef = defineOperation({
  method: 'POST', path: 'delegations/{id}/close', request: DelegationIdRequest, response: Delegation, retry: false,
});
export const deleteDelegationDef = defineOperation({
  method: 'DELETE', path: 'delegations/{id}', request: DelegationIdRequest, response: undefined, retry: false,
});
export const delegateToCabinetDef = defineOperation({
  method: 'POST', path: 'delegations/cabinet', request: CabinetDelegationRequest, response: Delegation, retry: false,
});
export const delegationConfirmationDef = defineOperation({
  method: 'POST', path: 'delegations/confirmation', request: LinkTokenRequest, response: DelegationConfirmation, retry: false,
});
export const confirmDelegationDef = defineOperation({
  method: 'POST', path: 'delegations/confirm', request: ConfirmDelegationRequest, response: Delegation, retry: false,
});

/** Every operation of the domain, by name: for `sdk/operations.ts` only. */
export const rightsOperations = {
  rightsCatalogue: rightsCatalogueDef,
  delegationsOverview: delegationsOverviewDef,
  searchDelegations: searchDelegationsDef,
  getDelegation: getDelegationDef,
  createDelegation: createDelegationDef,
  updateDelegation: updateDelegationDef,
  closeDelegation: closeDelegationDef,
  deleteDelegation: deleteDelegationDef,
  delegateToCabinet: delegateToCabinetDef,
  delegationConfirmation: delegationConfirmationDef,
  confirmDelegation: confirmDelegationDef,
} as const;

/** The functions a delegation can give, by group, as the caisse offers them (the matrix's rows). */
export function rightsCatalogue(client: PortalCore, options?: CallOptions): Promise<OutputOf<typeof rightsCatalogueDef>> {
  return client.invoke(rightsCatalogueDef, undefined, options);
}

/** The identifiant CIBTP of the current tiers, its count of beneficiaries, and its *Cabinet comptable délégable*. */
export function delegationsOverview(client: PortalCore, options?: CallOptions): Promise<OutputOf<typeof delegationsOverviewDef>> {
  return client.invoke(delegationsOverviewDef, undefined, options);
}

/**
 * One page of the current tiers' beneficiaries: the backend filters, sorts and pages (a member may have
 * thousands).
 *
 * @example
 * ```ts
 * const { items, total } = await searchDelegations(client, { excludeInactive: 'true', sort: 'name', direction: 'asc', page: 1, pageSize: 5 });
 * ```
 */
export function searchDelegations(client: PortalCore, input: InputOf<typeof searchDelegationsDef>, options?: CallOptions): Promise<OutputOf<typeof searchDelegationsDef>> {
  return client.invoke(searchDelegationsDef, input, options);
}

export function getDelegation(client: PortalCore, input: InputOf<typeof getDelegationDef>, options?: CallOptions): Promise<OutputOf<typeof getDelegationDef>> {
  return client.invoke(getDelegationDef, input, options);
}

/** *Ajouter une délégation*: the delegate gets an email with its activation link; the delegation is *En attente*. */
export function createDelegation(client: PortalCore, input: InputOf<typeof createDelegationDef>, options?: CallOptions): Promise<OutputOf<typeof createDelegationDef>> {
  return client.invoke(createDelegationDef, input, options);
}

export function updateDelegation(client: PortalCore, input: InputOf<typeof updateDelegationDef>, options?: CallOptions): Promise<OutputOf<typeof updateDelegationDef>> {
  return client.invoke(updateDelegationDef, input, options);
}

/** *Fermeture* of a user's delegation: it becomes *Inactif* (kept in the list). */
export function closeDelegation(client: PortalCore, input: InputOf<typeof closeDelegationDef>, options?: CallOptions): Promise<OutputOf<typeof closeDelegationDef>> {
  return client.invoke(closeDelegationDef, input, options);
}

/** *Suppression* of the firm's delegation. */
export function deleteDelegation(client: PortalCore, input: InputOf<typeof deleteDelegationDef>, options?: CallOptions): Promise<OutputOf<typeof deleteDelegationDef>> {
  return client.invoke(deleteDelegationDef, input, options);
}

/** *Déléguer à mon cabinet comptable*: the firm gets an email with a link to complete its account. */
export function delegateToCabinet(client: PortalCore, input: InputOf<typeof delegateToCabinetDef>, options?: CallOptions): Promise<OutputOf<typeof delegateToCabinetDef>> {
  return client.invoke(delegateToCabinetDef, input, options);
}

/** What the administrator's confirmation link is about (the link stays usable). */
export function delegationConfirmation(client: PortalCore, input: InputOf<typeof delegationConfirmationDef>, options?: CallOptions): Promise<OutputOf<typeof delegationConfirmationDef>> {
  return client.invoke(delegationConfirmationDef, input, options);
}

/** The administrator confirms the firm's delegation (from the list or its link): only then is it *Actif*. */
export function confirmDelegation(client: PortalCore, input: InputOf<typeof confirmDelegationDef>, options?: CallOptions): Promise<OutputOf<typeof confirmDelegationDef>> {
  return client.invoke(confirmDelegationDef, input, options);
}
