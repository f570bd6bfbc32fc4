/**
 * The communes of birth the mock suggests: the official division (`@etalab/decoupage-administratif`,
 * current communes only), one département loaded when first searched (data/communes/, written by
 * scripts/communes.ts), so that the demo's mock starts without carrying them all.
 */
import { MAX_SUGGESTIONS, type Commune } from '../sdk/schemas/signup.js';
import { COMMUNE_LOADERS } from './data/communes/index.js';

interface Entry extends Commune {
  /** The name as searched: no case, no accents, hyphens and apostrophes as spaces. */
  key: string;
}

const loaded = new Map<string, Promise<Entry[]>>();

/** `Saint-Étienne` → `saint etienne`: what a user types, with or without accents and hyphens. */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[-'’.]/g, ' ').replace(/\s+/g, ' ').trim();
}

function load(departement: string): Promise<Entry[]> {
  let entries = loaded.get(departement);
  if (!entries) {
    const loader = COMMUNE_LOADERS[departement];
    if (!loader) return Promise.resolve([]);
    const suffix = 5 - departement.length;
    entries = loader().then(({ default: data }) => data.split('\n').map((line) => {
      const name = line.slice(suffix);
      return { code: `${departement}${line.slice(0, suffix)}`, name, key: searchKey(name) };
    }));
    // A failed load (a lost chunk) is tried again next time rather than kept.
    entries.catch(() => loaded.delete(departement));
    loaded.set(departement, entries);
  }
  return entries;
}

/**
 * The communes of `departement` whose name matches `q`, at most `MAX_SUGGESTIONS`: the exact name first,
 * then names starting with `q`, then names with a word starting with it, then names containing it; each
 * group in French alphabetical order.
 */
export async function searchCommunes(departement: string, q: string): Promise<Commune[]> {
  const query = searchKey(q);
  if (query === '') return [];
  const rank = (key: string): number => {
    if (key === query) return 0;
    if (key.startsWith(query)) return 1;
    if (key.includes(` ${query}`)) return 2;
    return key.includes(query) ? 3 : -1;
  };
  const collator = new Intl.Collator('fr');
  return (await load(departement))
    .map((entry) => ({ entry, rank: rank(entry.key) }))
    .filter(({ rank }) => rank >= 0)
    .sort((a, b) => a.rank - b.rank || collator.compare(a.entry.name, b.entry.name))
    .slice(0, MAX_SUGGESTIONS)
    .map(({ entry }) => ({ code: entry.code, name: entry.name }));
}
