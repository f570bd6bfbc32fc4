import { z } from '../zod.js';
import { Email, NewPassword, passwordSchema, type PasswordPolicy } from './common.js';
import { MAX_ID, MAX_NAME } from './limits.js';
import { FixedNumber, MobileNumber } from './phone.js';
import { PersonName, SignupTicket } from './signup.js';

// Step 2 of the signup wizards and phone certification: the schemas that carry the phone rules.
// Every `.check()` chain is marked `/* @__PURE__ */`, every string and array has a maximum: see common.ts.

/** Contact phones of step 2: a certified mobile carries the certificate of `verifyPhoneCode`. */
const phones = {
  fixedPhone: z.optional(FixedNumber),
  mobileCertificate: z.optional(/* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(256))),
};

const companyRegistration = {
  ticket: SignupTicket,
  email: Email,
  lastName: PersonName,
  firstName: PersonName,
  mobilePhone: z.optional(MobileNumber),
  ...phones,
};

/**
 * Step 2 of the company signup. The email is typed twice and the password twice: the confirmations are
 * the widget's check (`mismatch`), not sent. The backend checks its password policy; the widget checks
 * it live with `registerCompanyRequest(policy)`.
 */
export const RegisterCompanyRequest = z.object({ ...companyRegistration, password: NewPassword });
export type RegisterCompanyRequest = z.infer<typeof RegisterCompanyRequest>;

export function registerCompanyRequest(policy: PasswordPolicy) {
  return z.object({ ...companyRegistration, password: passwordSchema(policy) });
}

/** An activation email went to `email` (the address the user typed, echoed for the end screen). */
export const Registered = z.object({ status: z.literal('activation-sent') });
export type Registered = z.infer<typeof Registered>;

const workerRegistration = {
  ticket: SignupTicket,
  email: Email,
  mobilePhone: MobileNumber,
  ...phones,
  secretQuestion: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(MAX_ID)),
  secretAnswer: /* @__PURE__ */ z.string().check(z.trim(), z.minLength(2), z.maxLength(MAX_NAME)),
};

/** Step 2 of the worker signup: the mobile is required and must be certified (`mobileCertificate`). */
export const RegisterWorkerRequest = z.object({ ...workerRegistration, password: NewPassword });
export type RegisterWorkerRequest = z.infer<typeof RegisterWorkerRequest>;

export function registerWorkerRequest(policy: PasswordPolicy) {
  return z.object({ ...workerRegistration, password: passwordSchema(policy) });
}

/** Sends a certification code by SMS to a mobile (signup, or account settings). */
export const SendPhoneCodeRequest = z.object({ phone: MobileNumber });
export type SendPhoneCodeRequest = z.infer<typeof SendPhoneCodeRequest>;

/** The number is certified: `certificate` proves it to `registerCompany` / `registerWorker`. */
export const PhoneCertified = z.object({
  phone: MobileNumber,
  certificate: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(256)),
});
export type PhoneCertified = z.infer<typeof PhoneCertified>;

