/**
 * The `rights` domain of the SDK: delegations of the current tiers (list, add, view, modify, close,
 * delete), the delegation to the member's accounting firm, the rights catalogue; with the rule every
 * delegation obeys (`rightsExcess`: never beyond what the delegator holds).
 * @packageDocumentation
 */
export * from './operations.js';
export * from './invitation.js';
export { tiersRights, tiersRightsDef } from '../tiers/operations.js';
export * from '../schemas/rights.js';
export * from '../schemas/invitation.js';
export * from '../rules/rights.js';
export * from '../rules/delegation.js';
