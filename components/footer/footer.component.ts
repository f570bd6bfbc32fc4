import { localized } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { CibtpShellElement } from '../shared/shell-element.js';
import { msg } from '../shared/localization.js';
import type { NavigateTarget } from '../shared/routes.js';
import { footerStyles } from './footer.styles.js';

interface FooterLink {
  to: Extract<NavigateTarget, 'legal-notice' | 'data-protection' | 'terms'>;
  label: () => string;
}

/** The guides' « bandeau inférieur », in their order. */
const LINKS: readonly FooterLink[] = [
  { to: 'legal-notice', label: () => msg('Mentions légales', { id: 'home.footer.legal-notice' }) },
  { to: 'data-protection', label: () => msg('Protection des données personnelles', { id: 'home.footer.data-protection' }) },
  { to: 'terms', label: () => msg('Conditions générales d’utilisation', { id: 'home.footer.terms' }) },
];

/**
 * The guides' « bandeau inférieur »: « Le bandeau inférieur permet d’accéder aux Mentions légales, à la
 * Protection des données personnelles et aux Conditions Générales d’Utilisation du site. » A `<nav>`
 * landmark named « Informations légales » whose links sit on one line, and wrap on a phone.
 *
 * **Links.** Through the kit's route contract: a destination the caisse gave a URL in
 * `<cibtp-portal routes>` (`legal-notice`, `data-protection`, `terms`) is a real `<a href>`, any other a
 * button; either fires the cancelable `cibtp-navigate`. No card frame, and no `<footer>` landmark of its
 * own: the host page places it in its own footer (`<cibtp-espace>` puts it at the bottom of the page).
 *
 * @summary The footer links of the Espace sécurisé: legal notice, data protection, terms of use.
 *
 * @fires cibtp-navigate - `CustomEvent<{ to: 'legal-notice' | 'data-protection' | 'terms' }>`, cancelable:
 *   call `preventDefault()` to route it yourself.
 *
 * @datapart links - The list of links (`<ul>`) inside the `<nav>` landmark.
 * @datapart link - Each link (`<a href>`) or button.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-border - The line above the links.
 * @cssproperty --cibtp-color-primary - Links.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius of the focus ring.
 * @cssproperty --cibtp-spacing - Base spacing unit (default `1rem`).
 * @cssproperty --cibtp-control-height - Height of each link (default `2.75rem`).
 * @cssproperty --cibtp-color-text-muted - Shared form rules (unused by the footer itself).
 * @cssproperty --cibtp-color-background - Shared form rules (unused by the footer itself).
 * @cssproperty --cibtp-color-primary-hover - Shared form rules (unused by the footer itself).
 * @cssproperty --cibtp-color-on-primary - Shared form rules (unused by the footer itself).
 * @cssproperty --cibtp-color-error - Shared form rules (unused by the footer itself).
 * @cssproperty --cibtp-color-success - Shared form rules (unused by the footer itself).
 * @cssproperty --cibtp-max-width - Not applied: the links span the width of their container.
 *
 * @example
 * ```html
 * <cibtp-portal base-url="/api/" routes='{"legal-notice": "/mentions-legales", "data-protection": "/donnees-personnelles", "terms": "/cgu"}'>
 *   <footer><cibtp-footer></cibtp-footer></footer>
 * </cibtp-portal>
 * ```
 */
@localized()
export class CibtpFooter extends CibtpShellElement {
  static override styles = footerStyles;



  protected stepTemplate(): TemplateResult {
    return html`<nav class="cibtp-footer" aria-label=${msg('Informations légales', { id: 'home.footer.label' })}>
      <ul class="cibtp-footer__links" data-part="links">
        ${LINKS.map((link) => html`<li>${this.nav.link({ to: link.to }, link.label(), { part: 'link', className: 'cibtp-footer__link' })}</li>`)}
      </ul>
    </nav>`;
  }
}
