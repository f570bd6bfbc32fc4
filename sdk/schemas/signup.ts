import { z } from '../zod.js';
import { BIRTH_COUNTRIES, COMMUNE_CODE_PATTERN, DEPARTEMENTS, isBirthDate } from '../rules/civil.js';
import { isSiret } from '../rules/identifiers.js';
import { CurrentPassword, Email, IdentifiantCibtp, LinkToken } from './common.js';
import { MAX_ID, MAX_ITEMS, MAX_NAME, MAX_TEXT } from './limits.js';
import { LoginResult, OtpChallenge } from './auth.js';

// Every `.check()` chain is marked `/* @__PURE__ */`, every string and array has a maximum: see common.ts.
// Nothing here needs the phone rules (libphonenumber): what does lives in `./registration.ts`, so that
// step 1 of a wizard, the association and FranceConnect do not carry them.

/** SIRET: 14 digits, Luhn (La Poste's exception included); spaces typed between groups are dropped. */
export const Siret = /* @__PURE__ */ z.string().check(
  z.overwrite((value) => value.replace(/[\s\u00a0]/g, '')), z.minLength(1), z.refine(isSiret), z.maxLength(14),
);

/** The *code confidentiel provisoire* printed on the *Courrier informatique*: 4 to 16 letters or digits, spaces and hyphens dropped. */
export const ConfidentialCode = /* @__PURE__ */ z.string().check(
  // Typed as printed, in groups (« 5183 6274 », « 5183-6274 »): the separators are not part of it.
  z.overwrite((value) => value.replace(/[\s\u00a0-]/g, '')), z.minLength(1), z.regex(/^[0-9A-Za-z]{4,16}$/), z.maxLength(16),
);

/** A person's name as typed (nom, prénom, nom de naissance): letters, spaces, hyphens, apostrophes. */
export const PersonName = /* @__PURE__ */ z.string().check(
  z.trim(), z.minLength(1), z.regex(/^[\p{L}][\p{L}\p{M} '’.-]*$/u), z.maxLength(MAX_NAME),
);

/** Step 1 of both company wizards (create a space, associate a site): what the *Courrier* gives. */
export const IdentifyCompanyRequest = z.object({
  purpose: z.enum(['signup', 'associate']),
  identifiantCibtp: IdentifiantCibtp,
  siret: Siret,
  confidentialCode: ConfidentialCode,
});
export type IdentifyCompanyRequest = z.infer<typeof IdentifyCompanyRequest>;

/** The ticket of an identification: short-lived, single-use, sent back with step 2. */
export const SignupTicket = /* @__PURE__ */ z.string().check(z.minLength(16), z.maxLength(256), z.regex(/^[A-Za-z0-9_-]+$/));

/** Identified: the ticket, and the caisse's record to pre-fill step 2 with. */
export const CompanyIdentity = z.object({
  ticket: SignupTicket,
  raisonSociale: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
  siteName: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
  lastName: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
  firstName: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
});
export type CompanyIdentity = z.infer<typeof CompanyIdentity>;

export const Sex = z.enum(['F', 'M']);
export type Sex = z.infer<typeof Sex>;

/** A date `YYYY-MM-DD` of birth: a real day, not in the future. */
export const BirthDate = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(10), z.refine((v) => isBirthDate(v)));

/**
 * Step 1 of the worker signup, and the identity FranceConnect gives: the civil status the caisse holds.
 * Born in France, the département and the commune (INSEE code) are required; abroad, neither is sent.
 */
export const WorkerCivilStatus = /* @__PURE__ */ z.object({
  birthName: PersonName,
  firstNames: PersonName,
  birthCountry: z.enum(BIRTH_COUNTRIES as [string, ...string[]]),
  birthDepartement: z.optional(z.enum(DEPARTEMENTS as [string, ...string[]])),
  birthCommune: z.optional(/* @__PURE__ */ z.string().check(z.regex(COMMUNE_CODE_PATTERN), z.maxLength(5))),
  birthDate: BirthDate,
  sex: Sex,
}).check(
  z.refine((v) => v.birthCountry !== 'FR' || v.birthDepartement !== undefined, { path: ['birthDepartement'], message: 'required' }),
  z.refine((v) => v.birthCountry !== 'FR' || v.birthCommune !== undefined, { path: ['birthCommune'], message: 'required' }),
  z.refine((v) => !v.birthCommune || !v.birthDepartement || v.birthCommune.startsWith(v.birthDepartement), { path: ['birthCommune'], message: 'invalid' }),
);

export const IdentifyWorkerRequest = z.object({
  identifiantCibtp: IdentifiantCibtp,
  civilStatus: WorkerCivilStatus,
});
export type IdentifyWorkerRequest = z.infer<typeof IdentifyWorkerRequest>;

export const WorkerIdentity = z.object({ ticket: SignupTicket });
export type WorkerIdentity = z.infer<typeof WorkerIdentity>;

/** Step 2 of associating a site: the existing login, and the ticket of step 1. */
export const AssociateSiteRequest = z.object({ ticket: SignupTicket, email: Email, password: CurrentPassword });
export type AssociateSiteRequest = z.infer<typeof AssociateSiteRequest>;

export const SiteAssociated = z.object({
  raisonSociale: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
  siteName: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
});
export type SiteAssociated = z.infer<typeof SiteAssociated>;

/** The code was sent: the same challenge as a login's one-time code, plus the attempts it allows. */
export const PhoneChallenge = OtpChallenge;
export type PhoneChallenge = z.infer<typeof PhoneChallenge>;

export const ResendPhoneCodeRequest = z.object({ challengeId: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(MAX_ID)) });
export type ResendPhoneCodeRequest = z.infer<typeof ResendPhoneCodeRequest>;

export const VerifyPhoneCodeRequest = z.object({
  challengeId: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(MAX_ID)),
  code: /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.regex(/^\d{6}$/), z.maxLength(6)),
});
export type VerifyPhoneCodeRequest = z.infer<typeof VerifyPhoneCodeRequest>;

/** Looks up communes of birth by name within a département (at most `MAX_SUGGESTIONS` answers). */
export const SearchCommunesRequest = z.object({
  departement: z.enum(DEPARTEMENTS as [string, ...string[]]),
  q: /* @__PURE__ */ z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME)),
});
export type SearchCommunesRequest = z.infer<typeof SearchCommunesRequest>;

export const Commune = z.object({
  code: /* @__PURE__ */ z.string().check(z.regex(COMMUNE_CODE_PATTERN), z.maxLength(5)),
  name: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
});
export type Commune = z.infer<typeof Commune>;

export const MAX_SUGGESTIONS = 20;
export const CommuneList = z.object({ items: /* @__PURE__ */ z.array(Commune).check(z.maxLength(MAX_SUGGESTIONS)) });
export type CommuneList = z.infer<typeof CommuneList>;

export const SecretQuestion = z.object({
  id: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(MAX_ID)),
  label: /* @__PURE__ */ z.string().check(z.maxLength(MAX_TEXT)),
});
export const SecretQuestions = z.object({ items: /* @__PURE__ */ z.array(SecretQuestion).check(z.minLength(1), z.maxLength(MAX_ITEMS)) });
export type SecretQuestions = z.infer<typeof SecretQuestions>;

/** Starts FranceConnect: where to send the browser, and where FranceConnect sends it back. */
/** An absolute `http(s)` address (the pages FranceConnect goes between). */
function isWebUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

export const FranceConnectStartRequest = z.object({ returnUrl: /* @__PURE__ */ z.string().check(z.refine(isWebUrl), z.maxLength(2_048)) });
export type FranceConnectStartRequest = z.infer<typeof FranceConnectStartRequest>;
export const FranceConnectRedirect = z.object({ authorizationUrl: /* @__PURE__ */ z.string().check(z.refine(isWebUrl), z.maxLength(2_048)) });
export type FranceConnectRedirect = z.infer<typeof FranceConnectRedirect>;

/** Back from FranceConnect: the `code` and `state` of the return address. */
export const FranceConnectReturnRequest = z.object({ code: LinkToken, state: LinkToken });
export type FranceConnectReturnRequest = z.infer<typeof FranceConnectReturnRequest>;

/**
 * Signed in like a login (a FranceConnect identity needs no SMS code), or the identity matched no worker
 * record: the identifiant CIBTP is asked once (`franceConnectLink`).
 */
export const FranceConnectResult = z.union([
  LoginResult,
  z.object({ status: z.literal('identify'), ticket: SignupTicket, firstNames: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)) }),
]);
export type FranceConnectResult = z.infer<typeof FranceConnectResult>;

export const FranceConnectLinkRequest = z.object({ ticket: SignupTicket, identifiantCibtp: IdentifiantCibtp });
export type FranceConnectLinkRequest = z.infer<typeof FranceConnectLinkRequest>;
