/** The `signup` domain's own rules: SIRET as typed, civil-status dates and places, and the request schemas. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { withLuhnDigit } from '../mock-server/db.js';
import { DEPARTEMENTS, isBirthDate, isCalendarDate, localToday } from './rules/civil.js';
import { IdentifyCompanyRequest, IdentifyWorkerRequest, Siret } from './schemas/signup.js';
import { fieldErrors, parseFields } from './validate.js';

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

describe('Siret as typed', () => {
  test('a valid SIRET with spaces (ordinary or non-breaking) anywhere parses to its 14 digits', () => {
    fc.assert(fc.property(digits(13, 13), fc.array(fc.nat(14), { maxLength: 6 }), fc.constantFrom(' ', '\u00a0', '  '), (prefix, cuts, space) => {
      const siret = withLuhnDigit(prefix);
      let typed = siret;
      for (const at of [...cuts].sort((a, b) => b - a)) typed = `${typed.slice(0, at)}${space}${typed.slice(at)}`;
      const parsed = parseFields(Siret, ` ${typed} `);
      assert.ok(parsed.success, typed);
      assert.equal(parsed.data, siret);
    }));
  });

  test('a SIRET that fails its check is `invalid`, an empty one `required`, whatever the spaces', () => {
    fc.assert(fc.property(digits(13, 13), fc.integer({ min: 1, max: 9 }), (prefix, delta) => {
      const siret = withLuhnDigit(prefix);
      const last = (Number(siret[13]) + delta) % 10;
      const wrong = `${siret.slice(0, 9)} ${siret.slice(9, 13)}${last}`;
      if (wrong.startsWith('356000000')) return; // La Poste's other rule may accept it
      assert.deepEqual(fieldErrors(IdentifyCompanyRequest, { purpose: 'signup', identifiantCibtp: '100234567', siret: wrong, confidentialCode: 'AB12CD' }), { siret: 'invalid' });
    }));
    assert.deepEqual(fieldErrors(IdentifyCompanyRequest, { purpose: 'signup', identifiantCibtp: '100234567', siret: '   ', confidentialCode: 'AB12CD' }), { siret: 'required' });
  });
});

describe('ConfidentialCode as typed', () => {
  test('spaces and hyphens between groups are dropped; other characters are refused', () => {
    const base = { purpose: 'signup', identifiantCibtp: '100234567', siret: withLuhnDigit('4820584190003') };
    for (const typed of ['51836274', '5183 6274', '5183-6274', ' 5183\u00a06274 ']) {
      const parsed = parseFields(IdentifyCompanyRequest, { ...base, confidentialCode: typed });
      assert.ok(parsed.success, typed);
      assert.equal(parsed.data.confidentialCode, '51836274');
    }
    assert.deepEqual(fieldErrors(IdentifyCompanyRequest, { ...base, confidentialCode: '5183_6274' }), { confidentialCode: 'invalid' });
    assert.deepEqual(fieldErrors(IdentifyCompanyRequest, { ...base, confidentialCode: ' - ' }), { confidentialCode: 'invalid' });
  });
});

describe('dates of birth', () => {
  test('a calendar date is exactly what the Date API round-trips (29 February in leap years only)', () => {
    fc.assert(fc.property(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
      const value = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const date = new Date(Date.UTC(y, m - 1, d));
      const roundTrips = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
      assert.equal(isCalendarDate(value), roundTrips, value);
    }));
    assert.equal(isCalendarDate('2024-02-29'), true);
    assert.equal(isCalendarDate('2023-02-29'), false);
    assert.equal(isCalendarDate('1900-02-29'), false);
    assert.equal(isCalendarDate('2000-02-29'), true);
  });

  test('no date of birth in the future, none before 1900, and only YYYY-MM-DD', () => {
    const today = '2026-12-01';
    assert.equal(isBirthDate('2026-12-01', today), true);
    assert.equal(isBirthDate('2026-12-02', today), false);
    assert.equal(isBirthDate('1899-12-31', today), false);
    assert.equal(isBirthDate('01/02/1990', today), false);
    assert.equal(isBirthDate('1990-1-2', today), false);
    assert.match(localToday(new Date(2026, 0, 5)), /^2026-01-05$/);
  });
});

describe('civil status', () => {
  const base = { birthName: 'Martins', firstNames: 'João Pedro', birthDate: '1985-03-14', sex: 'M' };

  test('départements: 2A and 2B instead of 20, and 971 to 976', () => {
    assert.ok(DEPARTEMENTS.includes('2A') && DEPARTEMENTS.includes('2B') && !DEPARTEMENTS.includes('20'));
    for (const dom of ['971', '972', '973', '974', '975', '976']) assert.ok(DEPARTEMENTS.includes(dom));
    assert.equal(new Set(DEPARTEMENTS).size, DEPARTEMENTS.length);
  });

  test('born in France: département and commune required, and the commune lies in the département', () => {
    const status = { ...base, birthCountry: 'FR' };
    assert.deepEqual(fieldErrors(IdentifyWorkerRequest, { identifiantCibtp: '200345678', civilStatus: status }), {
      'civilStatus.birthDepartement': 'required', 'civilStatus.birthCommune': 'required',
    });
    assert.deepEqual(fieldErrors(IdentifyWorkerRequest, {
      identifiantCibtp: '200345678', civilStatus: { ...status, birthDepartement: '69', birthCommune: '75056' },
    }), { 'civilStatus.birthCommune': 'invalid' });
    assert.ok(parseFields(IdentifyWorkerRequest, {
      identifiantCibtp: '200345678', civilStatus: { ...status, birthDepartement: '2A', birthCommune: '2A004' },
    }).success);
  });

  test('born abroad: neither département nor commune', () => {
    assert.ok(parseFields(IdentifyWorkerRequest, { identifiantCibtp: '200345678', civilStatus: { ...base, birthCountry: 'PT' } }).success);
    assert.deepEqual(fieldErrors(IdentifyWorkerRequest, { identifiantCibtp: '200345678', civilStatus: { ...base, birthCountry: 'XX' } }), {
      'civilStatus.birthCountry': 'invalid',
    });
  });
});
