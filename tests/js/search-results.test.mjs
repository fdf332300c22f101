// Unit tests of how the site search reads the pages it found (wizard/assets/search-results.js), with a stand-in
// for Pagefind's results (node --test, run by `make test`).
import assert from "node:assert/strict";
import { test } from "node:test";

import { readPages } from "../../wizard/assets/search-results.js";

const pause = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * A page as Pagefind gives it to each search: one object for the page, into which a search's data() writes that
 * search's excerpt, and which it returns a little later (Pagefind's own steps, or the other pages read with it).
 */
function samePage() {
  const shared = { url: "/procedures/withdraw-complaint/", meta: { procedure: "./" } };
  return (term, before, after) => ({
    score: 1,
    result: {
      data: async () => {
        await pause(before);
        shared.excerpt = `<mark>${term}</mark>`;
        await pause(after);
        return shared;
      },
    },
  });
}

test("two searches reading one page at once each show their own excerpt", async () => {
  // The earlier keystroke's search writes its excerpt while the later one is still reading: without one reading
  // at a time, the later query's list showed the earlier keystroke's snippet.
  const page = samePage();
  const earlier = readPages([page("with", 20, 0)]);
  const later = readPages([page("withdraw", 0, 40)]);
  const [mine, theirs] = await Promise.all([later, earlier]);
  assert.equal(mine?.[0].excerpt, "<mark>withdraw</mark>");
  assert.equal(theirs?.[0].excerpt, "<mark>with</mark>");
});

test("what a search shows is a copy that a later reading does not change", async () => {
  const page = samePage();
  const first = await readPages([page("with", 0, 0)]);
  await readPages([page("withdraw", 0, 0)]);
  assert.equal(first?.[0].excerpt, "<mark>with</mark>");
  assert.equal(first?.[0].meta?.procedure, "./");
});

test("a search that is no longer wanted when its turn comes reads nothing", async () => {
  let wanted = true;
  const page = samePage();
  const slow = readPages([page("with", 30, 0)]);
  let read = false;
  const stale = readPages([{ score: 1, result: { data: async () => { read = true; return {}; } } }], () => wanted);
  wanted = false; // a later query came while the first search read
  assert.equal(await stale, null);
  assert.ok(!read, "its pages were not read");
  assert.equal((await slow)?.[0].excerpt, "<mark>with</mark>");
});

test("a reading that fails does not stop the next", async () => {
  const failing = readPages([{ score: 1, result: { data: async () => { throw new Error("offline"); } } }]);
  await assert.rejects(failing, /offline/);
  const page = samePage();
  assert.equal((await readPages([page("withdraw", 0, 0)]))?.[0].excerpt, "<mark>withdraw</mark>");
});
