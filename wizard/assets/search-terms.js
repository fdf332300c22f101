// The site search's reading of a query: its words, as Pagefind splits them, and what is searched for them
// (search-rank.js weighs what the searches find).

import { simplified } from "./search-hanzi.js";

export const HAN = /\p{Script=Han}/u;
// The words of a long query searched apiece: the first ones (a sentence's words beyond are rarely needed).
export const MAX_TERMS = 10;
// A word of one letter (English "a", "I") matches as a prefix of every word with that letter first.
const LONE_LETTER = /^\p{Script=Latin}$/u;
// A query in quotes is Pagefind's exact-phrase search, searched as it is.
export const EXACT = /^\s*".+"\s*$/;
// A Chinese word of one character ("信" of 投诉信, "填") matches, in Pagefind's index, every word that
// holds it (短信, 信用, 填写): it is searched only as part of a phrase with its neighbour (PHRASE_SCORE).
export const LONE_HAN = /^\p{Script=Han}$/u;
// The Chinese words that hold a reader's sentence together. On a site of a few dozen pages the rarity that
// should make them count for little does not show: "我的" is on few pages, and often many times on one.
// (English needs no such list: "my", "will" and "what" are on every procedure's pages, so GENERIC_SCORE keeps
// them small; taken out, they cost more queries than they won.) 怎么办 is one even when split as 怎么 and 办.
export const STOP_WORDS = new Set([
  "我", "我的", "你", "你的", "他", "她", "它", "的", "了", "吗", "呢", "吧", "啊", "是", "在", "有", "被",
  "把", "给", "和", "与", "或", "就", "都", "也", "还", "又", "再", "要", "会", "能", "可以", "怎么", "怎样",
  "如何", "什么", "为什么", "哪些", "多少", "几", "不", "没", "没有", "不要", "这", "那", "该", "应该",
  "怎么办", "怎么样",
  // Their everyday spoken forms (为啥 comes split as 为 and 啥), and the politeness around a question.
  "啥", "为啥", "为", "咋", "咋办", "咋样", "干嘛", "哪", "哪里", "哪个", "呀", "嘛", "哦", "么", "请问", "一下",
  // A wish or a time said around the verb (想撤: 想 is no part of the procedure's word; 现在 想 撤 回). Split off
  // as a lone character, 想 also kept the lone verb next to it from being searched (two lone characters side by
  // side are read as one word the browser split).
  "想", "想要", "现在", "已经", "以后", "之后", "然后", "后来", "刚", "刚才", "刚刚", "昨天", "今天", "前几天",
]);
// A Chinese word that turns the word after it into another (不受理 is not 受理, 被投诉 is the other side of 投诉):
// split off by the browser, it was dropped as a function word and the query read as its opposite. With the word
// after it, it is searched as one more word (BOUND), the word after it also on its own.
// A negation is also searched with the first character of its verb alone: Pagefind's indexer cuts a negated verb
// by its own dictionary, often there (不予受理 as 不予 受理, 不受理 as 不受 理), so the browser's 不受理 finds only
// 受理, on every page that speaks of acceptance, and not the page that names the negation. Not the passive 被:
// 被 with the first character of a noun (被职 of 被职业差评师) is no word, and it found pages by chance.
const NEGATIONS = new Set(["不", "没", "未", "别"]);
const BOUND = new Set([...NEGATIONS, "被"]);

/**
 * The words of a query in their order: split as Pagefind splits them (Intl.Segmenter in the page's language,
 * which also finds the words of Chinese text), lower-cased, traditional Chinese characters written simplified
 * (search-hanzi.js).
 * @param {string} query
 * @param {string} lang
 * @returns {string[]}
 */
export function wordsOf(query, lang) {
  const words = typeof Intl.Segmenter === "function"
    ? Array.from(new Intl.Segmenter(lang, { granularity: "word" }).segment(simplified(query)))
      .filter((part) => part.isWordLike).map((part) => part.segment)
    : query.split(/\s+/);
  return words.map((word) => word.toLocaleLowerCase()).filter((word) => word);
}

/**
 * A word that says what the reader is after, as opposed to one that only holds the sentence together.
 * @param {string} word
 */
function meaningful(word) {
  return !LONE_LETTER.test(word) && !LONE_HAN.test(word) && !STOP_WORDS.has(word);
}

/**
 * The words that a BOUND word makes with the Chinese word after it (不 受理: 不受理), in their order; after a
 * negation, also with that word's first character (不受), as the indexer may have cut it (NEGATIONS).
 * @param {string[]} words
 * @returns {string[]}
 */
function boundWords(words) {
  return words.slice(1).flatMap((word, index) => {
    const bound = words[index];
    if (!BOUND.has(bound) || !HAN.test(word) || STOP_WORDS.has(word)) return [];
    return NEGATIONS.has(bound) && word.length > 1 ? [bound + word, bound + word[0]] : [bound + word];
  });
}

/**
 * What a query is searched as: its words apiece (search-rank.js, "Ranking"), once each, and the pairs of
 * neighbouring Chinese words as phrases, in the order the reader typed them; `split`: the phrases that are one
 * word the browser split in two, which count as a word.
 * @param {string} query
 * @param {string} lang
 * `lone`: the query's lone Chinese characters that are no function word (撤 of 怎么撤), searched alone too,
 * unless the browser split a word into them.
 * @returns {{terms: string[], phrases: string[], split: Set<string>, lone: string[]}}
 */
export function termsOf(query, lang) {
  if (EXACT.test(query)) return { terms: [simplified(query)], phrases: [], split: new Set(), lone: [] };
  const words = wordsOf(query, lang);
  const unique = [...new Set([...words, ...boundWords(words)])];
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
  // Not one of two lone characters side by side: those are one word the browser split (买 家, 收 货), searched
  // as that word (`split`), and alone they would count it twice more.
  const single = (/** @type {string | undefined} */ word) => !!word && LONE_HAN.test(word) && !STOP_WORDS.has(word);
  const lone = [...new Set(words.filter((word, i) => single(word) && !single(words[i - 1]) && !single(words[i + 1])))]
    .slice(0, MAX_TERMS);
  return { terms, phrases: terms.length > 1 || words.length > 1 ? [...pairs] : [], split, lone };
}

// The English verbs of making a complaint, the consumer's side (a seller answers one), each with the forms that
// its base form does not give by the regular endings (inflected): "i lodged", "filing a complaint", "the complaint
// i made" are read by the one table, where a list of forms per rule knew "file" and "filing" but not "lodged".
const MAKING_A_COMPLAINT = /** @type {Record<string, string[]>} */ ({
  file: [], lodge: [], submit: ["submitted", "submitting"], make: ["made"], write: ["wrote", "written"],
  send: ["sent"], raise: [], register: [], complain: [], report: [],
});

/**
 * The forms of an English verb: its base, with -s, -ed and -ing (a final e dropped: lodging, lodged), and the
 * irregular ones given.
 * @param {string} verb
 * @param {string[]} irregular
 * @returns {string[]}
 */
export function inflected(verb, irregular = []) {
  const stem = verb.endsWith("e") ? verb.slice(0, -1) : verb;
  return [...new Set([verb, `${verb}s`, `${stem}ed`, `${stem}ing`, ...irregular])];
}

/**
 * A pattern of the forms of the verbs in ``table`` that a reader's own making of a complaint takes: with
 * ``past``, those after "i" (the complaint i lodged, i made a complaint); else the base and -ing forms (how to
 * file one, lodging one). Not "files" nor a past without "i": "a buyer filed a complaint" speaks of the other
 * side, and the one it was made against asks.
 * @param {Record<string, string[]>} table
 * @param {boolean} past
 */
function formsOf(table, past) {
  const forms = Object.entries(table).flatMap(([verb, irregular]) => inflected(verb, irregular)
    .filter((form) => past
      ? form.endsWith("ed") || irregular.includes(form) && !form.endsWith("ing")
      : form === verb || form.endsWith("ing")));
  return forms.sort((a, b) => b.length - a.length).join("|");
}

const MAKING_FORMS = formsOf(MAKING_A_COMPLAINT, false);
const MADE_FORMS = formsOf(MAKING_A_COMPLAINT, true);

// Who asks, as the query speaks of the complaint: the one complained about (被投诉, 投诉我, my shop, and with a word
// between: my online shop, 我的天猫店) is a seller; the one who complained (我投诉, my complaint, "the complaint i
// lodged") or makes a complaint (写投诉, "file a complaint", MAKING_A_COMPLAINT) a consumer. The values are the
// trees' `audience`: the search prefers the asker's procedures (search-rank.js), whatever procedures the site
// has. Read on the whole query, as these are a word and its neighbours, whichever way the browser splits them.
const VIEWPOINTS = /** @type {const} */ ([
  ["sellers", [
    /被[^\s\p{P}]{0,6}?(投诉|举报)/u, /(投诉|举报|告)我/u, /我的?(天猫|淘宝|网上)?(网店|店铺|店|商品|宝贝)/u,
    /\bmy ([\p{L}-]+ )?(shop|store|listing|product)s?\b/u, /\b(against|reported|accused|complained about) me\b/u,
    /\bas an? (seller|merchant|shop owner|store owner)\b/u,
  ]],
  ["consumers", [
    /我(已经|刚|刚刚)?(的)?(投诉|举报)/u, /\bmy (complaint|report)s?\b/u,
    new RegExp(`\\bi (have |had |just |already )?(${MADE_FORMS})\\b(?! me\\b)`, "u"),
    // Making a complaint is the consumer's side (a seller answers one): 写投诉, file a complaint.
    /(写|提交|递交|发起)(投诉|举报)/u,
    new RegExp(`\\b(${MAKING_FORMS}) (a |an |my |the )?([\\p{L}-]+ )?(complaint|report)s?\\b`, "u"),
  ]],
]);

/**
 * The audience whose procedures a query asks about, by how it speaks (VIEWPOINTS); none when it says neither,
 * or both.
 * @param {string} query
 * @returns {string | null}
 */
export function viewpointOf(query) {
  // Chinese words typed apart (被 投诉) are read together, as the signs are written.
  const text = simplified(query).toLocaleLowerCase().replace(/(\p{Script=Han})\s+(?=\p{Script=Han})/gu, "$1");
  const found = VIEWPOINTS.filter(([, signs]) => signs.some((sign) => sign.test(text)));
  return found.length === 1 ? found[0][0] : null;
}
