/**
 * The typed client of the CIBTP Espace sécurisé: the core transport, the operations of every domain
 * (as functions and as definitions), the full client, schemas, business rules and errors.
 * @packageDocumentation
 */
export { createPortalCore, newIdempotencyKey } from './core.js';
export type { PortalCore, PortalClientOptions, CallOptions, UploadProgress } from './core.js';
export { createPortalClient } from './client.js';
export type { PortalClient } from './client.js';
export { defineOperation } from './definition.js';
export type { OperationDef, HttpMethod, SessionEffect, FileDownload, InputOf, OutputOf } from './definition.js';
export { csrfDef } from './csrf.js';
export { PortalError, isPortalError, PORTAL_ERROR_CODES } from './errors.js';
export type { PortalErrorCode, FieldErrorCode, PortalErrorInit } from './errors.js';
export { operations } from './operations.js';
export type { OperationName, OperationInput, OperationOutput, Operations } from './operations.js';
export { fieldErrors } from './validate.js';
export * from './auth/index.js'; // functions, definitions, schemas
export * from './signup/index.js';
export {
  searchTiers, tiersRights, homeTiles, recordUse, searchTiersDef, tiersRightsDef, homeTilesDef, recordUseDef,
} from './tiers/operations.js';
export * from './schemas/tiers.js';
export * from './rights/operations.js';
export * from './rights/invitation.js';
export * from './schemas/rights.js';
export * from './schemas/invitation.js';
export * from './rules/rights.js';
export * from './rules/delegation.js';
export * from './schemas/common.js';
export * from './rules/password.js';
export * from './rules/identifiers.js';
export * from './rules/phone.js';
