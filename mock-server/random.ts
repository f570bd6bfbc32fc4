/**
 * Secrets the mock hands out (link tokens, CSRF tokens, challenge ids, one-time codes). They come from
 * `crypto.getRandomValues`, never `Math.random`, so that the mock models what a caisse's backend must do
 * (ASVS 6.4.1, 6.5.4) and a test cannot pass by guessing.
 */

/** `bytes` random bytes in base64url without padding: 32 bytes = 256 bits by default (≥ 128 required). */
export function randomToken(bytes = 32): string {
  const buffer = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  let binary = '';
  for (const byte of buffer) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * `length` uniformly random decimal digits. Rejection sampling avoids the modulo bias that
 * `n % 10` on a random 32-bit integer would introduce.
 */
export function randomDigits(length: number): string {
  const limit = Math.floor(0x1_0000_0000 / 10) * 10;
  let out = '';
  const word = new Uint32Array(1);
  while (out.length < length) {
    globalThis.crypto.getRandomValues(word);
    const value = word[0] ?? limit;
    if (value < limit) out += String(value % 10);
  }
  return out;
}
