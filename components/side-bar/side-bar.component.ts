import { localized } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { CibtpShellElement } from '../shared/shell-element.js';
import { TooltipController } from '../shared/dsn-alerts.js';
import { msg } from '../shared/localization.js';
import type { NavigateTarget } from '../shared/routes.js';
import { sideBarStyles } from './side-bar.styles.js';

/** A decorative 24×24 icon (the link is named by its label). */
function icon(path: string): TemplateResult {
  return html`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="currentColor" d=${path} /></svg>`;
}

interface SideLink {
  to: Extract<NavigateTarget, 'contact' | 'faq' | 'page-help' | 'news' | 'tutorial'>;
  icon: TemplateResult;
  label: () => string;
}

/** The guides' « Barre fonctionnelle de droite », in their order. */
const LINKS: readonly SideLink[] = [
  {
    to: 'contact',
    icon: icon('M2 5h20v14H2V5zm2 2v.5l8 5 8-5V7H4zm16 2.8-8 5-8-5V17h16V9.8z'),
    label: () => msg('Contacter ma caisse', { id: 'home.side-bar.contact' }),
  },
  {
    to: 'faq',
    icon: icon('M4 3h16v12H7l-3 3V3zm7 9h2v-2h-2v2zm1-7a3 3 0 0 0-3 3h2a1 1 0 1 1 1 1 1 1 0 0 0-1 1v1h2v-.2A3 3 0 0 0 12 5z'),
    label: () => msg('Questions-Réponses', { id: 'home.side-bar.faq' }),
  },
  {
    to: 'page-help',
    icon: icon('M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-6h2v6zm0-8h-2V7h2v2z'),
    label: () => msg('Aide de la page', { id: 'home.side-bar.page-help' }),
  },
  {
    to: 'news',
    icon: icon('M12 2l3 6.9 7.5.6-5.7 4.9 1.8 7.3L12 17.8l-6.6 3.9 1.8-7.3-5.7-4.9L9 8.9 12 2z'),
    label: () => msg('Nouveautés', { id: 'home.side-bar.news' }),
  },
  {
    to: 'tutorial',
    icon: icon('M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-2 14.5v-9l6 4.5-6 4.5z'),
    label: () => msg('Tutoriel de la page', { id: 'home.side-bar.tutorial' }),
  },
];

/**
 * The guides' « Barre fonctionnelle de droite »: contact the caisse, the Questions-Réponses, the page's
 * help, what is new in the Espace sécurisé and the page's tutorial. A `<nav>` landmark named
 * « Fonctions complémentaires », whose list reads from top to bottom, each link an icon and its label.
 *
 * **Compact.** With `compact`, only the icons show; each link keeps its name (the label, visually
 * hidden), and a tooltip shows the label while the link is hovered or focused (WCAG 1.4.13: the pointer
 * may move onto it, Escape dismisses it, it stays until the pointer and the focus have left). The
 * tooltip is hidden from assistive technologies, which already hear the link's name.
 *
 * **Links.** Through the kit's route contract: a destination the caisse gave a URL in
 * `<cibtp-portal routes>` is a real `<a href>`, any other a button; either fires the cancelable
 * `cibtp-navigate`. No card frame: the widget is a part of a page shell (`<cibtp-espace>`).
 *
 * @summary The side bar of the Espace sécurisé: contact, Questions-Réponses, page help, news, tutorial.
 *
 * @fires cibtp-navigate - `CustomEvent<{ to: 'contact' | 'faq' | 'page-help' | 'news' | 'tutorial' }>`, cancelable:
 *   call `preventDefault()` to route it yourself (e.g. open the page's help in a panel).
 *
 * @datapart bar - The `<nav>` landmark.
 * @datapart link - Each link (`<a href>`) or button.
 * @datapart tooltip - With `compact`, the label shown next to a hovered or focused icon.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text of the tooltips.
 * @cssproperty --cibtp-color-background - Background of the bar and of the tooltips.
 * @cssproperty --cibtp-color-surface - Background of a link on hover.
 * @cssproperty --cibtp-color-border - Border of the bar and of the tooltips.
 * @cssproperty --cibtp-color-primary - Links and icons.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius.
 * @cssproperty --cibtp-spacing - Base spacing unit (default `1rem`).
 * @cssproperty --cibtp-control-height - Height of each link (default `2.75rem`).
 * @cssproperty --cibtp-color-text-muted - Shared form rules (unused by the bar itself).
 * @cssproperty --cibtp-color-primary-hover - Shared form rules (unused by the bar itself).
 * @cssproperty --cibtp-color-on-primary - Shared form rules (unused by the bar itself).
 * @cssproperty --cibtp-color-error - Shared form rules (unused by the bar itself).
 * @cssproperty --cibtp-color-success - Shared form rules (unused by the bar itself).
 * @cssproperty --cibtp-max-width - Not applied: the bar spans the width of its container.
 *
 * @example
 * ```html
 * <cibtp-portal base-url="/api/" routes='{"contact": "/contact", "faq": "/questions-reponses"}'>
 *   <cibtp-side-bar></cibtp-side-bar>
 *   <cibtp-side-bar compact></cibtp-side-bar>
 * </cibtp-portal>
 * ```
 */
@localized()
export class CibtpSideBar extends CibtpShellElement {
  static override styles = sideBarStyles;

  /** Icons only (each link still named, its label in a tooltip on hover and focus). */
  @property({ type: Boolean, reflect: true }) compact = false;

  private readonly tooltips = new TooltipController(this);


  private item(link: SideLink): TemplateResult {
    const label = link.label();
    if (!this.compact) {
      const content = html`<span class="cibtp-side-bar__icon">${link.icon}</span><span class="cibtp-side-bar__label">${label}</span>`;
      return html`<li class="cibtp-side-bar__item">${this.nav.link({ to: link.to }, content, { part: 'link', className: 'cibtp-side-bar__link' })}</li>`;
    }
    const id = this.fid(link.to);
    const t = this.tooltips;
    const content = html`<span class="cibtp-side-bar__icon">${link.icon}</span><span class="cibtp-visually-hidden">${label}</span>`;
    return html`<li
      class="cibtp-side-bar__item"
      @pointerenter=${() => t.show(id)}
      @pointerleave=${() => t.hide(id, 300)}
      @focusin=${() => t.show(id)}
      @focusout=${() => t.hide(id)}
    >
      ${this.nav.link({ to: link.to }, content, { part: 'link', className: 'cibtp-side-bar__link' })}
      <span class="cibtp-side-bar__tip" data-part="tooltip" aria-hidden="true" ?hidden=${t.open !== id}>${label}</span>
    </li>`;
  }

  protected stepTemplate(): TemplateResult {
    return html`<nav class="cibtp-side-bar" data-part="bar" aria-label=${msg('Fonctions complémentaires', { id: 'home.side-bar.label' })}>
      <ul class="cibtp-side-bar__list">
        ${LINKS.map((link) => this.item(link))}
      </ul>
    </nav>`;
  }
}
