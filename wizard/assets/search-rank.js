// The site search's ranking of Pagefind's results for a reader's query.
//
// Ranking. Pagefind lists only the pages that hold every word of a query, and readers type sentences ("the
// seller refunded me can I stop my complaint"): one word that no page holds, or that the right page happens
// not to use, and the right page is gone. So each word of the query is searched apiece (search-terms.js), and
// a page scores the sum over the words of the word's score on it relative to its best page (Pagefind's BM25):
// each word counts at most 1. (Summed raw, on a site of a few dozen pages, "my" or "will", found on procedure
// pages only, scored as high as the word that named the procedure, and a sentence's small words outvoted it.)
// A word found in every procedure counts at most GENERIC_CAP when another word is found in fewer; a query that speaks as a seller or as a consumer adds VIEWPOINT_SCORE to the
// pages of that audience's procedures; a typo is searched again shortened. A query in quotes is Pagefind's
// exact-phrase search, as it is.
// Then what a reader wants is the procedure: a page that belongs to one (its guide) says so in its metadata
// (`procedure`: the procedure page's address, relative to the page; `procedure_title`), and its score counts
// for the procedure, whose page comes first even where the guide matched the words better (search-results.js).

import { simplified } from "./search-hanzi.js";
import { termsOf, viewpointOf } from "./search-terms.js";

/**
 * @typedef {{id: string, score: number, data: () => Promise<any>}} Result
 * @typedef {{results: Result[], filters?: Record<string, Record<string, number>>}} Search
 * @typedef {{search: (term: string | null, options?: {filters: Record<string, string>}) => Promise<Search>,
 *   filters: () => Promise<Record<string, Record<string, number>>>}} Index
 * @typedef {{result: Result, score: number}} Ranked
 */

// What a phrase of two neighbouring words adds to a page that holds it, in words: less than one, as its words
// are mostly counted apiece too (需要满足 on a page that happens to say it must not outweigh 条件). A phrase of
// two lone characters is one word that the browser split (天 猫, 卖 家): it counts as a word.
const PHRASE_SCORE = 0.3;
// A word found in the pages of every procedure of the edition ("complaint", "my", 投诉) says the query is
// about complaints, not which procedure it wants: when the query also has a word that picks some procedures
// out, such a word adds at most this much to a page, and the specific word decides. (A graded share for a word
// found in some of the procedures, 1 for one down to this for all, was measured and left out: words that say
// nothing of a procedure but happen to be on one page, "now", "gave", then decided, and tuned queries were lost.)
const GENERIC_CAP = 0.5;
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
 * The most a word found in the pages of ``count`` procedures adds to a page, when the word of the query found in
 * the fewest is found in ``fewest`` (see GENERIC_CAP).
 * @param {number} count
 * @param {number} fewest
 * @param {number} procedures  the procedures of the edition
 */
export function shareOf(count, fewest, procedures) {
  return procedures > 1 && count === procedures && fewest < procedures ? GENERIC_CAP : 1;
}

/** @type {WeakMap<Index, Map<string, Promise<Set<string>>>>} index -> audience -> the promise of its pages' ids */
const audiencePages = new WeakMap();
/**
 * The pages of the procedures written for ``audience`` (a search of the `audience` filter alone).
 * @param {Index} module
 * @param {string} audience
 */
function pagesFor(module, audience) {
  const known = audiencePages.get(module) || new Map();
  audiencePages.set(module, known);
  let pages = known.get(audience);
  if (!pages) {
    pages = module.search(null, { filters: { audience } })
      .then((search) => new Set(search.results.map((result) => result.id)));
    known.set(audience, pages);
  }
  return pages;
}

/**
 * The search of a word that found no procedure's page, retried shortened (see TYPO); as it was if none helps.
 * @param {Index} module
 * @param {string} word
 * @param {Search} search
 * @returns {Promise<Search>}
 */
async function spellingTolerant(module, word, search) {
  if (!TYPO.test(word) || proceduresFound(search)) return search;
  const shortest = Math.max(TYPO_MIN, Math.ceil(word.length / 2));
  for (const spelling of new Set([word, word.replace(/(\p{L})\1/gu, "$1")])) {
    for (let length = spelling.length - 1; length >= shortest; length -= 1) {
      const shorter = await module.search(spelling.slice(0, length));
      if (proceduresFound(shorter)) return shorter;
    }
  }
  return search;
}

/**
 * Pagefind's results for any of the query's words, best first (see "Ranking" above).
 * @param {Index} module  Pagefind's module, or a stand-in that answers the same (tests/browser/test_search_ranking.py)
 * @param {string} query
 * @param {string} lang  the page's language ("en", "zh"): how the query is split into words
 * @returns {Promise<Ranked[]>}
 */
export async function rankPages(module, query, lang) {
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
    return index < asked.length ? spellingTolerant(module, term, search) : search;
  }));
  const found = searches.map(proceduresFound);
  const fewest = Math.min(procedures, ...found.filter((count) => count > 0));
  const viewpoint = viewpointOf(query);
  const asker = viewpoint ? await pagesFor(module, viewpoint) : new Set();
  /** @type {Map<string, Ranked>} */
  const pages = new Map();
  searches.forEach((search, index) => {
    const best = Math.max(...search.results.map((result) => result.score)) || 1;
    const phrase = split.has(searched[index]) ? 1 : PHRASE_SCORE;
    const share = shareOf(found[index], fewest, procedures);
    for (const result of search.results) {
      const page = pages.get(result.id) || { result, score: asker.has(result.id) ? VIEWPOINT_SCORE : 0 };
      const relative = result.score / best;
      const score = index >= phrasesFrom ? phrase : index >= asked.length ? Math.min(relative, LONE_CAP) : relative;
      page.score += Math.min(score, share);
      pages.set(result.id, page);
    }
  });
  return [...pages.values()].sort((a, b) => b.score - a.score);
}
