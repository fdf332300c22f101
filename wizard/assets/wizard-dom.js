// Recourse wizard: small helpers for the page's elements. The wizard's screens are HTML rendered by the engine
// (wizard.core.views, in the worker), which escapes every text it inserts; this file builds only the few
// elements the browser script adds itself (its status region, the copy-link field, the failure notice).

/**
 * One element with attributes (`className`, `text`, or any attribute; null, undefined and false left out,
 * true written bare) and children (nodes or strings).
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attributes]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "className") node.className = String(value);
    else if (name === "text") node.textContent = String(value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

/**
 * The nodes of HTML rendered by the engine, not yet in the page (a template's content runs no script).
 * @param {string} html
 * @returns {DocumentFragment}
 */
export function rendered(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return template.content;
}

/**
 * The text of a data- attribute holding JSON, as an object; an empty object when it is missing or unreadable.
 * @param {Element | null} element
 * @param {string} name
 * @returns {Record<string, string>}
 */
export function jsonAttribute(element, name) {
  try {
    const value = JSON.parse((element && element.getAttribute(name)) || "{}");
    return value && typeof value === "object" ? value : {};
  } catch (error) {
    return {};
  }
}
