/** Properties of the one rule of delegation (`rightsExcess`), which the matrix and the backend both apply. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ACCESS_MODES, COLLEGES, RIGHT_FUNCTION_IDS, accessTo, type AccessMode, type RightsGrant } from './rules/rights.js';
import { effectiveGrant, fullGrant, rightsExcess, withinRights } from './rules/delegation.js';
import { CreateDelegationRequest, DelegationRights } from './schemas/rights.js';
import { fieldErrors } from './validate.js';

const rank = (mode: AccessMode) => ACCESS_MODES.indexOf(mode);

/** Any grant: administrator or not, any non-empty set of collèges, any mode (or none) per function. */
const grant: fc.Arbitrary<RightsGrant> = fc.record({
  administrator: fc.boolean(),
  colleges: fc.subarray([...COLLEGES], { minLength: 1 }),
  functions: fc.dictionary(fc.constantFrom(...RIGHT_FUNCTION_IDS), fc.constantFrom(...ACCESS_MODES)),
});

describe('rightsExcess', () => {
  test('finds an excess exactly when some collège, mode or the administrator box goes beyond the max', () => {
    fc.assert(fc.property(grant, grant, (requested, max) => {
      const wanted = effectiveGrant(requested);
      const held = effectiveGrant(max);
      const beyond = (requested.administrator && !max.administrator)
        || wanted.colleges.some((c) => !held.colleges.includes(c))
        || RIGHT_FUNCTION_IDS.some((fn) => rank(accessTo(wanted, fn)) > rank(accessTo(held, fn)));
      assert.equal(rightsExcess(requested, max) !== null, beyond);
      assert.equal(withinRights(requested, max), !beyond);
    }));
  });

  test('what a delegator holds is always within itself, and an administrator can give anything', () => {
    fc.assert(fc.property(grant, (g) => {
      assert.equal(rightsExcess(g, g), null);
      assert.equal(rightsExcess(g, fullGrant()), null);
    }));
  });

  test('lowering any mode of an allowed grant keeps it allowed (the bound is monotonic)', () => {
    fc.assert(fc.property(grant, grant, fc.constantFrom(...RIGHT_FUNCTION_IDS), (requested, max, fn) => {
      fc.pre(withinRights(requested, max) && !requested.administrator);
      const lower = ACCESS_MODES[Math.max(0, rank(accessTo(requested, fn)) - 1)]!;
      assert.ok(withinRights({ ...requested, functions: { ...requested.functions, [fn]: lower } }, max));
    }));
  });

  test('names the first excess in the matrix order', () => {
    const max: RightsGrant = { administrator: false, colleges: ['ouvrier', 'etam'], functions: { 'comptes-bancaires': 'read' } };
    assert.deepEqual(rightsExcess({ ...max, administrator: true }, max), { kind: 'administrator' });
    assert.deepEqual(rightsExcess({ ...max, colleges: ['cadre'] }, max), { kind: 'college', college: 'cadre' });
    assert.deepEqual(rightsExcess({ ...max, functions: { 'comptes-bancaires': 'write' } }, max), {
      kind: 'function', fn: 'comptes-bancaires', mode: 'write', max: 'read',
    });
    assert.deepEqual(rightsExcess({ ...max, functions: { documents: 'read' } }, max), {
      kind: 'function', fn: 'documents', mode: 'read', max: 'none',
    });
  });
});

describe('delegation schemas', () => {
  const rights = { administrator: false, colleges: ['ouvrier'], functions: {} };
  test('at least one collège, each once', () => {
    assert.equal(DelegationRights.safeParse({ ...rights, colleges: [] }).success, false);
    assert.equal(DelegationRights.safeParse({ ...rights, colleges: ['etam', 'etam'] }).success, false);
    assert.equal(DelegationRights.safeParse(rights).success, true);
  });
  test('a date de fin after the date d’effet, real dates only', () => {
    const base = { email: 'marie@exemple.fr', effectiveDate: '2026-12-02', rights };
    assert.deepEqual(fieldErrors(CreateDelegationRequest, base), {});
    assert.deepEqual(fieldErrors(CreateDelegationRequest, { ...base, endDate: '2026-12-02' }), { endDate: 'before-start' });
    assert.deepEqual(fieldErrors(CreateDelegationRequest, { ...base, endDate: '2026-12-03' }), {});
    assert.deepEqual(fieldErrors(CreateDelegationRequest, { ...base, effectiveDate: '2026-02-30' }), { effectiveDate: 'invalid' });
  });
});
