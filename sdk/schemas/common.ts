import { z } from '../zod.js';
import { IDENTIFIANT_CIBTP_PATTERN, OTP_PATTERN } from '../rules/identifiers.js';
import { PASSWORD_CATEGORIES, isPasswordValid } from '../rules/password.js';
import { DATE_MAX, DATE_MIN, MAX_CODE, MAX_EMAIL, MAX_ID, MAX_ITEMS, MAX_NAME, MAX_PASSWORD, MAX_TEXT } from './limits.js';

// `/* @__PURE__ */` before each `.check()` chain, here and in every schema module: zod marks its
// factories pure, but a bundler cannot know a method call is, and would keep each such schema in every
// page that imports the module (sdk/tree-shaking.test.ts fails then). Every string and array has a
// maximum (`./limits.ts`); a check that refuses by its pattern comes before the maximum, so that the
// field's code is `invalid`, not `too-long`.

/** Field schemas, written once and used by widgets (live checks), SDK (requests) and mock (server checks). */
export const Email = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_EMAIL), z.email());
/** A password typed to log in: never checked against the policy (older passwords may predate it). */
export const CurrentPassword = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(MAX_PASSWORD));
/**
 * A password being chosen, as every policy bounds it: the caisse's own policy is checked by its
 * backend, and live in the widget with `passwordSchema(policy)`.
 */
export const NewPassword = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(MAX_PASSWORD));
export const OtpCode = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.regex(OTP_PATTERN), z.maxLength(6));
export const IdentifiantCibtp = /* @__PURE__ */ z.string().check(
  z.trim(), z.minLength(1), z.regex(IDENTIFIANT_CIBTP_PATTERN), z.maxLength(14),
);
/** Opaque link tokens (reset, activation): random, at least 16 URL-safe characters. */
export const LinkToken = /* @__PURE__ */ z.string().check(z.minLength(16), z.maxLength(256), z.regex(/^[A-Za-z0-9_-]+$/));

/** A date-time from the server (ISO 8601 with offset), a real date within 2000–2099. */
export const IsoDateTime = /* @__PURE__ */ z.iso.datetime({ offset: true }).check(
  z.maxLength(MAX_CODE),
  z.refine((value) => {
    const time = Date.parse(value);
    return time >= DATE_MIN && time < DATE_MAX;
  }),
);

export const Locale = z.enum(['fr', 'en']);
export type Locale = z.infer<typeof Locale>;

export const DsnAlert = z.object({
  period: /* @__PURE__ */ z.string().check(z.maxLength(MAX_CODE)),
  title: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
  message: /* @__PURE__ */ z.string().check(z.maxLength(MAX_TEXT)),
});
export type DsnAlert = z.infer<typeof DsnAlert>;

/** A *tiers*: an adhérent's declaring site a login may act for. */
export const Tiers = z.object({
  id: /* @__PURE__ */ z.string().check(z.maxLength(MAX_ID)),
  raisonSociale: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
  siret: /* @__PURE__ */ z.string().check(z.maxLength(MAX_CODE)),
  siteName: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
  identifiantCibtp: /* @__PURE__ */ z.string().check(z.maxLength(MAX_CODE)),
  dsnAlerts: /* @__PURE__ */ z.array(DsnAlert).check(z.maxLength(MAX_ITEMS)),
});
export type Tiers = z.infer<typeof Tiers>;

export const UserKind = z.enum(['entreprise', 'cabinet', 'salarie']);
export type UserKind = z.infer<typeof UserKind>;

export const Session = z.object({
  user: z.object({
    email: /* @__PURE__ */ z.string().check(z.maxLength(MAX_EMAIL)),
    firstName: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
    lastName: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
    kind: UserKind,
  }),
  /** The tiers chosen (`null` before a choice, or for a worker). */
  tiers: z.nullable(Tiers),
  /** How many tiers the login may act for: *Changer de tiers* is offered from 2. */
  tiersCount: /* @__PURE__ */ z.int().check(z.minimum(0), z.maximum(1_000_000)),
  expiresAt: IsoDateTime,
});
export type Session = z.infer<typeof Session>;

/**
 * The caisse's password policy, as its backend serves it (`passwordPolicy()`): lengths in characters
 * (code points), at least 64 allowed (ASVS 6.2.9), at most 128; `minCategories` of `categories` (each
 * once) required. `passwordSchema(policy)` checks a password with it; `evaluatePassword()` gives the
 * checklist of the very same rules.
 */
export const PasswordPolicy = /* @__PURE__ */ z.object({
  minLength: /* @__PURE__ */ z.int().check(z.minimum(1), z.maximum(128)),
  maxLength: /* @__PURE__ */ z.int().check(z.minimum(64), z.maximum(128)),
  minCategories: /* @__PURE__ */ z.int().check(z.minimum(0), z.maximum(PASSWORD_CATEGORIES.length)),
  categories: z.readonly(/* @__PURE__ */ z.array(z.enum(PASSWORD_CATEGORIES)).check(z.maxLength(PASSWORD_CATEGORIES.length))),
}).check(
  z.refine((p) => p.minLength <= p.maxLength && p.minCategories <= p.categories.length && new Set(p.categories).size === p.categories.length),
);
export type PasswordPolicy = z.infer<typeof PasswordPolicy>;

/**
 * The schema of a new password under `policy`: `required`, `too-long` beyond what any policy allows,
 * else `policy` unless `evaluatePassword(password, policy).valid` (the widget's checklist). Build it
 * once per policy, not at each keystroke.
 */
export function passwordSchema(policy: PasswordPolicy) {
  return z.string().check(
    z.minLength(1),
    z.maxLength(MAX_PASSWORD),
    z.refine((value) => isPasswordValid(value, policy), { message: 'policy' }),
  );
}

/**
 * The body every error answer carries (docs/ARCHITECTURE.md). Documentation of the contract: the core
 * does not parse it as a whole, but field by field (a wrong field costs that field only).
 */
export const ErrorBody = z.object({
  code: /* @__PURE__ */ z.string().check(z.maxLength(MAX_CODE)),
  message: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(MAX_TEXT))),
  fields: z.optional(z.record(/* @__PURE__ */ z.string().check(z.maxLength(MAX_ID)), /* @__PURE__ */ z.string().check(z.maxLength(MAX_CODE)))),
  retryAt: z.optional(IsoDateTime),
  attemptsLeft: z.optional(/* @__PURE__ */ z.int().check(z.minimum(0), z.maximum(100))),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
