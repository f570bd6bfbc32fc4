import { z } from '../zod.js';
import { ACCESS_MODES, COLLEGES, RIGHT_FUNCTION_IDS } from '../rules/rights.js';
import { Tiers } from './common.js';
import { MAX_ITEMS, MAX_NAME } from './limits.js';

// Every `.check()` chain is marked `/* @__PURE__ */`, every string and array has a maximum: see common.ts.

/** The columns the tiers list sorts on (`dsnAlerts`: by number of alerts). */
export const TIERS_SORTS = ['raisonSociale', 'siret', 'siteName', 'identifiantCibtp', 'dsnAlerts'] as const;
export type TiersSort = (typeof TIERS_SORTS)[number];

/** The most rows one page of a server-driven list holds. */
export const MAX_PAGE_SIZE = 100;
/** The most rows a server-driven list may say it has. */
export const MAX_TOTAL = 1_000_000;

// Only zod features the sign-in page already carries (its schemas share one chunk with zod): no
// `z.boolean()` nor `multipleOf`, which would add their code to every page.
const isWhole = (n: number) => Number.isInteger(n);
/** A 1-based page number or a page size: numbers, which a GET sends as text (hence the coercion). */
export const PageNumber = /* @__PURE__ */ z.coerce.number<number>().check(z.minimum(1), z.maximum(MAX_TOTAL), z.refine(isWhole));
export const PageSize = /* @__PURE__ */ z.coerce.number<number>().check(z.minimum(1), z.maximum(MAX_PAGE_SIZE), z.refine(isWhole));

/**
 * One page of the tiers a login may act for: `q` searches the raison sociale, the SIRET (spaces
 * ignored) and the identifiant CIBTP; the backend sorts and pages.
 */
export const TiersQuery = z.object({
  q: z.optional(/* @__PURE__ */ z.string().check(z.trim(), z.maxLength(MAX_NAME))),
  sort: z.enum(TIERS_SORTS),
  direction: z.enum(['asc', 'desc']),
  page: PageNumber,
  pageSize: PageSize,
});
export type TiersQuery = z.input<typeof TiersQuery>;

export const TiersPage = z.object({
  items: /* @__PURE__ */ z.array(Tiers).check(z.maxLength(MAX_PAGE_SIZE)),
  total: /* @__PURE__ */ z.int().check(z.minimum(0), z.maximum(MAX_TOTAL)),
});
export type TiersPage = z.infer<typeof TiersPage>;

export const AccessModeSchema = z.enum(ACCESS_MODES);
export const CollegeSchema = z.enum(COLLEGES);
export const RightFunctionSchema = z.enum(RIGHT_FUNCTION_IDS);

/** What the signed-in login holds on the current tiers (`RightsGrant` of `sdk/rules/rights.ts`). */
export const TiersRights = z.object({
  administrator: z.literal([true, false]),
  colleges: /* @__PURE__ */ z.array(CollegeSchema).check(z.maxLength(COLLEGES.length)),
  functions: z.partialRecord(RightFunctionSchema, AccessModeSchema),
});
export type TiersRights = z.infer<typeof TiersRights>;

/** The functions this login uses most on the current tiers, most used first (only those its rights allow). */
export const HomeTiles = z.object({
  items: /* @__PURE__ */ z.array(RightFunctionSchema).check(z.maxLength(MAX_ITEMS)),
});
export type HomeTiles = z.infer<typeof HomeTiles>;

/** A function the user opened (from the menu or a tile): the backend counts it for the tiles. */
export const RecordUseRequest = z.object({ function: RightFunctionSchema });
export type RecordUseRequest = z.infer<typeof RecordUseRequest>;
