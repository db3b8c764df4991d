/**
 * `compute` remembered per string key, forgetting everything once `limit` keys are held: the caches on the answer
 * path (a word's term, a word's stems, a sentence's spans) stay bounded however many sentences a server meets, and
 * a full reset costs one recomputation each, which is cheaper than tracking recency on every lookup.
 */
export function boundedMemo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      if (cache.size >= limit) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}
