// Recourse wizard: where the answer to a step comes from: the build's views when they hold it, else the engine.
//
// The build ran the same engine over every answer made only of choices (wizard.site.prerender) and drew each view
// with the worker's renderer; prerendered.js serves that table. A build test compares the two on every walk.

import { engine, engineStep } from "./wizard-engine.js";

/** @typedef {import("./wizard-engine.js").StepResult} StepResult */
/** @typedef {import("./wizard-engine.js").StepRequest} StepRequest */
/** @typedef {import("./wizard-place.js").Answers} Answers */

/**
 * @typedef {object} PrerenderedViews  what prerendered.js leaves in window.__recoursePrerendered
 * @property {(treeURL: string, answers: Answers, wait?: boolean) => Promise<StepResult | null>} view
 */

/** @returns {PrerenderedViews | null} the build's views of this page, when its head loaded them */
function prerenderedViews() {
  const page = /** @type {{__recoursePrerendered?: PrerenderedViews}} */ (/** @type {unknown} */ (window));
  return page.__recoursePrerendered || null;
}

/**
 * The step for `request`, from the build's views when they hold it, else from the engine. The views are the
 * same engine's answers, drawn by the same renderer at build time (a build test compares them on every walk),
 * so they are used whether or not the engine is ready: a choice the table holds is shown in the frame of the
 * click, instead of waiting behind the worker's other steps (the options it works out in advance).
 * @param {StepRequest} request
 * @param {() => Promise<StepResult>} viaEngine  how the engine is asked when the table does not hold it
 * @returns {Promise<StepResult>}
 */
export function stepFor(request, viaEngine = () => engineStep(request)) {
  const table = request.note ? null : prerenderedViews();
  if (!table) return viaEngine();
  // Once the engine is ready, a table still on its way is not waited for.
  return table.view(request.url, request.answers, engine.state !== "ready").then((view) => view || viaEngine());
}
