import type { RightFunction, RightGroup } from '../../sdk/rules/rights.js';
import { msg } from './localization.js';

/**
 * The guides' names of the functions of the rights catalogue and of their groups: one wording for the
 * menu, the tiles and the rights matrix. A switch rather than a table of messages, so that each
 * name is looked up in the current locale when it is shown.
 */
export function functionLabel(fn: RightFunction): string {
  switch (fn) {
    case 'informations-adherent': return msg('Mes informations adhérent', { id: 'rights.fn.informations-adherent' });
    case 'comptes-bancaires': return msg('Mes comptes bancaires', { id: 'rights.fn.comptes-bancaires' });
    case 'situation-compte': return msg('Situation de compte', { id: 'rights.fn.situation-compte' });
    case 'telepaiements': return msg('Mes télépaiements', { id: 'rights.fn.telepaiements' });
    case 'mode-reception-documents': return msg('Mon mode de réception des documents', { id: 'rights.fn.mode-reception-documents' });
    case 'demandes-attestation': return msg('Mes demandes d’attestation', { id: 'rights.fn.demandes-attestation' });
    case 'remboursements-retraite': return msg('Mes remboursements retraite', { id: 'rights.fn.remboursements-retraite' });
    case 'declarations-salaires': return msg('Mes déclarations de salaires', { id: 'rights.fn.declarations-salaires' });
    case 'declarations-nominatives': return msg('Mes déclarations nominatives', { id: 'rights.fn.declarations-nominatives' });
    case 'gerer-salaries': return msg('Gérer mes salariés', { id: 'rights.fn.gerer-salaries' });
    case 'conges-groupes': return msg('Mes congés groupés', { id: 'rights.fn.conges-groupes' });
    case 'planning': return msg('Mon planning', { id: 'rights.fn.planning' });
    case 'liste-indemnites': return msg('Liste des indemnités', { id: 'rights.fn.liste-indemnites' });
    case 'remboursements-intemperies': return msg('Mes remboursements', { id: 'rights.fn.remboursements-intemperies' });
    case 'arrets-intemperies': return msg('Mes arrêts intempéries', { id: 'rights.fn.arrets-intemperies' });
    case 'documents': return msg('Mes documents', { id: 'rights.fn.documents' });
    case 'transmettre-fichiers': return msg('Transmettre mes fichiers', { id: 'rights.fn.transmettre-fichiers' });
  }
}

export function groupLabel(group: RightGroup): string {
  switch (group) {
    case 'espace-adherent': return msg('Mon espace adhérent', { id: 'rights.group.espace-adherent' });
    case 'declarations': return msg('Mes déclarations', { id: 'rights.group.declarations' });
    case 'salaries': return msg('Mes salariés', { id: 'rights.group.salaries' });
    case 'intemperies': return msg('Chômage intempéries', { id: 'rights.group.intemperies' });
    case 'documents': return msg('Mes documents', { id: 'rights.group.documents' });
  }
}
