/**
 * *Gérer les droits d'accès* and the delegation to the member's accounting firm (flows 8 and 9). Every
 * rule and the reason for it is in README.md ("Rights and delegations").
 */
import type { FieldErrorCode } from '../../sdk/errors.js';
import { RIGHT_FUNCTIONS, RIGHT_GROUPS, type RightsGrant } from '../../sdk/rules/rights.js';
import { effectiveGrant, rightsExcess } from '../../sdk/rules/delegation.js';
import {
  DELEGATION_ROLES, DELEGATION_STATUSES, type Delegation, type DelegationRights, type DelegationSort, type DelegationStatus,
} from '../../sdk/schemas/rights.js';
import { completeAccountRequest } from '../../sdk/schemas/invitation.js';
import { parseFields } from '../../sdk/validate.js';
import { findAccount, normaliseEmail, siteWithCompany, type MockAccount, type MockCompany, type MockDelegation, type MockSite } from '../db.js';
import { MockHttpError } from '../http-error.js';
import { randomToken } from '../random.js';
import { route, type MockRoute } from '../route.js';
import { LIMITS, type BackendState } from '../state.js';

const SIGN = 'Cordialement,\nVotre caisse CIBTP';

/** Who manages the current tiers' delegations, and within what. */
interface Manager {
  account: MockAccount;
  site: MockSite;
  company: MockCompany;
  /** What the manager holds on the tiers: no delegation it makes may go beyond (`rightsExcess`). */
  grant: RightsGrant;
  /** `admin` sees every delegation of the tiers; `firm` (an accounting firm acting for it) only those it made. */
  kind: 'admin' | 'firm';
}

/**
 * The signed-in login, on its current tiers, if it may manage delegations there: its administrator, a
 * delegate holding the administrator box, or an accounting firm acting for it. Else 401 (no session) or
 * 403 (no tiers chosen, access lost, or not allowed).
 */
function manager(state: BackendState): Manager {
  const account = state.sessionAccount();
  if (!account) throw new MockHttpError(401, { code: 'session-expired' });
  const siteId = state.sessionTiersId();
  if (siteId === null || !state.siteIdsOf(account).includes(siteId)) throw forbidden();
  const found = siteWithCompany(state.db, siteId);
  if (!found) throw forbidden();
  const grant = state.rightsOn(account, siteId);
  const kind = account.kind === 'cabinet' ? 'firm' : grant.administrator ? 'admin' : undefined;
  if (!kind) throw forbidden();
  return { account, ...found, grant, kind };
}

const forbidden = () => new MockHttpError(403, { code: 'forbidden' });
const notFound = () => new MockHttpError(404, { code: 'not-found' });
const conflict = (fields?: Record<string, FieldErrorCode>) => new MockHttpError(409, fields ? { code: 'conflict', fields } : { code: 'conflict' });
const invalid = (fields: Record<string, FieldErrorCode>) => new MockHttpError(422, { code: 'validation', fields });

/** The delegations this manager sees: all of the tiers for an administrator, its own for a firm. */
function visible(state: BackendState, m: Manager): readonly MockDelegation[] {
  const all = state.db.delegations.ofSite(m.site.id);
  return m.kind === 'admin' ? all : all.filter((d) => d.delegatorId === m.account.id);
}

function visibleOne(state: BackendState, m: Manager, id: string): MockDelegation {
  const d = state.db.delegations.find(m.site.id, id);
  if (!d || (m.kind === 'firm' && d.delegatorId !== m.account.id)) throw notFound();
  return d;
}

/** « NOM Prénom », the firm's name, or empty while the delegate has not given its name. */
function nameOf(state: BackendState, d: MockDelegation): string {
  if (d.role === 'cabinet' && d.firmName) return d.firmName;
  const person = d.external ?? (d.accountId !== null ? state.account(d.accountId) : undefined);
  if (!person) return '';
  return [person.lastName.toUpperCase(), person.firstName].filter(Boolean).join(' ');
}

function emailOf(state: BackendState, d: MockDelegation): string {
  return (d.accountId !== null ? state.account(d.accountId)?.email : undefined) ?? d.email;
}

function view(state: BackendState, d: MockDelegation, status: DelegationStatus = state.delegationStatus(d)): Delegation {
  const rights = effectiveGrant(d.rights);
  return {
    id: d.id,
    role: d.role,
    name: nameOf(state, d),
    email: emailOf(state, d),
    status,
    effectiveDate: d.effectiveDate,
    endDate: d.endDate,
    rights: { administrator: rights.administrator, colleges: [...rights.colleges], functions: { ...rights.functions } },
    awaitingConfirmation: d.role === 'cabinet' && d.completed && !d.confirmed && status !== 'inactive',
  };
}

/** Lower case, without accents nor spaces (as the tiers list's search key): « Élodie » sorts with « elodie ». */
function searchKey(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, '').toLowerCase();
}

/** What a row sorts by, computed once per delegation and name (a list of 10,000 is sorted at every page). */
interface Keys {
  name: string;
  nameKey: string;
  email: string;
}

const keysOf = new WeakMap<MockDelegation, Keys>();

function keys(state: BackendState, d: MockDelegation): Keys {
  let k = keysOf.get(d);
  // The scale data's names never change; a login's may (the firm completes its account).
  if (k && d.external) return k;
  const name = nameOf(state, d);
  const email = emailOf(state, d).toLowerCase();
  if (!k || k.name !== name || k.email !== email) {
    k = { name, nameKey: searchKey(name), email };
    keysOf.set(d, k);
  }
  return k;
}

interface Row {
  d: MockDelegation;
  status: DelegationStatus;
  keys: Keys;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ROLE_ORDER = new Map(DELEGATION_ROLES.map((r, i) => [r, i]));
const STATUS_ORDER = new Map(DELEGATION_STATUSES.map((s, i) => [s, i]));
// No date de fin sorts after every date (access without end).
const END_NONE = '9999-99-99';

const compare: Record<DelegationSort, (a: Row, b: Row) => number> = {
  name: (a, b) => byText(a.keys.nameKey, b.keys.nameKey),
  email: (a, b) => byText(a.keys.email, b.keys.email),
  role: (a, b) => (ROLE_ORDER.get(a.d.role) ?? 0) - (ROLE_ORDER.get(b.d.role) ?? 0),
  status: (a, b) => (STATUS_ORDER.get(a.status) ?? 0) - (STATUS_ORDER.get(b.status) ?? 0),
  effectiveDate: (a, b) => byText(a.d.effectiveDate, b.d.effectiveDate),
  endDate: (a, b) => byText(a.d.endDate ?? END_NONE, b.d.endDate ?? END_NONE),
};

/** Ties: by name, then email (a stable, meaningful order whatever the column). */
const tie = (a: Row, b: Row) => compare.name(a, b) || compare.email(a, b);

/**
 * Every delegation of a site in one order, kept while nothing changes there: the store's `version`, the
 * day (statuses), and the delegates' logins (name, email, activation: a login changes without its
 * delegation being touched). A page of 10,000 then costs one pass, not a sort.
 */
interface SortCache {
  version: number;
  today: string;
  logins: string;
  orders: Map<string, MockDelegation[]>;
}

/** What the order depends on in the delegates' logins (the scale data has none: this stays short). */
function loginsPrint(state: BackendState, all: readonly MockDelegation[]): string {
  let print = '';
  for (const d of all) {
    if (d.accountId === null) continue;
    const a = state.account(d.accountId);
    print += a ? `${a.id}\u0000${a.email}\u0000${a.lastName}\u0000${a.firstName}\u0000${a.activated ? 1 : 0}\u0001` : '\u0001';
  }
  return print;
}

const sortCaches = new WeakMap<object, Map<string, SortCache>>();

function sorted(state: BackendState, siteId: string, sort: DelegationSort, direction: 'asc' | 'desc', today: string): readonly MockDelegation[] {
  const store = state.db.delegations;
  const all = store.ofSite(siteId);
  let sites = sortCaches.get(store);
  if (!sites) sortCaches.set(store, (sites = new Map()));
  let cache = sites.get(siteId);
  const logins = loginsPrint(state, all);
  if (!cache || cache.version !== store.version(siteId) || cache.today !== today || cache.logins !== logins) {
    cache = { version: store.version(siteId), today, logins, orders: new Map() };
    sites.set(siteId, cache);
  }
  const key = `${sort}:${direction}`;
  let order = cache.orders.get(key);
  if (!order) {
    const rows: Row[] = all.map((d) => ({ d, status: state.delegationStatus(d, today), keys: keys(state, d) }));
    const by = compare[sort];
    const sign = direction === 'desc' ? -1 : 1;
    rows.sort((a, b) => sign * by(a, b) || tie(a, b));
    order = rows.map((row) => row.d);
    cache.orders.set(key, order);
  }
  return order;
}

/** The checks every create and modify makes after the request schema: the dates, then the rights. */
function checkDates(state: BackendState, effectiveDate: string, unchanged?: string): void {
  // A modification may keep the date d'effet it had (an active delegation started in the past).
  if (effectiveDate !== unchanged && effectiveDate < state.today()) throw invalid({ effectiveDate: 'past' });
}

function checkRights(m: Manager, rights: DelegationRights): void {
  if (rightsExcess(rights, m.grant) !== null) throw invalid({ rights: 'beyond-rights' });
}

/** The rights as stored: what the matrix sent, copied. */
function stored(rights: DelegationRights): RightsGrant {
  return { administrator: rights.administrator, colleges: [...rights.colleges], functions: { ...rights.functions } };
}

/** « DURAND BTP (Siège — Lyon) »: how the emails name the member and its site. */
function companyLabel(m: { company: MockCompany; site: MockSite }): string {
  return `${m.company.raisonSociale} (${m.site.name})`;
}

function frenchDate(iso: string): string {
  const [y, mo, d] = iso.split('-');
  return `${d}/${mo}/${y}`;
}

/** The firm's current delegation (not inactive) on this tiers, if any. */
function firmDelegation(state: BackendState, siteId: string, email: string): MockDelegation | undefined {
  const today = state.today();
  return state.db.delegations.ofSite(siteId)
    .find((d) => d.role === 'cabinet' && d.email === email && state.delegationStatus(d, today) !== 'inactive');
}

/** Emails the firm its *Compléter son compte* link (the guide's wording). */
function sendInvitation(state: BackendState, d: MockDelegation, company: MockCompany): void {
  const token = state.issueDelegationLink(d, 'complete-account');
  const link = `${state.linkBase()}#action=complete-account&token=${token}`;
  state.outbox.send({
    kind: 'email',
    to: d.email,
    subject: 'Mon espace CIBTP : Compléter les informations de mon espace sécurisé',
    body: `Bonjour,\n\nL’entreprise ${company.raisonSociale}, adhérente à notre caisse, a initié une délégation en votre faveur `
      + 'afin que vous puissiez accéder à nos services dématérialisés.\n\nPour finaliser votre inscription, nous vous invitons à '
      + 'compléter les informations de votre espace sécurisé à l’aide du lien ci-dessous, valable 48 heures et utilisable une seule fois :\n'
      + `${link}\n\n${SIGN}`,
    link,
  });
}

/** Emails each administrator of the tiers a link to confirm the firm's delegation. */
function sendConfirmationRequests(state: BackendState, d: MockDelegation): void {
  const found = siteWithCompany(state.db, d.siteId);
  if (!found) return;
  state.voidDelegationLinks(d, 'confirm-delegation');
  for (const admin of state.administratorsOf(d.siteId)) {
    const token = state.issueDelegationLink(d, 'confirm-delegation');
    const link = `${state.linkBase()}#action=confirm-delegation&token=${token}`;
    const named = `${admin.firstName} ${admin.lastName}`.trim();
    state.outbox.send({
      kind: 'email',
      to: admin.email,
      subject: 'Confirmez la délégation à votre cabinet comptable',
      body: `${named ? `Bonjour ${named},` : 'Bonjour,'}\n\nLe cabinet comptable ${d.firmName ?? d.email} a complété son compte pour la délégation `
        + `que vous lui avez accordée sur ${companyLabel(found)}, identifiant CIBTP ${found.site.identifiantCibtp}. `
        + 'Son accès ne sera ouvert qu’après votre confirmation.\n\nPour confirmer cette délégation, suivez ce lien, valable 48 heures '
        + `et utilisable une seule fois :\n${link}\n\nVous pouvez aussi la confirmer depuis Gérer les droits d’accès.\n\n`
        + 'Si vous n’êtes pas à l’origine de cette délégation, ne la confirmez pas et supprimez-la.\n\n'
        + SIGN,
      link,
    });
  }
}

/** The firm's delegation is confirmed: its access opens (from its date d'effet), and the firm is told. */
function confirm(state: BackendState, d: MockDelegation): Delegation {
  if (d.role !== 'cabinet' || !d.completed || d.confirmed || state.delegationStatus(d) === 'inactive') throw conflict();
  d.confirmed = true;
  state.db.delegations.touch(d);
  state.voidDelegationLinks(d, 'confirm-delegation');
  const found = siteWithCompany(state.db, d.siteId);
  if (found) {
    const from = d.effectiveDate > state.today() ? ` à compter du ${frenchDate(d.effectiveDate)}` : '';
    state.outbox.send({
      kind: 'email',
      to: emailOf(state, d),
      subject: 'Votre accès à l’espace sécurisé de votre client est ouvert',
      body: `Bonjour,\n\nL’entreprise ${companyLabel(found)}, identifiant CIBTP ${found.site.identifiantCibtp}, a confirmé la délégation `
        + `en votre faveur : vous pouvez agir pour elle${from} dans votre espace sécurisé, dans la limite des droits qu’elle vous a délégués.\n\n`
        + SIGN,
    });
  }
  return view(state, d);
}

export const rightsRoutes: MockRoute[] = [
  // The caisse's catalogue is public data: the matrix may load it before anyone signs in (stories, demo).
  route('rightsCatalogue', () => ({
    groups: RIGHT_GROUPS.map((id) => ({ id, functions: RIGHT_FUNCTIONS.filter((f) => f.group === id).map((f) => f.id) })),
  })),

  route('delegationsOverview', ({ state }) => {
    const m = manager(state);
    const known = m.kind === 'firm' ? null : m.company.cabinet;
    const current = known ? firmDelegation(state, m.site.id, normaliseEmail(known.email)) : undefined;
    return {
      identifiantCibtp: m.site.identifiantCibtp,
      beneficiaries: visible(state, m).length,
      cabinet: known ? { name: known.name, delegation: current ? view(state, current) : null } : null,
    };
  }),

  route('searchDelegations', ({ body, state }) => {
    const m = manager(state);
    const today = state.today();
    const { role, status, excludeInactive, effectiveFrom, endUntil } = body;
    const items: Delegation[] = [];
    const start = (body.page - 1) * body.pageSize;
    let total = 0;
    // The whole tiers in this order, cached; filtering keeps the order, so the page is a slice of what passes.
    for (const d of sorted(state, m.site.id, body.sort, body.direction, today)) {
      if (m.kind === 'firm' && d.delegatorId !== m.account.id) continue;
      if (role && d.role !== role) continue;
      if (effectiveFrom && d.effectiveDate < effectiveFrom) continue;
      if (endUntil && (d.endDate === null || d.endDate > endUntil)) continue;
      const current = status || excludeInactive === 'true' ? state.delegationStatus(d, today) : undefined;
      if (status && current !== status) continue;
      if (excludeInactive === 'true' && current === 'inactive') continue;
      if (total >= start && items.length < body.pageSize) items.push(view(state, d, current));
      total += 1;
    }
    return { items, total };
  }),

  route('getDelegation', ({ body, state }) => view(state, visibleOne(state, manager(state), body.id))),

  route('createDelegation', ({ body, state }) => {
    const m = manager(state);
    const email = normaliseEmail(body.email);
    checkDates(state, body.effectiveDate);
    if (email === m.account.email) throw invalid({ email: 'self' });
    const today = state.today();
    const existing = findAccount(state.db, email);
    const taken = state.db.delegations.ofSite(m.site.id).some((d) => emailOf(state, d) === email && state.delegationStatus(d, today) !== 'inactive');
    // Its own administrator (or any login acting for the tiers by its own rights) needs no delegation.
    if (taken || existing?.siteIds.includes(m.site.id) || state.administratorsOf(m.site.id).some((a) => a.email === email)) {
      throw conflict({ email: 'already-delegated' });
    }
    // A worker's login (Espace Salarié) acts for no company.
    if (existing?.kind === 'salarie') throw invalid({ email: 'in-use' });
    checkRights(m, body.rights);

    let account = existing;
    if (!account) {
      // A login for the delegate, like a signup's but without a password: the welcome link lets it choose one.
      account = {
        id: `u-${randomToken(12)}`, email, password: '', firstName: '', lastName: '', kind: 'entreprise',
        siteIds: [], usage: {}, mobile: null, fixedPhone: null, secret: null, activated: false, emailCertifiedUntil: null,
      };
      state.db.accounts.push(account);
    }
    const d: MockDelegation = {
      id: `d-${randomToken(9)}`, siteId: m.site.id, delegatorId: m.account.id, accountId: account.id, email,
      role: body.rights.administrator ? 'administrateur' : 'utilisateur',
      effectiveDate: body.effectiveDate, endDate: body.endDate ?? null, rights: stored(body.rights),
      closed: false, completed: true, confirmed: true, firmName: null,
    };
    state.db.delegations.add(d);

    if (!account.activated && account.password === '') {
      state.maySend('activation', account.email);
      state.sendLinkEmail(account, 'welcome', { company: companyLabel(m) });
    } else {
      const named = `${account.firstName} ${account.lastName}`.trim();
      const from = d.effectiveDate > today ? `à compter du ${frenchDate(d.effectiveDate)}` : 'dès aujourd’hui';
      const until = d.endDate ? ` et jusqu’au ${frenchDate(d.endDate)} (exclu)` : '';
      state.outbox.send({
        kind: 'email',
        to: account.email,
        subject: 'Une délégation de droits d’accès vous a été accordée',
        body: `${named ? `Bonjour ${named},` : 'Bonjour,'}\n\nL’entreprise ${companyLabel(m)} vous a délégué des droits d’accès à son `
          + `espace sécurisé, ${from}${until}. Connectez-vous à votre espace sécurisé avec votre identifiant habituel pour agir pour elle.\n\n`
          + SIGN,
      });
    }
    return view(state, d);
  }),

  route('updateDelegation', ({ body, state }) => {
    const m = manager(state);
    const d = visibleOne(state, m, body.id);
    // The guides offer view and delete only on the firm's delegation.
    if (d.role === 'cabinet') throw forbidden();
    if (state.delegationStatus(d) === 'inactive') throw conflict();
    checkDates(state, body.effectiveDate, d.effectiveDate);
    checkRights(m, body.rights);
    d.effectiveDate = body.effectiveDate;
    d.endDate = body.endDate ?? null;
    d.rights = stored(body.rights);
    d.role = body.rights.administrator ? 'administrateur' : 'utilisateur';
    state.db.delegations.touch(d);
    return view(state, d);
  }),

  route('closeDelegation', ({ body, state }) => {
    const m = manager(state);
    const d = visibleOne(state, m, body.id);
    if (d.role === 'cabinet') throw forbidden();
    if (state.delegationStatus(d) === 'inactive') throw conflict();
    d.closed = true;
    state.db.delegations.touch(d);
    return view(state, d);
  }),

  route('deleteDelegation', ({ body, state }) => {
    const m = manager(state);
    const d = visibleOne(state, m, body.id);
    if (d.role !== 'cabinet') throw forbidden();
    state.db.delegations.remove(d);
    state.voidDelegationLinks(d);
    // A firm that lost access cannot leave its collaborators in.
    if (d.accountId !== null) {
      for (const sub of state.db.delegations.ofSite(d.siteId)) {
        if (sub.delegatorId === d.accountId && !sub.closed) {
          sub.closed = true;
          state.db.delegations.touch(sub);
        }
      }
    }
  }),

  route('delegateToCabinet', ({ body, state }) => {
    const m = manager(state);
    const known = m.kind === 'firm' ? null : m.company.cabinet;
    if (!known) throw forbidden();
    const email = normaliseEmail(known.email);
    if (firmDelegation(state, m.site.id, email)) throw conflict();
    checkDates(state, body.effectiveDate);
    checkRights(m, body.rights);
    const d: MockDelegation = {
      id: `d-${randomToken(9)}`, siteId: m.site.id, delegatorId: m.account.id,
      // A firm that already has a login completes the same account (its link then only confirms its details).
      accountId: findAccount(state.db, email)?.id ?? null, email,
      role: 'cabinet', effectiveDate: body.effectiveDate, endDate: body.endDate ?? null, rights: stored(body.rights),
      closed: false, completed: false, confirmed: false, firmName: known.name,
    };
    state.db.delegations.add(d);
    sendInvitation(state, d, m.company);
    return view(state, d);
  }),

  route('invitation', ({ body, state }) => {
    const d = state.delegationLink(body.token, 'complete-account', false);
    const found = siteWithCompany(state.db, d.siteId);
    return { email: d.email, company: found?.company.raisonSociale ?? '', cabinet: d.firmName ?? '' };
  }),

  route('completeAccount', ({ body, state }) => {
    // The caisse's policy (the request schema only bounds every policy), checked before the link is spent.
    const checked = parseFields(completeAccountRequest(state.passwordPolicy), body);
    const fields: Record<string, FieldErrorCode> = checked.success ? {} : { ...checked.fields };
    const { mobilePhone, mobileCertificate } = body;
    if (mobileCertificate !== undefined && !fields.mobilePhone) {
      if (mobilePhone === undefined) fields.mobilePhone = 'required';
      else if (!state.isPhoneCertificateValid(mobileCertificate, mobilePhone)) fields.mobilePhone = 'not-certified';
    }
    // The link is checked before the fields are reported: a dead link says so first.
    const d = state.delegationLink(body.token, 'complete-account', false);
    if (Object.keys(fields).length > 0) throw new MockHttpError(400, { code: 'validation', fields });
    state.delegationLink(body.token, 'complete-account', true);

    const certified = mobilePhone !== undefined && mobileCertificate !== undefined && state.consumePhoneCertificate(mobileCertificate, mobilePhone);
    const mobile = mobilePhone === undefined ? null : { number: mobilePhone, certified };
    const certifiedUntil = new Date(state.now().getTime() + LIMITS.certificationValidity);
    let account = (d.accountId !== null ? state.account(d.accountId) : undefined) ?? findAccount(state.db, d.email);
    if (account) {
      // The link proves the mailbox, as a reset link does: the details and password are the firm's now.
      Object.assign(account, {
        password: body.password, firstName: body.firstName, lastName: body.lastName, fixedPhone: body.fixedPhone ?? account.fixedPhone,
        mobile: mobile ?? account.mobile, activated: true, emailCertifiedUntil: certifiedUntil,
      });
      state.clearLoginFailures(account.email);
      state.revokeAccount(account.id);
    } else {
      account = {
        id: `u-${randomToken(12)}`, email: d.email, password: body.password, firstName: body.firstName, lastName: body.lastName,
        kind: 'cabinet', siteIds: [], usage: {}, mobile, fixedPhone: body.fixedPhone ?? null, secret: null,
        activated: true, emailCertifiedUntil: certifiedUntil,
      };
      state.db.accounts.push(account);
    }
    if (d.accountId !== account.id) state.db.delegations.setAccount(d, account.id);
    // Completed, not confirmed: the delegation stays *En attente*, so the firm acts for no one yet.
    d.completed = true;
    state.db.delegations.touch(d);
    sendConfirmationRequests(state, d);
    return { status: 'confirmation-requested' as const };
  }),

  route('delegationConfirmation', ({ body, state }) => {
    const d = state.delegationLink(body.token, 'confirm-delegation', false);
    const found = siteWithCompany(state.db, d.siteId);
    return { company: found?.company.raisonSociale ?? '', identifiantCibtp: found?.site.identifiantCibtp ?? '', delegation: view(state, d) };
  }),

  route('confirmDelegation', ({ body, state }) => {
    if ('token' in body) {
      const d = state.delegationLink(body.token, 'confirm-delegation', false);
      if (d.role !== 'cabinet' || !d.completed || d.confirmed) throw conflict();
      state.delegationLink(body.token, 'confirm-delegation', true);
      return confirm(state, d);
    }
    const m = manager(state);
    // The member's administrators confirm; a firm does not confirm its own delegation.
    if (m.kind !== 'admin') throw forbidden();
    return confirm(state, visibleOne(state, m, body.id));
  }),
];
