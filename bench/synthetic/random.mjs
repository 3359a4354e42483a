// @ts-check
/**
 * A seeded pseudo-random source, so the synthetic corpus is the same bytes on every machine and
 * every run (Math.random cannot be seeded). mulberry32: tiny, fast, and good enough to vary test
 * data; it is not meant for anything statistical or secret.
 */

/**
 * @typedef {object} Random
 * @property {() => number} next uniform in [0, 1)
 * @property {(min: number, max: number) => number} int integer in [min, max], both included
 * @property {(probability: number) => boolean} chance true with the given probability
 * @property {<T>(items: readonly T[]) => T} pick one item, uniformly
 * @property {<T>(entries: readonly (readonly [number, T])[]) => T} weighted one value, by weight
 */

/**
 * @param {number} seed any integer; the same seed gives the same sequence
 * @returns {Random}
 */
export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (/** @type {number} */ min, /** @type {number} */ max) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return /** @type {any} */ (items[int(0, items.length - 1)]);
    },
    weighted: (entries) => {
      const total = entries.reduce((sum, [weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [weight, value] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return /** @type {any} */ (entries[entries.length - 1])[1];
    },
  };
}
