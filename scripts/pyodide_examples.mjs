// Run the engine under Pyodide in Node.js, as the browser's worker does, and print every result as JSON.
//
//   node scripts/pyodide_examples.mjs PYODIDE_DIR ENGINE_WHEEL CASES_JSON
//
// PYODIDE_DIR   the npm package (node_modules/pyodide/)
// ENGINE_WHEEL  the engine wheel written by wizard.browser.bundle (recourse_engine-*.whl)
// CASES_JSON    [{"id": ..., "tree": <compiled tree>, "answers": [[node, value], ...], "today": "YYYY-MM-DD"}]
//
// Output on stdout: {"python": "<sys.version>", "results": [{"id": ..., "result": <step() result>}]}.
// tests/browser/test_engine_in_node.py compares each result with CPython's.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheelPath, casesPath] = process.argv.slice(2);
if (!pyodideDir || !wheelPath || !casesPath) {
  console.error("usage: node scripts/pyodide_examples.mjs PYODIDE_DIR ENGINE_WHEEL CASES_JSON");
  process.exit(2);
}

const indexURL = path.resolve(pyodideDir) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: (text) => console.error(text) });

// The same steps as the worker: unpack the wheel into its own folder, put it first on sys.path, and talk to
// the engine in JSON text only.
const engineDir = "/home/pyodide/recourse-engine";
// Pyodide wants a plain Uint8Array, not a Node.js Buffer.
pyodide.unpackArchive(new Uint8Array(await readFile(wheelPath)), "wheel", { extractDir: engineDir });
pyodide.runPython(`
import json, sys
sys.path.insert(0, ${JSON.stringify(engineDir)})
from wizard.core.engine import step

def recourse_run(tree_json, answers_json, today):
    return json.dumps(step(json.loads(tree_json), dict(json.loads(answers_json)), today), ensure_ascii=False)
`);
const run = pyodide.globals.get("recourse_run");
const cases = JSON.parse(await readFile(casesPath, "utf8"));
const results = cases.map((item) => ({
  id: item.id,
  result: JSON.parse(run(JSON.stringify(item.tree), JSON.stringify(item.answers), item.today)),
}));
run.destroy();
const python = pyodide.runPython("import sys; sys.version");
process.stdout.write(JSON.stringify({ python, results }));
