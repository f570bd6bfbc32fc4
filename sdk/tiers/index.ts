/**
 * The `tiers` domain of the SDK: the tiers list (searched, sorted and paged by the backend), the rights on
 * the current tiers, the home page's tiles; with the function ids and access modes of `sdk/rules/rights.ts`.
 * @packageDocumentation
 */
export {
  searchTiers, tiersRights, homeTiles, recordUse, searchTiersDef, tiersRightsDef, homeTilesDef, recordUseDef,
} from './operations.js';
export { selectTiers, selectTiersDef } from '../auth/operations.js';
export * from '../schemas/tiers.js';
export * from '../rules/rights.js';
