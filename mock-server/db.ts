/**
 * The mock's data model and its deterministic seed: the same companies, sites and accounts on every
 * start, so that a demo script, a story and a test can all name them. Only security state that must
 * evolve (sessions, failures, tokens) lives elsewhere (`state.ts`).
 */
import type { DsnAlert, Tiers, UserKind } from '../sdk/schemas/common.js';
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
  /** The current *code confidentiel provisoire* (sent by post). */
  confidentialCode: string;
  dsnAlerts: DsnAlert[];
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
  mobile: { number: string; certified: boolean } | null;
  /** False until the activation link is followed. */
  activated: boolean;
  /** The email certification runs out periodically and is renewed by a new link. */
  emailCertifiedUntil: Date | null;
}

export interface MockDb {
  companies: MockCompany[];
  sites: MockSite[];
  accounts: MockAccount[];
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

export function findSiteByIdentifiant(db: MockDb, identifiantCibtp: string): MockSite | undefined {
  const key = identifiantCibtp.trim().toUpperCase();
  return db.sites.find((site) => site.identifiantCibtp.toUpperCase() === key);
}

/** The tiers an account may act for, as the SDK shows them in the picker. */
export function tiersOf(db: MockDb, account: MockAccount): Tiers[] {
  return account.siteIds.flatMap((siteId) => {
    const site = db.sites.find((s) => s.id === siteId);
    const company = site && db.companies.find((c) => c.id === site.companyId);
    if (!site || !company) return [];
    return [{
      id: site.id,
      raisonSociale: company.raisonSociale,
      siret: site.siret,
      siteName: site.name,
      identifiantCibtp: site.identifiantCibtp,
      dsnAlerts: site.dsnAlerts.map((alert) => ({ ...alert })),
    }];
  });
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

const ALERT_ANOMALY: DsnAlert = {
  period: 'Octobre-2025',
  title: 'DSN Octobre-2025 : Anomalie dans le traitement',
  message: 'Votre déclaration a été reçue mais n’a pas pu être traitée. Consultez le Suivi DSN.',
};
const ALERT_MISSING: DsnAlert = {
  period: 'Novembre-2025',
  title: 'DSN Novembre-2025 : Déclaration manquante',
  message: 'Une action de votre part est attendue.',
};

interface CompanySeed {
  slug: string;
  raisonSociale: string;
  address: string[];
  sites: Array<{ slug: string; name: string; identifiantCibtp: string; alerts?: DsnAlert[] }>;
}

const COMPANIES: CompanySeed[] = [
  {
    slug: 'durand-btp', raisonSociale: 'DURAND BTP', address: ['DURAND BTP', '12 rue des Bâtisseurs', '69003 LYON'],
    sites: [
      { slug: 'lyon', name: 'Siège — Lyon', identifiantCibtp: KNOWN_IDENTIFIANT_CIBTP },
      { slug: 'saint-etienne', name: 'Agence de Saint-Étienne', identifiantCibtp: '100234568', alerts: [ALERT_ANOMALY, ALERT_MISSING] },
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

/** The cabinet comptable acts for every member seeded after the two Durand companies. */
const CABINET_MEMBERS = COMPANIES.slice(2).map((c) => `${c.slug}/site`);

/** Builds the seed. `now` places the certification dates relative to the backend's clock. */
export function createSeedDb(now: Date): MockDb {
  const random = seededRandom(20_260_115);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const companies: MockCompany[] = [];
  const sites: MockSite[] = [];
  for (const seed of COMPANIES) {
    // SIREN: 8 digits + Luhn key; never La Poste's (its SIRETs follow another rule).
    let siren = withLuhnDigit(`${1 + Math.floor(random() * 9)}${digits(7)}`);
    if (siren === '356000000') siren = withLuhnDigit('35600001');
    companies.push({ id: seed.slug, raisonSociale: seed.raisonSociale, siren, address: seed.address });
    seed.sites.forEach((site, index) => {
      sites.push({
        id: `${seed.slug}/${site.slug}`,
        companyId: seed.slug,
        // NIC: 4 digits + the key that makes the whole SIRET pass Luhn.
        siret: withLuhnDigit(`${siren}${String(index + 1).padStart(4, '0')}`),
        name: site.name,
        identifiantCibtp: site.identifiantCibtp,
        confidentialCode: `${digits(4)}-${digits(4)}`,
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
    activated: true,
    emailCertifiedUntil: inAYear,
    ...init,
  });

  const accounts: MockAccount[] = [
    account({ id: 'u-admin', email: DEMO_ACCOUNTS.admin, firstName: 'Claire', lastName: 'Durand',
      mobile: { number: '+33611223344', certified: true } }),
    account({ id: 'u-multi', email: DEMO_ACCOUNTS.multi, firstName: 'Sophie', lastName: 'Lambert',
      siteIds: ['durand-btp/lyon', 'durand-btp/saint-etienne', 'durand-charpente/grenoble'] }),
    account({ id: 'u-cabinet', email: DEMO_ACCOUNTS.cabinet, firstName: 'Marc', lastName: 'Petit', kind: 'cabinet',
      siteIds: CABINET_MEMBERS }),
    account({ id: 'u-worker', email: DEMO_ACCOUNTS.worker, firstName: 'Jean', lastName: 'Martin', kind: 'salarie',
      siteIds: [], mobile: { number: '+33612345678', certified: true } }),
    account({ id: 'u-new', email: DEMO_ACCOUNTS.notActivated, firstName: 'Lucas', lastName: 'Bernard',
      activated: false, emailCertifiedUntil: null }),
    account({ id: 'u-locked', email: DEMO_ACCOUNTS.locked, firstName: 'Thomas', lastName: 'Robert' }),
    account({ id: 'u-certif', email: DEMO_ACCOUNTS.certificationExpired, firstName: 'Nathalie', lastName: 'Moreau',
      emailCertifiedUntil: new Date(now.getTime() - 24 * 3600_000) }),
  ];
  return { companies, sites, accounts };
}
