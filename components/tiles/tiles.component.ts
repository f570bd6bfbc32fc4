import { localized } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalError } from '../../sdk/errors.js';
import type { RightFunction } from '../../sdk/rules/rights.js';
import { homeTiles } from '../../sdk/tiers/operations.js';
import { CibtpShellElement } from '../shared/shell-element.js';
import { button } from '../shared/fields.js';
import { functionLabel } from '../shared/function-labels.js';
import { LatestRequest } from '../shared/latest-request.js';
import { msg } from '../shared/localization.js';
import { errorMessage } from '../shared/messages.js';
import type { NavigateTarget } from '../shared/routes.js';
import { HELP_ICON, RECENT_DOCUMENTS_ICON, functionIcon } from './tile-icons.js';
import { functionDescription } from './tile-texts.js';
import { tilesStyles } from './tiles.styles.js';

/** The tiles the backend suggested: none asked yet (no tiers), on their way, shown, or not obtained. */
type TilesState =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'loaded'; items: readonly RightFunction[] }
  | { kind: 'failed'; error: PortalError };

/** How many function tiles are shown when `count` is not a usable number. */
const DEFAULT_COUNT = 4;

/**
 * The home page's tiles (« Accès rapides »): the functions the user opens most on the current tiers,
 * then, always, *Mes documents récents* and *Aide*. In the guides' words: « Les Tuiles facilitent
 * l’accès aux services que vous utilisez le plus. Elles évoluent en fonction de vos actions sur le site.
 * Cependant, certains menus sont constamment affichés comme : Mes documents récents et Aide. »
 *
 * **Data.** The backend orders the functions (`homeTiles`: most used first, then the others the login's
 * rights allow): the widget shows the first `count`. It asks when it connects and again whenever the
 * session's tiers changes (*Changer de tiers* in the top bar), the latest request winning; without a
 * tiers it shows the two permanent tiles only. While loading, and when the request failed (with the
 * message and *Réessayer*), the two permanent tiles stay usable.
 *
 * **Links.** Each tile is a link through the kit's route contract: with a URL for its destination in
 * `<cibtp-portal routes>`, a real `<a href>` (new tab, copy the address…); without one, a button. Either
 * fires the cancelable `cibtp-navigate` first. Following a function's tile tells the backend
 * (`recordUse`), which is how the tiles follow the user's habits.
 *
 * **Layout.** A list of tiles in a grid that follows the widget's own width (container queries): one
 * column on a phone, up to four on a wide page. Each tile is a whole link (at least 44 px high) with a
 * visible focus ring. No card frame: the widget is a part of a page shell (`<cibtp-espace>`).
 *
 * @summary The home page's tiles: the most used functions, then *Mes documents récents* and *Aide*.
 *
 * @fires cibtp-navigate - `CustomEvent<{ to: Destination }>`, cancelable: a tile was followed (`to`: a function of
 *   the rights catalogue, `recent-documents` or `help`); call `preventDefault()` to route it yourself.
 *
 * @datapart heading - The « Accès rapides » heading.
 * @datapart tiles - The list of tiles (`<ul>`).
 * @datapart tile - One tile: a link (`<a href>`) or a button.
 * @datapart loading - The « Chargement… » line while the tiles are on their way.
 * @datapart error - The message and *Réessayer* after a failed load.
 * @datapart status - The visually hidden live region.
 *
 * @cssproperty --cibtp-font-family - Font of the widget.
 * @cssproperty --cibtp-font-size - Base font size (default `1rem`).
 * @cssproperty --cibtp-color-text - Text colour.
 * @cssproperty --cibtp-color-text-muted - The tiles' descriptions and the loading line.
 * @cssproperty --cibtp-color-background - Background of the tiles.
 * @cssproperty --cibtp-color-surface - Background of a tile on hover.
 * @cssproperty --cibtp-color-border - Border of the tiles.
 * @cssproperty --cibtp-color-primary - Icons, the tiles' names, the *Réessayer* button.
 * @cssproperty --cibtp-color-primary-hover - Primary button on hover.
 * @cssproperty --cibtp-color-on-primary - Text on primary buttons.
 * @cssproperty --cibtp-color-error - The error message.
 * @cssproperty --cibtp-color-focus - Focus ring.
 * @cssproperty --cibtp-radius - Corner radius of the tiles.
 * @cssproperty --cibtp-spacing - Base spacing unit (default `1rem`).
 * @cssproperty --cibtp-control-height - Height of the *Réessayer* button (default `2.75rem`).
 * @cssproperty --cibtp-color-success - Shared form rules (unused by the tiles themselves).
 * @cssproperty --cibtp-max-width - Not applied: the tiles span the width of their container.
 *
 * @example
 * ```html
 * <cibtp-portal base-url="/api/" routes='{"recent-documents": "/documents/recents", "help": "/aide"}'>
 *   <cibtp-tiles count="4" heading-level="3"></cibtp-tiles>
 * </cibtp-portal>
 * ```
 */
@localized()
export class CibtpTiles extends CibtpShellElement {
  static override styles = tilesStyles;

  /** How many function tiles come before the two permanent ones (the backend suggests up to 6). */
  @property({ type: Number }) count = DEFAULT_COUNT;

  @state() private tiles: TilesState = { kind: 'none' };

  private readonly request = new LatestRequest();
  /** The tiers whose tiles are shown or on their way (`null`: none; `undefined`: not asked yet). */
  private loadedFor: string | null | undefined;



  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page: ask again (the usage may have changed meanwhile).
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.request.cancel();
    this.loadedFor = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const tiersId = this.session?.tiers?.id ?? null;
    if (tiersId === this.loadedFor) return;
    this.loadedFor = tiersId;
    if (tiersId === null) {
      this.request.cancel();
      this.tiles = { kind: 'none' };
      this.status = undefined;
    } else {
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const client = this.clients.value;
    if (!client) {
      this.tiles = { kind: 'failed', error: this.clients.missing() };
      return;
    }
    this.tiles = { kind: 'loading' };
    this.status = () => msg('Chargement…', { id: 'home.loading' });
    const outcome = await this.request.run((signal) => homeTiles(client, { signal }));
    if (!outcome) return;
    if (outcome.ok) {
      this.tiles = { kind: 'loaded', items: outcome.value.items };
      this.status = undefined;
    } else {
      const error = outcome.error;
      this.tiles = { kind: 'failed', error };
      this.status = () => errorMessage(error);
    }
  }

  /** *Réessayer*: the button goes while loading, so the focus then moves to the heading, not to the page. */
  private async retry(): Promise<void> {
    await this.load();
    await this.updateComplete;
    if (!this.contains(document.activeElement)) await this.focusHeading();
  }

  private get shown(): number {
    const n = Math.floor(this.count);
    return Number.isFinite(n) && n >= 0 ? n : DEFAULT_COUNT;
  }

  private tile(to: NavigateTarget, icon: TemplateResult, name: string, description: string, kind: 'function' | 'permanent'): TemplateResult {
    const content = html`<span class="cibtp-tile__icon">${icon}</span
      ><span class="cibtp-tile__text"><span class="cibtp-tile__name">${name}</span
        ><span class="cibtp-tile__description">${description}</span></span
      >`;
    return html`<li class="cibtp-tiles__item" data-kind=${kind}>
      ${this.nav.link({ to }, content, { part: 'tile', className: 'cibtp-tile' })}
    </li>`;
  }

  private permanentTiles(): TemplateResult {
    return html`${this.tile(
      'recent-documents',
      RECENT_DOCUMENTS_ICON,
      msg('Mes documents récents', { id: 'home.tiles.recent-documents' }),
      msg('Les derniers documents mis à votre disposition', { id: 'home.tiles.recent-documents.desc' }),
      'permanent',
    )}${this.tile(
      'help',
      HELP_ICON,
      msg('Aide', { id: 'home.tiles.help' }),
      msg('Guides et réponses pour utiliser l’Espace sécurisé', { id: 'home.tiles.help.desc' }),
      'permanent',
    )}`;
  }

  protected stepTemplate(): TemplateResult {
    const t = this.tiles;
    const functions = t.kind === 'loaded' ? t.items.slice(0, this.shown) : [];
    return html`${this.headingTemplate(msg('Accès rapides', { id: 'home.tiles.heading' }))}
      ${t.kind === 'loading'
        ? // Said by the live region already: the visible line is for the eyes only.
          html`<p class="cibtp-tiles__loading" data-part="loading" aria-hidden="true">${msg('Chargement…', { id: 'home.loading' })}</p>`
        : nothing}
      ${t.kind === 'failed'
        ? html`<div class="cibtp-tiles__error" data-part="error">
            <p class="cibtp-tiles__message">${errorMessage(t.error)}</p>
            ${button({ label: msg('Réessayer', { id: 'common.retry' }), onClick: () => void this.retry() })}
          </div>`
        : nothing}
      <ul class="cibtp-tiles__list" data-part="tiles">
        ${functions.map((fn) => this.tile(fn, functionIcon(fn), functionLabel(fn), functionDescription(fn), 'function'))}
        ${this.permanentTiles()}
      </ul>`;
  }
}
