/** English translations of `<cibtp-complete-account>` and `<cibtp-confirm-delegation>` (see `./en.ts`). */
import { str } from '@lit/localize';

export const templates = {
  // <cibtp-complete-account>: the accounting firm completes its account from the delegation link.
  'complete-account.title': 'Opening of a delegation',
  'complete-account.progress': 'Loading your invitation, please wait…',
  'complete-account.failed.title': 'Your invitation could not be loaded',
  'complete-account.link.expired.body':
    'For security, the link that opens a delegation is valid for a limited time only. Ask the company that delegated its rights to you to send you a new delegation.',
  'complete-account.link.invalid.body':
    'This link is incomplete or has already been used. Check that you opened the latest link you received, in full. If you have already completed your account, you will be able to sign in once the company has confirmed the delegation.',
  'complete-account.intro': str`The company ${0} has delegated access rights to its secure space to you. To complete your registration, fill in the information below.`,
  'complete-account.intro.cabinet': str`The company ${0} has delegated access rights to its secure space to you, as its accounting firm ${1}. To complete your registration, fill in the information below.`,
  'complete-account.form.title': 'Contact and sign-in information',
  'complete-account.section.login': 'Sign-in information',
  'complete-account.section.contact': 'Contact information',
  'complete-account.email.label': 'Email address',
  'complete-account.email.hint': 'Your sign-in identifier, chosen by the company: it cannot be changed here.',
  'complete-account.mobile.note': 'You can verify your mobile phone with the code we will text you (“Verify” button).',
  'complete-account.information':
    'I understand that I may receive at this address, a few times a year, regulatory and practical information as well as news from the caisse.',
  'complete-account.pending': 'Saving your information…',
  'complete-account.done.title': 'Completing the opening of a delegation',
  'complete-account.done.notice': 'Thank you for completing the opening of the delegation.',
  'complete-account.done.body':
    'An email asking the administrator to confirm your delegation has just been sent. Your account will be fully active once the administrator has approved your delegation.',
  'complete-account.done.status': 'Your account is complete. The company’s administrator must now confirm the delegation.',

  // <cibtp-confirm-delegation>: the member's administrator confirms the delegation to its firm.
  'confirm-delegation.title': 'Confirm the delegation to your accounting firm',
  'confirm-delegation.progress': 'Loading the delegation, please wait…',
  'confirm-delegation.failed.title': 'The delegation could not be loaded',
  'confirm-delegation.link.expired.body':
    'For security, a confirmation link is valid for a limited time only. Sign in to your secure space: the pending delegation can be confirmed from “Manage access rights”.',
  'confirm-delegation.link.invalid.body':
    'This confirmation link is incomplete or has already been used. If you have already confirmed the delegation, it is active. Otherwise, sign in to your secure space: the pending delegation can be confirmed from “Manage access rights”.',
  'confirm-delegation.intro': str`The accounting firm ${0} has completed its account. Check the delegation below: once you confirm it, the firm will be able to sign in and act for your company, with the rights shown.`,
  'confirm-delegation.intro.not-ready': str`The accounting firm ${0} has not completed its account yet: the delegation can be confirmed afterwards.`,
  'confirm-delegation.cabinet': 'Accounting firm',
  'confirm-delegation.email': 'Firm’s email address',
  'confirm-delegation.company': 'Company',
  'confirm-delegation.identifiant': 'CIBTP identifier',
  'confirm-delegation.effective-date': 'Start date',
  'confirm-delegation.end-date': 'End date',
  'confirm-delegation.end-date.none': 'None (until the delegation is deleted)',
  'confirm-delegation.rights.title': 'Delegated rights',
  'confirm-delegation.submit': 'Confirm the delegation',
  'confirm-delegation.warning': 'Don’t recognise this firm or these rights? Don’t confirm, and contact your caisse.',
  'confirm-delegation.pending': 'Confirming the delegation…',
  'confirm-delegation.done.title': 'Delegation confirmed',
  'confirm-delegation.done.notice': str`The delegation to ${0} is active.`,
  'confirm-delegation.done.body': 'The firm can now sign in.',
  'confirm-delegation.done.notice.later': str`The delegation to ${0} is confirmed.`,
  'confirm-delegation.done.body.later': str`The firm will be able to sign in from ${0}.`,
  'confirm-delegation.done.status': 'The delegation is active.',
  'confirm-delegation.done.status.later': 'The delegation is confirmed.',
  'confirm-delegation.done.delegations': 'Manage access rights',
};
