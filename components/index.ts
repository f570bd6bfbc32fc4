/**
 * The widgets of the CIBTP Espace sécurisé. Importing this module registers every tag
 * (`define()` skips a tag already registered by another copy of the kit).
 * @packageDocumentation
 */
export { CibtpPortal } from './portal/portal.js';
export { CibtpLogin } from './login/login.js';
export { CibtpForgotPassword } from './forgot-password/forgot-password.js';
export type { RecoverySituation } from './forgot-password/forgot-password.js';
export { CibtpResetPassword } from './reset-password/reset-password.js';
export { CibtpActivateAccount } from './activate-account/activate-account.js';
export { CibtpSignup } from './signup/signup.js';
export { CibtpAssociateSite } from './associate-site/associate-site.js';
export { CibtpPasswordField } from './password-field/password-field.js';
export { CibtpPhoneField, phoneFieldMessages } from './phone-field/phone-field.js';
export { CibtpTiersPicker } from './tiers-picker/tiers-picker.js';
export { CibtpTopBar } from './top-bar/top-bar.js';
export { CibtpNavMenu } from './nav-menu/nav-menu.js';
export { CibtpTiles } from './tiles/tiles.js';
export { CibtpSideBar } from './side-bar/side-bar.js';
export { CibtpFooter } from './footer/footer.js';
export { CibtpEspace } from './espace/espace.js';
export type { EspacePage } from './espace/espace.component.js';
export { CibtpRightsMatrix } from './rights-matrix/rights-matrix.js';
export { CibtpDelegations } from './delegations/delegations.js';
export { CibtpDelegationWizard } from './delegation-wizard/delegation-wizard.js';
export { CibtpCompleteAccount } from './complete-account/complete-account.js';
export { CibtpConfirmDelegation } from './confirm-delegation/confirm-delegation.js';

export { CibtpElement } from './shared/base-element.js';
export { define } from './shared/define.js';
export { emit } from './shared/events.js';
export type { CibtpEventDetails, CibtpEventName, CibtpEvent, NavigateTarget } from './shared/events.js';
export type { Destination, NavigateDetail, RouteParams, Routes } from './shared/routes.js';
export { clientContext, sessionContext, localeContext } from './shared/context.js';
export { ClientController } from './shared/client-controller.js';
export { getLocale, setLocale, SOURCE_LOCALE, TARGET_LOCALES } from './shared/localization.js';
export { overrideTexts } from './shared/texts.js';
export type { TextLocale, Texts } from './shared/texts.js';
export { WIDGETS } from './registry.js';
export type { WidgetEntry } from './registry.js';
export { readLinkToken } from './shared/link-token.js';
export type { LinkAction, LinkFragment } from './shared/link-token.js';
export { errorMessage, fieldMessage } from './shared/messages.js';
export { THEME_TOKENS } from './shared/styles.js';
