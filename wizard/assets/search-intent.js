// The site search's reading of what a query asks about: the procedure whose question its cue words name.
//
// Each tree declares its `cues` (wizard/schema.py): the words a reader uses when asking that procedure's
// question and no other's (withdraw, settled, 撤回 for withdrawing; accepted, details, 受理 for what a complaint
// must contain). The build writes them into the edition's profile (wizard/search_profile.py, `cues`), and this
// module finds them in a query. The profile and Pagefind weigh every word of a query; a long sentence's
// distinctive word is then one among many shared with other procedures ("shop", "refund", "customer"), and
// can be outvoted. A cue is read otherwise: the procedure whose cues the query holds the most of is what the
// query is about, whatever its other words (search-rank.js, INTENT_SCORE).

import { simplified } from "./search-hanzi.js";

/** @typedef {import("./search-profile.js").Profile} Profile */

// The endings of an English cue's other forms (settle: settled, settles, settling): a cue word is found in a
// query word that is the cue word followed by one of them.
const ENDINGS = ["", "s", "es", "d", "ed", "ing"];
// A cue of several words is found when its words come in order with at most this many words between them
// ("pull it back" for "pull back").
const GAP = 2;
const HAN = /\p{Script=Han}/u;
// The separators of a tree's list of cues: commas and semicolons, in either script, and the enumeration comma.
const SEPARATORS = /[,;，；、]/u;

/**
 * The cues of a tree's `cues` text, each as its words (lower-case, traditional characters simplified): a
 * Chinese cue is one word, matched as a part of the query.
 * @param {string} text
 * @returns {string[][]}
 */
export function cuesOf(text) {
  return text.split(SEPARATORS).map((cue) => simplified(cue).normalize("NFKC").toLocaleLowerCase().trim())
    .filter((cue) => cue).map((cue) => (HAN.test(cue) ? [cue.replace(/\s+/gu, "")] : wordsIn(cue)));
}

/**
 * The words of a lower-case text: runs of letters and digits, an apostrophe within a word dropped (don't is
 * dont, as readers often type it).
 * @param {string} text
 * @returns {string[]}
 */
function wordsIn(text) {
  return text.replace(/['’]/gu, "").split(/[^\p{L}\p{N}]+/u).filter((word) => word);
}

/**
 * Whether the query word is the cue word or one of its forms (ENDINGS).
 * @param {string} word
 * @param {string} cue
 */
function formOf(word, cue) {
  return word.startsWith(cue) && ENDINGS.includes(word.slice(cue.length));
}

/**
 * Where the query holds the cue, as spans `[kind, first, last]`: a Chinese cue (kind "han") as part of the
 * query's text without spaces (first and last: its characters' places there); an English one (kind "word") as
 * its words in order, a few words apart at most (GAP; first and last: the query words' places).
 * @param {string[]} cue
 * @param {string[]} words  the query's words, lower-case
 * @param {string} text  the query's text without spaces, lower-case
 * @returns {[string, number, number][]}
 */
export function placesOf(cue, words, text) {
  /** @type {[string, number, number][]} */
  const found = [];
  if (HAN.test(cue[0])) {
    for (let at = text.indexOf(cue[0]); at >= 0; at = text.indexOf(cue[0], at + 1)) {
      found.push(["han", at, at + cue[0].length - 1]);
    }
    return found;
  }
  for (let start = 0; start < words.length; start += 1) {
    if (!formOf(words[start], cue[0])) continue;
    let at = start;
    const rest = cue.slice(1).every((part) => {
      const next = words.slice(at + 1, at + 2 + GAP).findIndex((word) => formOf(word, part));
      at += next + 1;
      return next >= 0;
    });
    if (rest) found.push(["word", start, at]);
  }
  return found;
}

/**
 * How many places of the query the spans name: a span that lies within another (accepted within "not
 * accepted", 受理 within 不受理), or is the same as another (accept and accepted both found in "accepted"), is
 * the same place, so that a tree that lists a word with its forms or in a longer cue counts it once.
 * @param {[string, number, number][]} spans
 */
export function placesCount(spans) {
  const within = (/** @type {[string, number, number]} */ inner, /** @type {[string, number, number]} */ outer) =>
    inner[0] === outer[0] && outer[1] <= inner[1] && inner[2] <= outer[2];
  const distinct = [...new Map(spans.map((span) => [span.join(" "), span])).values()];
  return distinct.filter((span) => !distinct.some((other) => other !== span && within(span, other))).length;
}

/** @type {WeakMap<Profile, string[][][]>} each profile's procedures' cues, read once (a search runs per keystroke) */
const parsed = new WeakMap();

/**
 * The cues of each procedure of the profile (`cuesOf`), read on its first query; null when it has none.
 * @param {Profile} profile
 * @returns {string[][][] | null}
 */
function parsedCues(profile) {
  if (!profile.cues) return null;
  let cued = parsed.get(profile);
  if (!cued) {
    cued = profile.cues.map(cuesOf);
    parsed.set(profile, cued);
  }
  return cued;
}

/**
 * What the query asks about, by its cues: the procedure (its address, the `procedure` filter) whose cues it
 * holds at the most places (placesCount); none when it holds no cue, or as many of two procedures'.
 * @param {Profile} profile  with `cues`, for each procedure of `procedures` its tree's `cues` text (`cuesOf`)
 * @param {string} query  with traditional characters already written simplified (search-hanzi.js)
 * @returns {string | null}
 */
export function intentOf(profile, query) {
  const cued = parsedCues(profile);
  if (!cued) return null;
  const plain = query.normalize("NFKC").toLocaleLowerCase();
  const words = wordsIn(plain);
  const text = plain.replace(/\s+/gu, "");
  const counts = cued.map((cues) => placesCount(cues.flatMap((cue) => placesOf(cue, words, text))));
  const most = Math.max(0, ...counts);
  const leaders = counts.flatMap((count, index) => (count === most ? [index] : []));
  return most > 0 && leaders.length === 1 ? profile.procedures[leaders[0]] : null;
}
