import { html, type TemplateResult } from 'lit';
import type { PortalCore } from '../../sdk/core.js';
import type { RecoverySituation } from '../forgot-password/forgot-password.component.js';
import type { CibtpEvent } from './events.js';

export interface RecoveryOptions {
  client: PortalCore | undefined;
  headingLevel: number;
  /** What the user typed already (the login's email), to fill the request. */
  email?: string | undefined;
  situation?: RecoverySituation | undefined;
  audience?: string | undefined;
  /** « Retour à la connexion » inside the flow: back to the step that opened it, not the host's login. */
  back: () => Promise<void>;
}

/**
 * The inline recovery flow (`<cibtp-forgot-password embedded>`) that the login and the company wizards
 * offer, opened by `openRecovery()` of the base element: its way back to the login stays inside the widget
 * that embeds it. Imported by those widgets only (the others never carry it).
 */
export function recoveryTemplate(o: RecoveryOptions): TemplateResult {
  const onNavigate = async (event: CibtpEvent<'cibtp-navigate'>) => {
    if (event.detail.to !== 'login') return;
    event.stopPropagation();
    event.preventDefault();
    await o.back();
  };
  return html`<cibtp-forgot-password
    .client=${o.client}
    .email=${o.email ?? ''}
    .situation=${o.situation}
    audience=${o.audience ?? 'entreprise'}
    heading-level=${o.headingLevel}
    embedded
    @cibtp-navigate=${onNavigate}
  ></cibtp-forgot-password>`;
}
