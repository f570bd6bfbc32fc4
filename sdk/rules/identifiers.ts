/** Pure checks on the identifiers of the domain, shared by widgets, SDK schemas and the mock. */

/** Identifiant CIBTP as printed on the *Courrier de bienvenue*: 6 to 14 letters or digits. */
export const IDENTIFIANT_CIBTP_PATTERN = /^[0-9A-Za-z]{6,14}$/;

/** One-time codes: 6 digits (ASVS 6.5.4). */
export const OTP_PATTERN = /^\d{6}$/;

export function isIdentifiantCibtp(value: string): boolean {
  return IDENTIFIANT_CIBTP_PATTERN.test(value);
}

export function isOtpCode(value: string): boolean {
  return OTP_PATTERN.test(value);
}

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const LA_POSTE_SIREN = '356000000';

/**
 * SIRET = SIREN (9) + NIC (5), Luhn-checked; La Poste's establishments are the documented
 * exception, checked by digit sum modulo 5.
 */
export function isSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith(LA_POSTE_SIREN)) {
    const sum = [...value].reduce((acc, c) => acc + Number(c), 0);
    return sum % 5 === 0 || luhnValid(value);
  }
  return luhnValid(value);
}

/** Masks all but the last two digits of a phone number, for "code sent to ••••••••12". */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  return `${'•'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}
