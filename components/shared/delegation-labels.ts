import type { DelegationRole, DelegationStatus } from '../../sdk/schemas/rights.js';
import { getLocale, msg } from './localization.js';

/** The words of a delegation, the same in the list, the wizard and the confirmation page. */

export function roleLabel(role: DelegationRole): string {
  switch (role) {
    case 'administrateur': return msg('Administrateur', { id: 'delegations.role.administrateur' });
    case 'utilisateur': return msg('Utilisateur', { id: 'delegations.role.utilisateur' });
    case 'cabinet': return msg('Cabinet comptable', { id: 'delegations.role.cabinet' });
  }
}

/** Statuses as words, never as a colour alone. */
export function statusLabel(status: DelegationStatus): string {
  switch (status) {
    case 'pending': return msg('En attente', { id: 'delegations.status.pending' });
    case 'active': return msg('Actif', { id: 'delegations.status.active' });
    case 'inactive': return msg('Inactif', { id: 'delegations.status.inactive' });
  }
}

/**
 * A calendar day (`YYYY-MM-DD`) in the page's language: `short` in a table (« 16/04/2019 »), `long` in a
 * sentence (« 16 avril 2019 »). Read as UTC: a day has no time zone, and must not move by one.
 */
export function formatDay(iso: string, style: 'short' | 'long' = 'short'): string {
  const time = Date.parse(`${iso}T00:00:00Z`);
  if (!Number.isFinite(time)) return iso;
  const options: Intl.DateTimeFormatOptions = style === 'short'
    ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }
    : { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(getLocale(), options).format(time);
}
