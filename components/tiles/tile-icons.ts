import { html, type TemplateResult } from 'lit';
import { RIGHT_FUNCTIONS, type RightFunction, type RightGroup } from '../../sdk/rules/rights.js';

/** A decorative 24×24 icon: hidden from assistive technologies (the tile's name says it all). */
function icon(path: string): TemplateResult {
  return html`<svg viewBox="0 0 24 24" width="32" height="32" aria-hidden="true" focusable="false"><path fill="currentColor" d=${path} /></svg>`;
}

// One icon per group of the rights catalogue (the guides' menu groups), plus the two permanent tiles.
const GROUP_ICONS: Record<RightGroup, TemplateResult> = {
  'espace-adherent': icon('M4 21V3h10v4h6v14H4zm2-2h2v-2H6v2zm0-4h2v-2H6v2zm0-4h2V9H6v2zm0-4h2V5H6v2zm4 12h2v-2h-2v2zm0-4h2v-2h-2v2zm0-4h2V9h-2v2zm0-4h2V5h-2v2zm4 12h4v-2h-4v2zm0-4h4v-2h-4v2zm0-4h4V9h-4v2z'),
  declarations: icon('M6 2h8l6 6v14H6V2zm7 1.5V9h5.5L13 3.5zM8 13h8v2H8v-2zm0 4h8v2H8v-2z'),
  salaries: icon('M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-3.3 0-7 1.7-7 4v3h14v-3c0-2.3-3.7-4-7-4zm7.5-2a3.5 3.5 0 1 0-1.2-6.8A5.9 5.9 0 0 1 16.5 11zM18 13.2c1.6.8 3 2 3 3.8v3h-3v-3c0-1.5-.4-2.7-1.2-3.6.4-.1.8-.2 1.2-.2z'),
  intemperies: icon('M19 9.5A6 6 0 0 0 7.4 8 4.5 4.5 0 0 0 7.5 17h11a3.75 3.75 0 0 0 .5-7.5zM8 19l-1 3h2l1-3H8zm4 0-1 3h2l1-3h-2zm4 0-1 3h2l1-3h-2z'),
  documents: icon('M3 5h7l2 2h9v12H3V5z'),
};

export const RECENT_DOCUMENTS_ICON = icon('M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 10.4 3.7 2.2-1 1.7L11 13V7h2v5.4z');
export const HELP_ICON = icon(
  'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 17h-2v-2h2v2zm2.1-7.8-.9.9C13.5 12.8 13 13.5 13 15h-2v-.5c0-1.1.5-2.1 1.2-2.8l1.2-1.3A2 2 0 1 0 10 9H8a4 4 0 1 1 7.1 2.2z',
);

/** The icon of a function's tile: its group's. */
export function functionIcon(fn: RightFunction): TemplateResult {
  const group = RIGHT_FUNCTIONS.find((f) => f.id === fn)?.group ?? 'documents';
  return GROUP_ICONS[group];
}
