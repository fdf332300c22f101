// Recourse wizard: the reader's place, kept in the address's fragment (never sent to the server).
//
// `#[section&]a=<answers>[&c=<node>]`:
//   section  an id of the page (`node-…` from a search result, `flowchart`…), kept so that the page stays there
//   a=       encodeURIComponent("node=value&node=value"), the answers on the path (a shared link is just this)
//   c=       the question whose answer is being changed; the later answers are in a= and come back after it
// Material's instant navigation overwrites history.state with scroll offsets, so the place lives here only.
// The worker imports `fragmentFor` too (the link printed on a result): one rule for both.

/** @typedef {[string, string][]} Answers  answers in order, as [node, value] */
/** @typedef {{section: string, answers: Answers | null | "bad", changing: string}} Place */

export const NO_LINK = null;
export const BAD_LINK = "bad";

/**
 * A percent-encoded text decoded; empty when it is not valid percent-encoding.
 * @param {string} text
 * @returns {string}
 */
export function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    return "";
  }
}

/**
 * The answers of an `a=` part; BAD_LINK when they cannot be read (a repeated or empty key, too many).
 * @param {string} encoded
 * @returns {Answers | "bad"}
 */
export function readAnswers(encoded) {
  try {
    const query = decodeURIComponent(encoded);
    /** @type {Answers} */
    const pairs = [];
    const seen = new Set();
    for (const [key, value] of new URLSearchParams(query)) {
      if (!key || seen.has(key) || pairs.length >= 500) return BAD_LINK;
      seen.add(key);
      pairs.push([key, value]);
    }
    return pairs.length ? pairs : BAD_LINK;
  } catch (error) {
    return BAD_LINK; // not valid percent-encoding
  }
}

/**
 * The place a fragment holds (`#…`, with its hash sign).
 * @param {string} hash
 * @returns {Place}
 */
export function placeIn(hash) {
  /** @type {Place} */
  const place = { section: "", answers: NO_LINK, changing: "" };
  hash.slice(1).split("&").forEach((part, index) => {
    if (part.startsWith("a=")) place.answers = readAnswers(part.slice(2));
    else if (part.startsWith("c=")) place.changing = safeDecode(part.slice(2));
    else if (index === 0) place.section = safeDecode(part);
  });
  return place;
}

/** @returns {Place} the place in this page's address (with any change still waiting for the next paint) */
export function readPlace() {
  flushAddress();
  return placeIn(window.location.hash);
}

/**
 * The fragment for a place (with its hash sign), or "" for none.
 * @param {Answers} answers
 * @param {string} [section]
 * @param {string} [changing]
 * @returns {string}
 */
export function fragmentFor(answers, section, changing) {
  const parts = [];
  if (section) parts.push(encodeURIComponent(section));
  if (answers.length) parts.push(`a=${encodeURIComponent(new URLSearchParams(answers).toString())}`);
  if (changing && answers.length) parts.push(`c=${encodeURIComponent(changing)}`);
  return parts.length ? `#${parts.join("&")}` : "";
}

/** @returns {boolean} whether the address holds readable answers */
export function hasAnswers() {
  const answers = readPlace().answers;
  return answers !== NO_LINK && answers !== BAD_LINK;
}

/**
 * The answers of a place, or none when it has none or cannot be read.
 * @param {Place} place
 * @returns {Answers}
 */
export function answersOf(place) {
  return place.answers === NO_LINK || place.answers === BAD_LINK ? [] : place.answers;
}

/** @returns {string} this page's path and query: its address without the fragment */
function pagePath() {
  return window.location.pathname + window.location.search;
}

/**
 * @typedef {object} AddressChange  a change of the address waiting for the next paint
 * @property {string} page  the path and query of the page it was made on
 * @property {string} hash
 * @property {boolean} push
 */

/** @type {AddressChange[]} the changes not made yet, in order */
const waiting = [];

/**
 * Put a fragment in the address: a new history entry (`push`), so that the browser's Back and Forward move
 * between questions, or in place of the current one (the place first shown, or one the browser went back to).
 *
 * Done after the screen it records is painted: a new history entry costs Chromium several milliseconds (a
 * round trip to the browser process; replacing one costs a tenth of that), which the reader would otherwise wait
 * for between Continue and the next question. Anything that reads the address (readPlace) makes the waiting
 * changes first, so nothing reads an address one change behind.
 * @param {string} hash
 * @param {boolean} push
 */
export function setAddress(hash, push) {
  waiting.push({ page: pagePath(), hash, push });
  if (waiting.length > 1) return;
  // After the next frame's paint (a task queued from the frame's callbacks runs once it is drawn); the timeout
  // is for a page the browser does not draw (a hidden tab), where animation frames wait.
  requestAnimationFrame(() => setTimeout(flushAddress, 0));
  setTimeout(flushAddress, 100);
}

/** Make the address changes still waiting, in order (those made on a page the reader has since left are dropped). */
export function flushAddress() {
  for (const change of waiting.splice(0)) {
    if (change.page !== pagePath()) continue;
    const url = change.page + change.hash;
    if (url === pagePath() + window.location.hash) continue;
    if (change.push) window.history.pushState(null, "", url);
    else window.history.replaceState(window.history.state, "", url);
  }
}

/** Forget the address changes still waiting: the browser's Back or Forward came first, and its entry wins. */
export function dropWaitingAddress() {
  waiting.length = 0;
}

/** @returns {boolean} whether an address change waits for the next paint (tests wait for it) */
export function addressWaiting() {
  return waiting.length > 0;
}

/**
 * A section of the page by its id, scrolled to (and given focus when the reader asked to go there).
 * @param {string} section
 * @param {boolean} focus
 */
export function scrollToSection(section, focus) {
  const target = section ? document.getElementById(section) : null;
  if (!target) return;
  target.scrollIntoView({ block: "start" });
  if (!focus) return;
  if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
}

// Every answer given on each page of this tab. Kept outside the wizard: the theme's instant navigation may
// fetch the page again on the browser's Back (its first location change counts as a new page) and mount a
// new wizard, which must still fill in the answers the reader gave.
/** @type {Map<string, Map<string, string>>} */
const rememberedByPage = new Map();

/**
 * The answers remembered on a page (by its path), to fill its forms in again.
 * @param {string} pathname
 * @returns {Map<string, string>}
 */
export function rememberedOn(pathname) {
  let remembered = rememberedByPage.get(pathname);
  if (!remembered) {
    remembered = new Map();
    rememberedByPage.set(pathname, remembered);
  }
  return remembered;
}
