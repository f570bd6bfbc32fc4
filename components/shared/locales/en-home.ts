/** English translations of the tiles, the side bar, the footer and the home page (see `./en.ts`). */

export const templates = {
  // shared by the home page's parts
  'home.loading': 'Loading…',

  // <cibtp-tiles>
  'home.tiles.heading': 'Quick access',
  'home.tiles.recent-documents': 'My recent documents',
  'home.tiles.recent-documents.desc': 'The latest documents made available to you',
  'home.tiles.help': 'Help',
  'home.tiles.help.desc': 'Guides and answers for using the secure area',
  'home.tiles.desc.informations-adherent': 'View the member’s details',
  'home.tiles.desc.comptes-bancaires': 'View and update your bank details',
  'home.tiles.desc.situation-compte': 'View the balance and transactions of your account',
  'home.tiles.desc.telepaiements': 'Follow your online payments',
  'home.tiles.desc.mode-reception-documents': 'Choose how you receive your documents',
  'home.tiles.desc.demandes-attestation': 'Ask your fund for a certificate',
  'home.tiles.desc.remboursements-retraite': 'Follow your pension contribution refunds',
  'home.tiles.desc.declarations-salaires': 'Declare and view your wages',
  'home.tiles.desc.declarations-nominatives': 'View your individual declarations',
  'home.tiles.desc.gerer-salaries': 'Hirings, departures, your employees’ records',
  'home.tiles.desc.conges-groupes': 'Declare leave taken by your employees at the same time',
  'home.tiles.desc.planning': 'View and update the absence schedule',
  'home.tiles.desc.liste-indemnites': 'View the allowances paid to your employees',
  'home.tiles.desc.remboursements-intemperies': 'View your bad-weather unemployment refunds',
  'home.tiles.desc.arrets-intemperies': 'Enter a work stoppage due to bad weather',
  'home.tiles.desc.documents': 'View, download and search your documents',
  'home.tiles.desc.transmettre-fichiers': 'Send files to your fund',

  // <cibtp-side-bar>
  'home.side-bar.label': 'Additional functions',
  'home.side-bar.contact': 'Contact my fund',
  'home.side-bar.faq': 'Questions and answers',
  'home.side-bar.page-help': 'Help for this page',
  'home.side-bar.news': 'What’s new',
  'home.side-bar.tutorial': 'Tutorial for this page',

  // <cibtp-footer>
  'home.footer.label': 'Legal information',
  'home.footer.legal-notice': 'Legal notice',
  'home.footer.data-protection': 'Personal data protection',
  'home.footer.terms': 'Terms of use',

  // <cibtp-espace>
  'home.espace.heading': 'Welcome to your secure area',
  'home.espace.signed-out': 'You are not signed in.',
  'home.espace.signed-out.body': 'Sign in to access your secure area.',
  'home.espace.declined': 'No member or declaring site chosen',
  'home.espace.declined.body': 'Choose the member and the declaring site you act for to access your secure area.',
  'home.espace.choose': 'Choose a member and a site',
  'home.espace.back-home': 'Back to the home page',
};
