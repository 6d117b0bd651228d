/**
 * A word table without a prototype: looking up a page's word must never find an inherited property
 * ("constructor", "toString" and "__proto__" are words too; `{}`'s would return functions). Frozen, so the
 * language layer's tables cannot be changed at run time.
 */
export function wordTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
