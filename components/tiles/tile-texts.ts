import type { RightFunction } from '../../sdk/rules/rights.js';
import { msg } from '../shared/localization.js';

/**
 * The one line under a function's name on its tile. A switch rather than a table of messages, so
 * that each line is looked up in the current locale when it is shown (as `functionLabel`).
 */
export function functionDescription(fn: RightFunction): string {
  switch (fn) {
    case 'informations-adherent': return msg('Consulter les informations de l’adhérent', { id: 'home.tiles.desc.informations-adherent' });
    case 'comptes-bancaires': return msg('Consulter et mettre à jour vos coordonnées bancaires', { id: 'home.tiles.desc.comptes-bancaires' });
    case 'situation-compte': return msg('Consulter le solde et les mouvements de votre compte', { id: 'home.tiles.desc.situation-compte' });
    case 'telepaiements': return msg('Suivre vos paiements en ligne', { id: 'home.tiles.desc.telepaiements' });
    case 'mode-reception-documents': return msg('Choisir comment vous recevez vos documents', { id: 'home.tiles.desc.mode-reception-documents' });
    case 'demandes-attestation': return msg('Demander une attestation à votre caisse', { id: 'home.tiles.desc.demandes-attestation' });
    case 'remboursements-retraite': return msg('Suivre vos remboursements de cotisations retraite', { id: 'home.tiles.desc.remboursements-retraite' });
    case 'declarations-salaires': return msg('Déclarer et consulter vos salaires', { id: 'home.tiles.desc.declarations-salaires' });
    case 'declarations-nominatives': return msg('Consulter vos déclarations nominatives', { id: 'home.tiles.desc.declarations-nominatives' });
    case 'gerer-salaries': return msg('Embauches, sorties de personnel, fiches de vos salariés', { id: 'home.tiles.desc.gerer-salaries' });
    case 'conges-groupes': return msg('Déclarer les congés pris en même temps par vos salariés', { id: 'home.tiles.desc.conges-groupes' });
    case 'planning': return msg('Consulter et mettre à jour le planning des absences', { id: 'home.tiles.desc.planning' });
    case 'liste-indemnites': return msg('Consulter les indemnités versées à vos salariés', { id: 'home.tiles.desc.liste-indemnites' });
    case 'remboursements-intemperies': return msg('Consulter vos remboursements chômage intempéries', { id: 'home.tiles.desc.remboursements-intemperies' });
    case 'arrets-intemperies': return msg('Saisir un arrêt de travail pour intempéries', { id: 'home.tiles.desc.arrets-intemperies' });
    case 'documents': return msg('Consulter, télécharger et rechercher vos documents', { id: 'home.tiles.desc.documents' });
    case 'transmettre-fichiers': return msg('Envoyer des fichiers à votre caisse', { id: 'home.tiles.desc.transmettre-fichiers' });
  }
}
