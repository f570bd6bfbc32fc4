/** Properties of the pure rules shared by widgets, SDK and mock: the password policy and the identifiers. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_PASSWORD_POLICY, evaluatePassword, isPasswordValid } from './rules/password.js';
import { isSiret, luhnValid } from './rules/identifiers.js';
import { withLuhnDigit } from '../mock-server/db.js';

const CATEGORIES = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZÉÈÀÇ',
  lower: 'abcdefghijklmnopqrstuvwxyzéèàçœ',
  digit: '0123456789',
  special: '!"#$%&\'()*+,-./:;<=>?@[]^_{|}~ €',
} as const;
type Category = keyof typeof CATEGORIES;
const ALL: Category[] = ['upper', 'lower', 'digit', 'special'];

/** A password drawn only from `categories`, using each of them at least once, of length in [min, max]. */
function passwordOf(categories: Category[], min: number, max: number): fc.Arbitrary<string> {
  const pool = categories.map((c) => fc.constantFrom(...CATEGORIES[c]));
  const required = fc.tuple(...pool);
  const rest = fc.array(fc.oneof(...pool), { minLength: Math.max(0, min - categories.length), maxLength: max - categories.length });
  return fc.tuple(required, rest).chain(([must, more]) => fc.shuffledSubarray([...must, ...more], {
    minLength: must.length + more.length, maxLength: must.length + more.length,
  })).map((chars) => chars.join(''));
}

const subsetOf = (size: number) => fc.shuffledSubarray(ALL, { minLength: size, maxLength: size });

describe('evaluatePassword (8 characters, 3 of the 4 categories)', () => {
  test('accepts any password of 8 to 128 characters using at least 3 categories', () => {
    fc.assert(fc.property(
      fc.integer({ min: 3, max: 4 }).chain((n) => subsetOf(n)).chain((cats) => passwordOf(cats, 8, 128)),
      (password) => {
        assert.equal(evaluatePassword(password).valid, true, password);
      },
    ));
  });

  test('accepts long passphrases (64 characters and more, ASVS 6.2.9)', () => {
    fc.assert(fc.property(subsetOf(3).chain((cats) => passwordOf(cats, 64, 128)), (password) => {
      assert.ok([...password].length >= 64);
      assert.equal(isPasswordValid(password), true);
    }));
  });

  test('refuses fewer than 8 characters whatever the categories', () => {
    fc.assert(fc.property(subsetOf(4).chain((cats) => passwordOf(cats, 4, 7)), (password) => {
      const result = evaluatePassword(password);
      assert.equal(result.valid, false);
      assert.equal(result.checks.find((c) => c.id === 'length')?.ok, false);
      assert.equal(result.categories, 4);
    }));
  });

  test('refuses passwords using only 1 or 2 categories, however long', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 2 }).chain((n) => subsetOf(n)).chain((cats) => passwordOf(cats, 8, 100)),
      (password) => {
        const result = evaluatePassword(password);
        assert.equal(result.valid, false);
        assert.ok(result.categories <= 2);
        assert.equal(result.checks.find((c) => c.id === 'categories')?.ok, false);
      },
    ));
  });

  test('counts characters, not UTF-16 units, and never truncates', () => {
    // 7 emoji are 14 UTF-16 units but 7 characters: too short.
    assert.equal(evaluatePassword('Aa1😀😀😀😀').valid, false);
    // Beyond the maximum the password is refused, not cut down to a valid prefix.
    const long = `Aa1!${'x'.repeat(DEFAULT_PASSWORD_POLICY.maxLength)}`;
    assert.equal(evaluatePassword(long).valid, false);
    assert.equal(evaluatePassword(long.slice(0, DEFAULT_PASSWORD_POLICY.maxLength)).valid, true);
  });

  test('is pure: same answer twice, policy untouched, checklist in display order', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (password) => {
      const policy = { ...DEFAULT_PASSWORD_POLICY };
      const snapshot = JSON.stringify(policy);
      const first = evaluatePassword(password, policy);
      const second = evaluatePassword(password, policy);
      assert.deepEqual(second, first);
      assert.equal(JSON.stringify(policy), snapshot);
      assert.deepEqual(first.checks.map((c) => c.id), ['length', 'upper', 'lower', 'digit', 'special', 'categories']);
      const ok = (id: string) => first.checks.find((c) => c.id === id)?.ok;
      assert.equal(first.valid, ok('length') === true && ok('categories') === true);
    }));
    assert.ok(Object.isFrozen(DEFAULT_PASSWORD_POLICY));
  });

  test('honours a stricter caisse policy (all 4 categories)', () => {
    const strict = { ...DEFAULT_PASSWORD_POLICY, minCategories: 4 as const };
    assert.equal(evaluatePassword('Chantier2026', strict).valid, false);
    assert.equal(evaluatePassword('Chantier2026!', strict).valid, true);
  });
});

const LA_POSTE = '356000000';
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const notLaPoste = (s: string) => !s.startsWith(LA_POSTE);

describe('SIRET', () => {
  test('13 digits completed with their Luhn key form a valid SIRET', () => {
    fc.assert(fc.property(digits(13).filter(notLaPoste), (prefix) => {
      const siret = withLuhnDigit(prefix);
      assert.equal(siret.length, 14);
      assert.equal(luhnValid(siret), true);
      assert.equal(isSiret(siret), true);
    }));
  });

  test('changing any one digit of a valid SIRET makes it invalid', () => {
    fc.assert(fc.property(
      digits(13), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1, max: 9 }),
      (prefix, position, shift) => {
        const siret = withLuhnDigit(prefix);
        const changed = siret.slice(0, position) + String((Number(siret[position]) + shift) % 10) + siret.slice(position + 1);
        fc.pre(notLaPoste(siret) && notLaPoste(changed));
        assert.notEqual(changed, siret);
        assert.equal(isSiret(changed), false, changed);
      },
    ));
  });

  test('outside La Poste, the digit sum rule does not count: only Luhn', () => {
    fc.assert(fc.property(digits(14).filter(notLaPoste), (siret) => {
      assert.equal(isSiret(siret), luhnValid(siret));
    }));
  });

  test('only 14 digits are a SIRET', () => {
    for (const value of ['', '1234567890123', '123456789012345', '7323 5599 6000 10', 'ABCDEFGHIJKLMN']) {
      assert.equal(isSiret(value), false, value);
    }
    fc.assert(fc.property(fc.string(), (value) => {
      if (!/^\d{14}$/.test(value)) assert.equal(isSiret(value), false);
    }));
  });

  test('La Poste\'s establishments are checked by digit sum modulo 5', () => {
    // 3+5+6 = 14, NIC 00015 adds 6: sum 20. Not Luhn-valid, yet a valid La Poste SIRET.
    assert.equal(luhnValid('35600000000015'), false);
    assert.equal(isSiret('35600000000015'), true);
    fc.assert(fc.property(digits(5), (nic) => {
      const siret = `${LA_POSTE}${nic}`;
      const sum = [...siret].reduce((acc, c) => acc + Number(c), 0);
      assert.equal(isSiret(siret), sum % 5 === 0 || luhnValid(siret));
    }));
  });

  test('luhnValid agrees with a known SIREN', () => {
    // A Luhn-valid SIREN, and the same with its last digit changed.
    assert.equal(luhnValid('732829320'), true);
    assert.equal(luhnValid('732829321'), false);
  });
});
