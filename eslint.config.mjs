// ESLint (flat config) for the browser scripts and their Node tests: `make lint` runs it over
// wizard/assets/**/*.js and tests/js/*.mjs.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["wizard/assets/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      // A caught error that is not needed is named anyway (`catch (error)`): the code says what it ignores.
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      eqeqeq: ["error", "always"],
      "no-var": "off",
      "prefer-const": "error",
    },
  },
  {
    // ES modules: the wizard's scripts and the workers.
    files: ["wizard/assets/wizard.js", "wizard/assets/wizard-*.js", "wizard/assets/prerendered.js", "wizard/assets/worker.js",
      "wizard/assets/snapshot-pages.js",
      "wizard/assets/search.js", "wizard/assets/search-*.js", "wizard/assets/playground/*.js"],
    languageOptions: { sourceType: "module" },
  },
  {
    files: ["wizard/assets/worker.js", "wizard/assets/playground/playground-worker.js"],
    // Placeholders the bundle replaces when it writes the file (wizard/browser/playground_bundle.py).
    languageOptions: { globals: { ...globals.worker, __RECOURSE_PLAYGROUND_WHEELS__: "readonly" } },
  },
  {
    files: ["wizard/assets/sw.js", "wizard/assets/sw-kill.js"],
    // The file list is a placeholder the build replaces (wizard/browser/offline.py).
    languageOptions: { globals: { ...globals.serviceworker, __RECOURSE_OFFLINE_FILES__: "readonly" } },
  },
  {
    // The browser scripts' unit tests, run by Node's test runner (tests/js).
    files: ["tests/js/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
    rules: { "no-unused-vars": ["error", { caughtErrors: "none" }], eqeqeq: ["error", "always"], "prefer-const": "error" },
  },
];
