/**
 * The `client` property of `<cibtp-portal>` and of every widget, kept when a framework or a page sets it
 * before the kit's code has defined the tag (per-widget entries, the lazy loader). In the widgets-shared
 * layer: the portal and the base element both use it, and the portal must not pull in the forms layer.
 */
import type { ReactiveElement } from 'lit';

/** Observed only to warn: not a literal in `observedAttributes`, or the manifest would list it as an attribute. */
export const CLIENT_ATTRIBUTE = 'client';

/**
 * A `client` set on the element before its tag was defined is an own property that hides the class's
 * accessor: moved onto the accessor. Lit would keep it aside until the first update instead (too late
 * for what runs on connection, and then written over any newer value).
 */
export function upgradeClient(element: ReactiveElement & { client?: unknown }): void {
  if (!Object.hasOwn(element, 'client')) return;
  const value = element.client;
  Reflect.deleteProperty(element, 'client');
  element.client = value;
}

/**
 * A `client` attribute holds a string (`"[object Object]"`: React 19 and Vue set an attribute on a tag
 * not yet defined), never a client: said on the console, or the widget silently uses another client.
 */
export function warnClientAttribute(element: Element, value: string): void {
  console.warn(`[cibtp] <${element.localName}> ignores its client attribute "${value.slice(0, 40)}": client is a property, set element.client`);
}
