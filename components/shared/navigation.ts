/**
 * Keeps only URLs that cannot run script (`http:`, `https:` or relative), for `href`s that come
 * from attributes (docs/SECURITY.md: never bind a `javascript:` URL).
 */
export function safeHref(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? value : undefined;
  } catch {
    return undefined;
  }
}
