// Unit tests of the site search's weighing of words (wizard/assets/search-rank.js) (node --test, run by `make test`).
import assert from "node:assert/strict";
import { test } from "node:test";

import { combined, isGeneric, topicPhrases, wordEvidence } from "../../wizard/assets/search-rank.js";

test("a word found in every procedure is generic when another word of the query is found in fewer", () => {
  assert.equal(isGeneric(4, 1, 4), true);
  assert.equal(isGeneric(4, 3, 4), true);
  assert.equal(isGeneric(4, 4, 4), false, "every word in every procedure: nothing to prefer, each counts whole");
  assert.equal(isGeneric(2, 1, 4), false, "a word found in some of the procedures counts whole");
  assert.equal(isGeneric(1, 1, 1), false, "an edition of one procedure");
});

/**
 * A stand-in for Pagefind's module: ``words`` term -> page -> score; each page belongs to the procedure its
 * name starts with (a/, b/, c/).
 * @param {Record<string, Record<string, number>>} words
 */
function standIn(words) {
  const procedures = ["a/", "b/", "c/"];
  return {
    filters: async () => ({ procedure: Object.fromEntries(procedures.map((procedure) => [procedure, 1])) }),
    search: async (/** @type {string | null} */ term) => {
      const found = Object.entries(term === null ? {} : words[term] || {});
      const counts = Object.fromEntries(procedures.map((procedure) =>
        [procedure, found.filter(([page]) => `${page[0]}/` === procedure).length]));
      return { results: found.map(([id, score]) => ({ id, score, data: async () => ({}) })), filters: { procedure: counts } };
    },
  };
}

test("a generic word adds the same to every page that holds it, however Pagefind scores it there", async () => {
  // "my" is in every procedure, far more often on a/ (its score there ten times b/'s); "stop" on a/ and b/.
  const { pages } = await wordEvidence(standIn({ my: { a: 10, b: 1, c: 5 }, stop: { a: 1, b: 1 } }), "my stop", "en");
  const score = (/** @type {string} */ id) => pages.get(id)?.score ?? 0;
  assert.equal(score("a"), score("b"), "a/ and b/ hold both words: the generic word does not choose between them");
  assert.ok(score("c") < score("b"), "c/ lacks the specific word");
  const alone = await wordEvidence(standIn({ my: { a: 10, b: 1, c: 5 } }), "my", "en");
  assert.ok((alone.pages.get("a")?.score ?? 0) > (alone.pages.get("b")?.score ?? 0), "no specific word: it counts whole");
});

test("the profile adds the same to each page of a procedure, by its score, beside the words", () => {
  const page = (/** @type {string} */ id) => ({ id, score: 1, data: async () => ({}) });
  const words = { pages: new Map([["a", { result: page("a"), score: 2 }]]), asker: new Set(["b-guide"]) };
  const ranked = combined(words, [{ procedure: "b/", score: 1, pages: [page("b"), page("b-guide")] },
    { procedure: "a/", score: 0.5, pages: [page("a")] }]);
  const scores = Object.fromEntries(ranked.map((entry) => [entry.result.id, entry.score]));
  assert.equal(scores["a"] - 2, scores["b"] / 2, "a/ gets half what b/ gets: its profile score is half b/'s");
  assert.ok(scores["b-guide"] > scores["b"], "a page the profile adds still counts the query's viewpoint");
  assert.equal(words.pages.get("a")?.score, 2, "the words' pages are left as they were");
});

test("the topic of a Chinese query is searched after each word that picks out at most half the procedures", () => {
  // 投诉 is in all four procedures (the topic), 删除 in two, 受理 in three, "12315" is no Chinese word.
  const asked = ["投诉", "删除", "受理", "12315"];
  assert.deepEqual(topicPhrases(asked, [4, 2, 3, 2], 4, []), ['"删除投诉"']);
  assert.deepEqual(topicPhrases(asked, [4, 2, 3, 2], 4, ['"删除投诉"']), [], "a phrase already searched");
  assert.deepEqual(topicPhrases(["删除", "受理"], [2, 3], 4, []), [], "no topic: no word found in every procedure");
  assert.deepEqual(topicPhrases(asked, [1, 1, 1, 1], 1, []), [], "an edition of one procedure");
  assert.deepEqual(topicPhrases(["投诉", "删除"], [4, 0], 4, []), [], "a word found nowhere");
});
