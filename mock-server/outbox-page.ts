/**
 * The HTTP mock's outbox page (`GET /__mock/outbox`): what the mock "sent", newest first, as one static
 * HTML document. No script; the style is allowed by its hash, so the page runs under a policy that
 * allows nothing else. Every value is escaped (an email, a name or a subject may hold markup typed by a
 * user) and only http(s) links become clickable.
 */
import { createHash } from 'node:crypto';
import type { OutboxKind, OutboxMessage } from './outbox.js';

const KIND_LABELS: Record<OutboxKind, string> = { email: 'Courriel', sms: 'SMS', letter: 'Courrier postal' };

const STYLE = `
body { font: 1rem/1.5 system-ui, sans-serif; color: #1e1e1e; margin: 0 auto; padding: 1rem; max-width: 48rem; }
h1 { font-size: 1.5rem; margin: 0 0 0.25rem; }
.hint { color: #3a3a3a; margin: 0 0 1rem; }
ol { list-style: none; margin: 0; padding: 0; }
li { border-top: 1px solid #dddddd; padding: 0.75rem 0; }
.meta { display: flex; flex-wrap: wrap; gap: 0.5rem; font-size: 0.875rem; color: #3a3a3a; margin: 0; }
.kind { font-weight: 700; color: #000091; }
h2 { font-size: 1rem; margin: 0.25rem 0; }
.body { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.25rem 0; font-size: 0.875rem; }
.code { font-size: 2rem; font-weight: 700; letter-spacing: 0.2em; margin: 0.25rem 0; }
a { color: #000091; overflow-wrap: anywhere; }
a:focus-visible { outline: 2px solid #0a76f6; outline-offset: 2px; }
`;

/** The page's Content-Security-Policy: its own style, nothing else (no script, no image, no form, no frame). */
export const OUTBOX_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Only web links become clickable (a `javascript:` link is shown as text, never bound into `href`). */
function webLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function renderMessage(message: OutboxMessage): string {
  const href = webLink(message.link);
  const parts = [
    `<p class="meta"><span class="kind">${KIND_LABELS[message.kind]}</span> <span>à ${escapeHtml(message.to)}</span> `
      + `<time datetime="${escapeHtml(message.sentAt)}">${escapeHtml(message.sentAt)}</time></p>`,
    `<h2>${escapeHtml(message.subject)}</h2>`,
  ];
  if (message.code) parts.push(`<p class="code">${escapeHtml(message.code)}</p>`);
  parts.push(`<p class="body">${escapeHtml(message.body)}</p>`);
  if (href) parts.push(`<p><a href="${escapeHtml(href)}">Ouvrir le lien du courriel</a> <span>${escapeHtml(href)}</span></p>`);
  return `<li><article data-id="${escapeHtml(message.id)}">${parts.join('\n')}</article></li>`;
}

/** The whole page, for `messages` oldest first (as the outbox lists them). */
export function renderOutboxPage(messages: readonly OutboxMessage[]): string {
  const newestFirst = [...messages].reverse();
  const list = newestFirst.length === 0
    ? '<p>Aucun message pour l’instant.</p>'
    : `<ol aria-label="Messages, du plus récent au plus ancien">\n${newestFirst.map(renderMessage).join('\n')}\n</ol>`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Boîte d’envoi du serveur simulé CIBTP</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Messages envoyés par la caisse (simulation)</h1>
<p class="hint">Courriels, SMS et courriers que le serveur simulé aurait envoyés, du plus récent au plus ancien. Rechargez la page pour voir les nouveaux.</p>
${list}
</main>
</body>
</html>
`;
}
