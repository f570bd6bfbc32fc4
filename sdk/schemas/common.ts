import { z } from '../zod.js';
import { IDENTIFIANT_CIBTP_PATTERN, OTP_PATTERN } from '../rules/identifiers.js';
import { DEFAULT_PASSWORD_POLICY, isPasswordValid } from '../rules/password.js';

// `/* @__PURE__ */` before each `.check()` chain, here and in every schema module: zod marks its
// factories pure, but a bundler cannot know a method call is, and would keep each such schema in every
// page that imports the module (sdk/tree-shaking.test.ts fails then).

/** Field schemas, written once and used by widgets (live checks), SDK (requests) and mock (server checks). */
export const Email = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(254), z.email());
/** A password typed to log in: never checked against the policy (older passwords may predate it). */
export const CurrentPassword = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(256));
/** A password being chosen: the caisse policy applies. */
export const NewPassword = /* @__PURE__ */ z.string().check(
  z.minLength(1),
  z.refine((v) => isPasswordValid(v, DEFAULT_PASSWORD_POLICY), { message: 'policy' }),
);
export const OtpCode = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.regex(OTP_PATTERN));
export const IdentifiantCibtp = /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.regex(IDENTIFIANT_CIBTP_PATTERN));
/** Opaque link tokens (reset, activation): random, at least 16 URL-safe characters. */
export const LinkToken = /* @__PURE__ */ z.string().check(z.minLength(16), z.maxLength(256), z.regex(/^[A-Za-z0-9_-]+$/));
export const IsoDateTime = z.iso.datetime({ offset: true });

export const Locale = z.enum(['fr', 'en']);
export type Locale = z.infer<typeof Locale>;

export const DsnAlert = z.object({
  period: z.string(),
  title: z.string(),
  message: z.string(),
});
export type DsnAlert = z.infer<typeof DsnAlert>;

/** A *tiers*: an adhérent's declaring site a login may act for. */
export const Tiers = z.object({
  id: z.string(),
  raisonSociale: z.string(),
  siret: z.string(),
  siteName: z.string(),
  identifiantCibtp: z.string(),
  dsnAlerts: z.array(DsnAlert),
});
export type Tiers = z.infer<typeof Tiers>;

export const UserKind = z.enum(['entreprise', 'cabinet', 'salarie']);
export type UserKind = z.infer<typeof UserKind>;

export const Session = z.object({
  user: z.object({
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    kind: UserKind,
  }),
  tiers: z.nullable(Tiers),
  expiresAt: IsoDateTime,
});
export type Session = z.infer<typeof Session>;

/** The body every error answer carries. */
export const ErrorBody = z.object({
  code: z.string(),
  message: z.optional(z.string()),
  fields: z.optional(z.record(z.string(), z.string())),
  retryAt: z.optional(IsoDateTime),
  attemptsLeft: z.optional(z.number()),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
