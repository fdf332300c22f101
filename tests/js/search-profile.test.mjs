// Unit tests of the procedures' profile in the browser (wizard/assets/search-profile.js) and of what the ranking
// does with it (wizard/assets/search-rank.js, PROFILE_SCORE) (node --test, run by `make test`).
import assert from "node:assert/strict";
import { test } from "node:test";

import { featuresOf, procedureScores } from "../../wizard/assets/search-profile.js";
import { rankPages } from "../../wizard/assets/search-rank.js";

/**
 * A profile of the build's shape (wizard/search_profile.py) for procedures a/ and b/: feature -> weights.
 * @param {Record<string, Record<string, number>>} weights
 */
function profileOf(weights) {
  const procedures = ["a/", "b/"];
  const features = Object.fromEntries(Object.entries(weights).map(([feature, by]) =>
    [feature, Object.entries(by).flatMap(([procedure, weight]) => [procedures.indexOf(procedure), weight])]));
  return { format: 1, gram: 4, procedures, features };
}

test("a text is cut into words, their letter grams, Chinese characters and pairs", () => {
  assert.deepEqual(featuresOf("Undo 12315", 4), ["_undo_", "_und", "undo", "ndo_", "_12315_"]);
  assert.deepEqual(featuresOf("撤回，投诉", 4), ["撤", "回", "撤回", "投", "诉", "投诉"]);
  assert.deepEqual(featuresOf("ＵＮＤＯ", 4).slice(0, 1), ["_undo_"], "full-width letters read as plain ones");
});

test("each procedure scores relative to the best, times the share of the query the trees hold", () => {
  // Words of two letters: no letter grams (`_up_` is all of them).
  const profile = profileOf({ _up_: { "a/": 4, "b/": 1 }, _my_: { "a/": 1, "b/": 1 } });
  const scores = procedureScores(profile, "up my");
  assert.equal(scores.get("a/"), 1, "every feature of the query is known: the best procedure scores 1");
  assert.equal(scores.get("b/"), 2 / 5);
  // A word no tree holds counts as the rarest of features (ln 3 of two procedures; the others ln 2 each).
  const known = 2 * Math.log(2) / (2 * Math.log(2) + Math.log(3));
  const partly = procedureScores(profile, "up my zz");
  assert.equal(partly.get("a/"), known);
  assert.equal(partly.get("b/"), (2 / 5) * known);
  assert.equal(procedureScores(profile, "zz").size, 0, "nothing known: no score");
  assert.equal(procedureScores(profileOf({ _up_: { "a/": 1 } }), "up").has("b/"), false, "a 0 is left out");
});

/**
 * A stand-in for Pagefind's module (as tests/browser/test_search_ranking.py's): ``words`` term -> page -> score;
 * each page belongs to the procedure its name starts with, a/ or b/; `filters()` lists both.
 * @param {Record<string, Record<string, number>>} words
 */
function standIn(words) {
  const procedureOf = (/** @type {string} */ page) => `${page[0]}/`;
  const pages = ["a", "a-guide", "b", "other"];
  return {
    filters: async () => ({ procedure: { "a/": 2, "b/": 1 } }),
    search: async (/** @type {string | null} */ term, /** @type {any} */ options) => {
      if (term === null) {
        const wanted = pages.filter((page) => page !== "other" && procedureOf(page) === options.filters.procedure);
        return { results: wanted.map((id) => ({ id, score: 0, data: async () => ({}) })), filters: {} };
      }
      const found = Object.entries(words[term] || {});
      const counts = { "a/": 0, "b/": 0 };
      for (const [page] of found) if (page !== "other") counts[/** @type {"a/" | "b/"} */ (procedureOf(page))] += 1;
      return { results: found.map(([id, score]) => ({ id, score, data: async () => ({}) })), filters: { procedure: counts } };
    },
  };
}

test("the profile adds to every page of the procedures it scores, found by the words or not", async () => {
  const profile = profileOf({ _up_: { "a/": 4, "b/": 1 } });
  // Pagefind finds the word on b/ alone (a page that happens to say it): the profile puts a/ first.
  const words = { up: { b: 1 } };
  const ranked = await rankPages(standIn(words), "up", "en", undefined, profile);
  assert.deepEqual(ranked.map((page) => page.result.id), ["a", "a-guide", "b"]);
  assert.equal(ranked[1].score, ranked[0].score, "PROFILE_SCORE to each page of the best procedure");
  assert.equal(ranked[2].score, 1 + ranked[0].score / 4, "b/: its word, and a quarter of it (a quarter of a/'s)");
  const alone = await rankPages(standIn(words), "up", "en", undefined, null);
  assert.deepEqual(alone.map((page) => page.result.id), ["b"], "without a profile: the words alone");
});

test("a query in quotes is Pagefind's exact phrase, without the profile", async () => {
  const profile = profileOf({ _up_: { "a/": 3 } });
  const ranked = await rankPages(standIn({ '"up"': { b: 1 } }), '"up"', "en", undefined, profile);
  assert.deepEqual(ranked.map((page) => page.result.id), ["b"]);
});
