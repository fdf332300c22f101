// Unit tests of the browser script's pure functions (node --test, run by `make test`).
import assert from "node:assert/strict";
import { test } from "node:test";

import { isRealDate, readableDate } from "../../wizard/assets/wizard-form.js";
import { BAD_LINK, NO_LINK, answersOf, fragmentFor, placeIn, readAnswers } from "../../wizard/assets/wizard-place.js";

test("a place written to the fragment reads back the same", () => {
  const answers = [["channel", "platform 12315"], ["amount", "1.5"], ["note", "a&b=c#d%e+f 中文"]];
  const hash = fragmentFor(answers, "node-x y", "amount");
  assert.deepEqual(placeIn(hash), { section: "node-x y", answers, changing: "amount" });
});

test("no answers, no fragment; a section alone is kept", () => {
  assert.equal(fragmentFor([]), "");
  assert.equal(fragmentFor([], "flowchart"), "#flowchart");
  assert.equal(fragmentFor([], "", "amount"), ""); // nothing being changed without answers
  assert.deepEqual(placeIn(""), { section: "", answers: NO_LINK, changing: "" });
});

test("answers that cannot be read are a bad link, never a guess", () => {
  assert.equal(readAnswers("%E0%A4%A"), BAD_LINK); // broken percent-encoding
  assert.equal(readAnswers(encodeURIComponent("a=1&a=2")), BAD_LINK); // a question answered twice
  assert.equal(readAnswers(encodeURIComponent("=1")), BAD_LINK); // no question
  assert.equal(readAnswers(""), BAD_LINK);
  const many = Array.from({ length: 501 }, (_, index) => `q${index}=1`).join("&");
  assert.equal(readAnswers(encodeURIComponent(many)), BAD_LINK);
  assert.deepEqual(answersOf({ section: "", answers: BAD_LINK, changing: "" }), []);
});

test("a date is real only when the calendar has it", () => {
  assert.equal(isRealDate("2028-02-29"), true);
  assert.equal(isRealDate("2026-02-29"), false);
  assert.equal(isRealDate("2026-13-01"), false);
  assert.equal(isRealDate("2026-1-01"), false);
  assert.equal(isRealDate(null), false);
});

test("a date is written as the language's vocabulary writes it; anything else as it is", () => {
  const english = { date: "{day} {month} {year}", months: ["January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December"] };
  const chinese = { date: "{year}年{month}{day}日", months: Array.from({ length: 12 }, (_, i) => `${i + 1}月`) };
  assert.equal(readableDate("2026-03-07", english), "7 March 2026");
  assert.equal(readableDate("2026-12-31", chinese), "2026年12月31日");
  assert.equal(readableDate("2026-3-7", english), "2026-3-7");
  assert.equal(readableDate("2026-03-07", {}), "2026-03-07"); // no pattern carried: the date as it is
});
