// Recourse site search: the header's search box, answered by Pagefind's index of the built site.
//
// The index is made from the built HTML folder (wizard/search_index.py), whatever generator built it, into
// `pagefind/` at the site's root: one index per language, and Pagefind searches the one of the page's
// <html lang>. This module sits in `assets/wizard/` at the same root, so the index is found from the module's
// own address, on every page of every edition. Pagefind's files are plain same-origin static files.
// Its parts: search-terms.js reads a query, search-intent.js what it asks about, search-rank.js ranks the pages
// found, search-results.js shows them.
//
// The contract (for tests, and for any theme):
//   [data-search-input]    the text field; a search runs on every `input` event (typing, pasting, dropping,
//                          autofill) and at the end of an input method's composition (`compositionend`)
//   [data-search-results]  the list of results, in rank order: one <li> per result, whose first link (the
//                          <a> that is a child of the <li>) is the result. A result is a procedure or a page:
//                          the pages that belong to a procedure (its guide) are one result with it, the
//                          procedure page first, and each such page a secondary link inside the same <li>
//                          (`.rc-search-also a`, after the result's own link, in the tab order too)
//   [data-search-status]   (optional) a line that says what the list shows
//   [data-search-chinese]  (optional, on the input) the Chinese edition's address, given on editions in
//                          another language: a query in Chinese characters there also offers a link to it
//   [data-search-profile]  (optional, on the input) the address of the edition's procedures' profile
//                          (wizard/search_profile.py), which the ranking reads beside Pagefind's index
//   ?q=<query>             in a page's address: the search box opens with this query and its results
//
// An ES module, so it runs once per page address; with Material's instant navigation, once per tab (the
// header, and so the box, stays).

import { rankPages } from "./search-rank.js";
import { byProcedure, chineseEditionItem, readPages, resultItem } from "./search-results.js";
import { HAN } from "./search-terms.js";

/**
 * @typedef {{input: HTMLInputElement, results: Element, status: Element | null}} Parts
 * @typedef {{hint?: string, none?: string, count: (count: number) => string, failed?: string,
 *   chinese?: string, also?: string}} Words
 */

const BUNDLE = new URL("../../pagefind/pagefind.js", import.meta.url).href;
const MAX_RESULTS = 10;
const lang = (document.documentElement.lang || "en").toLowerCase().startsWith("zh") ? "zh" : "en";

/**
 * The words of the search box, in the page's language: the [search] words of its vocabulary
 * (wizard/core/languages/<code>.toml), carried by the box's data-search-words (overrides/partials/search.html).
 * A word with plural forms takes the form that the browser's CLDR rules (Intl.PluralRules) pick for the count.
 * @returns {Words}
 */
function readWords() {
  const carrier = document.querySelector("[data-search-words]");
  const carried = carrier ? JSON.parse(carrier.getAttribute("data-search-words") || "{}") : {};
  /** @param {number} count */
  const counted = (count) => {
    let category = "other";
    try {
      category = new Intl.PluralRules(carried.language || "en").select(count);
    } catch (error) {
      // a language code this browser does not know: the general form
    }
    const forms = carried.search_count || {};
    return String(forms[category] ?? forms.other ?? "").replace("{count}", String(count));
  };
  return {
    hint: carried.search_hint,
    none: carried.search_none,
    count: counted,
    failed: carried.search_failed,
    chinese: carried.search_chinese,
    also: carried.search_also,
  };
}

// The other language's edition, whose index a word of its script is read in (search-rank.js, OTHER_SCRIPT).
const OTHER_LANGUAGE = { en: "zh", zh: "en" }[lang];

/** @type {Words} */
let words = { count: String };
/** @type {Promise<any> | null} the promise of Pagefind's module, once asked for */
let pagefind = null;
let latest = 0; // the number of the latest search: an older one that ends later is dropped

function load() {
  if (!pagefind) {
    pagefind = import(BUNDLE).then(async (module) => {
      // Ranking (Pagefind's BM25): `pageLength` 0.25 (default 0.75), so that a long page is not pushed down
      // for its length alone, the hand-written guides and glossary being several times a procedure page's
      // length. The other parameters keep their defaults: `termSimilarity` 3 (fewer points for a word that
      // only starts with the one typed) changed no query of bench/search-queries.yaml.
      await module.options({ excerptLength: 24, ranking: { pageLength: 0.25 } });
      await module.init();
      return module;
    });
  }
  return pagefind;
}

/** @type {Promise<import("./search-profile.js").Profile | null> | null} the edition's profile, once asked for */
let profile = null;

/**
 * The edition's procedures' profile (search-rank.js, PROFILE_SCORE), fetched once from ``address``; null when
 * the box names none or it cannot be had: the search then ranks by the words alone.
 * @param {string | undefined} address
 */
function loadProfile(address) {
  if (!profile) {
    profile = !address ? Promise.resolve(null) : fetch(address)
      .then((response) => (response.ok ? response.json() : null))
      .then((read) => (read && read.format === 1 ? read : null))
      .catch((error) => {
        console.warn("The search profile could not be loaded:", error);
        return null;
      });
  }
  return profile;
}

/** @type {Promise<any> | null} the promise of an instance of Pagefind with the other edition's index */
let otherEdition = null;

/**
 * A second Pagefind instance that also searches the other language's index of the same bundle (Pagefind's
 * `mergeIndex` with a `language`), made when a query first needs it; null if it cannot be had.
 */
function loadOtherEdition() {
  if (!otherEdition) {
    otherEdition = load().then(async (module) => {
      const instance = module.createInstance();
      await instance.options({ ranking: { pageLength: 0.25 } });
      // The bundle's full address: Pagefind skips an index whose address starts like its primary one's (its
      // own path), taking it for the index it already has, whatever the language asked for.
      await instance.mergeIndex(new URL("../../pagefind/", import.meta.url).href, { language: OTHER_LANGUAGE });
      await instance.init();
      await instance.filters(); // its searches count the `procedure` filter only once these are loaded
      return instance;
    }).catch((error) => {
      console.warn("The other edition's search index could not be loaded:", error);
      return null;
    });
  }
  return otherEdition;
}

/**
 * @param {Parts} parts
 * @param {string} query
 * @param {string | undefined} status
 * @param {Element[]} items
 */
function show(parts, query, status, items) {
  if (parts.status) parts.status.textContent = status || "";
  parts.results.replaceChildren(...items);
  if (parts.results instanceof HTMLElement) parts.results.dataset.searchQuery = query;
}

/** @param {Parts} parts */
async function run(parts) {
  const query = parts.input.value.trim();
  const number = ++latest;
  if (!query) {
    show(parts, "", words.hint, []);
    return;
  }
  const chinese = parts.input.dataset.searchChinese;
  const elsewhere = chinese && lang !== "zh" && HAN.test(query)
    ? chineseEditionItem(chinese, words.chinese || "", query) : null;
  let found;
  try {
    const module = await load();
    const known = await loadProfile(parts.input.dataset.searchProfile);
    const ranked = await rankPages(module, query, lang, loadOtherEdition, known);
    const pages = await readPages(ranked, () => number === latest);
    if (!pages) return; // the reader typed on meanwhile
    found = byProcedure(pages).slice(0, MAX_RESULTS);
  } catch (error) {
    if (number === latest) show(parts, query, words.failed, elsewhere ? [elsewhere] : []);
    throw error;
  }
  if (number !== latest) return; // the reader typed on meanwhile
  const items = found.map((group) => resultItem(group, words.also || ""));
  if (elsewhere) items.unshift(elsewhere);
  show(parts, query, found.length ? words.count(found.length) : words.none, items);
}

/** @param {Parts} parts */
function open(parts) {
  // Material shows its search dialog while its `__search` toggle is ticked.
  const toggle = document.getElementById("__search");
  if (toggle instanceof HTMLInputElement && !toggle.checked) toggle.checked = true;
  load().catch(() => {});
  loadProfile(parts.input.dataset.searchProfile);
  if (parts.status && !parts.input.value) parts.status.textContent = words.hint || "";
}

/** @param {Parts} parts */
function close(parts) {
  const toggle = document.getElementById("__search");
  if (toggle instanceof HTMLInputElement) toggle.checked = false;
  parts.input.blur();
}

/** @param {HTMLInputElement} input */
function mount(input) {
  const root = input.closest("[data-search]") || document;
  const results = root.querySelector("[data-search-results]");
  if (!results) return;
  /** @type {Parts} */
  const parts = { input, results, status: root.querySelector("[data-search-status]") };
  const search = () => run(parts).catch((error) => console.warn("Search failed:", error));
  input.addEventListener("focus", () => open(parts));
  // Each keystroke, a paste, a drop or an autofill is an `input` event. While an input method composes
  // (pinyin, say), its `input` events carry the unfinished letters; the finished words come with
  // `compositionend`, which some browsers send after the last `input` event.
  input.addEventListener("input", (event) => {
    if (!(event instanceof InputEvent && event.isComposing)) search();
  });
  input.addEventListener("compositionend", search);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close(parts);
  });
  const form = input.form;
  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault(); // nothing is sent anywhere: Enter opens the first result
      const first = parts.results.querySelector("a");
      if (first) first.click();
    });
    form.addEventListener("reset", () => setTimeout(search, 0));
  }
  const toggle = document.getElementById("__search");
  if (toggle) toggle.addEventListener("change", () => {
    if (toggle instanceof HTMLInputElement && toggle.checked) input.focus();
  });
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    open(parts);
    search();
  }
}

/** @type {any} */ (window).__recourseSearch ??= (() => {
  // Marks the tab as served; and the ranking, which tests run on a stand-in index (tests/browser/test_search.py).
  words = readWords();
  document.querySelectorAll("[data-search-input]").forEach((input) => {
    if (input instanceof HTMLInputElement) mount(input);
  });
  // `other`: a stand-in for the other edition's index, if the test gives one; `known`: a stand-in profile.
  return {
    rankPages: (/** @type {any} */ module, /** @type {string} */ query, /** @type {any} */ other,
      /** @type {any} */ known) => rankPages(module, query, lang, other ? async () => other : undefined, known),
  };
})();
