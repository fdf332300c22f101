// Unit tests of the procedures' profile in the browser (wizard/assets/search-profile.js) and of what the ranking
// does with it (wizard/assets/search-rank.js, PROFILE_SCORE) (node --test, run by `make test`).
import assert from "node:assert/strict";
import { test } from "node:test";

import { featuresOf, pinyinFeatures, pinyinReach, procedureScores, splitPinyin }
  from "../../wizard/assets/search-profile.js";
import { rankPages } from "../../wizard/assets/search-rank.js";

/**
 * A profile of the build's shape (wizard/search_profile.py) for procedures a/ and b/: feature -> weights.
 * @param {Record<string, Record<string, number>>} weights
 */
function profileOf(weights) {
  const procedures = ["a/", "b/"];
  const features = Object.fromEntries(Object.entries(weights).map(([feature, by]) =>
    [feature, Object.entries(by).flatMap(([procedure, weight]) => [procedures.indexOf(procedure), weight])]));
  return { format: 1, gram: 4, procedures, features };
}

test("a text is cut into words, their letter grams, Chinese characters and pairs", () => {
  assert.deepEqual(featuresOf("Undo 12315", 4), ["_undo_", "_und", "undo", "ndo_", "_12315_"]);
  assert.deepEqual(featuresOf("撤回，投诉", 4), ["撤", "回", "撤回", "投", "诉", "投诉"]);
  assert.deepEqual(featuresOf("ＵＮＤＯ", 4).slice(0, 1), ["_undo_"], "full-width letters read as plain ones");
});

test("each procedure scores relative to the best, times the share of the query the trees hold", () => {
  // Words of two letters: no letter grams (`_up_` is all of them).
  const profile = profileOf({ _up_: { "a/": 4, "b/": 1 }, _my_: { "a/": 1, "b/": 1 } });
  const scores = procedureScores(profile, "up my");
  assert.equal(scores.get("a/"), 1, "every feature of the query is known: the best procedure scores 1");
  assert.equal(scores.get("b/"), 2 / 5);
  // A word no tree holds counts as the rarest of features (ln 3 of two procedures; the others ln 2 each).
  const known = 2 * Math.log(2) / (2 * Math.log(2) + Math.log(3));
  const partly = procedureScores(profile, "up my zz");
  assert.equal(partly.get("a/"), known);
  assert.equal(partly.get("b/"), (2 / 5) * known);
  assert.equal(procedureScores(profile, "zz").size, 0, "nothing known: no score");
  assert.equal(procedureScores(profileOf({ _up_: { "a/": 1 } }), "up").has("b/"), false, "a 0 is left out");
});

/**
 * A stand-in for Pagefind's module (as tests/browser/test_search_ranking.py's): ``words`` term -> page -> score;
 * each page belongs to the procedure its name starts with, a/ or b/; `filters()` lists both.
 * @param {Record<string, Record<string, number>>} words
 */
function standIn(words) {
  const procedureOf = (/** @type {string} */ page) => `${page[0]}/`;
  const pages = ["a", "a-guide", "b", "other"];
  return {
    filters: async () => ({ procedure: { "a/": 2, "b/": 1 } }),
    search: async (/** @type {string | null} */ term, /** @type {any} */ options) => {
      if (term === null) {
        const wanted = pages.filter((page) => page !== "other" && procedureOf(page) === options.filters.procedure);
        return { results: wanted.map((id) => ({ id, score: 0, data: async () => ({}) })), filters: {} };
      }
      const found = Object.entries(words[term] || {});
      const counts = { "a/": 0, "b/": 0 };
      for (const [page] of found) if (page !== "other") counts[/** @type {"a/" | "b/"} */ (procedureOf(page))] += 1;
      return { results: found.map(([id, score]) => ({ id, score, data: async () => ({}) })), filters: { procedure: counts } };
    },
  };
}

test("the profile adds to every page of the procedures it scores, found by the words or not", async () => {
  const profile = profileOf({ _up_: { "a/": 4, "b/": 1 } });
  // Pagefind finds the word on b/ alone (a page that happens to say it): the profile puts a/ first.
  const words = { up: { b: 1 } };
  const ranked = await rankPages(standIn(words), "up", "en", undefined, profile);
  assert.deepEqual(ranked.map((page) => page.result.id), ["a", "a-guide", "b"]);
  assert.equal(ranked[1].score, ranked[0].score, "PROFILE_SCORE to each page of the best procedure");
  assert.equal(ranked[2].score, 1 + ranked[0].score / 4, "b/: its word, and a quarter of it (a quarter of a/'s)");
  const alone = await rankPages(standIn(words), "up", "en", undefined, null);
  assert.deepEqual(alone.map((page) => page.result.id), ["b"], "without a profile: the words alone");
});

test("a query in quotes is Pagefind's exact phrase, without the profile", async () => {
  const profile = profileOf({ _up_: { "a/": 3 } });
  const ranked = await rankPages(standIn({ '"up"': { b: 1 } }), '"up"', "en", undefined, profile);
  assert.deepEqual(ranked.map((page) => page.result.id), ["b"]);
});

// A few syllables of the inventory the build writes into the Chinese profile (wizard/search_pinyin.py): enough
// for the words below, and none of their wrong splits is missing (xia, fan, gan, gu, lv...).
const SYLLABLES = new Set(["a", "an", "ba", "bao", "che", "e", "fa", "fan", "fang", "gan", "gu", "guan", "he",
  "lu", "lv", "lve", "me", "men", "n", "nve", "shen", "su", "tao", "tou", "xi", "xia", "xian", "xiao", "zen"]
  .filter((syllable) => syllable !== "n"));

test("a word splits wholly into pinyin syllables, the longest first, or not at all", () => {
  assert.deepEqual(splitPinyin("chexiaotousu", SYLLABLES), ["che", "xiao", "tou", "su"]);
  assert.deepEqual(splitPinyin("xian", SYLLABLES), ["xian"], "xian is one syllable, not xi an");
  assert.deepEqual(splitPinyin("fangan", SYLLABLES), ["fang", "an"]);
  assert.deepEqual(splitPinyin("xianguan", SYLLABLES), ["xian", "guan"], "xiang would leave uan: back off");
  assert.deepEqual(splitPinyin("lue", SYLLABLES), ["lve"], "ü typed u where u makes no syllable");
  assert.deepEqual(splitPinyin("lu", SYLLABLES), ["lu"], "lu stays lu");
  assert.equal(splitPinyin("complaint", SYLLABLES), null);
  assert.equal(splitPinyin("shenmex", SYLLABLES), null, "a letter left over: no split");
});

test("Latin words that are pinyin give syllables and pairs, typed joined, spaced, with tones or digits", () => {
  const expected = ["'che", "'xiao", "'che'xiao", "'tou", "'xiao'tou", "'su", "'tou'su"];
  for (const typed of ["chexiao tousu", "che xiao tou su", "chè xiāo tóu sù", "che4xiao1 tou2su4", "CHEXIAO-TOUSU"]) {
    assert.deepEqual(featuresOf(typed, 4, SYLLABLES).filter((feature) => feature.startsWith("'")), expected, typed);
  }
  assert.deepEqual(pinyinFeatures("lǜ nüe", SYLLABLES), ["'lv", "'nve", "'lv'nve"], "ü and its tones read as v");
  assert.deepEqual(pinyinFeatures("xi'an", SYLLABLES), ["'xi", "'an", "'xi'an"], "an apostrophe parts syllables");
  // A word that is not pinyin, or anything but a space between words, ends the run: no pair across it.
  assert.deepEqual(pinyinFeatures("taobao complaint tousu", SYLLABLES),
    ["'tao", "'bao", "'tao'bao", "'tou", "'su", "'tou'su"]);
  assert.deepEqual(pinyinFeatures("tousu，shenme", SYLLABLES), ["'tou", "'su", "'tou'su", "'shen", "'me", "'shen'me"]);
  assert.deepEqual(pinyinFeatures("3d x2 12315 che9", SYLLABLES), [], "digits that are no tones: no pinyin");
  assert.deepEqual(featuresOf("chexiao", 4).filter((feature) => feature.startsWith("'")), [],
    "without the profile's syllables (the English edition) no pinyin is read");
});

test("a query in pinyin reaches the characters that read so, and scores as they weigh", () => {
  const procedures = ["a/", "b/"];
  const profile = {
    format: 1, gram: 4, procedures, syllables: [...SYLLABLES],
    // 撤销 (a/), 淘宝 (b/), 投诉 (both); 头 reads tou too, 诉 and 素 su; 喝 he is in no procedure's features.
    readings: { che: "撤", xiao: "销", tou: "头投", su: "素诉", tao: "淘", bao: "宝", he: "喝" },
    features: { 撤: [0, 1], 销: [0, 1], 撤销: [0, 2], 投: [0, 1, 1, 1], 诉: [0, 1, 1, 1], 投诉: [0, 1, 1, 1],
      头: [1, 3], 淘: [1, 1], 宝: [1, 1], 淘宝: [1, 2], _he_: [1, 1] },
  };
  assert.deepEqual(pinyinReach(profile, "'tou"), ["头", "投"]);
  assert.deepEqual(pinyinReach(profile, "'tou'su"), ["投诉"], "pairs of the syllables' characters the profile holds");
  assert.deepEqual(pinyinReach(profile, "'he"), []);
  const withdraw = procedureScores(profile, "chexiao tousu");
  assert.ok((withdraw.get("a/") ?? 0) > (withdraw.get("b/") ?? 0) && (withdraw.get("b/") ?? 0) > 0, "a/ first");
  // Words read as pinyin count as their reading, not as words no tree holds: all of the query is known.
  assert.equal(withdraw.get("a/"), 1);
  assert.ok((procedureScores(profile, "chexiao zyzzyva").get("a/") ?? 1) < 1, "a word no tree holds still counts");
  const taobao = procedureScores(profile, "taobao tousu");
  assert.ok((taobao.get("b/") ?? 0) > (taobao.get("a/") ?? 0), "b/ first");
  // tou reaches 投 (a/ 1, b/ 1) and 头 (b/ 3): each procedure counts its best character, b/'s 头.
  const tou = procedureScores(profile, "tou");
  assert.equal((tou.get("a/") ?? 0) / (tou.get("b/") ?? 1), 1 / 3);
  // "he" is a syllable (喝) and an English word: its word feature counts as ever; its pinyin, which reaches no
  // feature, is not counted (it would lower the share the trees know of the query).
  const withoutPinyin = { ...profile, syllables: undefined, readings: undefined };
  assert.deepEqual(procedureScores(profile, "he"), procedureScores(withoutPinyin, "he"));
  assert.equal(procedureScores(withoutPinyin, "chexiao tousu").size, 0, "no pinyin in a profile without it");
});
