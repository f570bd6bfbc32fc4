/** Properties of the phone rules (the field's live check, the SDK's schemas and the mock's check share them). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  FRENCH_PHONE_COUNTRIES, PHONE_COUNTRIES, callingCode, examplePhone, examplePhoneE164, formatPhone, isMobile, isPhoneNumber,
  parsePhone, phoneType, type PhoneCountry,
} from './phone.js';
import { PHONE_METADATA } from './phone-metadata.js';
import { FixedNumber, MobileNumber, PhoneNumber } from '../schemas/phone.js';
import { fieldErrors } from '../validate.js';
import { z } from '../zod.js';

/**
 * Valid numbers of `country` of `kind`: its example with its last digits drawn at random, kept when
 * still valid and of that kind (the plans leave most such neighbours valid).
 */
function numbersOf(country: PhoneCountry, kind: 'mobile' | 'fixed'): fc.Arbitrary<string> {
  const example = examplePhoneE164(country, kind);
  const keep = Math.max(example.length - 4, callingCode(country).length + 2);
  return fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: example.length - keep, maxLength: example.length - keep })
    .map((digits) => example.slice(0, keep) + digits.join(''))
    .filter((e164) => phoneType(e164) === kind && parsePhone(e164)?.country === country);
}

const anyNumber = fc
  .constantFrom(...PHONE_COUNTRIES)
  .chain((country) => fc.constantFrom<'mobile' | 'fixed'>('mobile', 'fixed').chain((kind) => numbersOf(country, kind)));

/** The ways a person (or autofill) writes one number in its own country's field. */
function writings(e164: string, separator: string): string[] {
  const national = formatPhone(e164, 'national');
  const international = formatPhone(e164, 'international');
  const country = parsePhone(e164)!.country;
  const code = callingCode(country);
  const digits = e164.slice(1 + code.length);
  const spaced = (text: string) => text.replace(/\s/g, separator);
  return [
    spaced(national),
    national.replace(/\D/g, ''),
    spaced(international),
    e164,
    `00${code}${digits}`,
    spaced(`00${code} ${digits}`),
    // Without the trunk prefix (« 6 12 34 56 78 »), where the country has one (Italy's 0 is part of the number).
    ...(PHONE_METADATA.countries[country]?.[5] === '0' ? [spaced(national.replace(/^\(?0/, '').replace(/\)/, ''))] : []),
  ];
}

describe('parsePhone', () => {
  test('every offered country: each accepted way of writing a valid number parses to its E.164', () => {
    fc.assert(
      fc.property(anyNumber, fc.constantFrom(' ', '.', '-', '', '\u00a0'), (e164, separator) => {
        const country = parsePhone(e164)!.country;
        for (const text of writings(e164, separator)) {
          const parsed = parsePhone(text, country);
          assert.equal(parsed?.e164, e164, `${JSON.stringify(text)} in ${country}`);
          assert.equal(parsed.country, country);
        }
      }),
      { numRuns: 400 },
    );
  });

  test('an international number parses whatever the chosen country (autofill gives +351…)', () => {
    fc.assert(
      fc.property(anyNumber, fc.constantFrom(...PHONE_COUNTRIES), (e164, chosen) => {
        assert.equal(parsePhone(formatPhone(e164, 'international'), chosen)?.e164, e164);
        assert.equal(parsePhone(e164, chosen)?.e164, e164);
      }),
    );
  });

  test('parse ∘ format is the identity, nationally in its country and internationally anywhere', () => {
    fc.assert(
      fc.property(anyNumber, (e164) => {
        const parsed = parsePhone(e164)!;
        assert.equal(parsePhone(formatPhone(e164), parsed.country)?.e164, e164);
        assert.equal(parsePhone(formatPhone(e164, 'international'), 'FR')?.e164, e164);
        assert.equal(isPhoneNumber(e164), true);
      }),
    );
  });

  test('random text never throws, and what it accepts is a valid E.164 number of an offered country', () => {
    const typed = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789 +.-()/'), maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ maxLength: 2_000 }),
    );
    fc.assert(
      fc.property(typed, fc.constantFrom(...PHONE_COUNTRIES), (text, country) => {
        const parsed = parsePhone(text, country);
        if (parsed) {
          assert.match(parsed.e164, /^\+[1-9]\d{1,14}$/);
          assert.ok(isPhoneNumber(parsed.e164));
          assert.ok((PHONE_COUNTRIES as readonly string[]).includes(parsed.country));
        }
        assert.doesNotThrow(() => formatPhone(text));
        assert.doesNotThrow(() => phoneType(text));
      }),
      { numRuns: 1_000 },
    );
  });

  test('France: 06 and 07 are mobiles, 01 to 05 and 09 fixed lines', () => {
    const nine = (first: string) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }).map((d) => `0${first}${d.join('')}`);
    fc.assert(
      fc.property(fc.constantFrom('6', '7').chain(nine), (text) => {
        const parsed = parsePhone(text, 'FR');
        // Not every 06/07 block is allocated (0639 is Mayotte's, 070–072 are unused): valid ones are mobiles.
        if (parsed) assert.equal(parsed.type, 'mobile', text);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom('1', '2', '3', '4', '5', '9').chain(nine), (text) => {
        const parsed = parsePhone(text, 'FR');
        if (parsed) assert.equal(parsed.type, 'fixed', text);
      }),
    );
    for (const [text, type] of [
      ['06 12 34 56 78', 'mobile'], ['07 81 23 45 67', 'mobile'], ['01 23 45 67 89', 'fixed'], ['02 40 12 34 56', 'fixed'],
      ['03 20 12 34 56', 'fixed'], ['04 91 12 34 56', 'fixed'], ['05 56 12 34 56', 'fixed'], ['09 51 23 45 67', 'fixed'],
      ['0800 123 456', 'other'],
    ] as const) {
      assert.equal(parsePhone(text, 'FR')?.type, type, text);
    }
  });

  test('France and the overseas departments share one plan: a national number is read whichever of them is chosen', () => {
    assert.deepEqual(parsePhone('0692 12 34 56', 'FR'), { e164: '+262692123456', country: 'RE', callingCode: '262', type: 'mobile' });
    assert.equal(parsePhone('0639 01 23 45', 'FR')?.country, 'YT');
    assert.equal(parsePhone('06 12 34 56 78', 'MQ')?.e164, '+33612345678');
    for (const country of FRENCH_PHONE_COUNTRIES) {
      for (const other of FRENCH_PHONE_COUNTRIES) assert.equal(parsePhone(examplePhone(country), other)?.country, country, `${country} in ${other}`);
    }
    // Elsewhere, a national number is the chosen country's only.
    assert.equal(parsePhone('0692 12 34 56', 'PT'), undefined);
  });

  test('what is refused: other countries, letters, extensions, incomplete or too long numbers', () => {
    for (const text of ['+1 212 555 0100', '+86 138 0013 8000', '06 12 34 56 7', '06 12 34 56 789', 'zéro six 12 34 56 78',
      '0612345678abc', '06 12 34 56 78 ext. 12', '', '   ', '+', '00', `06${' '.repeat(60)}12345678`]) {
      assert.equal(parsePhone(text, 'FR'), undefined, JSON.stringify(text));
    }
    // An unknown country falls back to France rather than throwing.
    assert.equal(parsePhone('06 12 34 56 78', 'US' as PhoneCountry)?.e164, '+33612345678');
  });

  test('formatPhone: national as written in its country, international with its code', () => {
    assert.equal(formatPhone('+33612345678'), '06 12 34 56 78');
    assert.equal(formatPhone('+33612345678', 'international'), '+33 6 12 34 56 78');
    assert.equal(formatPhone('+262692123456'), '0692 12 34 56');
    assert.equal(formatPhone('+351912345678'), '912 345 678');
    assert.equal(formatPhone('not a number'), 'not a number');
    // Only E.164 exactly: a national number is given back untouched.
    assert.equal(formatPhone('0612345678'), '0612345678');
  });

  test('examples: one mobile and one fixed line per offered country, of their type', () => {
    for (const country of PHONE_COUNTRIES) {
      assert.equal(parsePhone(examplePhone(country, 'mobile'), country)?.type, 'mobile', country);
      assert.equal(parsePhone(examplePhone(country, 'fixed'), country)?.type, 'fixed', country);
      assert.equal(parsePhone(examplePhone(country, 'fixed'), country)?.country, country, country);
    }
    assert.equal(examplePhone('FR'), '06 12 34 56 78');
    assert.equal(examplePhone('FR', 'fixed'), '01 23 45 67 89');
  });
});

describe('phone schemas', () => {
  const ok = (schema: z.ZodMiniType, value: string) => schema.safeParse(value).success;
  const messages = (schema: z.ZodMiniType, value: string) => (schema.safeParse(value).error?.issues ?? []).map((i) => i.message);

  test('PhoneNumber: a valid E.164 number of an offered country, nothing else', () => {
    assert.ok(ok(PhoneNumber, '+33612345678'));
    assert.ok(ok(PhoneNumber, '+33123456789'));
    assert.ok(ok(PhoneNumber, '+351912345678'));
    for (const bad of ['06 12 34 56 78', '+33 6 12 34 56 78', '+330612345678', '+12125550100', '+3361234567', '', 'x'.repeat(10_000)]) {
      assert.equal(ok(PhoneNumber, bad), false, bad);
    }
  });

  test('MobileNumber: a landline or a toll-free number is refused as `not-mobile`, an invalid one as invalid', () => {
    assert.ok(ok(MobileNumber, '+33612345678'));
    assert.ok(ok(MobileNumber, '+262692123456'));
    assert.equal(messages(MobileNumber, '+33123456789')[0], 'not-mobile');
    assert.equal(messages(MobileNumber, '+33800123456')[0], 'not-mobile');
    assert.notEqual(messages(MobileNumber, '+3361234')[0], 'not-mobile');
    const form = z.object({ phone: MobileNumber });
    assert.deepEqual(fieldErrors(form, { phone: '' }), { phone: 'required' });
    assert.deepEqual(fieldErrors(form, { phone: '06 12' }), { phone: 'invalid' });
    fc.assert(fc.property(anyNumber, (e164) => assert.equal(ok(MobileNumber, e164), isMobile(e164))));
  });

  test('MobileNumber through fieldErrors names the code `not-mobile`', () => {
    assert.deepEqual(fieldErrors(z.object({ phone: MobileNumber }), { phone: '+33123456789' }), { phone: 'not-mobile' });
  });

  test('FixedNumber: any valid number, a mobile included', () => {
    fc.assert(fc.property(anyNumber, (e164) => assert.ok(ok(FixedNumber, e164))));
    assert.equal(ok(FixedNumber, '01 23 45 67 89'), false);
  });
});

describe('trimmed metadata', () => {
  test('the committed sdk/rules/phone-metadata.ts is what scripts/phone-metadata.mjs writes', async () => {
    const script: string = '../../scripts/phone-metadata.mjs';
    const { generate, OUTPUT } = (await import(script)) as { generate(): string; OUTPUT: string };
    assert.equal(readFileSync(OUTPUT, 'utf8'), generate(), 'run: node --import tsx scripts/phone-metadata.mjs');
  });

  test('it holds the offered countries only', () => {
    assert.deepEqual(Object.keys(PHONE_METADATA.countries).sort(), [...PHONE_COUNTRIES].sort());
    const reachable = Object.values(PHONE_METADATA.country_calling_codes).flat().sort();
    assert.deepEqual(reachable, [...PHONE_COUNTRIES].sort());
    assert.deepEqual(PHONE_METADATA.country_calling_codes['262'], ['RE', 'YT']);
  });
});
