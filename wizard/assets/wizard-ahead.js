// Recourse wizard: steps worked out in advance wait behind the steps a reader is waiting for.
//
// While a reader looks at a choice, the worker works out each option's step in advance (prefetchOptions in
// wizard-engine.js), so that Continue finds it done. Posted all at once, they filled the worker's queue: a
// reader who answered before they were all done (at once, or on a slow phone, where one step takes tens of
// milliseconds) waited for every option ahead of theirs, and a typed answer for all of them. Here the steps
// asked for in advance go to the worker one at a time, and a step a reader waits for is sent at once (taken out
// of the line if it was in it): it waits for at most the one step the worker is already working on.

/**
 * @typedef {Record<string, unknown>} Message
 * @typedef {{message: Message, resolve(value: unknown): void, reject(error: unknown): void}} Waiting
 */

export class AheadLine {
  /** @param {(message: Message) => Promise<unknown>} send  posts one message to the worker; the promise of its answer */
  constructor(send) {
    this.send = send;
    /** @type {Map<string, Waiting>} steps not sent yet, by key, in the order they were asked for */
    this.waiting = new Map();
    /** whether a step of the line is with the worker */
    this.busy = false;
  }

  /**
   * A step worked out in advance: sent once the worker has answered the line's step before it.
   * @param {string} key
   * @param {Message} message
   * @returns {Promise<unknown>}
   */
  ahead(key, message) {
    return new Promise((resolve, reject) => {
      this.waiting.set(key, { message, resolve, reject });
      this.next();
    });
  }

  /**
   * The reader now waits for the step of `key`: if it is still in the line, it is sent at once (the promise
   * `ahead` gave settles with its answer).
   * @param {string} key
   */
  promote(key) {
    const waiting = this.waiting.get(key);
    if (!waiting) return;
    this.waiting.delete(key);
    this.send(waiting.message).then(waiting.resolve, waiting.reject);
  }

  /** Forget the steps not sent yet (their tree's text changed): their promises fail. */
  forget() {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const step of waiting) step.reject(new Error("no longer needed"));
  }

  /** Send the first step of the line, unless one is with the worker. */
  next() {
    if (this.busy) return;
    const first = this.waiting.entries().next();
    if (first.done) return;
    const [key, waiting] = first.value;
    this.waiting.delete(key);
    this.busy = true;
    const done = () => {
      this.busy = false;
      this.next();
    };
    this.send(waiting.message).then(waiting.resolve, waiting.reject).then(done, done);
  }
}
