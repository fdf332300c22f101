// The browser's reading of the procedures' profile (wizard/assets/search-profile.js), run in Node.js on texts
// given as JSON, so that Python can compare it with the build's (tests/test_search_profile.py) and score the
// bench's queries with the very code of the site (scripts/bench_search_profile.py).
//
//   node scripts/search_profile.mjs features TEXTS_JSON   TEXTS_JSON: {"gram": 4, "texts": ["...", ...]}
//                                                         (and "syllables": [...] to read pinyin, as in the
//                                                         Chinese edition's profile)
//   node scripts/search_profile.mjs scores CASES_JSON     CASES_JSON: {"profile": <profile>, "queries": ["...", ...]}
//   node scripts/search_profile.mjs reach CASES_JSON      the same: the Chinese features each query's pinyin reaches
//
// Output on stdout: `features`: [[feature, ...], ...], one list per text; `scores`: [{address: score, ...}, ...],
// one object per query, as search-rank.js gets them (traditional characters written simplified first); `reach`:
// [[feature, ...], ...], sorted, one list per query.

import { readFile } from "node:fs/promises";

import { simplified } from "../wizard/assets/search-hanzi.js";
import { featuresOf, pinyinReach, procedureScores } from "../wizard/assets/search-profile.js";

const [command, file] = process.argv.slice(2);
if (!["features", "scores", "reach"].includes(command) || !file) {
  console.error("usage: node scripts/search_profile.mjs features|scores|reach FILE_JSON");
  process.exit(2);
}
const given = JSON.parse(await readFile(file, "utf-8"));
const syllables = given.syllables ? new Set(given.syllables) : null;
/** @param {string} query @returns {string[]} */
const reach = (query) => [...new Set(featuresOf(query, given.profile.gram, new Set(given.profile.syllables))
  .flatMap((feature) => pinyinReach(given.profile, feature)))].sort();
const output = command === "features"
  ? given.texts.map((/** @type {string} */ text) => featuresOf(text, given.gram, syllables))
  : command === "reach" ? given.queries.map(reach)
  : given.queries.map((/** @type {string} */ query) =>
    Object.fromEntries(procedureScores(given.profile, simplified(query))));
process.stdout.write(JSON.stringify(output));
