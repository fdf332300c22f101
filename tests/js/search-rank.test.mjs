// Unit tests of the site search's weighing of words (wizard/assets/search-rank.js) (node --test, run by `make test`).
import assert from "node:assert/strict";
import { test } from "node:test";

import { shareOf, topicPhrases } from "../../wizard/assets/search-rank.js";

test("a word found in every procedure counts half when another word of the query is found in fewer", () => {
  assert.equal(shareOf(4, 1, 4), 0.5);
  assert.equal(shareOf(4, 3, 4), 0.5);
  assert.equal(shareOf(4, 4, 4), 1, "every word in every procedure: nothing to prefer, each counts whole");
  assert.equal(shareOf(2, 1, 4), 1, "a word found in some of the procedures counts whole");
  assert.equal(shareOf(1, 1, 1), 1, "an edition of one procedure");
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
