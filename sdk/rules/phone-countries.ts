/**
 * The countries a phone field offers, in the order it lists them: France and the overseas departments
 * and regions first (where the caisses' members and workers live), then the countries construction
 * workers in France most often come from, and Comoros (Mayotte's neighbour, +269). The phone rules,
 * the schemas and the trimmed metadata (`scripts/phone-metadata.mjs`) all read this one list: a number
 * of any other country is not valid, and the pages carry no other country's metadata.
 *
 * Kept in a module of its own, without imports, so that the metadata generator can read it.
 */
export const FRENCH_PHONE_COUNTRIES = ['FR', 'RE', 'YT', 'GP', 'GF', 'MQ'] as const;

export const PHONE_COUNTRIES = [
  ...FRENCH_PHONE_COUNTRIES,
  'PT', 'PL', 'RO', 'ES', 'IT', 'MA', 'TN', 'DZ', 'TR', 'BE', 'DE', 'LU', 'CH', 'GB', 'SN', 'ML', 'UA', 'BG', 'KM',
] as const;

export type PhoneCountry = (typeof PHONE_COUNTRIES)[number];
