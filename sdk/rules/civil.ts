/**
 * Pure checks on civil-status data (worker signup, FranceConnect matching), shared by the widgets, the
 * SDK schemas and the mock.
 */

/**
 * The départements of birth a form offers: 01–95 (Corsica as 2A and 2B, not 20) and the overseas
 * départements 971–976. A commune of birth is then looked up in the chosen one.
 */
export const DEPARTEMENTS: readonly string[] = [
  '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '2A',
  '2B', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34', '35', '36', '37', '38', '39',
  '40', '41', '42', '43', '44', '45', '46', '47', '48', '49', '50', '51', '52', '53', '54', '55', '56', '57', '58', '59',
  '60', '61', '62', '63', '64', '65', '66', '67', '68', '69', '70', '71', '72', '73', '74', '75', '76', '77', '78', '79',
  '80', '81', '82', '83', '84', '85', '86', '87', '88', '89', '90', '91', '92', '93', '94', '95', '971', '972', '973', '974',
  '975', '976',
];

export function isDepartement(value: string): boolean {
  return DEPARTEMENTS.includes(value);
}

/** A commune's INSEE code: 5 characters, its département's code first (2A/2B for Corsica). */
export const COMMUNE_CODE_PATTERN = /^(?:\d{5}|2[AB]\d{3})$/;

/** Whether the INSEE code `commune` lies in `departement`. */
export function communeInDepartement(commune: string, departement: string): boolean {
  return COMMUNE_CODE_PATTERN.test(commune) && commune.startsWith(departement);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date `YYYY-MM-DD` (29 February only in leap years). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/**
 * A date of birth: a real date, not in the future (compared with `today`, `YYYY-MM-DD` in the user's
 * calendar), and not before 1900.
 */
export function isBirthDate(value: string, today: string = localToday()): boolean {
  return isCalendarDate(value) && value >= '1900-01-01' && value <= today;
}

/** Today as `YYYY-MM-DD` in the local time zone. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * ISO 3166-1 alpha-2 codes of the countries of birth a form offers (names come from
 * `Intl.DisplayNames` in the active locale); `FR` first.
 */
export const BIRTH_COUNTRIES: readonly string[] = [
  'FR', 'AF', 'ZA', 'AL', 'DZ', 'DE', 'AD', 'AO', 'AG', 'SA', 'AR', 'AM', 'AU', 'AT', 'AZ', 'BS', 'BH', 'BD', 'BB', 'BE',
  'BZ', 'BJ', 'BT', 'BY', 'MM', 'BO', 'BA', 'BW', 'BR', 'BN', 'BG', 'BF', 'BI', 'KH', 'CM', 'CA', 'CV', 'CF', 'CL', 'CN',
  'CY', 'CO', 'KM', 'CG', 'CD', 'KR', 'KP', 'CR', 'CI', 'HR', 'CU', 'DK', 'DJ', 'DM', 'EG', 'AE', 'EC', 'ER', 'ES', 'EE',
  'SZ', 'US', 'ET', 'FJ', 'FI', 'GA', 'GM', 'GE', 'GH', 'GR', 'GD', 'GT', 'GN', 'GQ', 'GW', 'GY', 'HT', 'HN', 'HU', 'IN',
  'ID', 'IQ', 'IR', 'IE', 'IS', 'IL', 'IT', 'JM', 'JP', 'JO', 'KZ', 'KE', 'KG', 'KI', 'XK', 'KW', 'LA', 'LS', 'LV', 'LB',
  'LR', 'LY', 'LI', 'LT', 'LU', 'MK', 'MG', 'MY', 'MW', 'MV', 'ML', 'MT', 'MA', 'MH', 'MU', 'MR', 'MX', 'FM', 'MD', 'MC',
  'MN', 'ME', 'MZ', 'NA', 'NR', 'NP', 'NI', 'NE', 'NG', 'NO', 'NZ', 'OM', 'UG', 'UZ', 'PK', 'PW', 'PS', 'PA', 'PG', 'PY',
  'NL', 'PE', 'PH', 'PL', 'PT', 'QA', 'RO', 'GB', 'RU', 'RW', 'KN', 'SM', 'VC', 'LC', 'SB', 'SV', 'WS', 'ST', 'SN', 'RS',
  'SC', 'SL', 'SG', 'SK', 'SI', 'SO', 'SD', 'SS', 'LK', 'SE', 'CH', 'SR', 'SY', 'TJ', 'TW', 'TZ', 'TD', 'CZ', 'TH', 'TL',
  'TG', 'TO', 'TT', 'TN', 'TM', 'TR', 'TV', 'UA', 'UY', 'VU', 'VA', 'VE', 'VN', 'YE', 'ZM', 'ZW',
];

export function isBirthCountry(value: string): boolean {
  return BIRTH_COUNTRIES.includes(value);
}
