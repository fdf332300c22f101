// The site search's profile of each procedure (wizard/search_profile.py): which procedure a query's features
// speak of, as a TF-IDF classifier made at build time from the trees' own texts. search-rank.js adds its score
// to the pages of each procedure, beside what Pagefind finds for the query's words.
//
// The features are cut as the build cuts the trees' texts (wizard/search_profile.py, `features`; a test runs
// both on the same texts): lower-cased words and their letter n-grams (a typo or another form of a word still
// shares most of them), Chinese characters and pairs of characters (no segmenter: a pair is found whichever
// way the reader cut the words).

/**
 * @typedef {{format: number, gram: number, procedures: string[], features: Record<string, number[]>}} Profile
 */

const WORD = /[0-9a-z]+/g;
const DIGITS = /^[0-9]+$/;
const HAN = /[\u3400-\u9fff]+/g;

/**
 * The features of a text, as many times as it holds each: every word as `_word_` and, unless it is a number,
 * each `gram` letters of `_word_`; every Chinese character and every pair of neighbouring characters.
 * @param {string} text
 * @param {number} gram
 * @returns {string[]}
 */
export function featuresOf(text, gram) {
  const plain = text.normalize("NFKC").toLowerCase();
  /** @type {string[]} */
  const found = [];
  for (const [word] of plain.matchAll(WORD)) {
    const padded = `_${word}_`;
    found.push(padded);
    if (DIGITS.test(word) || padded.length <= gram) continue;
    for (let start = 0; start + gram <= padded.length; start += 1) found.push(padded.slice(start, start + gram));
  }
  for (const [run] of plain.matchAll(HAN)) {
    const characters = Array.from(run);
    found.push(...characters);
    for (let start = 0; start + 1 < characters.length; start += 1) found.push(characters[start] + characters[start + 1]);
  }
  return found;
}

/**
 * How much the profile says a query is about each procedure, from 0 to 1: the procedure's sum of the weights of
 * the query's features (each once), relative to the best procedure's, times the share of the query that the
 * trees speak of at all (each feature counted by its rarity; one no tree holds as the rarest). So a query of
 * words no tree holds (the contributors' pages' "pagefind") scores little for every procedure, and a typo of a
 * tree's word, whose n-grams the trees hold, nearly as much as the word. Procedures scoring 0 are left out.
 * @param {Profile} profile
 * @param {string} query  with traditional characters already written simplified (search-hanzi.js)
 * @returns {Map<string, number>}  procedure address (the `procedure` filter) -> its score
 */
export function procedureScores(profile, query) {
  const count = profile.procedures.length;
  const sums = new Array(count).fill(0);
  let asked = 0;
  let known = 0;
  for (const feature of new Set(featuresOf(query, profile.gram))) {
    const found = Object.hasOwn(profile.features, feature) ? profile.features[feature] : null;
    // The rarity of the build's weights (wizard/search_profile.py): ln(1 + n / df), df at least 1.
    const rarity = Math.log(1 + count / Math.max(1, found ? found.length / 2 : 1));
    asked += rarity;
    if (!found) continue;
    known += rarity;
    for (let i = 0; i + 1 < found.length; i += 2) sums[found[i]] += found[i + 1];
  }
  const best = Math.max(0, ...sums);
  /** @type {Map<string, number>} */
  const scores = new Map();
  if (best <= 0) return scores;
  sums.forEach((sum, index) => {
    if (sum > 0) scores.set(profile.procedures[index], (sum / best) * (known / asked));
  });
  return scores;
}
