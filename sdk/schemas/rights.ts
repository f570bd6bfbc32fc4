import { z } from '../zod.js';
import { COLLEGES, RIGHT_FUNCTION_IDS, RIGHT_GROUPS } from '../rules/rights.js';
import { Email, LinkToken } from './common.js';
import { DATE_MAX, DATE_MIN, MAX_EMAIL, MAX_ID, MAX_NAME } from './limits.js';
import { AccessModeSchema, CollegeSchema, MAX_PAGE_SIZE, MAX_TOTAL, PageNumber, PageSize, RightFunctionSchema, TiersRights } from './tiers.js';

// The `rights` domain (flows 8 and 9: *Gérer les droits d'accès*, *Déléguer à mon cabinet comptable*).
// Every `.check()` chain is marked `/* @__PURE__ */`, every string and array has a maximum: see common.ts.
// Only zod features the sign-in page already carries (no `z.boolean()`): see tiers.ts.

const Id = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(MAX_ID));

/** A calendar date, `YYYY-MM-DD` (a date d'effet, a date de fin): a real day of 2000–2099. */
export const IsoDate = /* @__PURE__ */ z.string().check(
  z.minLength(1),
  z.regex(/^\d{4}-\d{2}-\d{2}$/),
  z.refine((value) => {
    const time = Date.parse(`${value}T00:00:00Z`);
    return time >= DATE_MIN && time < DATE_MAX && new Date(time).toISOString().startsWith(value);
  }),
  z.maxLength(10),
);

/** The rights catalogue the backend serves: its groups of functions, in the order the matrix shows them. */
export const RightsCatalogue = z.object({
  groups: /* @__PURE__ */ z.array(z.object({
    id: z.enum(RIGHT_GROUPS),
    functions: /* @__PURE__ */ z.array(RightFunctionSchema).check(z.minLength(1), z.maxLength(RIGHT_FUNCTION_IDS.length)),
  })).check(z.minLength(1), z.maxLength(RIGHT_GROUPS.length)),
});
export type RightsCatalogue = z.infer<typeof RightsCatalogue>;


/**
 * The rights a delegation gives (the matrix's value, sent as it is): the *Administrateur* box, at least one
 * collège (each once), and a mode per function (a missing function is *Aucun droit*).
 */
export const DelegationRights = z.object({
  administrator: z.literal([true, false]),
  colleges: /* @__PURE__ */ z.array(CollegeSchema).check(
    z.minLength(1), z.maxLength(COLLEGES.length), z.refine((list) => new Set(list).size === list.length),
  ),
  functions: z.partialRecord(RightFunctionSchema, AccessModeSchema),
});
export type DelegationRights = z.infer<typeof DelegationRights>;

/** *Administrateur*, *Utilisateur*, *Cabinet comptable*: what the list's *Rôle* column shows. */
export const DELEGATION_ROLES = ['administrateur', 'utilisateur', 'cabinet'] as const;
export type DelegationRole = (typeof DELEGATION_ROLES)[number];

/**
 * *En attente* (the delegate has not activated its account yet, the administrator has not confirmed the
 * firm's, or the date d'effet is ahead), *Actif*, *Inactif* (closed, or its date de fin has come).
 */
export const DELEGATION_STATUSES = ['pending', 'active', 'inactive'] as const;
export type DelegationStatus = (typeof DELEGATION_STATUSES)[number];

/** One beneficiary of a delegation on the current tiers. */
export const Delegation = z.object({
  id: Id,
  role: z.enum(DELEGATION_ROLES),
  /** « NOM Prénom », or the firm's name; empty while the delegate has not completed its account. */
  name: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
  email: /* @__PURE__ */ z.string().check(z.maxLength(MAX_EMAIL)),
  status: z.enum(DELEGATION_STATUSES),
  effectiveDate: IsoDate,
  endDate: z.nullable(IsoDate),
  rights: TiersRights,
  /** The firm completed its account: it waits for the administrator's confirmation (`confirmDelegation`). */
  awaitingConfirmation: z.literal([true, false]),
});
export type Delegation = z.infer<typeof Delegation>;

/** The columns the list sorts on (*Nom et prénom* by default). */
export const DELEGATION_SORTS = ['role', 'name', 'status', 'effectiveDate', 'endDate', 'email'] as const;
export type DelegationSort = (typeof DELEGATION_SORTS)[number];

/**
 * One page of the beneficiaries: filters on role and status, *Exclure les utilisateurs inactifs*
 * (`excludeInactive`, a query-string value), a date d'effet from `effectiveFrom` on, a date de fin up to
 * `endUntil`; the backend sorts and pages.
 */
export const DelegationsQuery = z.object({
  role: z.optional(z.enum(DELEGATION_ROLES)),
  status: z.optional(z.enum(DELEGATION_STATUSES)),
  excludeInactive: z.optional(z.enum(['true', 'false'])),
  effectiveFrom: z.optional(IsoDate),
  endUntil: z.optional(IsoDate),
  sort: z.enum(DELEGATION_SORTS),
  direction: z.enum(['asc', 'desc']),
  page: PageNumber,
  pageSize: PageSize,
});
export type DelegationsQuery = z.input<typeof DelegationsQuery>;

export const DelegationsPage = z.object({
  items: /* @__PURE__ */ z.array(Delegation).check(z.maxLength(MAX_PAGE_SIZE)),
  total: /* @__PURE__ */ z.int().check(z.minimum(0), z.maximum(MAX_TOTAL)),
});
export type DelegationsPage = z.infer<typeof DelegationsPage>;

/**
 * The head of *Gérer les droits d'accès*: the tiers' identifiant CIBTP, how many beneficiaries it has,
 * and the firm the caisse knows for the member (*Cabinet comptable délégable*), with its delegation.
 */
export const DelegationsOverview = z.object({
  identifiantCibtp: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
  beneficiaries: /* @__PURE__ */ z.int().check(z.minimum(0), z.maximum(MAX_TOTAL)),
  /** `null` when the caisse knows no firm for the member, or when the login is that firm. */
  cabinet: z.nullable(z.object({
    name: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
    /** The firm's current (not inactive) delegation, if any. */
    delegation: z.nullable(Delegation),
  })),
});
export type DelegationsOverview = z.infer<typeof DelegationsOverview>;

/** The date de fin, when there is one, comes after the date d'effet (ISO dates compare as text). */
const endAfterStart = (value: { effectiveDate: string; endDate?: string | null | undefined }) =>
  !value.endDate || value.endDate > value.effectiveDate;
const ENDS_AFTER = { path: ['endDate'], message: 'before-start' };

const dates = {
  effectiveDate: IsoDate,
  endDate: z.optional(z.nullable(IsoDate)),
};

/**
 * *Ajouter une délégation*: the delegate's email, its dates and rights. The backend also checks the
 * date d'effet is not past, that the email is not the delegator's (`self`), nor already an active
 * delegate (`409`, `already-delegated`), and the rights against the delegator's (`rights: beyond-rights`).
 */
export const CreateDelegationRequest = /* @__PURE__ */ z.object({ email: Email, ...dates, rights: DelegationRights })
  .check(z.refine(endAfterStart, ENDS_AFTER));
export type CreateDelegationRequest = z.input<typeof CreateDelegationRequest>;

/** Modifies an existing delegation (its email stays). */
export const UpdateDelegationRequest = /* @__PURE__ */ z.object({ id: Id, ...dates, rights: DelegationRights })
  .check(z.refine(endAfterStart, ENDS_AFTER));
export type UpdateDelegationRequest = z.input<typeof UpdateDelegationRequest>;

/** *Déléguer à mon cabinet comptable*: the firm's email is the caisse's, not typed. */
export const CabinetDelegationRequest = /* @__PURE__ */ z.object({ ...dates, rights: DelegationRights })
  .check(z.refine(endAfterStart, ENDS_AFTER));
export type CabinetDelegationRequest = z.input<typeof CabinetDelegationRequest>;

export const DelegationIdRequest = z.object({ id: Id });
export type DelegationIdRequest = z.infer<typeof DelegationIdRequest>;

/** What the administrator's confirmation link shows before confirming. */
export const DelegationConfirmation = z.object({
  company: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
  identifiantCibtp: /* @__PURE__ */ z.string().check(z.maxLength(MAX_NAME)),
  delegation: Delegation,
});
export type DelegationConfirmation = z.infer<typeof DelegationConfirmation>;

/** The administrator confirms the firm's delegation: from the list (`id`, signed in) or from its link (`token`). */
export const ConfirmDelegationRequest = z.union([z.object({ id: Id }), z.object({ token: LinkToken })]);
export type ConfirmDelegationRequest = z.infer<typeof ConfirmDelegationRequest>;

