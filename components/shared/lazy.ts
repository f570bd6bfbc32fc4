import { PortalError } from '../../sdk/errors.js';

/**
 * Makes sure the widget `tag` is defined before a widget shows it, loading its chunk with `load` (an
 * `import()` of its registration module, written at the call site so that the bundler sees it): a
 * widget that leads to another (login → forgotten password) fetches it only when the user goes there.
 * A chunk that cannot be fetched (network down, a deployment that removed it) becomes a `network`
 * PortalError, shown like any failed request.
 */
export async function ensureDefined(tag: string, load: () => Promise<unknown>): Promise<void> {
  if (customElements.get(tag)) return;
  try {
    await load();
  } catch (cause) {
    throw new PortalError('network', { cause });
  }
  await customElements.whenDefined(tag);
}
