// Unit tests of the site search's reading of a query (wizard/assets/search-terms.js, search-hanzi.js): what is
// searched for what a reader typed (node --test, run by `make test`). Words are given apart by spaces, which
// every segmenter keeps, so the tests do not depend on how one version of ICU splits Chinese.
import assert from "node:assert/strict";
import { test } from "node:test";

import { simplified } from "../../wizard/assets/search-hanzi.js";
import { inflected, termsOf, viewpointOf } from "../../wizard/assets/search-terms.js";

test("traditional characters are searched as the simplified ones the site is written in", () => {
  assert.equal(simplified("投訴怎麼撤回"), "投诉怎么撤回");
  assert.equal(simplified("天貓店鋪被投訴了"), "天猫店铺被投诉了");
  assert.equal(simplified("complaint 12315 投诉"), "complaint 12315 投诉", "other text is left as it is");
  assert.deepEqual(termsOf("投訴 撤回", "zh").terms, ["投诉", "撤回"]);
  assert.deepEqual(termsOf('"騷擾 買家"', "zh").terms, ['"骚扰 买家"'], "an exact phrase too");
});

test("a negation or passive is searched with the word after it, and that word alone too", () => {
  const { terms } = termsOf("12315 不 受理 我的 投诉", "zh");
  assert.ok(terms.includes("不受理") && terms.includes("受理"), terms.join(" "));
  assert.ok(!terms.includes("不"), "not alone: it would find every page");
  assert.ok(termsOf("商家 被 投诉", "zh").terms.includes("被投诉"));
  assert.ok(!termsOf("不 了", "zh").terms.includes("不了"), "not with a function word");
  assert.ok(!termsOf("不 complaint", "zh").terms.includes("不complaint"), "only with a Chinese word");
});

test("a negation is also searched with its verb's first character, as the indexer may have cut it", () => {
  const { terms } = termsOf("12315 不 受理 我的 投诉", "zh");
  assert.ok(terms.includes("不受"), terms.join(" "));
  assert.ok(termsOf("投诉 没 受理", "zh").terms.includes("没受"));
  assert.ok(!termsOf("商家 被 投诉", "zh").terms.includes("被投"), "not the passive");
  assert.deepEqual(termsOf("不 撤", "zh").terms.filter((term) => term.startsWith("不")), ["不撤"],
    "a verb of one character: the negation with it, once");
});

test("spoken question words hold the sentence together, as written ones do", () => {
  const why = termsOf("为 啥 投诉 不予 受理", "zh");
  assert.deepEqual(why.terms, ["投诉", "不予", "受理"]);
  assert.deepEqual(why.lone, [], "为 and 啥 are not searched alone");
  assert.ok(!why.phrases.some((phrase) => phrase.includes("啥")), why.phrases.join(" "));
  const how = termsOf("咋 撤回 投诉", "zh");
  assert.deepEqual([how.terms, how.lone], [["撤回", "投诉"], []]);
});

test("a lone character that is no function word is also searched alone", () => {
  assert.deepEqual(termsOf("投诉 怎么 撤", "zh").lone, ["撤"]);
  assert.deepEqual(termsOf("投诉 的 事", "zh").lone, ["事"], "的 is a function word");
  assert.deepEqual(termsOf("投诉 撤回", "zh").lone, []);
  assert.deepEqual(termsOf('"怎么 撤"', "zh").lone, [], "an exact phrase is searched as it is");
  // Two lone characters side by side are one word the browser split, searched as that word (a phrase).
  const split = termsOf("确认 收 货 以后 算 骚扰", "zh");
  assert.deepEqual(split.lone, ["算"]);
  assert.ok(split.split.has('"收货"'), [...split.split].join(" "));
});

test("a wish or a time around a lone verb leaves the verb searched alone", () => {
  // 想 撤: two lone characters side by side were read as one word the browser split, and 撤 was not searched.
  assert.deepEqual(termsOf("投诉 现在 想 撤", "zh").lone, ["撤"]);
  assert.deepEqual(termsOf("已经 协商 以后 撤回", "zh").terms, ["协商", "撤回"]);
});

test("a query that speaks as the one complained about is a seller's; as the one who complained, a consumer's", () => {
  for (const query of ["商家被投诉怎么办", "被同行恶意投诉了", "买家投诉我骚扰", "有人举报我的店铺", "my shop got a complaint",
    "a buyer reported me", "how to answer as a seller"]) {
    assert.equal(viewpointOf(query), "sellers", query);
  }
  for (const query of ["我投诉了商家想撤回", "我的投诉没被受理", "cancel my complaint", "i complained to 12315"]) {
    assert.equal(viewpointOf(query), "consumers", query);
  }
  // Naming the other side is no viewpoint: a buyer says 商家 and "the seller" too.
  for (const query of ["商家退款了投诉怎么撤", "the seller refunded me", "投诉被驳回了", "骚扰买家扣几分"]) {
    assert.equal(viewpointOf(query), null, query);
  }
  assert.equal(viewpointOf("我的投诉 my shop"), null, "both: neither is preferred");
  assert.equal(viewpointOf("被投訴"), "sellers", "in traditional characters too");
});

test("a word between 'my' and the shop still speaks as its seller; making a complaint speaks as a consumer", () => {
  for (const query of ["my tmall shop got reported", "我的天猫店被人投诉", "complaint against my online store"]) {
    assert.equal(viewpointOf(query), "sellers", query);
  }
  for (const query of ["写投诉要注意什么", "提交投诉以后", "how to file a complaint", "writing my complaint"]) {
    assert.equal(viewpointOf(query), "consumers", query);
  }
  assert.equal(viewpointOf("how to answer a complaint"), null, "answering one says neither");
});

test("every form of a verb of making a complaint speaks as a consumer, from one table of verbs", () => {
  assert.deepEqual(inflected("lodge"), ["lodge", "lodges", "lodged", "lodging"]);
  assert.deepEqual(inflected("make", ["made"]), ["make", "makes", "maked", "making", "made"]);
  for (const query of ["the complaint i lodged last week", "lodging a complaint", "i submitted it yesterday",
    "the report i made", "how to raise a formal complaint", "i have filed one"]) {
    assert.equal(viewpointOf(query), "consumers", query);
  }
  // Made by someone else, or against the reader, it is the seller who asks.
  for (const query of ["a competitor filed a complaint against my store", "someone lodged a complaint against me"]) {
    assert.equal(viewpointOf(query), "sellers", query);
  }
  for (const query of ["a buyer filed a complaint", "the buyer files complaints"]) {
    assert.equal(viewpointOf(query), null, `${query}: a third person's complaint says neither`);
  }
});
