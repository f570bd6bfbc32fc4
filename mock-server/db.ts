/**
 * The mock's data model and its deterministic seed: the same companies, sites and accounts on every
 * start, so that a demo script, a story and a test can all name them. Only security state that must
 * evolve (sessions, failures, tokens) lives elsewhere (`state.ts`).
 */
import type { DsnAlert, Tiers, UserKind } from '../sdk/schemas/common.js';
import { RIGHT_FUNCTIONS, RIGHT_FUNCTION_IDS, type AccessMode, type College, type RightFunction, type RightsGrant } from '../sdk/rules/rights.js';
import type { DelegationRole } from '../sdk/schemas/rights.js';
import type { IdentifyWorkerRequest } from '../sdk/schemas/signup.js';
import { luhnValid } from '../sdk/rules/identifiers.js';

export interface MockCompany {
  id: string;
  raisonSociale: string;
  siren: string;
  /** Postal address, one line per entry: where confidential code letters go. */
  address: readonly string[];
  /** The accounting firm the caisse knows for this member (*Cabinet comptable délégable*), if any. */
  cabinet: { name: string; email: string } | null;
}

export interface MockSite {
  id: string;
  companyId: string;
  siret: string;
  name: string;
  identifiantCibtp: string;
  /**
   * The current *code confidentiel provisoire* (sent by post); `null` once spent by a signup or an
   * association (a code works once), until a new letter brings another.
   */
  confidentialCode: string | null;
  /** The person the caisse's record names for this site: pre-fills the signup's nom and prénom. */
  contact: { lastName: string; firstName: string };
  dsnAlerts: DsnAlert[];
}

/** A worker's civil status, as the signup's step 1 and FranceConnect give it (`WorkerCivilStatus`). */
export type CivilStatus = IdentifyWorkerRequest['civilStatus'];

/** A worker the caisse knows (*salarié*), with or without a space. */
export interface MockWorker {
  id: string;
  identifiantCibtp: string;
  civilStatus: CivilStatus;
  /** The worker's login, once the space exists. */
  accountId: string | null;
}

export interface MockAccount {
  id: string;
  /** Login identifier, stored lower-case. */
  email: string;
  /** Plain text: this is a mock. It is never logged nor put in a message. */
  password: string;
  firstName: string;
  lastName: string;
  kind: UserKind;
  /** The tiers this login may act for, in display order. */
  siteIds: string[];
  /**
   * What the login holds on each tiers (`rights[siteId]`), else `defaultRights`, else everything
   * (`ADMINISTRATOR`: the company's own administrator).
   */
  rights?: Record<string, RightsGrant>;
  defaultRights?: RightsGrant;
  /** How often the login opened each function, per tiers (`usage[siteId][fn]`): the home page's tiles. */
  usage: Record<string, Partial<Record<RightFunction, number>>>;
  mobile: { number: string; certified: boolean } | null;
  /** Optional contact number (E.164). */
  fixedPhone: string | null;
  /** A worker's recovery question: the id of one of `SECRET_QUESTIONS` and the answer (never logged). */
  secret: { questionId: string; answer: string } | null;
  /** False until the activation link is followed. */
  activated: boolean;
  /** The email certification runs out periodically and is renewed by a new link. */
  emailCertifiedUntil: Date | null;
}

/**
 * A delegation of rights on one tiers (*Gérer les droits d'accès*). Its status is computed on the
 * backend's clock (`BackendState.delegationStatus`), never stored: a date de fin ends it on that day
 * without anyone touching the record.
 */
export interface MockDelegation {
  id: string;
  siteId: string;
  /** Who made it: the tiers' administrator, a delegate with the administrator box, or the firm acting for it. */
  delegatorId: string;
  /** The delegate's login, once one exists (created with the delegation, or by the firm's *Compléter son compte*). */
  accountId: string | null;
  /** The address the delegation was made to (lower case). */
  email: string;
  role: DelegationRole;
  /** `YYYY-MM-DD`, a calendar date in Europe/Paris. */
  effectiveDate: string;
  /** Access ends on this day (`YYYY-MM-DD`); `null`: no end. */
  endDate: string | null;
  rights: RightsGrant;
  /** *Fermeture*: inactive for good (kept in the list). */
  closed: boolean;
  /** The firm completed its account from its link (always true for a user's delegation). */
  completed: boolean;
  /** The administrator confirmed the firm's delegation (always true for a user's delegation). */
  confirmed: boolean;
  /** The firm's name as the caisse knows it (role `cabinet` only). */
  firmName: string | null;
  /**
   * Scale data only (the 10,000 beneficiaries of `DEMO_DELEGATIONS.scale`): a delegate whose login lives
   * outside this mock's accounts, with the name and state it would show.
   */
  external?: { lastName: string; firstName: string; activated: boolean };
}

/**
 * The delegations, indexed per site (a member may have 10,000) and per delegate account (what a login
 * may act for is read at every request). Change them only through these methods, so the indexes and
 * the per-site `version` (what list caches are keyed on) follow.
 */
export class DelegationStore {
  readonly #bySite = new Map<string, MockDelegation[]>();
  readonly #byAccount = new Map<string, MockDelegation[]>();
  /** Sites whose delegations are drawn on first access (scale data: `reset()` must stay fast). */
  readonly #lazy = new Map<string, () => MockDelegation[]>();
  readonly #versions = new Map<string, number>();

  constructor(initial: readonly MockDelegation[] = [], lazy: ReadonlyArray<[string, () => MockDelegation[]]> = []) {
    for (const [siteId, draw] of lazy) this.#lazy.set(siteId, draw);
    for (const d of initial) this.add(d);
  }

  /** Every delegation of `siteId`, in creation order (a copy of the index is not made: do not mutate). */
  ofSite(siteId: string): readonly MockDelegation[] {
    const draw = this.#lazy.get(siteId);
    if (draw) {
      this.#lazy.delete(siteId);
      for (const d of draw()) this.#insert(d);
    }
    return this.#bySite.get(siteId) ?? [];
  }

  /** The delegations made to `accountId`, on every site. */
  ofAccount(accountId: string): readonly MockDelegation[] {
    return this.#byAccount.get(accountId) ?? [];
  }

  find(siteId: string, id: string): MockDelegation | undefined {
    return this.ofSite(siteId).find((d) => d.id === id);
  }

  add(d: MockDelegation): void {
    // A site drawn lazily is drawn first, so the new delegation comes after its seed.
    this.ofSite(d.siteId);
    this.#insert(d);
  }

  remove(d: MockDelegation): void {
    const list = this.#bySite.get(d.siteId);
    const at = list?.indexOf(d) ?? -1;
    if (list && at >= 0) list.splice(at, 1);
    this.#unlinkAccount(d);
    this.touch(d);
  }

  /** Binds the delegation to the delegate's login (it now gives that login access when active). */
  setAccount(d: MockDelegation, accountId: string): void {
    this.#unlinkAccount(d);
    d.accountId = accountId;
    this.#linkAccount(d);
    this.touch(d);
  }

  /** Call after changing a delegation's fields: list caches of its site are keyed on this. */
  touch(d: MockDelegation): void {
    this.#versions.set(d.siteId, this.version(d.siteId) + 1);
  }

  version(siteId: string): number {
    return this.#versions.get(siteId) ?? 0;
  }

  #insert(d: MockDelegation): void {
    let list = this.#bySite.get(d.siteId);
    if (!list) this.#bySite.set(d.siteId, (list = []));
    list.push(d);
    this.#linkAccount(d);
    this.touch(d);
  }

  #linkAccount(d: MockDelegation): void {
    if (d.accountId === null) return;
    let list = this.#byAccount.get(d.accountId);
    if (!list) this.#byAccount.set(d.accountId, (list = []));
    list.push(d);
  }

  #unlinkAccount(d: MockDelegation): void {
    if (d.accountId === null) return;
    const list = this.#byAccount.get(d.accountId);
    const at = list?.indexOf(d) ?? -1;
    if (list && at >= 0) list.splice(at, 1);
  }
}

export interface MockDb {
  companies: MockCompany[];
  sites: MockSite[];
  accounts: MockAccount[];
  workers: MockWorker[];
  delegations: DelegationStore;
}

/** The password of every demo account. */
export const DEMO_PASSWORD = 'Chantier2026!';

/** An identifiant CIBTP for which a confidential code letter can be requested. */
export const KNOWN_IDENTIFIANT_CIBTP = '100234567';

export const DEMO_ACCOUNTS = {
  admin: 'admin@durand-btp.fr',
  multi: 'multi@durand-btp.fr',
  cabinet: 'cabinet@comptagestion.fr',
  /** Administrator of BÂTIMENTS RÉUNIS, whose one site has 10,000 beneficiaries (`DEMO_DELEGATIONS.scale`). */
  scale: 'grands@batiments-reunis.fr',
  worker: 'jean.martin@exemple.fr',
  notActivated: 'nouveau@durand-btp.fr',
  locked: 'bloque@durand-btp.fr',
  certificationExpired: 'certif@durand-btp.fr',
} as const;

/**
 * The records of the signup flows (README.md, "Demo records"): what a person types in the demo. The codes
 * are the *code confidentiel provisoire* of the site's *Courrier informatique*; each works once.
 */
export const DEMO_SIGNUP = {
  /** A company site without a space: *Je crée mon espace sécurisé*. */
  company: { identifiantCibtp: '300100001', confidentialCode: '73914826' },
  /** A second site of DURAND BTP (whose administrator is `admin@durand-btp.fr`): association. */
  association: { identifiantCibtp: '100234569', confidentialCode: '51836274' },
  /** A La Poste site: its SIRET passes by the digit-sum rule only, not by Luhn. */
  laPoste: { identifiantCibtp: '300100002', confidentialCode: '26481937' },
  /** An address that already has a login: registering it is refused with `in-use`. */
  emailInUse: DEMO_ACCOUNTS.admin,
} as const;

/** Workers of the seed, by role in the demo. */
export const DEMO_WORKERS = {
  /** Has a space (`jean.martin@exemple.fr`); FranceConnect's "matched" identity. */
  withAccount: '800100001',
  /** Born in Paris, no space yet: worker signup. */
  bornInFrance: '800100002',
  /** Born in Portugal, no space yet: worker signup without département nor commune. */
  bornAbroad: '800100003',
  /** Nicolas Petit, with a space (`nicolas.petit@exemple.fr`): FranceConnect's "unmatched" identity. */
  homonymWithAccount: '800100004',
  /** Another Nicolas Petit, same birth date and place, no space: why FranceConnect cannot match alone. */
  homonymWithoutAccount: '800100005',
} as const;

/**
 * The delegations of the seed (README.md, "Rights and delegations"). The beneficiaries of DURAND BTP
 * Siège — Lyon (`admin@durand-btp.fr`), one per role and status; the delegates with an account sign in
 * with `DEMO_PASSWORD` (the not-activated one has no password yet: *renvoyer le lien d'activation* for its
 * address sends it a welcome link).
 */
export const DEMO_DELEGATIONS = {
  /** The tiers `admin@durand-btp.fr` manages: 7 beneficiaries. */
  siteId: 'durand-btp/lyon',
  /** Utilisateur, active: signs in and acts for the Siège with its delegated rights. */
  activeUser: 's.martin@durand-btp.fr',
  /** Administrateur (delegate with the administrator box), active: may manage the Siège's delegations. */
  activeAdministrator: 'j.rousseau@durand-btp.fr',
  /** Utilisateur, active, with a date de fin 60 days ahead. */
  activeUntil: 'e.girard@durand-btp.fr',
  /** Utilisateur, pending: its account is not activated yet (no name shown). */
  pendingActivation: 'a.faure@durand-btp.fr',
  /** Utilisateur, pending: its date d'effet is 14 days ahead. */
  pendingStart: 'm.leroy@durand-btp.fr',
  /** Utilisateur, inactive: closed. */
  closed: 'i.morel@durand-btp.fr',
  /** Utilisateur, inactive: its date de fin has passed. */
  ended: 'p.dubois@durand-btp.fr',
  /** DURAND BTP's *Cabinet comptable délégable*: no account, no delegation yet. */
  cabinet: { name: 'FIDUCIAIRE DU RHÔNE', email: 'contact@fiduciaire-rhone.fr' },
  /** DURAND CHARPENTE BOIS's firm is COMPTAGESTION, which has a login already (`DEMO_ACCOUNTS.cabinet`). */
  charpenteCabinet: { name: 'COMPTAGESTION', email: 'cabinet@comptagestion.fr' },
  /** BÂTIMENTS RÉUNIS (`grands@batiments-reunis.fr`): one site with 10,000 beneficiaries. */
  scale: { siteId: 'batiments-reunis/siege', identifiantCibtp: '100777001', count: 10_000 },
} as const;

const JEAN_MARTIN: CivilStatus = {
  birthName: 'MARTIN', firstNames: 'Jean Pierre', birthCountry: 'FR', birthDepartement: '69', birthCommune: '69266',
  birthDate: '1985-03-02', sex: 'M',
};
const NICOLAS_PETIT: CivilStatus = {
  birthName: 'PETIT', firstNames: 'Nicolas', birthCountry: 'FR', birthDepartement: '13', birthCommune: '13055',
  birthDate: '1990-06-15', sex: 'M',
};

/**
 * The two identities of the simulated FranceConnect page: `matched` is one worker of the caisse (signed in
 * at once), `unmatched` fits two records (homonyms), so the caisse asks for the identifiant CIBTP.
 */
export const FRANCECONNECT_IDENTITIES: Readonly<Record<'matched' | 'unmatched', CivilStatus>> = Object.freeze({
  matched: { ...JEAN_MARTIN },
  unmatched: { ...NICOLAS_PETIT },
});

/** The secret questions a worker chooses from (`GET signup/secret-questions`). */
export const SECRET_QUESTIONS: readonly { id: string; label: string }[] = Object.freeze([
  { id: 'q-animal', label: 'Quel est le nom de votre premier animal de compagnie ?' },
  { id: 'q-ville-parents', label: 'Dans quelle ville vos parents se sont-ils rencontrés ?' },
  { id: 'q-ecole', label: 'Quel est le nom de votre école primaire ?' },
  { id: 'q-ami', label: 'Quel est le prénom de votre meilleur ami d’enfance ?' },
  { id: 'q-premier-chantier', label: 'Dans quelle ville était votre premier chantier ?' },
].map((q) => Object.freeze(q)));

/**
 * A name as the caisse compares it: case, accents, surrounding and repeated spaces ignored, and hyphens
 * and apostrophes read as spaces (« Jean-Pierre » and « jean pierre » are the same person's first names).
 */
export function normaliseName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[-'’.]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Whether two civil statuses name the same person (département and commune count only for France). */
export function sameCivilStatus(a: CivilStatus, b: CivilStatus): boolean {
  const bornInFrance = a.birthCountry === 'FR';
  return normaliseName(a.birthName) === normaliseName(b.birthName)
    && normaliseName(a.firstNames) === normaliseName(b.firstNames)
    && a.birthCountry === b.birthCountry
    && (!bornInFrance || (a.birthDepartement === b.birthDepartement && a.birthCommune === b.birthCommune))
    && a.birthDate === b.birthDate
    && a.sex === b.sex;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findAccount(db: MockDb, email: string): MockAccount | undefined {
  const key = normaliseEmail(email);
  return db.accounts.find((account) => account.email === key);
}

export function findAccountById(db: MockDb, id: string): MockAccount | undefined {
  return db.accounts.find((account) => account.id === id);
}

/** A worker record by identifiant CIBTP (as typed: trimmed, any case). */
export function findWorkerByIdentifiant(db: MockDb, identifiantCibtp: string): MockWorker | undefined {
  const key = identifiantCibtp.trim().toUpperCase();
  return db.workers.find((worker) => worker.identifiantCibtp.toUpperCase() === key);
}

/** Whether a login already exists for this site (its space has been created). */
export function siteHasSpace(db: MockDb, siteId: string): boolean {
  return db.accounts.some((account) => account.siteIds.includes(siteId));
}

export function findSiteByIdentifiant(db: MockDb, identifiantCibtp: string): MockSite | undefined {
  const key = identifiantCibtp.trim().toUpperCase();
  return db.sites.find((site) => site.identifiantCibtp.toUpperCase() === key);
}

/** Sites and companies by id, rebuilt when a signup adds one (an accounting firm has thousands). */
const indexes = new WeakMap<MockDb, { sites: number; companies: number; site: Map<string, MockSite>; company: Map<string, MockCompany> }>();

function indexOf(db: MockDb) {
  let index = indexes.get(db);
  if (!index || index.sites !== db.sites.length || index.companies !== db.companies.length) {
    index = {
      sites: db.sites.length,
      companies: db.companies.length,
      site: new Map(db.sites.map((site) => [site.id, site])),
      company: new Map(db.companies.map((company) => [company.id, company])),
    };
    indexes.set(db, index);
  }
  return index;
}

/** A site with its company, for lists that filter and sort before they build any view. */
export function siteWithCompany(db: MockDb, siteId: string): { site: MockSite; company: MockCompany } | undefined {
  const index = indexOf(db);
  const site = index.site.get(siteId);
  const company = site && index.company.get(site.companyId);
  return site && company ? { site, company } : undefined;
}

/** One tiers as the SDK shows it, or `undefined` when the site is unknown. */
export function tiersView(db: MockDb, siteId: string): Tiers | undefined {
  const index = indexOf(db);
  const site = index.site.get(siteId);
  const company = site && index.company.get(site.companyId);
  if (!site || !company) return undefined;
  return {
    id: site.id,
    raisonSociale: company.raisonSociale,
    siret: site.siret,
    siteName: site.name,
    identifiantCibtp: site.identifiantCibtp,
    dsnAlerts: site.dsnAlerts.map((alert) => ({ ...alert })),
  };
}

/** The tiers an account may act for, as the SDK shows them in the picker. */
export function tiersOf(db: MockDb, account: MockAccount): Tiers[] {
  return account.siteIds.flatMap((siteId) => tiersView(db, siteId) ?? []);
}

/** Every right on every function: a company's own administrator. */
export const ADMINISTRATOR: RightsGrant = { administrator: true, colleges: ['ouvrier', 'etam', 'cadre'], functions: {} };

/** What `account` holds on the tiers `siteId` (nothing when it may not act for it). */
export function rightsOf(account: MockAccount, siteId: string): RightsGrant {
  if (!account.siteIds.includes(siteId)) return { administrator: false, colleges: [], functions: {} };
  return account.rights?.[siteId] ?? account.defaultRights ?? ADMINISTRATOR;
}

/** Every function at `mode`, except those of `except`. */
function grant(mode: 'read' | 'write', except: readonly string[] = [], overrides: Partial<Record<RightFunction, 'read' | 'write'>> = {}): RightsGrant {
  const functions: Partial<Record<RightFunction, 'read' | 'write'>> = {};
  for (const { id } of RIGHT_FUNCTIONS) if (!except.includes(id)) functions[id] = mode;
  return { administrator: false, colleges: ['ouvrier', 'etam', 'cadre'], functions: { ...functions, ...overrides } };
}

/** Appends the one digit that makes `prefix` pass the Luhn check (SIREN and SIRET keys). */
export function withLuhnDigit(prefix: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    const candidate = `${prefix}${digit}`;
    if (luhnValid(candidate)) return candidate;
  }
  // Unreachable: exactly one digit in 0..9 closes a Luhn sum.
  throw new Error('no Luhn digit');
}

const LA_POSTE_SIREN = '356000000';

/** The first NIC whose SIRET passes La Poste's rule (digit sum divisible by 5) but not Luhn. */
function laPosteNic(): string {
  for (let n = 10; n < 100_000; n++) {
    const nic = String(n).padStart(5, '0');
    const siret = `${LA_POSTE_SIREN}${nic}`;
    if ([...siret].reduce((sum, c) => sum + Number(c), 0) % 5 === 0 && !luhnValid(siret)) return nic;
  }
  throw new Error('no La Poste NIC');
}

/** A small deterministic generator (mulberry32): the seed must not change between starts. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// As the guides word them: the period, what is wrong, what is expected (the widgets add « DSN »).
const ALERT_ANOMALY: DsnAlert = {
  period: 'Octobre-2025',
  title: 'Anomalie dans le traitement / Déclaration manquante',
  message: 'Une action de votre part est attendue',
};
const ALERT_MISSING: DsnAlert = {
  period: 'Novembre-2025',
  title: 'Une déclaration à rectifier',
  message: 'Une action de votre part est attendue',
};

interface SiteSeed {
  slug: string;
  name: string;
  identifiantCibtp: string;
  alerts?: DsnAlert[];
  /** A fixed code for the demo records (no draw from the generator: the other records stay the same). */
  confidentialCode?: string;
  contact?: { lastName: string; firstName: string };
  /** A fixed NIC (5 digits), for a SIRET that must pass by another rule than Luhn. */
  nic?: string;
}

interface CompanySeed {
  slug: string;
  raisonSociale: string;
  address: string[];
  /** A fixed SIREN instead of a drawn one. */
  siren?: string;
  /** The member's *Cabinet comptable délégable*. */
  cabinet?: { name: string; email: string };
  sites: SiteSeed[];
}

const COMPANIES: CompanySeed[] = [
  {
    slug: 'durand-btp', raisonSociale: 'DURAND BTP', address: ['DURAND BTP', '12 rue des Bâtisseurs', '69003 LYON'],
    cabinet: { ...DEMO_DELEGATIONS.cabinet },
    sites: [
      { slug: 'lyon', name: 'Siège — Lyon', identifiantCibtp: KNOWN_IDENTIFIANT_CIBTP },
      { slug: 'saint-etienne', name: 'Agence de Saint-Étienne', identifiantCibtp: '100234568', alerts: [ALERT_ANOMALY, ALERT_MISSING] },
      // Linked to no login yet: the demo associates it with admin@durand-btp.fr.
      { slug: 'villefranche', name: 'Agence de Villefranche-sur-Saône', identifiantCibtp: DEMO_SIGNUP.association.identifiantCibtp,
        confidentialCode: DEMO_SIGNUP.association.confidentialCode },
    ],
  },
  {
    slug: 'durand-charpente', raisonSociale: 'DURAND CHARPENTE BOIS', address: ['DURAND CHARPENTE BOIS', '4 chemin du Vercors', '38000 GRENOBLE'],
    cabinet: { ...DEMO_DELEGATIONS.charpenteCabinet },
    sites: [{ slug: 'grenoble', name: 'Atelier de Grenoble', identifiantCibtp: '100451203' }],
  },
  ...[
    ['maconnerie-lefevre', 'MAÇONNERIE LEFÈVRE', 'Chantiers Nord', '21000 DIJON'],
    ['charpentes-vercors', 'CHARPENTES DU VERCORS', 'Siège', '38250 VILLARD-DE-LANS'],
    ['moreau-elec', 'ÉLECTRICITÉ MOREAU ET FILS', 'Établissement principal', '42000 SAINT-ÉTIENNE'],
    ['platrerie-bonnet', 'PLÂTRERIE BONNET', 'Siège', '73000 CHAMBÉRY'],
    ['couverture-girard', 'COUVERTURE GIRARD SARL', 'Dépôt de Villeurbanne', '69100 VILLEURBANNE'],
    ['menuiserie-roux', 'MENUISERIE ROUX', 'Atelier', '01000 BOURG-EN-BRESSE'],
    ['tp-fontaine', 'TRAVAUX PUBLICS FONTAINE', 'Agence Isère', '38300 BOURGOIN-JALLIEU'],
    ['carrelages-mercier', 'CARRELAGES MERCIER', 'Siège', '26000 VALENCE'],
    ['peinture-blanc', 'PEINTURE BLANC & CIE', 'Siège', '07000 PRIVAS'],
    ['etancheite-garnier', 'ÉTANCHÉITÉ GARNIER', 'Agence Savoie', '73100 AIX-LES-BAINS'],
    ['terrassements-chevalier', 'TERRASSEMENTS CHEVALIER', 'Siège', '74000 ANNECY'],
    ['plomberie-faure', 'PLOMBERIE FAURE SAS', 'Établissement secondaire', '63000 CLERMONT-FERRAND'],
  ].map(([slug = '', raisonSociale = '', siteName = '', city = ''], index): CompanySeed => ({
    slug,
    raisonSociale,
    address: [raisonSociale, `${index + 3} avenue des Compagnons`, city],
    sites: [{
      slug: 'site',
      name: siteName,
      identifiantCibtp: String(200_100_000 + index * 1_117),
      // A few members have something waiting: the picker's "Alertes DSN" column must show counts.
      alerts: index % 4 === 1 ? [ALERT_MISSING] : index % 4 === 3 ? [ALERT_ANOMALY] : [],
    }],
  })),
];

/** The companies of the signup demo, after the others so that adding them changed none of the drawn data. */
const SIGNUP_COMPANIES: CompanySeed[] = [
  {
    slug: 'bati-rhone', raisonSociale: 'BÂTI-RHÔNE CONSTRUCTION', address: ['BÂTI-RHÔNE CONSTRUCTION', '8 rue du Rhône', '69100 VILLEURBANNE'],
    sites: [{ slug: 'siege', name: 'Siège — Villeurbanne', identifiantCibtp: DEMO_SIGNUP.company.identifiantCibtp,
      confidentialCode: DEMO_SIGNUP.company.confidentialCode, contact: { lastName: 'Garnier', firstName: 'Émilie' } }],
  },
  {
    slug: 'la-poste', raisonSociale: 'LA POSTE', address: ['LA POSTE', 'Plateforme de Lyon Est', '69800 SAINT-PRIEST'],
    siren: LA_POSTE_SIREN,
    sites: [{ slug: 'lyon-est', name: 'Plateforme de Lyon Est', identifiantCibtp: DEMO_SIGNUP.laPoste.identifiantCibtp,
      confidentialCode: DEMO_SIGNUP.laPoste.confidentialCode, contact: { lastName: 'Lefebvre', firstName: 'Karine' },
      nic: laPosteNic() }],
  },
];

/** Who the caisse's records name for each company (pre-filled at signup). */
const CONTACTS: Record<string, { lastName: string; firstName: string }> = {
  'durand-btp': { lastName: 'Durand', firstName: 'Claire' },
  'durand-charpente': { lastName: 'Durand', firstName: 'Paul' },
  'maconnerie-lefevre': { lastName: 'Lefèvre', firstName: 'Antoine' },
  'charpentes-vercors': { lastName: 'Rey', firstName: 'Julien' },
  'moreau-elec': { lastName: 'Moreau', firstName: 'Patrick' },
};

/** How many members the demo's accounting firm acts for: as many as the biggest firms. */
export const CABINET_MEMBER_COUNT = 3_000;

const TRADES = [
  'MAÇONNERIE', 'CHARPENTE', 'COUVERTURE', 'PLOMBERIE', 'ÉLECTRICITÉ', 'MENUISERIE', 'PEINTURE', 'CARRELAGE',
  'TERRASSEMENT', 'ÉTANCHÉITÉ', 'PLÂTRERIE', 'SERRURERIE', 'CHAUFFAGE', 'FAÇADES', 'TRAVAUX PUBLICS', 'ISOLATION',
];
const SURNAMES = [
  'MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'DURAND', 'DUBOIS', 'MOREAU', 'LAURENT', 'SIMON',
  'MICHEL', 'LEFEBVRE', 'LEROY', 'ROUX', 'DAVID', 'BERTRAND', 'MOREL', 'FOURNIER', 'GIRARD', 'BONNET', 'DUPONT',
  'LAMBERT', 'FONTAINE', 'ROUSSEAU', 'VINCENT', 'MULLER', 'LEFÈVRE', 'FAURE', 'ANDRÉ', 'MERCIER', 'BLANC',
];
const FORMS = ['', ' SARL', ' SAS', ' ET FILS', ' & ASSOCIÉS'];
const CITIES = [
  'LYON', 'GRENOBLE', 'SAINT-ÉTIENNE', 'VALENCE', 'CHAMBÉRY', 'ANNECY', 'CLERMONT-FERRAND', 'BOURG-EN-BRESSE',
  'ROANNE', 'VIENNE', 'MÂCON', 'AURILLAC', 'PRIVAS', 'LE PUY-EN-VELAY', 'MONTÉLIMAR', 'THONON-LES-BAINS',
];

/**
 * The firm's other members, drawn after every other record (with a generator of their own, so that
 * the other records stay as they were). Raisons sociales repeat, as they do: some members have two
 * sites of the same name in different cities, which only the site name and SIRET tell apart.
 */
function cabinetCompanies(count: number): CompanySeed[] {
  const companies: CompanySeed[] = [];
  let index = 0;
  while (index < count) {
    const n = companies.length;
    const raisonSociale = `${TRADES[n % TRADES.length]} ${SURNAMES[Math.floor(n / TRADES.length) % SURNAMES.length]}${
      FORMS[Math.floor(n / (TRADES.length * SURNAMES.length)) % FORMS.length]}`;
    const city = CITIES[n % CITIES.length]!;
    // One member in seven has a second site.
    const siteCount = n % 7 === 3 && index + 1 < count ? 2 : 1;
    companies.push({
      slug: `membre-${n + 1}`,
      raisonSociale,
      address: [raisonSociale, `${(n % 90) + 1} rue du Chantier`, city],
      sites: Array.from({ length: siteCount }, (_, s) => {
        const i = index + s;
        return {
          slug: `site-${s + 1}`,
          name: s === 0 ? `Siège — ${city}` : `Agence de ${CITIES[(n + 5) % CITIES.length]}`,
          identifiantCibtp: String(400_000_000 + i * 37),
          // Some have something waiting: the picker must find them among thousands.
          alerts: i % 11 === 4 ? [ALERT_MISSING] : i % 29 === 7 ? [ALERT_ANOMALY, ALERT_MISSING] : [],
        };
      }),
    });
    index += siteCount;
  }
  return companies;
}

const CABINET_COMPANIES = cabinetCompanies(CABINET_MEMBER_COUNT - (COMPANIES.length - 2));

/** The member with 10,000 beneficiaries, seeded last so that every record drawn before stays as it was. */
const SCALE_COMPANIES: CompanySeed[] = [{
  slug: 'batiments-reunis', raisonSociale: 'BÂTIMENTS RÉUNIS', address: ['BÂTIMENTS RÉUNIS', '40 quai Perrache', '69002 LYON'],
  sites: [{ slug: 'siege', name: 'Siège — Lyon Confluence', identifiantCibtp: DEMO_DELEGATIONS.scale.identifiantCibtp,
    contact: { lastName: 'Vidal', firstName: 'Hélène' } }],
}];

const DAY = 24 * 3600_000;

/** The calendar date of `time` in Europe/Paris, `YYYY-MM-DD` (the caisse's day: a date de fin ends then). */
const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
export function parisDate(time: Date): string {
  return PARIS_DAY.format(time);
}

/** `date` (`YYYY-MM-DD`) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

const FIRST_NAMES = [
  'Sophie', 'Julien', 'Émilie', 'Antoine', 'Marc', 'Isabelle', 'Pierre', 'Camille', 'Nicolas', 'Léa', 'Thomas', 'Chloé',
  'Hugo', 'Manon', 'Louis', 'Inès', 'Maxime', 'Élodie', 'Romain', 'Céline', 'Jérôme', 'Anaïs', 'François', 'Hélène',
];

/** A grant drawn for the scale data: some functions read, some write, at least one collège. */
function drawnGrant(draw: () => number): RightsGrant {
  const colleges = (['ouvrier', 'etam', 'cadre'] as const).filter(() => draw() < 0.7);
  const functions: Partial<Record<RightFunction, AccessMode>> = {};
  for (const id of RIGHT_FUNCTION_IDS) {
    const x = draw();
    if (x < 0.3) functions[id] = 'read';
    else if (x < 0.5) functions[id] = 'write';
  }
  return { administrator: false, colleges: colleges.length > 0 ? colleges : ['ouvrier' as College], functions };
}

/**
 * BÂTIMENTS RÉUNIS's 10,000 beneficiaries, drawn when the list is first asked for (not at every `reset()`):
 * varied names (accents included), roles, statuses and dates around `today`.
 */
function scaleDelegations(today: string, delegatorId: string): MockDelegation[] {
  const draw = seededRandom(20_260_415);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(draw() * list.length)]!;
  const { siteId, count } = DEMO_DELEGATIONS.scale;
  // Dates as day numbers, written out once each: 10,000 rows must be drawn in a few milliseconds.
  const day0 = Math.round(Date.parse(`${today}T12:00:00Z`) / DAY);
  const written = new Map<number, string>();
  const iso = (dayNumber: number): string => {
    let text = written.get(dayNumber);
    if (text === undefined) written.set(dayNumber, (text = new Date(dayNumber * DAY + DAY / 2).toISOString().slice(0, 10)));
    return text;
  };
  // A few hundred distinct matrices, shared (a delegation's rights are replaced, never changed in place).
  const grants = Array.from({ length: 300 }, () => drawnGrant(draw));
  const administrator: RightsGrant = { administrator: true, colleges: ['ouvrier', 'etam', 'cadre'], functions: {} };
  const slugs = new Map<string, string>();
  const slug = (text: string): string => {
    let s = slugs.get(text);
    if (s === undefined) slugs.set(text, (s = normaliseName(text).replace(/ /g, '.')));
    return s;
  };
  return Array.from({ length: count }, (_, n): MockDelegation => {
    const lastName = pick(SURNAMES);
    const firstName = pick(FIRST_NAMES);
    const x = draw();
    const role: DelegationRole = x < 0.02 ? 'cabinet' : x < 0.1 ? 'administrateur' : 'utilisateur';
    // One in twenty starts in the coming months (pending); the others within the last five years.
    let start = draw() < 0.05 ? day0 + 1 + Math.floor(draw() * 120) : day0 - Math.floor(draw() * 1_800);
    const y = draw();
    // A firm's past delegation can only have ended (a firm's is deleted, not closed, while it runs).
    let end = role === 'cabinet' || y < 0.1 ? day0 - 1 - Math.floor(draw() * 300)
      : y < 0.3 ? Math.max(start, day0) + 1 + Math.floor(draw() * 700) : null;
    if (end !== null && end <= start) {
      if (role === 'cabinet') start = end - 90;
      else end = start + 1;
    }
    const closed = role !== 'cabinet' && draw() < 0.1;
    const firm = role === 'cabinet' ? `CABINET ${lastName} CONSEIL` : null;
    return {
      id: `d-br-${n + 1}`,
      siteId,
      delegatorId,
      accountId: null,
      email: firm ? `contact.${n + 1}@cabinet-${slug(lastName)}.fr` : `${slug(`${firstName} ${lastName}`)}.${n + 1}@batiments-reunis.fr`,
      role,
      effectiveDate: iso(start),
      endDate: end === null ? null : iso(end),
      rights: role === 'administrateur' ? administrator : pick(grants),
      closed,
      completed: true,
      confirmed: true,
      firmName: firm,
      external: { lastName, firstName, activated: draw() >= 0.08 },
    };
  });
}

/** The cabinet comptable acts for every member seeded after the two Durand companies (not the signup ones), and the drawn ones. */
const CABINET_MEMBERS = [...COMPANIES.slice(2), ...CABINET_COMPANIES].flatMap((c) => c.sites.map((site) => `${c.slug}/${site.slug}`));

/** Builds the seed. `now` places the certification dates relative to the backend's clock. */
export function createSeedDb(now: Date): MockDb {
  const random = seededRandom(20_260_115);
  const drawn = seededRandom(20_261_201);
  let draw = random;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(draw() * 10)).join('');
  const companies: MockCompany[] = [];
  const sites: MockSite[] = [];
  for (const seed of [...COMPANIES, ...SIGNUP_COMPANIES, ...CABINET_COMPANIES, ...SCALE_COMPANIES]) {
    if (seed === CABINET_COMPANIES[0]) draw = drawn;
    // SIREN: 8 digits + Luhn key; never La Poste's (its SIRETs follow another rule) unless fixed.
    let siren = seed.siren ?? withLuhnDigit(`${1 + Math.floor(draw() * 9)}${digits(7)}`);
    if (!seed.siren && siren === LA_POSTE_SIREN) siren = withLuhnDigit('35600001');
    companies.push({
      id: seed.slug, raisonSociale: seed.raisonSociale, siren, address: seed.address, cabinet: seed.cabinet ? { ...seed.cabinet } : null,
    });
    seed.sites.forEach((site, index) => {
      sites.push({
        id: `${seed.slug}/${site.slug}`,
        companyId: seed.slug,
        // NIC: 4 digits + the key that makes the whole SIRET pass Luhn.
        siret: site.nic ? `${siren}${site.nic}` : withLuhnDigit(`${siren}${String(index + 1).padStart(4, '0')}`),
        name: site.name,
        identifiantCibtp: site.identifiantCibtp,
        confidentialCode: site.confidentialCode ?? digits(8),
        // A record may name nobody: the signup's nom and prénom are then left empty.
        contact: { ...(site.contact ?? CONTACTS[seed.slug] ?? { lastName: '', firstName: '' }) },
        dsnAlerts: (site.alerts ?? []).map((alert) => ({ ...alert })),
      });
    });
  }

  const inAYear = new Date(now.getTime() + 365 * 24 * 3600_000);
  const account = (init: Partial<MockAccount> & Pick<MockAccount, 'id' | 'email' | 'firstName' | 'lastName'>): MockAccount => ({
    password: DEMO_PASSWORD,
    kind: 'entreprise',
    siteIds: ['durand-btp/lyon'],
    mobile: null,
    fixedPhone: null,
    secret: null,
    activated: true,
    emailCertifiedUntil: inAYear,
    usage: {},
    ...init,
  });

  const accounts: MockAccount[] = [
    account({ id: 'u-admin', email: DEMO_ACCOUNTS.admin, firstName: 'Claire', lastName: 'Durand',
      mobile: { number: '+33611223344', certified: true },
      usage: { 'durand-btp/lyon': { 'gerer-salaries': 31, 'declarations-salaires': 14, 'comptes-bancaires': 9, 'situation-compte': 6 } } }),
    // Administrator of the Lyon head office and of Grenoble; at Saint-Étienne, a delegate with some rights only.
    account({ id: 'u-multi', email: DEMO_ACCOUNTS.multi, firstName: 'Sophie', lastName: 'Lambert',
      siteIds: ['durand-btp/lyon', 'durand-btp/saint-etienne', 'durand-charpente/grenoble'],
      rights: {
        'durand-btp/saint-etienne': {
          administrator: false, colleges: ['ouvrier', 'etam'],
          functions: { 'gerer-salaries': 'write', planning: 'write', 'conges-groupes': 'read', documents: 'read', 'arrets-intemperies': 'write' },
        },
      },
      usage: {
        'durand-btp/lyon': { 'remboursements-intemperies': 12, 'arrets-intemperies': 10, documents: 4 },
        'durand-btp/saint-etienne': { planning: 20, 'gerer-salaries': 7, 'comptes-bancaires': 50 },
      } }),
    // What the members delegated to their firm: declarations, workers and documents, but neither the
    // bank accounts nor the bad-weather claims.
    account({ id: 'u-cabinet', email: DEMO_ACCOUNTS.cabinet, firstName: 'Marc', lastName: 'Petit', kind: 'cabinet',
      siteIds: CABINET_MEMBERS,
      defaultRights: grant('write', ['comptes-bancaires', 'telepaiements', 'remboursements-intemperies', 'arrets-intemperies'], {
        'informations-adherent': 'read', 'situation-compte': 'read',
      }) }),
    account({ id: 'u-worker', email: DEMO_ACCOUNTS.worker, firstName: 'Jean', lastName: 'Martin', kind: 'salarie',
      siteIds: [], mobile: { number: '+33612345678', certified: true } }),
    account({ id: 'u-new', email: DEMO_ACCOUNTS.notActivated, firstName: 'Lucas', lastName: 'Bernard',
      activated: false, emailCertifiedUntil: null }),
    account({ id: 'u-locked', email: DEMO_ACCOUNTS.locked, firstName: 'Thomas', lastName: 'Robert' }),
    account({ id: 'u-certif', email: DEMO_ACCOUNTS.certificationExpired, firstName: 'Nathalie', lastName: 'Moreau',
      emailCertifiedUntil: new Date(now.getTime() - 24 * 3600_000) }),
    account({ id: 'u-worker-petit', email: 'nicolas.petit@exemple.fr', firstName: 'Nicolas', lastName: 'Petit', kind: 'salarie',
      siteIds: [], mobile: { number: '+33698765432', certified: true }, secret: { questionId: 'q-ville-parents', answer: 'Aubagne' } }),
  ];
  // The delegates of DURAND BTP Siège: their access comes from their delegation only (no site of their own).
  const D = DEMO_DELEGATIONS;
  const delegate = (id: string, email: string, firstName: string, lastName: string, init: Partial<MockAccount> = {}) =>
    account({ id, email, firstName, lastName, siteIds: [], ...init });
  accounts.push(
    delegate('u-d-martin', D.activeUser, 'Sophie', 'Martin'),
    delegate('u-d-rousseau', D.activeAdministrator, 'Julien', 'Rousseau'),
    delegate('u-d-girard', D.activeUntil, 'Émilie', 'Girard'),
    // Invited, never activated: no name, no password until its welcome link is followed.
    delegate('u-d-faure', D.pendingActivation, '', '', { password: '', activated: false, emailCertifiedUntil: null }),
    delegate('u-d-leroy', D.pendingStart, 'Marc', 'Leroy'),
    delegate('u-d-morel', D.closed, 'Isabelle', 'Morel'),
    delegate('u-d-dubois', D.ended, 'Pierre', 'Dubois'),
    account({ id: 'u-grands', email: DEMO_ACCOUNTS.scale, firstName: 'Hélène', lastName: 'Vidal', siteIds: [D.scale.siteId] }),
  );

  const today = parisDate(now);
  const userGrant = (functions: Partial<Record<RightFunction, AccessMode>>, colleges: College[] = ['ouvrier', 'etam', 'cadre']): RightsGrant =>
    ({ administrator: false, colleges, functions });
  const delegation = (n: number, accountId: string, email: string, init: Partial<MockDelegation>): MockDelegation => ({
    id: `d-lyon-${n}`, siteId: D.siteId, delegatorId: 'u-admin', accountId, email, role: 'utilisateur',
    effectiveDate: addDays(today, -120), endDate: null,
    rights: userGrant({ 'gerer-salaries': 'write', planning: 'write', 'conges-groupes': 'read', documents: 'read' }),
    closed: false, completed: true, confirmed: true, firmName: null, ...init,
  });
  const delegations = new DelegationStore([
    delegation(1, 'u-d-martin', D.activeUser, {
      effectiveDate: addDays(today, -300),
      rights: userGrant({ 'declarations-salaires': 'write', 'declarations-nominatives': 'write', 'gerer-salaries': 'write', 'situation-compte': 'read', documents: 'read' }),
    }),
    delegation(2, 'u-d-rousseau', D.activeAdministrator, {
      role: 'administrateur', effectiveDate: addDays(today, -500), rights: { administrator: true, colleges: ['ouvrier', 'etam', 'cadre'], functions: {} },
    }),
    delegation(3, 'u-d-girard', D.activeUntil, {
      effectiveDate: addDays(today, -30), endDate: addDays(today, 60),
      rights: userGrant({ planning: 'write', 'conges-groupes': 'write', 'liste-indemnites': 'read' }, ['ouvrier', 'etam']),
    }),
    delegation(4, 'u-d-faure', D.pendingActivation, { effectiveDate: addDays(today, -2), rights: userGrant({ documents: 'read', 'transmettre-fichiers': 'write' }) }),
    delegation(5, 'u-d-leroy', D.pendingStart, { effectiveDate: addDays(today, 14), rights: userGrant({ 'arrets-intemperies': 'write', 'remboursements-intemperies': 'read' }, ['ouvrier']) }),
    delegation(6, 'u-d-morel', D.closed, { effectiveDate: addDays(today, -400), closed: true }),
    delegation(7, 'u-d-dubois', D.ended, { effectiveDate: addDays(today, -200), endDate: addDays(today, -10), rights: userGrant({ 'comptes-bancaires': 'read' }) }),
  ], [[D.scale.siteId, () => scaleDelegations(today, 'u-grands')]]);

  const worker = (id: string, identifiantCibtp: string, civilStatus: CivilStatus, accountId: string | null = null): MockWorker =>
    ({ id, identifiantCibtp, civilStatus: { ...civilStatus }, accountId });
  const workers: MockWorker[] = [
    worker('w-martin', DEMO_WORKERS.withAccount, JEAN_MARTIN, 'u-worker'),
    worker('w-dupont', DEMO_WORKERS.bornInFrance, {
      birthName: 'DUPONT', firstNames: 'Marie Hélène', birthCountry: 'FR', birthDepartement: '75', birthCommune: '75056',
      birthDate: '1992-11-24', sex: 'F',
    }),
    worker('w-da-silva', DEMO_WORKERS.bornAbroad, {
      birthName: 'DA SILVA', firstNames: 'João Miguel', birthCountry: 'PT', birthDate: '1979-09-30', sex: 'M',
    }),
    worker('w-petit', DEMO_WORKERS.homonymWithAccount, NICOLAS_PETIT, 'u-worker-petit'),
    worker('w-petit-2', DEMO_WORKERS.homonymWithoutAccount, NICOLAS_PETIT),
  ];
  return { companies, sites, accounts, workers, delegations };
}
