// @ts-check
// Recourse wizard: the steps the page keeps, the most recently used first, within a budget of text.
//
// Each step the worker sends carries its screen's HTML (an outcome's is 15 KB and more), and the page keeps the
// steps it asked for so that the same request is answered at once (a Continue worked out in advance, Back, a
// change of answer). The module lives for the whole visit (instant navigation keeps it from page to page), so
// kept without a bound these steps grew the page's memory with every question answered on every procedure. Here
// the least recently used are let go once their screens pass a budget; a step whose answer has not arrived yet
// counts for nothing until it does, and the step used last is always kept.

/**
 * @template T
 * @typedef {{promise: Promise<T>, size: number, arrived: boolean}} Entry
 */

/** @template T */
export class RecentSteps {
  /**
   * @param {number} budget  the characters of text kept (the entries' sizes summed) before the oldest go
   * @param {(value: T) => number} sizeOf  an entry's size, once its answer has arrived
   */
  constructor(budget, sizeOf) {
    this.budget = budget;
    this.sizeOf = sizeOf;
    /** @type {Map<string, Entry<T>>} in order of use, the least recent first */
    this.entries = new Map();
    /** the sizes of the entries whose answer has arrived, summed */
    this.size = 0;
  }

  /**
   * The promise kept for `key`, which becomes the most recently used; undefined when none is kept.
   * @param {string} key
   * @returns {Promise<T> | undefined}
   */
  get(key) {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.promise;
  }

  /**
   * Keep `promise` for `key`, as the most recently used. A promise that fails is let go (the next try asks
   * again); one that succeeds is counted, and the oldest entries go until the rest fit the budget.
   * @param {string} key
   * @param {Promise<T>} promise
   */
  set(key, promise) {
    this.delete(key);
    /** @type {Entry<T>} */
    const entry = { promise, size: 0, arrived: false };
    this.entries.set(key, entry);
    promise.then(
      (value) => {
        if (this.entries.get(key) !== entry) return; // replaced or let go meanwhile
        entry.size = Math.max(0, this.sizeOf(value));
        entry.arrived = true;
        this.size += entry.size;
        this.trim(key);
      },
      () => {
        if (this.entries.get(key) === entry) this.delete(key);
      },
    );
  }

  /** @param {string} key */
  delete(key) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.size -= entry.size;
  }

  clear() {
    this.entries.clear();
    this.size = 0;
  }

  /**
   * Let the least recently used go while the entries pass the budget. Kept whatever their size: the entry just
   * arrived, the most recently used, and those still on their way (letting them go frees nothing, and a second
   * request for the same step would be sent).
   * @param {string} arrived  the key of the entry just arrived
   */
  trim(arrived) {
    // The map runs from the least recently used to the newest: counting down finds the newest without a copy of
    // the keys (letting an entry go while walking the map leaves the entries after it as they were).
    let after = this.entries.size;
    for (const [key, entry] of this.entries) {
      after -= 1;
      if (this.size <= this.budget || after === 0) return;
      if (entry.arrived && key !== arrived) this.delete(key);
    }
  }
}
