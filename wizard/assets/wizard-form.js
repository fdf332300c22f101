// Recourse wizard: reading and filling a question's form, and the date the engine treats as today.
//
// The form is rendered by the engine without the reader's answer; what they typed or chose is put back here,
// so that the same HTML serves every visit of a question (and a step worked out in advance can be reused).

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A date's parts reach the engine joined by "-" (wizard.core.readers). A dash the reader typed in a part ("-1")
// travels as a minus sign, never a digit, so the engine still finds three parts and says "in digits", and the
// field gets its dash back: as a fourth part it read as another format and the fields were emptied.
const TYPED_DASH = /-/g;
const SENT_DASH = /\u2212/g;

/**
 * Whether a text is a real date written YYYY-MM-DD.
 * @param {string | null} text
 * @returns {boolean}
 */
export function isRealDate(text) {
  const match = DATE_RE.exec(text || "");
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}

/**
 * A YYYY-MM-DD date as the page's language writes it (wizard.core.vocabulary.format_date), from the words the page
 * carries: the language's `date` pattern and its `months`. Anything that is not such a date, as it is.
 * @param {string} iso
 * @param {Record<string, unknown>} words
 * @returns {string}
 */
export function readableDate(iso, words) {
  const match = DATE_RE.exec(iso);
  const months = Array.isArray(words.months) ? words.months : [];
  if (!match || typeof words.date !== "string" || months.length !== 12) return iso;
  /** @type {Record<string, string>} */
  const parts = { year: String(Number(match[1])), month: String(months[Number(match[2]) - 1]),
    day: String(Number(match[3])) };
  return words.date.replace(/\{(year|month|day)\}/g, (_, name) => parts[name]);
}

/**
 * The date the engine uses: the reader's local date, unless a test set another one on the mount point
 * (`data-wizard-today`). The address is never read for it: a link could then show a passed deadline as open.
 * @param {Element} root
 * @returns {string}
 */
export function readToday(root) {
  const fromAttribute = root.getAttribute("data-wizard-today");
  if (fromAttribute && isRealDate(fromAttribute)) return fromAttribute;
  const now = new Date();
  const pad = (/** @type {number} */ number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A date's day, month and year fields.
 * @param {Element} form
 * @returns {HTMLInputElement[]}
 */
export function dateFields(form) {
  return [...form.querySelectorAll("input[data-rc-part]")].filter((field) => field instanceof HTMLInputElement);
}

/**
 * The answer in a question's form; a date's three fields as `year-month-day`, each part as typed (the engine
 * says what is wrong with it, and the fields get back what was typed).
 * @param {Element} form
 * @returns {string}
 */
export function formValue(form) {
  const parts = dateFields(form);
  if (parts.length) {
    /** @type {Record<string, string>} */
    const typed = {};
    for (const part of parts) {
      typed[part.getAttribute("data-rc-part") || ""] = part.value.trim().replace(TYPED_DASH, "\u2212");
    }
    return typed.year || typed.month || typed.day ? `${typed.year}-${typed.month}-${typed.day}` : "";
  }
  const boxes = tickBoxes(form);
  // Ticked boxes: their keys in the order shown, joined by commas (wizard.core.readers.BOX_SEPARATOR), the
  // same text the engine keeps, so that a view worked out in advance is found by it.
  if (boxes.length) return boxes.filter((box) => box.checked).map((box) => box.value).join(",");
  const checked = form.querySelector("input[name='answer']:checked");
  if (checked instanceof HTMLInputElement) return checked.value;
  const field = form.querySelector("input[name='answer']:not([type='radio'])");
  return field instanceof HTMLInputElement ? field.value : "";
}

/**
 * A checkbox question's boxes, in the order shown.
 * @param {Element} form
 * @returns {HTMLInputElement[]}
 */
export function tickBoxes(form) {
  return [...form.querySelectorAll("input[type='checkbox'][name='answer']")]
    .filter((box) => box instanceof HTMLInputElement);
}

/**
 * GOV.UK's "None of these": ticking an exclusive box unticks the others, ticking another unticks it.
 * @param {Element} form
 * @param {HTMLInputElement} ticked
 */
export function untickOthers(form, ticked) {
  if (!ticked.checked) return;
  const exclusive = ticked.hasAttribute("data-rc-exclusive");
  for (const box of tickBoxes(form)) {
    if (box !== ticked && (exclusive || box.hasAttribute("data-rc-exclusive"))) box.checked = false;
  }
}

/**
 * Put an answer back in a question's form: the option chosen, the boxes ticked, the number, or a date's parts.
 * @param {Element} form
 * @param {string | undefined} value
 */
export function fillForm(form, value) {
  if (value === undefined || value === null) return;
  const parts = dateFields(form);
  if (parts.length) {
    const typed = String(value).split("-");
    if (typed.length !== 3) return;
    /** @type {Record<string, string>} */
    const values = { year: typed[0], month: typed[1], day: typed[2] };
    for (const part of parts) {
      part.value = (values[part.getAttribute("data-rc-part") || ""] || "").replace(SENT_DASH, "-");
    }
    return;
  }
  for (const field of form.querySelectorAll("input[name='answer']")) {
    if (!(field instanceof HTMLInputElement)) continue;
    if (field.type === "radio") field.checked = field.value === value;
    else if (field.type === "checkbox") field.checked = String(value).split(",").includes(field.value);
    else field.value = value;
  }
}
