/**
 * The `auth` domain of the SDK: one function per operation (`login(client, input, options)`), the
 * operation definitions, and the schemas and types of their inputs and results. Import from here (or from
 * `@cibtp/espace-widgets/sdk`) what a page calls; each function brings its own schemas only.
 * @packageDocumentation
 */
export {
  login, verifyOtp, resendOtp, selectTiers, logout, currentSession, forgotPassword, passwordPolicy, resetPassword,
  requestConfidentialCode, activateAccount, resendActivation, renewCertification,
  loginDef, verifyOtpDef, resendOtpDef, selectTiersDef, logoutDef, currentSessionDef, forgotPasswordDef, passwordPolicyDef, resetPasswordDef,
  requestConfidentialCodeDef, activateAccountDef, resendActivationDef, renewCertificationDef,
} from './operations.js';
export * from '../schemas/auth.js';
export { PasswordPolicy, passwordSchema } from '../schemas/common.js';
