// Unit tests of the steps the page keeps within a budget (node --test, run by `make test`).
import assert from "node:assert/strict";
import { test } from "node:test";

import { RecentSteps } from "../../wizard/assets/wizard-recent.js";

const settled = () => new Promise((resolve) => setImmediate(resolve));
/** A kept step whose screen is `size` characters long. */
const screen = (size) => Promise.resolve({ html: "x".repeat(size) });
const sizeOf = (value) => value.html.length;

test("the same key gives the same promise back", async () => {
  const recent = new RecentSteps(100, sizeOf);
  const promise = screen(10);
  recent.set("a", promise);
  assert.equal(recent.get("a"), promise);
  assert.equal(recent.get("b"), undefined);
});

test("past the budget, the least recently used steps go first", async () => {
  const recent = new RecentSteps(100, sizeOf);
  recent.set("a", screen(40));
  recent.set("b", screen(40));
  await settled();
  recent.get("a"); // used again: now b is the oldest
  recent.set("c", screen(40));
  await settled();
  assert.deepEqual([...recent.entries.keys()], ["a", "c"]);
  assert.equal(recent.size, 80);
});

test("a step larger than the budget is kept while it is the most recent", async () => {
  const recent = new RecentSteps(100, sizeOf);
  recent.set("a", screen(30));
  recent.set("big", screen(500));
  await settled();
  assert.deepEqual([...recent.entries.keys()], ["big"]);
  recent.set("c", screen(10));
  await settled();
  assert.deepEqual([...recent.entries.keys()], ["c"], "the big one goes once another is newer");
});

test("a step still on its way is never let go (that would send its request twice)", async () => {
  const recent = new RecentSteps(50, sizeOf);
  /** @type {(value: {html: string}) => void} */
  let answer = () => {};
  const waiting = new Promise((resolve) => {
    answer = resolve;
  });
  recent.set("waiting", waiting);
  recent.set("a", screen(40));
  recent.set("b", screen(40));
  await settled();
  assert.deepEqual([...recent.entries.keys()], ["waiting", "b"]);
  answer({ html: "y".repeat(5) });
  await settled();
  assert.equal(recent.size, 45);
});

test("a step that fails is forgotten, and a newer try for the same key is not", async () => {
  const recent = new RecentSteps(100, sizeOf);
  const failing = Promise.reject(new Error("no"));
  failing.catch(() => {});
  recent.set("a", failing);
  await settled();
  assert.equal(recent.get("a"), undefined);
  /** @type {(error: Error) => void} */
  let fail = () => {};
  const first = new Promise((_, reject) => {
    fail = reject;
  });
  first.catch(() => {});
  recent.set("b", first);
  const second = screen(10);
  recent.set("b", second); // replaced before the first failed
  fail(new Error("late"));
  await settled();
  assert.equal(recent.get("b"), second);
  assert.equal(recent.size, 10);
});

test("clear lets everything go", async () => {
  const recent = new RecentSteps(100, sizeOf);
  recent.set("a", screen(10));
  await settled();
  recent.clear();
  assert.equal(recent.get("a"), undefined);
  assert.equal(recent.size, 0);
});
