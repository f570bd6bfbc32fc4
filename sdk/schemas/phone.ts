import { z } from '../zod.js';
import { isPhoneNumber, phoneType } from '../rules/phone.js';

// Every `.check()` chain is marked `/* @__PURE__ */` (see common.ts): a page that uses no phone schema
// carries neither them nor libphonenumber-js. A refusal by the rules comes before the maximum, so that
// the field's code is `invalid` (or `not-mobile`), not `too-long`.

/** `+` and at most 15 digits. */
const MAX_E164 = 16;

/**
 * A phone number in E.164 (`+33612345678`): what every request carries, a valid number of one of the
 * offered countries (`PHONE_COUNTRIES`). The field turns what a person types into it (`parsePhone`).
 */
export const PhoneNumber = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.refine(isPhoneNumber), z.maxLength(MAX_E164));

/**
 * A mobile number in E.164 (one that receives the certification code by SMS). A valid number of
 * another type (a landline, a toll-free number) is refused with the field code `not-mobile`.
 */
export const MobileNumber = /* @__PURE__ */ z.string().check(
  z.trim(),
  z.minLength(1),
  z.refine((value) => phoneType(value) !== undefined),
  z.refine((value) => {
    const type = phoneType(value);
    return type === undefined || type === 'mobile';
  }, { message: 'not-mobile' }),
  z.maxLength(MAX_E164),
);

/**
 * The "fixed" phone of a contact: any valid number in E.164, a mobile included (many people give their
 * mobile as their only line).
 */
export const FixedNumber = PhoneNumber;
