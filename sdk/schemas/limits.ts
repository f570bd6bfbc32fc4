/**
 * The longest string of each kind a schema accepts, in UTF-16 units (`.length`), requests and answers
 * alike: a hostile answer or a careless caller cannot make the SDK keep, show or send megabytes. Every
 * string and array of every schema has a maximum (sdk/hostile.test.ts walks them all).
 */

/** Identifiers: challenge, tiers, account ids. */
export const MAX_ID = 128;
/** People's and companies' names, titles. */
export const MAX_NAME = 200;
/** RFC 5321's longest address. */
export const MAX_EMAIL = 254;
/** Messages and descriptions from the server. */
export const MAX_TEXT = 2_000;
/** Short codes and formatted numbers (SIRET, periods, masked phones, error codes). */
export const MAX_CODE = 64;
/**
 * Passwords, current or new: the longest a policy may allow (`PasswordPolicy.maxLength` ≤ 128
 * characters) in UTF-16 units, where a character outside the BMP counts 2. At least 64 characters are
 * always accepted (ASVS 6.2.9).
 */
export const MAX_PASSWORD = 256;
/** Any other list of an answer. */
export const MAX_ITEMS = 100;

/**
 * 2000-01-01 and 2100-01-01 (UTC), in ms: a server date outside is a broken answer, not a date to show
 * (and `Intl.DateTimeFormat` throws on a date out of range).
 */
export const DATE_MIN = 946_684_800_000;
export const DATE_MAX = 4_102_444_800_000;
