/** The map's entry for `key`, made by `create` and stored the first time the key is met: grouping rows by a key. */
export function entryOf<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let entry = map.get(key);
  if (entry === undefined) {
    entry = create();
    map.set(key, entry);
  }
  return entry;
}
