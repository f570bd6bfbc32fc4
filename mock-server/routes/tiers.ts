/** The tiers picker's list, the rights on the current tiers and the home page's tiles (flows 4 and 6). */
import { RIGHT_FUNCTIONS, allows, type RightFunction } from '../../sdk/rules/rights.js';
import type { TiersSort } from '../../sdk/schemas/tiers.js';
import { siteWithCompany, tiersView, type MockAccount, type MockCompany, type MockSite } from '../db.js';
import { MockHttpError } from '../http-error.js';
import { route, type MockRoute } from '../route.js';
import type { BackendState } from '../state.js';

/** How many tiles the backend suggests (most used first, then the others the rights allow). */
export const TILE_COUNT = 6;


/** Lower case, without accents nor spaces: « Maçonnerie » finds « MAÇONNERIE », « 732 829 » a SIRET. */
function searchKey(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, '').toLowerCase();
}

/** A row before any view is built: the picker's list filters and sorts thousands, and shows ten. */
interface Row {
  site: MockSite;
  company: MockCompany;
  keys: Keys;
}

/** What a row is searched and sorted by, without accents nor case (the order a French reader expects). */
interface Keys {
  name: string;
  site: string;
  identifiant: string;
}

/** Keys per site, computed once: a search of 3,000 tiers at every keystroke would redo them all. */
const keysOf = new WeakMap<MockSite, Keys>();

function keys(site: MockSite, company: MockCompany): Keys {
  let k = keysOf.get(site);
  if (!k) {
    k = { name: searchKey(company.raisonSociale), site: searchKey(site.name), identifiant: searchKey(site.identifiantCibtp) };
    keysOf.set(site, k);
  }
  return k;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const compare: Record<TiersSort, (a: Row, b: Row) => number> = {
  raisonSociale: (a, b) => byText(a.keys.name, b.keys.name) || byText(a.keys.site, b.keys.site),
  siret: (a, b) => byText(a.site.siret, b.site.siret),
  siteName: (a, b) => byText(a.keys.site, b.keys.site),
  identifiantCibtp: (a, b) => byText(a.keys.identifiant, b.keys.identifiant),
  dsnAlerts: (a, b) => a.site.dsnAlerts.length - b.site.dsnAlerts.length,
};

/** Who is choosing: a login waiting for its tiers choice, or the running session (*Changer de tiers*). */
function chooser(state: BackendState): MockAccount {
  const account = state.pendingTiers()?.account ?? state.sessionAccount();
  if (!account) throw new MockHttpError(401, { code: 'session-expired' });
  return account;
}

/**
 * The signed-in login and its current tiers; a session without a tiers has no rights to ask about, and
 * neither has one whose delegation ended meanwhile (closed, date de fin come, firm's deleted).
 */
function current(state: BackendState): { account: MockAccount; siteId: string } {
  const account = state.sessionAccount();
  if (!account) throw new MockHttpError(401, { code: 'session-expired' });
  const siteId = state.sessionTiersId();
  if (siteId === null || !state.siteIdsOf(account).includes(siteId)) throw new MockHttpError(403, { code: 'forbidden' });
  return { account, siteId };
}

export const tiersRoutes: MockRoute[] = [
  route('searchTiers', ({ body, state }) => {
    const account = chooser(state);
    const q = searchKey(body.q ?? '');
    let rows: Row[] = state.siteIdsOf(account).flatMap((id) => {
      const found = siteWithCompany(state.db, id);
      return found ? [{ ...found, keys: keys(found.site, found.company) }] : [];
    });
    if (q) rows = rows.filter(({ site, keys: k }) => k.name.includes(q) || site.siret.includes(q) || k.identifiant.includes(q));
    const order = compare[body.sort];
    const sign = body.direction === 'desc' ? -1 : 1;
    // Ties keep a stable, meaningful order: by raison sociale, then by site.
    rows.sort((a, b) => sign * order(a, b) || compare.raisonSociale(a, b));
    const start = (body.page - 1) * body.pageSize;
    const items = rows.slice(start, start + body.pageSize).flatMap(({ site }) => tiersView(state.db, site.id) ?? []);
    return { items, total: rows.length };
  }),

  route('tiersRights', ({ state }) => {
    const { account, siteId } = current(state);
    const grant = state.rightsOn(account, siteId);
    return { administrator: grant.administrator, colleges: [...grant.colleges], functions: { ...grant.functions } };
  }),

  route('homeTiles', ({ state }) => {
    const { account, siteId } = current(state);
    const grant = state.rightsOn(account, siteId);
    const used = account.usage[siteId] ?? {};
    const allowed = RIGHT_FUNCTIONS.map((f) => f.id).filter((id) => allows(grant, id));
    // Most used first; functions never used follow in the guides' order (a stable sort keeps it).
    const items = [...allowed].sort((a, b) => (used[b] ?? 0) - (used[a] ?? 0)).slice(0, TILE_COUNT);
    return { items };
  }),

  route('recordUse', ({ body, state }) => {
    const { account, siteId } = current(state);
    const fn: RightFunction = body.function;
    if (!allows(state.rightsOn(account, siteId), fn)) throw new MockHttpError(403, { code: 'forbidden' });
    const counts = (account.usage[siteId] ??= {});
    counts[fn] = (counts[fn] ?? 0) + 1;
  }),
];
