/**
 * The mock's data model and its deterministic seed: the same companies, sites and accounts on every
 * start, so that a demo script, a story and a test can all name them. Only security state that must
 * evolve (sessions, failures, tokens) lives elsewhere (`state.ts`).
 */
import type { DsnAlert, Tiers, UserKind } from '../sdk/schemas/common.js';
import { RIGHT_FUNCTIONS, type RightFunction, type RightsGrant } from '../sdk/rules/rights.js';
import type { IdentifyWorkerRequest } from '../sdk/schemas/signup.js';
import { luhnValid } from '../sdk/rules/identifiers.js';

export interface MockCompany {
  id: string;
  raisonSociale: string;
  siren: string;
  /** Postal address, one line per entry: where confidential code letters go. */
  address: readonly string[];
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

export interface MockDb {
  companies: MockCompany[];
  sites: MockSite[];
  accounts: MockAccount[];
  workers: MockWorker[];
}

/** The password of every demo account. */
export const DEMO_PASSWORD = 'Chantier2026!';

/** An identifiant CIBTP for which a confidential code letter can be requested. */
export const KNOWN_IDENTIFIANT_CIBTP = '100234567';

export const DEMO_ACCOUNTS = {
  admin: 'admin@durand-btp.fr',
  multi: 'multi@durand-btp.fr',
  cabinet: 'cabinet@comptagestion.fr',
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
  sites: SiteSeed[];
}

const COMPANIES: CompanySeed[] = [
  {
    slug: 'durand-btp', raisonSociale: 'DURAND BTP', address: ['DURAND BTP', '12 rue des Bâtisseurs', '69003 LYON'],
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
  for (const seed of [...COMPANIES, ...SIGNUP_COMPANIES, ...CABINET_COMPANIES]) {
    if (seed === CABINET_COMPANIES[0]) draw = drawn;
    // SIREN: 8 digits + Luhn key; never La Poste's (its SIRETs follow another rule) unless fixed.
    let siren = seed.siren ?? withLuhnDigit(`${1 + Math.floor(draw() * 9)}${digits(7)}`);
    if (!seed.siren && siren === LA_POSTE_SIREN) siren = withLuhnDigit('35600001');
    companies.push({ id: seed.slug, raisonSociale: seed.raisonSociale, siren, address: seed.address });
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
  return { companies, sites, accounts, workers };
}
