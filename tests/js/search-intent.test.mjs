// Unit tests of the site search's reading of what a query asks about (wizard/assets/search-intent.js) and of
// its weight in the ranking (search-rank.js, intentEvidence and combined) (node --test, run by `make test`).
import assert from "node:assert/strict";
import { test } from "node:test";

import { cuesOf, intentOf, placesCount, placesOf } from "../../wizard/assets/search-intent.js";
import { INTENT_SCORE, combined, intentEvidence } from "../../wizard/assets/search-rank.js";

/**
 * A profile that holds only cues: one text per procedure (a/, b/, ...), as a tree's `cues` field is written.
 * @param {string[]} cues
 */
function profileOf(cues) {
  return { format: 1, gram: 4, procedures: cues.map((_, index) => `${"abcd"[index]}/`), features: {}, cues };
}

test("a tree's cues are read as lists of words, or as one Chinese word, whatever the separator", () => {
  assert.deepEqual(cuesOf("withdraw, take back; Don't want"), [["withdraw"], ["take", "back"], ["dont", "want"]]);
  assert.deepEqual(cuesOf("撤回、撤 销；不想投诉，算了"), [["撤回"], ["撤销"], ["不想投诉"], ["算了"]]);
  assert.deepEqual(cuesOf(" , "), [], "empty cues are none");
  assert.deepEqual(cuesOf("撤銷"), [["撤销"]], "a traditional character is written simplified, as the query is");
});

test("a cue is found in the query's words, in its regular forms and a few words apart", () => {
  const words = ["we", "settled", "so", "i", "pulled", "it", "all", "back"];
  assert.deepEqual(placesOf(["settle"], words, ""), [["word", 1, 1]], "settled is a form of settle");
  assert.deepEqual(placesOf(["pull", "back"], words, ""), [["word", 4, 7]], "two words between the cue's words");
  assert.deepEqual(placesOf(["pull", "back"], ["pulled", "it", "all", "the", "way", "back"], ""), [], "four");
  assert.deepEqual(placesOf(["back", "pull"], words, ""), [], "the cue's words in another order");
  assert.deepEqual(placesOf(["set"], words, ""), [], "a word that only starts with the cue is another word");
  assert.deepEqual(placesOf(["撤回"], [], "投诉撤回了还能撤回吗"), [["han", 2, 3], ["han", 7, 8]]);
});

test("a place of the query counts once, however many cues find it", () => {
  assert.equal(placesCount([["word", 3, 3], ["word", 3, 3]]), 1, "accept and accepted in the one word");
  assert.equal(placesCount([["word", 2, 3], ["word", 3, 3]]), 1, "accepted within not accepted");
  assert.equal(placesCount([["han", 1, 2], ["han", 0, 2]]), 1, "受理 within 不受理");
  assert.equal(placesCount([["word", 1, 1], ["han", 1, 1], ["word", 4, 5]]), 3, "three places");
});

test("the query asks about the procedure whose cues it holds at the most places, if one leads", () => {
  const profile = profileOf(["withdraw, settled, take back", "accepted, details, not accepted", ""]);
  assert.equal(intentOf(profile, "we settled, how do i take my complaint back"), "a/");
  assert.equal(intentOf(profile, "was my complaint not accepted? which details"), "b/",
    "accepted within not accepted counts once: two places, not three");
  assert.equal(intentOf(profile, "withdraw a complaint after it was accepted"), null, "one place each: a tie");
  assert.equal(intentOf(profile, "my complaint"), null, "no cue");
  assert.equal(intentOf({ ...profile, cues: undefined }, "withdraw"), null, "a profile without cues");
});

test("the procedure a query asks about adds INTENT_SCORE to each of its pages, beside the profile", async () => {
  const page = (/** @type {string} */ id) => ({ id, score: 1, data: async () => ({}) });
  const module = {
    filters: async () => ({ procedure: { "a/": 1, "b/": 1 } }),
    search: async (/** @type {string | null} */ _term, /** @type {any} */ options) => ({
      results: options?.filters?.procedure === "a/" ? [page("a"), page("a-guide")] : [page("b")] }),
  };
  const profile = profileOf(["withdraw, settled", "accepted"]);
  const intended = await intentEvidence(module, "we settled, withdraw it", profile);
  assert.deepEqual(intended.map(({ procedure, score }) => [procedure, score]), [["a/", INTENT_SCORE]]);
  assert.deepEqual(await intentEvidence(module, '"we settled"', profile), [], "a quoted phrase: Pagefind's alone");
  const words = { pages: new Map([["b", { result: page("b"), score: 1.5 }]]), asker: new Set() };
  const ranked = combined(words, [{ procedure: "b/", score: 0.5, pages: [page("b")] }], intended);
  const scores = Object.fromEntries(ranked.map((entry) => [entry.result.id, entry.score]));
  assert.deepEqual(scores, { a: INTENT_SCORE, "a-guide": INTENT_SCORE, b: 1.5 + 3 * 0.5 });
  assert.equal(ranked[0].result.id, "b", "words and profile that agree outweigh the intent");
  const without = combined(words, [{ procedure: "b/", score: 0.1, pages: [page("b")] }], intended);
  assert.equal(without[0].result.id, "a", "a weak reading of the words gives way to the procedure asked about");
});
