// The site search's ranking of Pagefind's results for a reader's query.
//
// Ranking. Pagefind lists only the pages that hold every word of a query, and readers type sentences ("the
// seller refunded me can I stop my complaint"): one word that no page holds, or that the right page happens
// not to use, and the right page is gone. So each word of the query is searched apiece (search-terms.js), and
// a page scores the sum over the words of the word's score on it relative to its best page (Pagefind's BM25):
// each word counts at most 1. (Summed raw, on a site of a few dozen pages, "my" or "will", found on procedure
// pages only, scored as high as the word that named the procedure, and a sentence's small words outvoted it.)
// A word found in every procedure counts GENERIC_SCORE when another word is found in fewer; a query that speaks as a seller or as a consumer adds VIEWPOINT_SCORE to the
// pages of that audience's procedures; a typo is searched again shortened; a word in the other edition's script
// that no page of this one holds is read in the other edition (OTHER_SCRIPT). A query in quotes is Pagefind's
// exact-phrase search, as it is.
// Then what a reader wants is the procedure: a page that belongs to one (its guide) says so in its metadata
// (`procedure`: the procedure page's address, relative to the page; `procedure_title`), and its score counts
// for the procedure, whose page comes first even where the guide matched the words better (search-results.js).
// Beside the words, the procedures' profile (search-profile.js: a classifier of the query's features, made at
// build time from the trees' texts) adds up to PROFILE_SCORE to the pages of each procedure it scores, found by
// the words or not: it reads a query as a whole, typos and other forms of a word included. And what the query
// asks about (search-intent.js: the procedure whose declared cue words it holds the most of) adds INTENT_SCORE
// to that procedure's pages.

import { simplified } from "./search-hanzi.js";
import { intentOf } from "./search-intent.js";
import { procedureScores } from "./search-profile.js";
import { EXACT, HAN, termsOf, viewpointOf } from "./search-terms.js";

/**
 * @typedef {{id: string, score: number, data: () => Promise<any>}} Result
 * @typedef {{results: Result[], filters?: Record<string, Record<string, number>>}} Search
 * @typedef {{search: (term: string | null, options?: {filters: Record<string, string>}) => Promise<Search>,
 *   filters: () => Promise<Record<string, Record<string, number>>>}} Index
 * @typedef {{result: Result, score: number}} Ranked
 * @typedef {import("./search-profile.js").Profile} Profile
 * @typedef {{pages: Map<string, Ranked>, asker: Set<string>}} Words  the pages the words found, and the viewpoint's
 * @typedef {{procedure: string, score: number, pages: Result[]}} Profiled  a procedure the profile scores (or that
 *   the query asks about: intentEvidence), and its pages
 */

// What a phrase of two neighbouring words adds to a page that holds it, in words: less than one, as its words
// are mostly counted apiece too (需要满足 on a page that happens to say it must not outweigh 条件). A phrase of
// two lone characters is one word that the browser split (天 猫, 卖 家): it counts as a word.
const PHRASE_SCORE = 0.3;
// A word found in the pages of every procedure of the edition ("complaint", "my", 投诉) says the query is
// about complaints, not which procedure it wants: when the query also has a word that picks some procedures
// out, such a word adds this much to each page that holds it, whatever its score there, and the specific words
// and the profile decide. (Its score relative to its best page, capped at this, was the rule before the
// eleventh round: on a long query the small words' scores, which say how long a page is and how often it
// happens to say "to" or "give", summed to more than the profile's difference between two procedures and
// outvoted it. A graded share for a word found in some of the procedures, 1 for one down to this for all, was
// measured and left out: words that say nothing of a procedure but happen to be on one page, "now", "gave",
// then decided, and tuned queries were lost; so was a weight by rarity across procedures, ln(1 + n / found).)
const GENERIC_SCORE = 0.5;
// What a query that speaks as one side (search-terms.js, viewpointOf: 被投诉 and "my shop" are a seller's words)
// adds to the pages of the procedures written for that audience (the trees' `audience`, a Pagefind filter that
// overrides/main.html writes): half a word, enough to choose between procedures its words fit alike (every
// procedure says 被投诉), not to outweigh a word that names another.
const VIEWPOINT_SCORE = 0.5;
// A lone Chinese character the reader typed as a word (撤 of 怎么撤, 告 of 不告了) finds every word that starts
// with it (撤回, 撤销, 撤诉; but also 告诉, 警告): searched alone, it adds at most this much to a page.
const LONE_CAP = 0.5;
// A typo ("complant", "harrased") matches no procedure's page: the word is searched again by its first letters
// (also with doubled letters made single), one fewer at a time, down to half the word and TYPO_MIN letters (no
// fewer: "pagefind", a word of the contributors' pages, must not become "page"). Whether any page holds it
// cannot tell: Pagefind matches a one-letter word of a page ("c=") as the start of one it does not know.
const TYPO = /^\p{Script=Latin}{5,}$/u;
const TYPO_MIN = 5;
// A word of the other edition's language ("cancel" in 投诉怎么cancel) finds no procedure's page of this edition:
// the trees' words for it are in the other edition (the English keywords: cancel, undo, revoke for withdraw). It
// is searched there, and counts for this edition's pages of the procedures it finds there, by their score there:
// both editions file a page under the same procedure address (the `procedure` filter), so no procedure is named
// here. Only a word in the other edition's script, so that a word merely missing here does not load it.
const OTHER_SCRIPT = { zh: /^\p{Script=Latin}{2,}$/u, en: /^\p{Script=Han}+$/u };
// What the profile adds to the pages of the procedure it scores best (less to the others, by their score; less
// to every procedure when the query holds words no tree holds), in words: three. Chosen with GENERIC_SCORE's
// rule on the bench's held-out sets (docs/performance.md, "Search quality"): 2.5 to 4 read within a point of
// each other, 1.5 (the tenth round's, when the small words' scores still varied) and 5 lower.
export const PROFILE_SCORE = 3;
// What the procedure a query asks about (search-intent.js, intentOf: its tree's cues) adds to its pages, in
// words: two. A long sentence's distinctive word is one among many that other procedures share ("shop",
// "refund", "accepted"), which Pagefind and the profile weigh alike; a cue says what the sentence is about.
// Chosen on the bench's seen held-out sets (docs/performance.md, "Search quality"): 1.5 to 4 read the same, 1
// half a point lower, 0.5 a point lower; kept under the profile's 3, so that where the words and the profile
// agree on another procedure, they still win.
export const INTENT_SCORE = 2;
// The procedures the profile adds to, best first: each is one more search (of its pages) on a large site.
const PROFILE_PROCEDURES = 10;

/**
 * The phrases that the query's topic makes with its other Chinese words, in the order the trees write them. A
 * Chinese reader often names the thing first, then what to do with it (投诉 可以 删除 吗: topic, then comment),
 * where the trees write the verb before its object (删除投诉, 取消投诉). A word found in the pages of every
 * procedure (投诉) is such a topic: each word of the query found in fewer procedures is also searched followed by
 * it, as a phrase (PHRASE_SCORE), so that where the verb is also another procedure's in another sense (删除 a
 * listing), the procedure whose text holds the two together comes first.
 * @param {string[]} asked  the words searched apiece
 * @param {number[]} found  for each of them, how many procedures their search found
 * @param {number} procedures  the procedures of the edition
 * @param {string[]} phrases  the phrases already searched
 * @returns {string[]}
 */
export function topicPhrases(asked, found, procedures, phrases) {
  if (procedures < 2) return [];
  const chinese = (/** @type {number} */ i) => HAN.test(asked[i]) && !asked[i].startsWith('"');
  const topics = asked.filter((_, i) => chinese(i) && found[i] === procedures);
  const others = asked.filter((_, i) => chinese(i) && found[i] > 0 && found[i] * 2 <= procedures);
  return others.flatMap((word) => topics.map((topic) => `"${word}${topic}"`))
    .filter((phrase) => !phrases.includes(phrase));
}

/**
 * How many procedures a search found pages of: the values of the `procedure` filter (overrides/main.html
 * files each page of a procedure under it) among its results.
 * @param {Search} search
 */
function proceduresFound(search) {
  const counts = (search.filters && search.filters.procedure) || {};
  return Object.values(counts).filter((count) => count > 0).length;
}

/** @type {WeakMap<Index, Promise<number>>} index -> the promise of its number of procedures, once asked for */
const procedureCounts = new WeakMap();
/** @param {Index} module */
function proceduresInEdition(module) {
  let count = procedureCounts.get(module);
  if (!count) {
    count = module.filters().then((all) => Object.keys(all.procedure || {}).length);
    procedureCounts.set(module, count);
  }
  return count;
}

/**
 * Whether a word found in the pages of ``count`` procedures says only that the query is about complaints (see
 * GENERIC_SCORE), when the word of the query found in the fewest is found in ``fewest``.
 * @param {number} count
 * @param {number} fewest
 * @param {number} procedures  the procedures of the edition
 */
export function isGeneric(count, fewest, procedures) {
  return procedures > 1 && count === procedures && fewest < procedures;
}

/** @type {WeakMap<Index, Map<string, Promise<Result[]>>>} index -> filter=value -> the promise of its pages */
const filedPages = new WeakMap();
/**
 * The pages filed under ``value`` of the filter ``filter`` (a search of the filter alone): the pages of the
 * procedures written for an audience (`audience`), or of one procedure (`procedure`).
 * @param {Index} module
 * @param {string} filter
 * @param {string} value
 * @returns {Promise<Result[]>}
 */
function pagesFiled(module, filter, value) {
  const known = filedPages.get(module) || new Map();
  filedPages.set(module, known);
  let pages = known.get(`${filter}=${value}`);
  if (!pages) {
    pages = module.search(null, { filters: { [filter]: value } }).then((search) => search.results);
    known.set(`${filter}=${value}`, pages);
  }
  return pages;
}

/**
 * The search of a word that found no procedure's page, retried shortened (see TYPO), with the spelling searched;
 * as it was if none helps.
 * @param {Index} module
 * @param {string} word
 * @param {Search} search
 * @returns {Promise<[string, Search]>}
 */
async function respelt(module, word, search) {
  if (!TYPO.test(word) || proceduresFound(search)) return [word, search];
  const shortest = Math.max(TYPO_MIN, Math.ceil(word.length / 2));
  for (const spelling of new Set([word, word.replace(/(\p{L})\1/gu, "$1")])) {
    for (let length = spelling.length - 1; length >= shortest; length -= 1) {
      const shorter = await module.search(spelling.slice(0, length));
      if (proceduresFound(shorter)) return [spelling.slice(0, length), shorter];
    }
  }
  return [word, search];
}

/**
 * The search of a word that found no procedure's page of this edition, read in the other edition (see
 * OTHER_SCRIPT): this edition's pages of each procedure the word finds there, each with the procedure's best
 * score there; as it was when the word is in this edition's script, finds no procedure there either, or there
 * is no other edition.
 * @param {Index} module
 * @param {string} word
 * @param {Search} search
 * @param {string} lang
 * @param {(() => Promise<Index | null>) | undefined} otherEdition
 * @returns {Promise<Search>}
 */
async function readElsewhere(module, word, search, lang, otherEdition) {
  const script = OTHER_SCRIPT[/** @type {"en" | "zh"} */ (lang)];
  if (!otherEdition || !script || !script.test(word) || proceduresFound(search)) return search;
  const other = await otherEdition();
  if (!other) return search;
  const [term, there] = await respelt(other, word, await other.search(word));
  const counts = (there.filters && there.filters.procedure) || {};
  const procedures = Object.keys(counts).filter((procedure) => counts[procedure] > 0);
  const results = (await Promise.all(procedures.map(async (procedure) => {
    const found = await other.search(term, { filters: { procedure } });
    const score = Math.max(0, ...found.results.map((result) => result.score));
    const pages = await pagesFiled(module, "procedure", procedure);
    return pages.map((page) => ({ id: page.id, data: page.data, score }));
  }))).flat();
  return results.length ? { results, filters: { procedure: counts } } : search;
}

/**
 * What Pagefind finds for the query's words: each page found, with its score for the words (see "Ranking"
 * above) and the viewpoint's share, unordered; and the pages of the procedures written for the query's
 * viewpoint (VIEWPOINT_SCORE), which a page the profile adds gets too.
 * @param {Index} module
 * @param {string} query
 * @param {string} lang
 * @param {() => Promise<Index | null>} [otherEdition]
 * @returns {Promise<Words>}
 */
export async function wordEvidence(module, query, lang, otherEdition) {
  const { terms, phrases, split, lone } = termsOf(query, lang);
  // A query of one word is searched as typed; one with lone characters or function words, without them.
  const asked = terms.length > 1 || phrases.length ? terms : [simplified(query)];
  const alone = asked.includes(simplified(query)) ? [] : lone;
  // First: Pagefind counts a search's filters only once their index is loaded, which filters() does.
  const procedures = await proceduresInEdition(module);
  const searched = [...asked, ...alone, ...phrases];
  const phrasesFrom = asked.length + alone.length;
  const searches = await Promise.all(searched.map(async (term, index) => {
    const search = await module.search(term);
    if (index >= asked.length) return search;
    const [, tolerant] = await respelt(module, term, search);
    return readElsewhere(module, term, tolerant, lang, otherEdition);
  }));
  const topical = topicPhrases(asked, searches.map(proceduresFound).slice(0, asked.length), procedures, phrases);
  searched.push(...topical);
  searches.push(...await Promise.all(topical.map((phrase) => module.search(phrase))));
  const found = searches.map(proceduresFound);
  const fewest = Math.min(procedures, ...found.filter((count) => count > 0));
  const viewpoint = viewpointOf(query);
  const asker = new Set(viewpoint ? (await pagesFiled(module, "audience", viewpoint)).map((page) => page.id) : []);
  /** @type {Map<string, Ranked>} */
  const pages = new Map();
  searches.forEach((search, index) => {
    const best = Math.max(...search.results.map((result) => result.score)) || 1;
    const phrase = split.has(searched[index]) ? 1 : PHRASE_SCORE;
    const generic = isGeneric(found[index], fewest, procedures);
    for (const result of search.results) {
      const page = entryOf(pages, result, asker);
      const relative = result.score / best;
      const score = index >= phrasesFrom ? phrase : index >= asked.length ? Math.min(relative, LONE_CAP) : relative;
      page.score += generic ? GENERIC_SCORE : score;
      pages.set(result.id, page);
    }
  });
  return { pages, asker };
}

/**
 * A page's entry in `pages`: the one it has, or a new one starting at the viewpoint's share (VIEWPOINT_SCORE) when
 * it is a page of the procedures written for the query's viewpoint (`asker`), else at 0. Not yet put in `pages`.
 * @param {Map<string, Ranked>} pages
 * @param {Result} result
 * @param {Set<string>} asker
 * @returns {Ranked}
 */
function entryOf(pages, result, asker) {
  return pages.get(result.id) || { result, score: asker.has(result.id) ? VIEWPOINT_SCORE : 0 };
}

/**
 * The procedures' profile (search-profile.js) for the query, best first (PROFILE_PROCEDURES of them), each with
 * its pages: none for a query in quotes (an exact phrase: Pagefind's answer alone) or without a profile.
 * @param {Index} module
 * @param {string} query
 * @param {Profile | null | undefined} profile
 * @returns {Promise<Profiled[]>}
 */
export async function profileEvidence(module, query, profile) {
  const scores = profile && !EXACT.test(query) ? procedureScores(profile, simplified(query)) : new Map();
  const profiled = [...scores].sort((a, b) => b[1] - a[1]).slice(0, PROFILE_PROCEDURES);
  const filed = await Promise.all(profiled.map(([procedure]) => pagesFiled(module, "procedure", procedure)));
  return profiled.map(([procedure, score], index) => ({ procedure, score, pages: filed[index] }));
}

/**
 * The procedure the query asks about (search-intent.js), with its pages and INTENT_SCORE as its score; none for
 * a query in quotes, without a profile, or that holds no procedure's cues more than another's.
 * @param {Index} module
 * @param {string} query
 * @param {Profile | null | undefined} profile
 * @returns {Promise<Profiled[]>}
 */
export async function intentEvidence(module, query, profile) {
  const procedure = profile && !EXACT.test(query) ? intentOf(profile, simplified(query)) : null;
  if (!procedure) return [];
  return [{ procedure, score: INTENT_SCORE, pages: await pagesFiled(module, "procedure", procedure) }];
}

/**
 * Pagefind's results for any of the query's words, best first (see "Ranking" above).
 * @param {Index} module  Pagefind's module, or a stand-in that answers the same (tests/browser/test_search_ranking.py)
 * @param {string} query
 * @param {string} lang  the page's language ("en", "zh"): how the query is split into words
 * @param {() => Promise<Index | null>} [otherEdition]  the other language's index, loaded when first asked for
 *   (see OTHER_SCRIPT)
 * @param {Profile | null} [profile]  the edition's procedures' profile (see PROFILE_SCORE); none: words alone
 * @returns {Promise<Ranked[]>}
 */
export async function rankPages(module, query, lang, otherEdition, profile) {
  const [words, profiled, intended] = await Promise.all([wordEvidence(module, query, lang, otherEdition),
    profileEvidence(module, query, profile), intentEvidence(module, query, profile)]);
  return combined(words, profiled, intended);
}

/**
 * The pages found by the words, the profile's procedures' pages and the asked procedure's, best first: each
 * page scores its words' score, plus PROFILE_SCORE times its procedure's profile score, plus INTENT_SCORE when
 * its procedure is the one the query asks about.
 * @param {Words} words  wordEvidence's pages (not changed)
 * @param {Profiled[]} profiled  profileEvidence's procedures
 * @param {Profiled[]} [intended]  intentEvidence's procedure, if any (its score already in words)
 * @returns {Ranked[]}
 */
export function combined(words, profiled, intended = []) {
  /** @type {Map<string, Ranked>} */
  const ranked = new Map([...words.pages].map(([id, page]) => [id, { ...page }]));
  const evidence = [...profiled.map((found) => ({ ...found, score: PROFILE_SCORE * found.score })), ...intended];
  for (const { score, pages: filed } of evidence) {
    for (const result of filed) {
      const page = entryOf(ranked, result, words.asker);
      page.score += score;
      ranked.set(result.id, page);
    }
  }
  return [...ranked.values()].sort((a, b) => b.score - a.score);
}
