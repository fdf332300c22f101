// The site search's profile of each procedure (wizard/search_profile.py): which procedure a query's features
// speak of, as a TF-IDF classifier made at build time from the trees' own texts. search-rank.js adds its score
// to the pages of each procedure, beside what Pagefind finds for the query's words.
//
// The features are cut as the build cuts the trees' texts (wizard/search_profile.py, `features`; a test runs
// both on the same texts): lower-cased words and their letter n-grams (a typo or another form of a word still
// shares most of them), Chinese characters and pairs of characters (no segmenter: a pair is found whichever
// way the reader cut the words). In the Chinese edition, whose profile carries the pinyin syllables and the
// characters that read each (`syllables`, `readings`: wizard/search_pinyin.py), a Latin word that splits wholly
// into syllables also gives pinyin features, each syllable and each pair of neighbouring syllables, which the
// scoring reads as the characters and pairs of characters that read so.

/**
 * @typedef {{format: number, gram: number, procedures: string[], features: Record<string, number[]>,
 *   syllables?: string[], readings?: Record<string, string>, cues?: string[]}} Profile  `cues`: each procedure's
 *   tree's `cues` text (search-intent.js)
 */

const WORD = /[0-9a-z]+/g;
const DIGITS = /^[0-9]+$/;
const HAN = /[\u3400-\u9fff]+/g;
// The mark of a pinyin feature: no word feature holds it, so the syllable "an" never meets the word "an".
const MARK = "'";
// A word read as pinyin: syllables of letters, each perhaps followed by its tone's digit (che4xiao1; 0 or 5 for
// the neutral tone). Words of pinyin follow one another across spaces, apostrophes (xi'an) and hyphens.
const PINYIN_WORD = /^(?:[a-z]+[0-5]?)+$/;
const TONE_DIGIT = /[0-5]/;
const JOINER = /^[\s'’-]*$/;
// The longest syllable's length (zhuang): how far the splitter looks ahead.
const LONGEST = 6;

/**
 * The features of a text, as many times as it holds each: every word as `_word_` and, unless it is a number,
 * each `gram` letters of `_word_`; every Chinese character and every pair of neighbouring characters.
 * With `syllables` (the profile's, as a set), also the pinyin features of the text's Latin words that split
 * into syllables (`pinyinFeatures`), which the profile holds as the characters they read as (`pinyinWeights`).
 * @param {string} text
 * @param {number} gram
 * @param {ReadonlySet<string> | null} [syllables]
 * @returns {string[]}
 */
export function featuresOf(text, gram, syllables = null) {
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
  if (syllables) found.push(...pinyinFeatures(plain, syllables));
  return found;
}

/**
 * A word split wholly into pinyin syllables, or null when it does not split. Of several splits, the one whose
 * first syllable is longest, then the second's, and so on (xian is xian, not xi an; fangan is fang an; a
 * reader who means 西安 types xi'an or xi an, as pinyin writes it). ü is typed v, or u where u makes no
 * syllable (lue is lve, 略; lu stays lu, 路).
 * @param {string} word  lower-case letters
 * @param {ReadonlySet<string>} syllables
 * @returns {string[] | null}
 */
export function splitPinyin(word, syllables) {
  /** @type {Set<number>} positions from which the rest of the word does not split */
  const dead = new Set();
  /** @type {string[]} */
  const found = [];
  /** @param {number} start @returns {boolean} */
  const splitFrom = (start) => {
    if (start === word.length) return true;
    if (dead.has(start)) return false;
    for (let end = Math.min(word.length, start + LONGEST); end > start; end -= 1) {
      const typed = word.slice(start, end);
      const syllable = syllables.has(typed) ? typed : typed.replaceAll("u", "v");
      if (!syllables.has(syllable)) continue;
      found.push(syllable);
      if (splitFrom(end)) return true;
      found.pop();
    }
    dead.add(start);
    return false;
  };
  return splitFrom(0) ? found : null;
}

/**
 * The pinyin features of a text's Latin words (lower-case, NFKC): of each run of words that split into
 * syllables (`splitPinyin`; tone marks and tone digits dropped), each syllable as `'syllable` and each pair of
 * neighbouring syllables as `'first'second`.
 * @param {string} plain
 * @param {ReadonlySet<string>} syllables
 * @returns {string[]}
 */
export function pinyinFeatures(plain, syllables) {
  return pinyinWords(plain, syllables).flatMap(({ features }) => features);
}

/**
 * The text's Latin words that split into syllables, each with its pinyin features: its syllables and the pairs
 * that end in them (the first one's pair with the previous word's last syllable, when only spaces, an
 * apostrophe or a hyphen part them).
 * @param {string} plain  lower-case, NFKC
 * @param {ReadonlySet<string>} syllables
 * @returns {{word: string, features: string[]}[]}
 */
function pinyinWords(plain, syllables) {
  // Tone marks off (ǎ is a), ü (and ǚ...) written v as pypinyin writes it.
  const toneless = plain.normalize("NFD").replace(/u\u0308/g, "v").replace(/[\u0300-\u036f]/g, "");
  /** @type {{word: string, features: string[]}[]} */
  const found = [];
  /** @type {string | null} the last syllable of the run of pinyin words so far */
  let previous = null;
  let end = 0;
  for (const match of toneless.matchAll(WORD)) {
    const [word] = match;
    const start = match.index ?? 0;
    if (!JOINER.test(toneless.slice(end, start))) previous = null;
    end = start + word.length;
    const split = PINYIN_WORD.test(word) ? splitWord(word, syllables) : null;
    if (!split) {
      previous = null;
      continue;
    }
    /** @type {string[]} */
    const features = [];
    for (const syllable of split) {
      features.push(MARK + syllable);
      if (previous) features.push(MARK + previous + MARK + syllable);
      previous = syllable;
    }
    found.push({ word, features });
  }
  return found;
}

/**
 * A word, perhaps with tone digits, split into syllables: each digit ends a syllable.
 * @param {string} word
 * @param {ReadonlySet<string>} syllables
 * @returns {string[] | null}
 */
function splitWord(word, syllables) {
  /** @type {string[]} */
  const found = [];
  for (const piece of word.split(TONE_DIGIT)) {
    if (!piece) continue;
    const split = splitPinyin(piece, syllables);
    if (!split) return null;
    found.push(...split);
  }
  return found;
}

/** @typedef {{syllables: ReadonlySet<string>, readings: Map<string, string[]>}} Pinyin */

/** @type {WeakMap<Profile, Pinyin | null>} each profile's pinyin, read once */
const pinyinOfProfile = new WeakMap();

/**
 * The profile's pinyin: its syllables as a set and the characters of each syllable, or null when it holds none
 * (an edition without pinyin).
 * @param {Profile} profile
 * @returns {Pinyin | null}
 */
function pinyinOf(profile) {
  if (!pinyinOfProfile.has(profile)) {
    pinyinOfProfile.set(profile, profile.syllables && profile.readings ? {
      syllables: new Set(profile.syllables),
      readings: new Map(Object.entries(profile.readings).map(([syllable, read]) => [syllable, Array.from(read)])),
    } : null);
  }
  return pinyinOfProfile.get(profile) ?? null;
}

/**
 * The Chinese features a pinyin feature stands for: of a syllable, the characters that read so; of a pair of
 * syllables, the pairs of such characters. Only those the profile holds.
 * @param {Profile} profile
 * @param {string} feature  `'syllable` or `'first'second`
 * @returns {string[]}
 */
export function pinyinReach(profile, feature) {
  const readings = pinyinOf(profile)?.readings;
  if (!readings) return [];
  const [first, second] = feature.slice(MARK.length).split(MARK).map((syllable) => readings.get(syllable) ?? []);
  const reached = second ? first.flatMap((one) => second.map((two) => one + two)) : first;
  return reached.filter((han) => Object.hasOwn(profile.features, han));
}

/**
 * A pinyin feature's weights, as the profile's (`[procedure index, weight, ...]`), or null when it reaches no
 * feature: for each procedure, the most any feature it stands for weighs there (a polyphonic syllable, shi,
 * counts as the one character of the procedure it best fits, not as all of them).
 * @param {Profile} profile
 * @param {string} feature
 * @returns {number[] | null}
 */
function pinyinWeights(profile, feature) {
  /** @type {Map<number, number>} */
  const most = new Map();
  for (const han of pinyinReach(profile, feature)) {
    const found = profile.features[han];
    for (let i = 0; i + 1 < found.length; i += 2) most.set(found[i], Math.max(most.get(found[i]) ?? 0, found[i + 1]));
  }
  return most.size ? [...most].flat() : null;
}

/**
 * How much the profile says a query is about each procedure, from 0 to 1: the procedure's sum of the weights of
 * the query's features (each once), relative to the best procedure's, times the share of the query that the
 * trees speak of at all (each feature counted by its rarity; one no tree holds as the rarest). So a query of
 * words no tree holds (the contributors' pages' "pagefind") scores little for every procedure, and a typo of a
 * tree's word, whose n-grams the trees hold, nearly as much as the word. A word read as pinyin counts as its
 * reading when that reaches a character: its own word features that no tree holds are then not counted (the
 * trees hold no pinyin word, and that would leave a query in pinyin a small share), and a pinyin feature that
 * reaches no character is never counted. Procedures scoring 0 are left out.
 * @param {Profile} profile
 * @param {string} query  with traditional characters already written simplified (search-hanzi.js)
 * @returns {Map<string, number>}  procedure address (the `procedure` filter) -> its score
 */
export function procedureScores(profile, query) {
  const count = profile.procedures.length;
  const sums = new Array(count).fill(0);
  const syllables = pinyinOf(profile)?.syllables;
  /** @type {Set<string>} the word features of the words read as pinyin whose reading reaches a character */
  const readAsPinyin = new Set(syllables ? pinyinWords(query.normalize("NFKC").toLowerCase(), syllables)
    .filter(({ features }) => features.some((feature) => pinyinReach(profile, feature).length))
    .flatMap(({ word }) => featuresOf(word, profile.gram)) : []);
  let asked = 0;
  let known = 0;
  for (const feature of new Set(featuresOf(query, profile.gram, syllables))) {
    const found = feature.startsWith(MARK) ? pinyinWeights(profile, feature)
      : Object.hasOwn(profile.features, feature) ? profile.features[feature] : null;
    // A pinyin feature that reaches nothing is a reading of a word that was likely no pinyin ("he", "men" of an
    // English query): the word's own features count what the trees do not know of it. A word read as pinyin
    // counts by its reading, not as a word no tree holds.
    if (!found && (feature.startsWith(MARK) || readAsPinyin.has(feature))) continue;
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
