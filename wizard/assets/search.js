// Recourse site search: the header's search box, answered by Pagefind's index of the built site.
//
// The index is made from the built HTML folder (wizard/search_index.py), whatever generator built it, into
// `pagefind/` at the site's root: one index per language, and Pagefind searches the one of the page's
// <html lang>. This file sits in `assets/wizard/` at the same root, so the index is found from this script's
// own address, on every page of every edition. Pagefind's files are plain same-origin static files.
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
//   ?q=<query>             in a page's address: the search box opens with this query and its results
//
// Ranking. Pagefind lists only the pages that hold every word of a query, and readers type sentences ("the
// seller refunded me can I stop my complaint"): one word that no page holds, or that the right page happens
// not to use, and the right page is gone. So each word of the query is searched apiece, and a page scores the
// sum over the words of the word's score on it relative to its best page (Pagefind's BM25): each word counts at
// most 1. (Summed raw, on a site of a few dozen pages, "my" or "will", found on procedure pages only, scored
// as high as the word that named the procedure, and a sentence's small words outvoted it.) A word found in
// every procedure counts at most GENERIC_CAP; a typo is searched again shortened. A query in quotes is
// Pagefind's exact-phrase search, as it is.
// Then what a reader wants is the procedure: a page that belongs to one (its guide) says so in its
// metadata (`procedure`: the procedure page's address, relative to the page; `procedure_title`), and its
// score counts for the procedure, whose page comes first even where the guide matched the words better.
//
// With Material's instant navigation this file runs once per tab; the header, and so the box, stays.
(function () {
  "use strict";

  if (window.__recourseSearch) return;
  // Marks the tab as served; and the ranking, which tests run on a stand-in index (tests/browser/test_search.py).
  window.__recourseSearch = { rankPages: (module, query) => rankPages(module, query) };

  const BUNDLE = new URL("../../pagefind/pagefind.js", document.currentScript.src).href;
  const MAX_RESULTS = 10;
  // How many of the best-scoring pages are read to make the results (a procedure's pages become one result).
  const CANDIDATES = 24;
  // The words of a long query searched apiece: the first ones (a sentence's words beyond are rarely needed).
  const MAX_TERMS = 10;
  const HAN = /\p{Script=Han}/u;
  // A word of one letter (English "a", "I") matches as a prefix of every word with that letter first.
  const LONE_LETTER = /^\p{Script=Latin}$/u;
  const EXACT = /^\s*".+"\s*$/;
  // A Chinese word of one character ("信" of 投诉信, "填") matches, in Pagefind's index, every word that
  // holds it (短信, 信用, 填写): it is searched only as part of a phrase with its neighbour (PHRASE_SCORE).
  const LONE_HAN = /^\p{Script=Han}$/u;
  // The Chinese words that hold a reader's sentence together. On a site of a few dozen pages the rarity that
  // should make them count for little does not show: "我的" is on few pages, and often many times on one.
  // (English needs no such list: "my", "will" and "what" are on every procedure's pages, so GENERIC_CAP keeps
  // them small; taken out, they cost more queries than they won.) 怎么办 is one even when split as 怎么 and 办.
  const STOP_WORDS = new Set([
    "我", "我的", "你", "你的", "他", "她", "它", "的", "了", "吗", "呢", "吧", "啊", "是", "在", "有", "被",
    "把", "给", "和", "与", "或", "就", "都", "也", "还", "又", "再", "要", "会", "能", "可以", "怎么", "怎样",
    "如何", "什么", "为什么", "哪些", "多少", "几", "不", "没", "没有", "不要", "这", "那", "该", "应该",
    "怎么办", "怎么样",
  ]);
  // What a phrase of two neighbouring words adds to a page that holds it, in words: less than one, as its words
  // are mostly counted apiece too (需要满足 on a page that happens to say it must not outweigh 条件). A phrase of
  // two lone characters is one word that the browser split (天 猫, 卖 家): it counts as a word.
  const PHRASE_SCORE = 0.3;
  // A word found in the pages of every procedure of the edition ("complaint", "my", 投诉) says the query is
  // about complaints, not which procedure it wants: when the query also has a word that picks some procedures
  // out, such a word adds at most this much to a page, and the specific word decides.
  const GENERIC_CAP = 0.5;
  // A typo ("complant", "harrased") matches no procedure's page: the word is searched again by its first letters
  // (also with doubled letters made single), one fewer at a time, down to half the word and TYPO_MIN letters (no
  // fewer: "pagefind", a word of the contributors' pages, must not become "page"). Whether any page holds it
  // cannot tell: Pagefind matches a one-letter word of a page ("c=") as the start of one it does not know.
  const TYPO = /^\p{Script=Latin}{5,}$/u;
  const TYPO_MIN = 5;
  // How much of its score a page that belongs to no procedure (the home, glossary and contributors' pages)
  // keeps in the ranking: readers look for a procedure, and a page about the site that quotes a reader's
  // words (the search bench's queries, the authoring guide's examples) ranks below one that answers them.
  const OTHER_PAGES = 0.5;

  // The words of the search box, in the page's language: the [search] words of its vocabulary
  // (wizard/core/languages/<code>.toml), carried by the box's data-search-words (overrides/partials/search.html),
  // read when the boxes are mounted. A word with plural forms takes the form that the browser's CLDR rules
  // (Intl.PluralRules) pick for the count.
  const words = {};
  function readWords() {
    const carrier = document.querySelector("[data-search-words]");
    const carried = carrier ? JSON.parse(carrier.getAttribute("data-search-words") || "{}") : {};
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
    Object.assign(words, {
      hint: carried.search_hint,
      none: carried.search_none,
      count: counted,
      failed: carried.search_failed,
      chinese: carried.search_chinese,
      also: carried.search_also,
    });
  }
  const lang = (document.documentElement.lang || "en").toLowerCase().startsWith("zh") ? "zh" : "en";

  let pagefind = null; // the promise of Pagefind's module, once asked for
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

  // Pagefind's excerpt and title are HTML: the page's text, escaped, with <mark> around the words found.
  // Only text and <mark> are kept, as new nodes, so nothing else a page holds can reach the list.
  function safeText(html) {
    const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body;
    const fragment = document.createDocumentFragment();
    for (const node of parsed.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        fragment.append(mark);
      } else {
        fragment.append(document.createTextNode(node.textContent));
      }
    }
    return fragment;
  }

  // The words of a query in their order: split as Pagefind splits them (Intl.Segmenter in the page's
  // language, which also finds the words of Chinese text), lower-cased.
  function wordsOf(query) {
    const words = typeof Intl.Segmenter === "function"
      ? Array.from(new Intl.Segmenter(lang, { granularity: "word" }).segment(query))
        .filter((part) => part.isWordLike).map((part) => part.segment)
      : query.split(/\s+/);
    return words.map((word) => word.toLocaleLowerCase()).filter((word) => word);
  }

  // A word that says what the reader is after, as opposed to one that only holds the sentence together.
  function meaningful(word) {
    return !LONE_LETTER.test(word) && !LONE_HAN.test(word) && !STOP_WORDS.has(word);
  }

  // The words of a query searched apiece (see "Ranking" above), once each, and the pairs of neighbouring
  // Chinese words searched as phrases, in the order the reader typed them.
  function termsOf(query) {
    const words = wordsOf(query);
    const unique = [...new Set(words)];
    const chosen = unique.filter(meaningful);
    const terms = (chosen.length ? chosen : unique).slice(0, MAX_TERMS);
    const pairs = new Set();
    const split = new Set(); // the pairs that are one word split in two
    for (let i = 1; i < words.length && pairs.size < MAX_TERMS; i += 1) {
      const [first, second] = [words[i - 1], words[i]];
      // Chinese only: there the browser's and the indexer's split of a word can differ (卖家 may come as 卖 and
      // 家), and a phrase finds the word whichever way it was split; English words are the same either way. A
      // pair with a word that only holds the sentence together is no phrase to look for, unless the other is a
      // lone character, which is searched only in a phrase (填 of 要填什么: 填什么).
      if (!HAN.test(first) || !HAN.test(second)) continue;
      const lone = [first, second].some((word) => LONE_HAN.test(word) && !STOP_WORDS.has(word));
      if (!lone && (STOP_WORDS.has(first) || STOP_WORDS.has(second))) continue;
      if (STOP_WORDS.has(first + second)) continue; // a function word split in two (怎么 办)
      pairs.add(`"${first}${second}"`);
      if (LONE_HAN.test(first) && LONE_HAN.test(second)) split.add(`"${first}${second}"`);
    }
    return { terms, phrases: terms.length > 1 || words.length > 1 ? [...pairs] : [], split };
  }

  // How many procedures a search found pages of: the values of the `procedure` filter (overrides/main.html
  // files each page of a procedure under it) among its results.
  function proceduresFound(search) {
    const counts = (search.filters && search.filters.procedure) || {};
    return Object.values(counts).filter((count) => count > 0).length;
  }

  const procedureCounts = new WeakMap(); // index -> the promise of its number of procedures, once asked for
  function proceduresInEdition(module) {
    if (!procedureCounts.has(module)) {
      procedureCounts.set(module, module.filters().then((all) => Object.keys(all.procedure || {}).length));
    }
    return procedureCounts.get(module);
  }

  // The search of a word that found no procedure's page, retried shortened (see TYPO); as it was if none helps.
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

  // Pagefind's results for any of the query's words, best first: [{result, score}] (see "Ranking" above).
  async function rankPages(module, query) {
    const { terms, phrases, split } = EXACT.test(query) ? { terms: [query], phrases: [], split: new Set() }
      : termsOf(query);
    // A query of one word is searched as typed; one with lone characters or function words, without them.
    const asked = terms.length > 1 || phrases.length ? terms : [query];
    // First: Pagefind counts a search's filters only once their index is loaded, which filters() does.
    const procedures = await proceduresInEdition(module);
    const searches = await Promise.all([...asked, ...phrases].map(async (term, index) => {
      const search = await module.search(term);
      return index < asked.length ? spellingTolerant(module, term, search) : search;
    }));
    const found = searches.map(proceduresFound);
    const generic = found.map((count) => procedures > 1 && count === procedures);
    const capped = found.some((count, index) => count > 0 && !generic[index]);
    const pages = new Map();
    const searched = [...asked, ...phrases];
    searches.forEach((search, index) => {
      const best = Math.max(...search.results.map((result) => result.score)) || 1;
      const phrase = split.has(searched[index]) ? 1 : PHRASE_SCORE;
      for (const result of search.results) {
        const page = pages.get(result.id) || { result, score: 0 };
        const score = index >= asked.length ? phrase : result.score / best;
        page.score += capped && generic[index] ? Math.min(score, GENERIC_CAP) : score;
        pages.set(result.id, page);
      }
    });
    return [...pages.values()].sort((a, b) => b.score - a.score);
  }

  // The best-scoring pages read (title, excerpt, metadata), best first once a page that belongs to no procedure
  // counts OTHER_PAGES of its score: [page data].
  async function readPages(ranked) {
    const read = await Promise.all(ranked.slice(0, CANDIDATES).map(async (page) => {
      const data = await page.result.data();
      return { data, score: data.meta && data.meta.procedure ? page.score : page.score * OTHER_PAGES };
    }));
    return read.sort((a, b) => b.score - a.score).map((page) => page.data);
  }

  // The results as readers get them: the pages of one procedure as one result, led by the procedure page.
  // [{url, title, excerpt, also: [page data]}], in rank order; a group ranks where its best page ranks.
  function byProcedure(found) {
    const groups = new Map();
    for (const data of found) {
      const own = new URL(data.url, location.href).href;
      const procedure = data.meta && data.meta.procedure ? new URL(data.meta.procedure, own).href : own;
      let group = groups.get(procedure);
      if (!group) {
        group = { url: procedure, title: data.meta && data.meta.procedure_title, excerpt: "", also: [] };
        groups.set(procedure, group);
      }
      if (own === procedure) {
        group.title = (data.meta && data.meta.title) || data.url;
        group.excerpt = data.excerpt || "";
      } else {
        group.also.push(data);
      }
    }
    return [...groups.values()];
  }

  function article(title, excerpt) {
    const block = document.createElement("article");
    block.className = "md-search-result__article md-typeset";
    const heading = document.createElement("h1");
    heading.append(safeText(title));
    block.append(heading);
    if (excerpt) {
      const text = document.createElement("p");
      text.append(safeText(excerpt));
      block.append(text);
    }
    return block;
  }

  function resultItem(group) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = group.url;
    link.append(article(group.title || group.url, group.excerpt));
    item.append(link);
    for (const data of group.also) {
      const also = document.createElement("div");
      also.className = "rc-search-also";
      const label = document.createElement("span");
      label.className = "rc-search-also__label";
      label.textContent = words.also;
      const page = document.createElement("a");
      page.className = "md-search-result__link";
      page.href = data.url;
      page.append(article((data.meta && data.meta.title) || data.url, data.excerpt || ""));
      also.append(label, page);
      item.append(also);
    }
    return item;
  }

  function otherEdition(input, query) {
    const chinese = input.dataset.searchChinese;
    if (!chinese || lang === "zh" || !HAN.test(query)) return null;
    const item = document.createElement("li");
    item.className = "md-search-result__item rc-search-elsewhere";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = `${new URL(chinese, location.href).href}?q=${encodeURIComponent(query)}`;
    link.lang = "zh";
    link.textContent = `${words.chinese}: ${query}`;
    item.append(link);
    return item;
  }

  function show(parts, query, status, items) {
    if (parts.status) parts.status.textContent = status;
    parts.results.replaceChildren(...items);
    parts.results.dataset.searchQuery = query;
  }

  async function run(parts) {
    const query = parts.input.value.trim();
    const number = ++latest;
    if (!query) {
      show(parts, "", words.hint, []);
      return;
    }
    const elsewhere = otherEdition(parts.input, query);
    let found;
    try {
      const module = await load();
      const ranked = await rankPages(module, query);
      found = byProcedure(await readPages(ranked)).slice(0, MAX_RESULTS);
    } catch (error) {
      if (number === latest) show(parts, query, words.failed, elsewhere ? [elsewhere] : []);
      throw error;
    }
    if (number !== latest) return; // the reader typed on meanwhile
    const items = found.map(resultItem);
    if (elsewhere) items.unshift(elsewhere);
    show(parts, query, found.length ? words.count(found.length) : words.none, items);
  }

  function open(parts) {
    // Material shows its search dialog while its `__search` toggle is ticked.
    const toggle = document.getElementById("__search");
    if (toggle && !toggle.checked) toggle.checked = true;
    load().catch(() => {});
    if (parts.status && !parts.input.value) parts.status.textContent = words.hint;
  }

  function close(parts) {
    const toggle = document.getElementById("__search");
    if (toggle) toggle.checked = false;
    parts.input.blur();
  }

  function mount(input) {
    const root = input.closest("[data-search]") || document;
    const parts = {
      input,
      results: root.querySelector("[data-search-results]"),
      status: root.querySelector("[data-search-status]"),
    };
    if (!parts.results) return;
    const search = () => run(parts).catch((error) => console.warn("Search failed:", error));
    input.addEventListener("focus", () => open(parts));
    // Each keystroke, a paste, a drop or an autofill is an `input` event. While an input method composes
    // (pinyin, say), its `input` events carry the unfinished letters; the finished words come with
    // `compositionend`, which some browsers send after the last `input` event.
    input.addEventListener("input", (event) => {
      if (!event.isComposing) search();
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
      if (toggle.checked) input.focus();
    });
    const asked = new URLSearchParams(location.search).get("q");
    if (asked) {
      input.value = asked;
      open(parts);
      search();
    }
  }

  function start() {
    readWords();
    document.querySelectorAll("[data-search-input]").forEach(mount);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
