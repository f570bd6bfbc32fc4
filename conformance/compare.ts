/**
 * Whether two answers are "alike": same status, same headers, same body, once the values that differ by
 * nature are set aside. What is set aside is listed here, and only here, so that a reader sees exactly
 * what the `uniform-answers` and `lock` rules do not compare.
 */
import { isRecord, type Exchange } from './http.js';

/**
 * Headers that differ between any two answers of a server: when it answered, and per-request tracing
 * ids. Everything else is compared, `Set-Cookie` by cookie name and attributes (not its value).
 */
export const IGNORED_HEADERS: readonly string[] = ['date', 'x-request-id', 'x-correlation-id', 'request-id', 'traceparent', 'server-timing'];

/** Body fields whose value is random by nature (a challenge's or a ticket's id): compared as present or not. */
export const RANDOM_FIELDS: readonly string[] = ['challenge.id', 'ticket'];

/**
 * Body fields that are instants (and the `Retry-After` header, in seconds): compared relative to when
 * each request left, within `TIME_TOLERANCE_MS`, so that two answers a few ms apart are alike but a lock
 * of 1 minute and one of 15 are not.
 */
export const TIME_FIELDS: readonly string[] = ['retryAt', 'expiresAt', 'resendAvailableAt', 'challenge.expiresAt', 'challenge.resendAvailableAt', 'session.expiresAt'];
export const TIME_TOLERANCE_MS = 5_000;

/** The differences between two answers, as readable lines (empty: alike). */
export function differences(a: Exchange, b: Exchange): string[] {
  const found: string[] = [];
  if (a.status !== b.status) found.push(`status ${a.status} ≠ ${b.status}`);
  let normalised = false;
  const bodyA = normalise(a.json, a.sentAt, '', () => (normalised = true));
  const bodyB = normalise(b.json, b.sentAt, '', () => (normalised = true));
  if (a.json === undefined || b.json === undefined) {
    if (a.text !== b.text) found.push(`body ${JSON.stringify(clip(a.text))} ≠ ${JSON.stringify(clip(b.text))}`);
  } else {
    found.push(...compareValues(bodyA, bodyB, 'body'));
  }
  found.push(...compareHeaders(a, b, normalised));
  return found;
}

/** `differences()` as one line, at most `max` of them (the rest counted). */
export function summary(diffs: readonly string[], max = 4): string {
  const shown = diffs.slice(0, max).join('; ');
  return diffs.length > max ? `${shown}; and ${diffs.length - max} more` : shown;
}

function compareHeaders(a: Exchange, b: Exchange, bodyNormalised: boolean): string[] {
  const found: string[] = [];
  const names = new Set([...a.headers.keys(), ...b.headers.keys()]);
  for (const name of [...names].sort()) {
    if (IGNORED_HEADERS.includes(name)) continue;
    // A random value of the body (a challenge id) may change its length.
    if (name === 'content-length' && bodyNormalised) continue;
    if (name === 'set-cookie') {
      const cookies = (exchange: Exchange) => exchange.headers.getSetCookie().map(cookieShape).sort().join(' | ');
      if (cookies(a) !== cookies(b)) found.push(`header set-cookie: ${cookies(a) || '(none)'} ≠ ${cookies(b) || '(none)'}`);
      continue;
    }
    const va = a.headers.get(name);
    const vb = b.headers.get(name);
    if (name === 'retry-after' && va !== null && vb !== null && Math.abs(Number(va) - Number(vb)) * 1000 <= TIME_TOLERANCE_MS) continue;
    if (va !== vb) found.push(`header ${name}: ${va ?? '(none)'} ≠ ${vb ?? '(none)'}`);
  }
  return found;
}

/** `name=<value>; HttpOnly; Path=/…`: a cookie without its value (nor its expiry instant). */
function cookieShape(line: string): string {
  const [pair = '', ...attributes] = line.split(';');
  const name = pair.split('=')[0]?.trim() ?? '';
  const kept = attributes.map((a) => a.trim()).map((a) => (/^expires=/i.test(a) ? 'Expires=<date>' : a));
  return [`${name}=<value>`, ...kept].join('; ');
}

type Normalised = unknown;

/** A time field, as ms after the request left. */
interface Relative {
  readonly relativeMs: number;
}

function normalise(value: unknown, sentAt: number, path: string, changed: () => void): Normalised {
  if (RANDOM_FIELDS.includes(path) && value !== undefined) {
    changed();
    return '<random>';
  }
  if (TIME_FIELDS.includes(path) && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    changed();
    return { relativeMs: Date.parse(value) - sentAt } satisfies Relative;
  }
  if (Array.isArray(value)) return value.map((item, i) => normalise(item, sentAt, path ? `${path}.${i}` : String(i), changed));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalise(item, sentAt, path ? `${path}.${key}` : key, changed)]));
  }
  return value;
}

function isRelative(value: unknown): value is Relative {
  return isRecord(value) && typeof value.relativeMs === 'number' && Object.keys(value).length === 1;
}

function compareValues(a: Normalised, b: Normalised, path: string): string[] {
  if (isRelative(a) && isRelative(b)) {
    const gap = Math.abs(a.relativeMs - b.relativeMs);
    return gap <= TIME_TOLERANCE_MS ? [] : [`${path}: ${Math.round(a.relativeMs / 1000)} s ahead ≠ ${Math.round(b.relativeMs / 1000)} s ahead`];
  }
  if (isRecord(a) && isRecord(b) && !isRelative(a) && !isRelative(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => compareValues(a[key], b[key], `${path}.${key}`));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: ${a.length} items ≠ ${b.length} items`];
    return a.flatMap((item, i) => compareValues(item, b[i], `${path}.${i}`));
  }
  const show = (v: unknown) => (v === undefined ? '(none)' : isRelative(v) ? `${Math.round(v.relativeMs / 1000)} s ahead` : clip(JSON.stringify(v)));
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [`${path}: ${show(a)} ≠ ${show(b)}`];
}

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
