/**
 * The typed client of the CIBTP Espace sécurisé: operations, schemas, business rules and errors.
 * @packageDocumentation
 */
export { createPortalClient, newIdempotencyKey } from './client.js';
export type { PortalClient, PortalClientOptions, CallOptions } from './client.js';
export { PortalError, isPortalError, PORTAL_ERROR_CODES } from './errors.js';
export type { PortalErrorCode, FieldErrorCode, PortalErrorInit } from './errors.js';
export { operations } from './operations.js';
export type { OperationName, OperationInput, OperationOutput, OperationDef, Operations } from './operations.js';
export { fieldErrors } from './validate.js';
export * from './schemas/common.js';
export * from './schemas/auth.js';
export * from './rules/password.js';
export * from './rules/identifiers.js';
