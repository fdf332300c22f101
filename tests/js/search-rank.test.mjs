// Unit tests of the site search's weighing of words (wizard/assets/search-rank.js) (node --test, run by `make test`).
import assert from "node:assert/strict";
import { test } from "node:test";

import { shareOf } from "../../wizard/assets/search-rank.js";

test("a word found in every procedure counts half when another word of the query is found in fewer", () => {
  assert.equal(shareOf(4, 1, 4), 0.5);
  assert.equal(shareOf(4, 3, 4), 0.5);
  assert.equal(shareOf(4, 4, 4), 1, "every word in every procedure: nothing to prefer, each counts whole");
  assert.equal(shareOf(2, 1, 4), 1, "a word found in some of the procedures counts whole");
  assert.equal(shareOf(1, 1, 1), 1, "an edition of one procedure");
});
