// Unit tests of the engine snapshot's storage format (node --test, run by `make test`).
import assert from "node:assert/strict";
import { test } from "node:test";

import { PAGE_BYTES, packPages, unpackPages } from "../../wizard/assets/snapshot-pages.js";

/** A snapshot-like buffer: runs of zero pages, pages of data, a zero byte run inside a data page, a short tail. */
function sample() {
  const bytes = new Uint8Array(PAGE_BYTES * 9 + 123);
  for (const page of [0, 3, 4, 8]) {
    for (let index = 0; index < PAGE_BYTES; index += 7) bytes[page * PAGE_BYTES + index] = (index * 31 + page) % 251 || 1;
  }
  bytes[6 * PAGE_BYTES + PAGE_BYTES - 1] = 9; // a page whose only non-zero byte is its last
  bytes[bytes.length - 1] = 5; // the short last page
  return bytes;
}

async function packed(bytes) {
  return (await packPages(bytes).arrayBuffer());
}

test("a snapshot packed and unpacked is the same bytes, its pages of zeros left out", async () => {
  const bytes = sample();
  const stored = await packed(bytes);
  assert.deepEqual(unpackPages(stored), bytes);
  // Six pages hold data (0, 3, 4, 6, 8 and the short tail): the four others are not stored.
  const header = 4 * (4 + 6);
  assert.equal(stored.byteLength, header + 5 * PAGE_BYTES + 123);
});

test("a snapshot of zeros only, of no bytes, and one not aligned to words pack and unpack", async () => {
  for (const bytes of [new Uint8Array(PAGE_BYTES * 3), new Uint8Array(0), new Uint8Array(PAGE_BYTES + 3).fill(7)]) {
    assert.deepEqual(unpackPages(await packed(bytes)), bytes);
  }
  // A view that does not start on a word boundary of its buffer.
  const outer = new Uint8Array(PAGE_BYTES * 2 + 1);
  outer.fill(3, 1);
  const view = outer.subarray(1);
  assert.deepEqual(unpackPages(await packed(view)), view);
});

test("anything but a whole copy in this format is refused, never unpacked into wrong memory", async () => {
  const stored = new Uint8Array(await packed(sample()));
  const refuse = (bytes, why) => assert.throws(() => unpackPages(bytes.buffer.slice(0)), Error, why);
  refuse(new Uint8Array([1, 2, 3]), "too short for a header");
  refuse(new Uint8Array(4096).map((_, index) => (index * 13) % 256), "random bytes");
  refuse(stored.slice(0, stored.length - 1), "cut short by one byte");
  refuse(stored.slice(0, 40), "cut short after the header");
  const padded = new Uint8Array(stored.length + 1);
  padded.set(stored);
  refuse(padded, "a byte after the last page");
  const otherFormat = stored.slice();
  otherFormat[4] = 2;
  refuse(otherFormat, "another format");
  const disordered = stored.slice();
  new DataView(disordered.buffer).setUint32(4 * 5, 0, true); // the second page number equal to the first
  refuse(disordered, "pages out of order");
  const outside = stored.slice();
  new DataView(outside.buffer).setUint32(4 * 4, 99, true);
  refuse(outside, "a page past the snapshot's end");
});
