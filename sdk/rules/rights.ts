/**
 * The functions of the Espace sécurisé a right is given on, grouped as in the caisses' guides (the
 * *Gérer les droits d'accès* matrix), and the access modes. Literal data only: a page that imports a
 * rule keeps nothing else (sdk/tree-shaking.test.ts).
 */

/** The groups of functions, in the guides' order. */
export const RIGHT_GROUPS = ['espace-adherent', 'declarations', 'salaries', 'intemperies', 'documents'] as const;
export type RightGroup = (typeof RIGHT_GROUPS)[number];

/** Every function, in the guides' order, with its group. */
export const RIGHT_FUNCTIONS = [
  { id: 'informations-adherent', group: 'espace-adherent' },
  { id: 'comptes-bancaires', group: 'espace-adherent' },
  { id: 'situation-compte', group: 'espace-adherent' },
  { id: 'telepaiements', group: 'espace-adherent' },
  { id: 'mode-reception-documents', group: 'espace-adherent' },
  { id: 'demandes-attestation', group: 'espace-adherent' },
  { id: 'remboursements-retraite', group: 'espace-adherent' },
  { id: 'declarations-salaires', group: 'declarations' },
  { id: 'declarations-nominatives', group: 'declarations' },
  { id: 'gerer-salaries', group: 'salaries' },
  { id: 'conges-groupes', group: 'salaries' },
  { id: 'planning', group: 'salaries' },
  { id: 'liste-indemnites', group: 'salaries' },
  { id: 'remboursements-intemperies', group: 'intemperies' },
  { id: 'arrets-intemperies', group: 'intemperies' },
  { id: 'documents', group: 'documents' },
  { id: 'transmettre-fichiers', group: 'documents' },
] as const satisfies ReadonlyArray<{ id: string; group: RightGroup }>;
export type RightFunction = (typeof RIGHT_FUNCTIONS)[number]['id'];

/** The function ids alone (for enums). */
export const RIGHT_FUNCTION_IDS = [
  'informations-adherent', 'comptes-bancaires', 'situation-compte', 'telepaiements', 'mode-reception-documents',
  'demandes-attestation', 'remboursements-retraite', 'declarations-salaires', 'declarations-nominatives',
  'gerer-salaries', 'conges-groupes', 'planning', 'liste-indemnites', 'remboursements-intemperies',
  'arrets-intemperies', 'documents', 'transmettre-fichiers',
] as const;

/** *Aucun droit*, *Consultation*, *Mise à jour*, in increasing order. */
export const ACCESS_MODES = ['none', 'read', 'write'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

/** The workers' categories a right covers. */
export const COLLEGES = ['ouvrier', 'etam', 'cadre'] as const;
export type College = (typeof COLLEGES)[number];

/** What a login holds on one tiers: `write` on everything when administrator. */
export interface RightsGrant {
  administrator: boolean;
  colleges: readonly College[];
  /** A function missing from the record is `none`. */
  functions: Readonly<Partial<Record<RightFunction, AccessMode>>>;
}

/** The mode `grant` gives on `fn` (an administrator holds `write` on everything). */
export function accessTo(grant: RightsGrant, fn: RightFunction): AccessMode {
  return grant.administrator ? 'write' : (grant.functions[fn] ?? 'none');
}

/** Whether `grant` gives at least `mode` on `fn`. */
export function allows(grant: RightsGrant, fn: RightFunction, mode: Exclude<AccessMode, 'none'> = 'read'): boolean {
  return ACCESS_MODES.indexOf(accessTo(grant, fn)) >= ACCESS_MODES.indexOf(mode);
}
