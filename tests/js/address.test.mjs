// The address written after the screen is painted (wizard-place.js, setAddress): in order, never lost, never
// behind what is read, and never written over a page the reader has left or an entry the browser went back to.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import {
  addressWaiting, dropWaitingAddress, flushAddress, readPlace, setAddress,
} from "../../wizard/assets/wizard-place.js";

/** A browser's address and history, as much of them as wizard-place.js uses; frames and timers run by hand. */
function fakeBrowser(pathname) {
  const entries = [{ url: pathname, state: null }];
  const browser = {
    entries, index: 0, frames: [], timers: [], pushes: 0,
    location: { pathname, search: "", hash: "" },
    go(url) {
      const [path, hash = ""] = url.split("#");
      browser.location.pathname = path;
      browser.location.hash = hash ? `#${hash}` : "";
    },
  };
  browser.history = {
    get state() { return entries[browser.index].state; },
    pushState(state, _title, url) {
      entries.splice(browser.index + 1, entries.length, { url, state });
      browser.index += 1;
      browser.pushes += 1;
      browser.go(url);
    },
    replaceState(state, _title, url) {
      entries[browser.index] = { url, state };
      browser.go(url);
    },
  };
  globalThis.window = { location: browser.location, history: browser.history };
  globalThis.requestAnimationFrame = (callback) => browser.frames.push(callback);
  globalThis.setTimeout = (callback) => browser.timers.push(callback);
  return browser;
}

/** The browser draws a frame, then runs the tasks queued so far. */
function paint(browser) {
  for (const frame of browser.frames.splice(0)) frame(0);
  for (const task of browser.timers.splice(0)) task();
}

beforeEach(() => dropWaitingAddress());

test("the address changes only once the screen is painted, each answer a history entry, in order", () => {
  const browser = fakeBrowser("/procedures/x/");
  setAddress("#a=q1%3Dyes", true);
  setAddress("#a=q1%3Dyes%26q2%3Dno", true);
  assert.equal(browser.location.hash, "");
  assert.equal(addressWaiting(), true);
  paint(browser);
  assert.equal(addressWaiting(), false);
  assert.deepEqual(browser.entries.map((entry) => entry.url),
    ["/procedures/x/", "/procedures/x/#a=q1%3Dyes", "/procedures/x/#a=q1%3Dyes%26q2%3Dno"]);
});

test("what reads the address first makes the changes still waiting", () => {
  const browser = fakeBrowser("/procedures/x/");
  setAddress("#a=q1%3Dyes", true);
  assert.deepEqual(readPlace().answers, [["q1", "yes"]]);
  assert.equal(browser.pushes, 1);
  paint(browser);
  assert.equal(browser.pushes, 1, "made once");
});

test("a change that leaves the address as it is makes no entry; a replacement makes none either", () => {
  const browser = fakeBrowser("/procedures/x/");
  setAddress("", true);
  setAddress("#a=q1%3Dyes", false);
  paint(browser);
  assert.equal(browser.pushes, 0);
  assert.deepEqual(browser.entries.map((entry) => entry.url), ["/procedures/x/#a=q1%3Dyes"]);
});

test("a change made on a page the reader has since left is dropped", () => {
  const browser = fakeBrowser("/procedures/x/");
  setAddress("#a=q1%3Dyes", true);
  browser.history.pushState(null, "", "/procedures/y/"); // the theme's instant navigation, before the paint
  paint(browser);
  assert.deepEqual(browser.entries.map((entry) => entry.url), ["/procedures/x/", "/procedures/y/"]);
});

test("the browser's Back before the paint wins: the waiting change is forgotten", () => {
  const browser = fakeBrowser("/procedures/x/");
  setAddress("#a=q1%3Dyes", true);
  dropWaitingAddress(); // what the page's popstate listener does first
  paint(browser);
  assert.equal(browser.pushes, 0);
  assert.equal(addressWaiting(), false);
  flushAddress();
  assert.equal(browser.location.hash, "");
});
