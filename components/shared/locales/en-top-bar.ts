/** English translations of the top bar and the navigation menu (see `./en.ts`). */
import { str } from '@lit/localize';

export const templates = {
  // top bar
  'topbar.welcome': str`Welcome, ${0}`,
  'topbar.welcome.anonymous': 'Welcome',
  'topbar.tiers.id': str`CIBTP ID: ${0}`,
  'topbar.change-tiers': 'Change company or site',
  'topbar.sign-out': 'Sign out',
  'topbar.dialog.close': 'Close',
  'topbar.tiers-changed': str`You are now acting for ${0} — ${1}.`,
  // navigation menu
  'navmenu.label': 'Secure area menu',
  'navmenu.toggle': 'Menu',
  'navmenu.loading': 'Loading the menu…',
  'navmenu.contact': 'Contact and FAQ',
  'navmenu.contact.contact': 'Contact my CIBTP fund',
  'navmenu.contact.faq': 'Questions and answers',
  'navmenu.account': 'Manage my account',
  'navmenu.account.account': 'My user account',
  'navmenu.account.delegations': 'Manage access rights',
};
