/**
 * Registers a custom element only when its tag is still free. A host page may load two copies (or
 * two versions) of the kit: the second registration is skipped with a warning, never an exception.
 *
 * @returns `true` when this call registered the element.
 */
export function define(tag: string, ctor: CustomElementConstructor): boolean {
  const registry = globalThis.customElements;
  if (!registry) return false;
  const existing = registry.get(tag);
  if (existing) {
    if (existing !== ctor) {
      console.warn(`[cibtp] <${tag}> is already defined by another copy of the kit; this copy is not registered.`);
    }
    return false;
  }
  registry.define(tag, ctor);
  return true;
}
