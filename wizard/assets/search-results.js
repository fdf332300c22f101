// The site search's results as readers get them: a procedure's pages as one result, as safe list items.

/**
 * @typedef {{url: string, excerpt?: string, meta?: Record<string, string>}} PageData
 * @typedef {{url: string, title: string | undefined, excerpt: string, also: PageData[]}} Group
 */

// How many of the best-scoring pages are read to make the results (a procedure's pages become one result).
const CANDIDATES = 24;
// How much of its score a page that belongs to no procedure (the home, glossary and contributors' pages)
// keeps in the ranking: readers look for a procedure, and a page about the site that quotes a reader's
// words (the authoring guide's examples) ranks below one that answers them.
const OTHER_PAGES = 0.5;

// Pagefind keeps one object per page and writes into it, when a search reads the page (`data()`), that search's
// excerpt: two searches reading one page at once both got the excerpt written last, and the list of the latest
// query showed the snippets of an earlier keystroke's. So one search reads its pages at a time, copying what it
// shows before the next one reads; a search no longer wanted when its turn comes reads nothing.
/** @type {Promise<unknown>} the reading under way, which the next one waits for */
let reading = Promise.resolve();

/**
 * The best-scoring pages read (title, excerpt, metadata, as copies), best first once a page that belongs to no
 * procedure counts OTHER_PAGES of its score; null when ``wanted`` says, at its turn, that the search is stale.
 * @param {{result: {data: () => Promise<any>}, score: number}[]} ranked  search-rank.js's ranking
 * @param {() => boolean} [wanted]  whether the search is still wanted (no later query came meanwhile)
 * @returns {Promise<PageData[] | null>}
 */
export function readPages(ranked, wanted = () => true) {
  const turn = reading.then(() => (wanted() ? readEach(ranked) : null));
  reading = turn.catch(() => {});
  return turn;
}

/**
 * @param {{result: {data: () => Promise<any>}, score: number}[]} ranked
 * @returns {Promise<PageData[]>}
 */
async function readEach(ranked) {
  const read = await Promise.all(ranked.slice(0, CANDIDATES).map(async (page) => {
    /** @type {PageData} */
    const shared = await page.result.data();
    const data = { url: shared.url, excerpt: shared.excerpt, meta: { ...shared.meta } };
    return { data, score: data.meta.procedure ? page.score : page.score * OTHER_PAGES };
  }));
  return read.sort((a, b) => b.score - a.score).map((page) => page.data);
}

/**
 * The pages of one procedure as one result, led by the procedure page; in rank order, a group ranking where
 * its best page ranks.
 * @param {PageData[]} found
 * @returns {Group[]}
 */
export function byProcedure(found) {
  /** @type {Map<string, Group>} */
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

/**
 * Pagefind's excerpt and title are HTML: the page's text, escaped, with <mark> around the words found. Only
 * text and <mark> are kept, as new nodes, so nothing else a page holds can reach the list.
 * @param {string} html
 */
function safeText(html) {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body;
  const fragment = document.createDocumentFragment();
  for (const node of parsed.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      fragment.append(mark);
    } else {
      fragment.append(document.createTextNode(node.textContent || ""));
    }
  }
  return fragment;
}

/**
 * @param {string} title
 * @param {string} excerpt
 */
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

/**
 * A result's list item: its own link, then a secondary link for each other page of its procedure.
 * @param {Group} group
 * @param {string} alsoLabel  the words before a secondary link ("Also")
 */
export function resultItem(group, alsoLabel) {
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
    label.textContent = alsoLabel;
    const page = document.createElement("a");
    page.className = "md-search-result__link";
    page.href = data.url;
    page.append(article((data.meta && data.meta.title) || data.url, data.excerpt || ""));
    also.append(label, page);
    item.append(also);
  }
  return item;
}

/**
 * The item that offers the Chinese edition's search for a query in Chinese characters.
 * @param {string} chinese  the Chinese edition's address
 * @param {string} label  the words before the query ("In Chinese")
 * @param {string} query
 */
export function chineseEditionItem(chinese, label, query) {
  const item = document.createElement("li");
  item.className = "md-search-result__item rc-search-elsewhere";
  const link = document.createElement("a");
  link.className = "md-search-result__link";
  link.href = `${new URL(chinese, location.href).href}?q=${encodeURIComponent(query)}`;
  link.lang = "zh";
  link.textContent = `${label}: ${query}`;
  item.append(link);
  return item;
}
