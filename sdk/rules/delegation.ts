/**
 * The one rule of delegation, which the backend applies to every create and modify and the rights matrix
 * to its `max`. Apart from `./rights.ts` (the catalogue's ids, which every page of the space reads) so
 * that only the rights pages carry it. Literal data and pure functions only.
 */
import { ACCESS_MODES, COLLEGES, RIGHT_FUNCTION_IDS, accessTo, type AccessMode, type College, type RightFunction, type RightsGrant } from './rights.js';

/** What an administrator holds: every collège, `write` on every function. */
export function fullGrant(): RightsGrant {
  return {
    administrator: true,
    colleges: [...COLLEGES],
    functions: Object.fromEntries(RIGHT_FUNCTION_IDS.map((id) => [id, 'write'])),
  };
}

/**
 * What a grant really gives, written out: an administrator's is every collège and `write` everywhere
 * (the matrix's locked state); otherwise its collèges in the catalogue's order and the functions it
 * gives something on.
 */
export function effectiveGrant(grant: RightsGrant): RightsGrant {
  if (grant.administrator) return fullGrant();
  const functions: Partial<Record<RightFunction, AccessMode>> = {};
  for (const id of RIGHT_FUNCTION_IDS) {
    const mode = grant.functions[id];
    if (mode && mode !== 'none') functions[id] = mode;
  }
  return { administrator: false, colleges: COLLEGES.filter((c) => grant.colleges.includes(c)), functions };
}

/** Why a requested grant goes beyond what the delegator holds: the first excess, in the matrix's order. */
export type RightsExcess =
  | { kind: 'administrator' }
  | { kind: 'college'; college: College }
  | { kind: 'function'; fn: RightFunction; mode: AccessMode; max: AccessMode };

/**
 * The one rule of delegation (the guides: "a delegate may delegate only what it holds itself; a cabinet
 * comptable only within the collèges, functions and access modes it received"): `requested` may not give
 * the administrator box, a collège or a mode on a function that `max` does not hold. The backend refuses
 * a delegation when this finds an excess; the matrix disables what it would find.
 */
export function rightsExcess(requested: RightsGrant, max: RightsGrant): RightsExcess | null {
  if (requested.administrator && !max.administrator) return { kind: 'administrator' };
  const wanted = effectiveGrant(requested);
  const held = effectiveGrant(max);
  for (const college of wanted.colleges) if (!held.colleges.includes(college)) return { kind: 'college', college };
  for (const id of RIGHT_FUNCTION_IDS) {
    const mode = accessTo(wanted, id);
    const top = accessTo(held, id);
    if (ACCESS_MODES.indexOf(mode) > ACCESS_MODES.indexOf(top)) return { kind: 'function', fn: id, mode, max: top };
  }
  return null;
}

/** Whether `requested` stays within `max` (`rightsExcess` finds nothing). */
export function withinRights(requested: RightsGrant, max: RightsGrant): boolean {
  return rightsExcess(requested, max) === null;
}
