// Unit tests of the line of steps worked out in advance (node --test, run by `make test`).
import assert from "node:assert/strict";
import { test } from "node:test";

import { AheadLine } from "../../wizard/assets/wizard-ahead.js";

/** A stand-in for the worker: records what was sent, answers when the test says so. */
function worker() {
  /** @type {{message: any, answer(value: unknown): void, fail(error: Error): void}[]} */
  const sent = [];
  const send = (message) => new Promise((resolve, reject) => sent.push({ message, answer: resolve, fail: reject }));
  return { sent, send };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

test("steps asked for in advance go to the worker one at a time, in the order asked", async () => {
  const { sent, send } = worker();
  const line = new AheadLine(send);
  const first = line.ahead("a", { step: "a" });
  const second = line.ahead("b", { step: "b" });
  assert.deepEqual(sent.map((s) => s.message.step), ["a"]);
  sent[0].answer("A");
  assert.equal(await first, "A");
  await settled();
  assert.deepEqual(sent.map((s) => s.message.step), ["a", "b"]);
  sent[1].answer("B");
  assert.equal(await second, "B");
});

test("a step the reader now waits for leaves the line and is sent at once, with the same promise", async () => {
  const { sent, send } = worker();
  const line = new AheadLine(send);
  line.ahead("a", { step: "a" });
  line.ahead("b", { step: "b" });
  const wanted = line.ahead("c", { step: "c" });
  line.promote("c");
  assert.deepEqual(sent.map((s) => s.message.step), ["a", "c"], "sent before b, beside the step at work");
  sent[1].answer("C");
  assert.equal(await wanted, "C");
  line.promote("c"); // already sent: not sent again
  line.promote("unknown");
  assert.equal(sent.length, 2);
  sent[0].answer("A");
  await settled();
  assert.deepEqual(sent.map((s) => s.message.step), ["a", "c", "b"], "the line goes on with what is left");
});

test("a step that fails fails its promise only: the line goes on", async () => {
  const { sent, send } = worker();
  const line = new AheadLine(send);
  const failing = line.ahead("a", { step: "a" });
  const next = line.ahead("b", { step: "b" });
  sent[0].fail(new Error("step failed"));
  await assert.rejects(failing, /step failed/);
  await settled();
  sent[1].answer("B");
  assert.equal(await next, "B");
});

test("forgotten steps fail and are never sent", async () => {
  const { sent, send } = worker();
  const line = new AheadLine(send);
  line.ahead("a", { step: "a" });
  const waiting = line.ahead("b", { step: "b" });
  line.forget();
  await assert.rejects(waiting, /no longer needed/);
  sent[0].answer("A");
  await settled();
  assert.equal(sent.length, 1);
});
