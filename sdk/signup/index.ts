/**
 * The `signup` domain of the SDK: one function per operation, the operation definitions, and the schemas
 * and types of their inputs and results. Import from here (or from `@cibtp/espace-widgets/sdk`) what a
 * page calls; each function brings its own schemas only.
 * @packageDocumentation
 */
export {
  identifyCompany, identifyWorker, associateSite, searchCommunes, secretQuestions, franceConnectStart, franceConnectReturn, franceConnectLink,
  identifyCompanyDef, identifyWorkerDef, associateSiteDef, searchCommunesDef, secretQuestionsDef, franceConnectStartDef, franceConnectReturnDef, franceConnectLinkDef,
} from './operations.js';
export {
  registerCompany, registerWorker, sendPhoneCode, resendPhoneCode, verifyPhoneCode,
  registerCompanyDef, registerWorkerDef, sendPhoneCodeDef, resendPhoneCodeDef, verifyPhoneCodeDef,
} from './registration.js';
export * from '../schemas/signup.js';
export * from '../schemas/registration.js';
export * from '../schemas/phone.js';
export * from '../rules/civil.js';
