/**
 * The `signup` domain, step 2: creating a company or a worker space, and certifying a mobile by SMS.
 * Apart from `./operations.ts` because these carry the phone rules (libphonenumber and its metadata): a
 * wizard fetches this module with its step 2.
 */
import type { CallOptions, PortalCore } from '../core.js';
import { defineOperation, type InputOf, type OutputOf } from '../definition.js';
import {
  PhoneCertified, Registered, RegisterCompanyRequest, RegisterWorkerRequest, SendPhoneCodeRequest,
} from '../schemas/registration.js';
import { PhoneChallenge, ResendPhoneCodeRequest, VerifyPhoneCodeRequest } from '../schemas/signup.js';

// The schemas a wizard validates step 2 with, from the module it fetches for step 2.
export { RegisterCompanyRequest, RegisterWorkerRequest, registerCompanyRequest, registerWorkerRequest } from '../schemas/registration.js';

export const registerCompanyDef = defineOperation({
  method: 'POST', path: 'signup/company', request: RegisterCompanyRequest, response: Registered, retry: false,
});
export const registerWorkerDef = defineOperation({
  method: 'POST', path: 'signup/worker', request: RegisterWorkerRequest, response: Registered, retry: false,
});
export const sendPhoneCodeDef = defineOperation({
  method: 'POST', path: 'phone/code', request: SendPhoneCodeRequest, response: PhoneChallenge, retry: false,
});
export const resendPhoneCodeDef = defineOperation({
  method: 'POST', path: 'phone/code/resend', request: ResendPhoneCodeRequest, response: PhoneChallenge, retry: false,
});
export const verifyPhoneCodeDef = defineOperation({
  method: 'POST', path: 'phone/verify', request: VerifyPhoneCodeRequest, response: PhoneCertified, retry: false,
});

/** Every operation of this module, by name: for `sdk/operations.ts` only (a page importing it carries them all). */
export const registrationOperations = {
  registerCompany: registerCompanyDef,
  registerWorker: registerWorkerDef,
  sendPhoneCode: sendPhoneCodeDef,
  resendPhoneCode: resendPhoneCodeDef,
  verifyPhoneCode: verifyPhoneCodeDef,
} as const;

/** Step 2 of the company signup: creates the login, inactive until its activation link (sent by email) is followed. An address already in use is refused on `email` (`in-use`). */
export function registerCompany(client: PortalCore, input: InputOf<typeof registerCompanyDef>, options?: CallOptions): Promise<OutputOf<typeof registerCompanyDef>> {
  return client.invoke(registerCompanyDef, input, options);
}

/** Step 2 of the worker signup: creates the login, inactive until its activation link is followed. The mobile must be certified (`mobileCertificate`), else `not-certified` on `mobilePhone`. */
export function registerWorker(client: PortalCore, input: InputOf<typeof registerWorkerDef>, options?: CallOptions): Promise<OutputOf<typeof registerWorkerDef>> {
  return client.invoke(registerWorkerDef, input, options);
}

/** Sends a certification code by SMS to a mobile (rate-limited). */
export function sendPhoneCode(client: PortalCore, input: InputOf<typeof sendPhoneCodeDef>, options?: CallOptions): Promise<OutputOf<typeof sendPhoneCodeDef>> {
  return client.invoke(sendPhoneCodeDef, input, options);
}

/** Sends a new certification code for a challenge (limited: see `resendAvailableAt`). */
export function resendPhoneCode(client: PortalCore, input: InputOf<typeof resendPhoneCodeDef>, options?: CallOptions): Promise<OutputOf<typeof resendPhoneCodeDef>> {
  return client.invoke(resendPhoneCodeDef, input, options);
}

/** Checks a certification code: the certificate proves the number to a registration. `otp-invalid` with `attemptsLeft`, `otp-expired` once burnt. */
export function verifyPhoneCode(client: PortalCore, input: InputOf<typeof verifyPhoneCodeDef>, options?: CallOptions): Promise<OutputOf<typeof verifyPhoneCodeDef>> {
  return client.invoke(verifyPhoneCodeDef, input, options);
}
