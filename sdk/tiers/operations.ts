/**
 * The `tiers` domain: the tiers a login may act for (searched, sorted and paged by the backend), the
 * rights the login holds on the current tiers, and what it uses most (the home page's tiles). The choice
 * of a tiers itself is `selectTiers` (`auth` domain), which returns the new session.
 */
import type { CallOptions, PortalCore } from '../core.js';
import { defineOperation, type InputOf, type OutputOf } from '../definition.js';
import { HomeTiles, RecordUseRequest, TiersPage, TiersQuery, TiersRights } from '../schemas/tiers.js';

export const searchTiersDef = defineOperation({
  method: 'GET', path: 'tiers', request: TiersQuery, response: TiersPage, retry: true,
});
export const tiersRightsDef = defineOperation({
  method: 'GET', path: 'tiers/current/rights', request: undefined, response: TiersRights, retry: true,
});
export const homeTilesDef = defineOperation({
  method: 'GET', path: 'home/tiles', request: undefined, response: HomeTiles, retry: true,
});
export const recordUseDef = defineOperation({
  method: 'POST', path: 'home/usage', request: RecordUseRequest, response: undefined, retry: false,
});

/** Every operation of the domain, by name: for `sdk/operations.ts` only. */
export const tiersOperations = {
  searchTiers: searchTiersDef,
  tiersRights: tiersRightsDef,
  homeTiles: homeTilesDef,
  recordUse: recordUseDef,
} as const;

/**
 * One page of the tiers the login may act for, while it chooses one after `login` (`choose-tiers`) or
 * from a running session (*Changer de tiers*). The backend searches, sorts and pages: an accounting firm
 * with thousands of members never loads them all.
 *
 * @example
 * ```ts
 * const { items, total } = await searchTiers(client, { q: 'durand', sort: 'raisonSociale', direction: 'asc', page: 1, pageSize: 10 });
 * ```
 */
export function searchTiers(client: PortalCore, input: InputOf<typeof searchTiersDef>, options?: CallOptions): Promise<OutputOf<typeof searchTiersDef>> {
  return client.invoke(searchTiersDef, input, options);
}

/** What the signed-in login may do on the current tiers (the menu shows only that). */
export function tiersRights(client: PortalCore, options?: CallOptions): Promise<OutputOf<typeof tiersRightsDef>> {
  return client.invoke(tiersRightsDef, undefined, options);
}

/** The functions the login uses most on the current tiers, most used first. */
export function homeTiles(client: PortalCore, options?: CallOptions): Promise<OutputOf<typeof homeTilesDef>> {
  return client.invoke(homeTilesDef, undefined, options);
}

/** Tells the backend a function was opened, so that the tiles follow what the user uses most. */
export function recordUse(client: PortalCore, input: InputOf<typeof recordUseDef>, options?: CallOptions): Promise<OutputOf<typeof recordUseDef>> {
  return client.invoke(recordUseDef, input, options);
}
