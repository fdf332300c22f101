"""Rebuilding the site that ``python -m wizard.serve --watch`` serves: never half a site, never a silent failure.

Each rebuild goes into a new folder beside the served one (``site.builds/<n>``); only a build that succeeded
is swapped in, by pointing the server at its folder (one assignment: a request is answered wholly from the
old build or wholly from the new one, and none meets a folder being emptied). A failed build leaves the last
good one served, and its errors go to the terminal and to every open page: each page served while watching
carries a small script (``/__serve/reload.js``, a file of this server, so the site's policy allows it) that
asks ``/__serve/status`` once a second, reloads the page when a newer build is in, and shows a failed build's
errors over the page until the next good build.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

WATCH_PREFIX = "/__serve/"
RELOAD_SCRIPT_PATH = WATCH_PREFIX + "reload.js"
STATUS_PATH = WATCH_PREFIX + "status"
ERROR_LINES = 40  # at most this many lines of a failed build's output go to the page

# The overlay is built with textContent only: a build's output quotes tree text, which must stay text.
RELOAD_JS = """\
// Recourse, make serve only: reload after a rebuild, show a failed build's errors (wizard/rebuild.py).
(function () {
  "use strict";
  var built = Number(document.currentScript.getAttribute("data-build"));
  var box = null;
  function show(error) {
    if (!error) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.setAttribute("data-serve-error", "");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:10000;" +
        "margin:0;padding:1em;background:#fff4f4;color:#000;border-top:4px solid #b00020;font:14px monospace";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("strong");
    title.textContent = "The last build failed; this is the last good build. Fix and save to rebuild.";
    var text = document.createElement("pre");
    text.style.whiteSpace = "pre-wrap";
    text.textContent = error;
    box.appendChild(title);
    box.appendChild(text);
  }
  function poll() {
    fetch("/__serve/status", {cache: "no-store"}).then(function (response) {
      return response.json();
    }).then(function (status) {
      if (status.build > built) { location.reload(); return; }
      show(status.error);
      setTimeout(poll, 1000);
    }, function () { setTimeout(poll, 3000); });
  }
  poll();
})();
"""


class WatchState:
    """What open pages need to know: the number of the build being served and a failed build's errors."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.build = 0
        self.error = ""

    def succeeded(self) -> None:
        """A new build is being served: pages reload, and no error is shown."""
        with self._lock:
            self.build += 1
            self.error = ""

    def failed(self, error: str) -> None:
        """A build failed: pages show ``error`` over the last good build."""
        with self._lock:
            self.error = error

    def answer(self, path: str) -> tuple[str, bytes] | None:
        """The content type and body for one of this server's own addresses (None for any other address)."""
        if path == RELOAD_SCRIPT_PATH:
            return "text/javascript; charset=utf-8", RELOAD_JS.encode()
        if path == STATUS_PATH:
            with self._lock:
                status = {"build": self.build, "error": self.error}
            return "application/json", json.dumps(status).encode()
        return None

    def with_reload_script(self, page: bytes) -> bytes:
        """A page with the reload script just before its last ``</body>``."""
        tag = f'<script src="{RELOAD_SCRIPT_PATH}" data-build="{self.build}"></script>'.encode()
        end = page.rfind(b"</body>")
        end = len(page) if end < 0 else end
        return page[:end] + tag + page[end:]


class SwappingBuilder:
    """Builds into a fresh folder under ``builds_dir`` with ``command`` (``{out}`` is that folder), then swaps.

    ``swap`` is called with the new folder once the build succeeded; the build served before it is kept (a
    request may still be reading it) and the others are removed.
    """

    def __init__(self, command: str, builds_dir: Path, swap: Callable[[Path], None], state: WatchState) -> None:
        self.command = shlex.split(command)
        self.builds_dir = builds_dir
        self.swap = swap
        self.state = state
        self.count = 0
        self.served = ""  # the number of the build being served (empty: the first, outside builds_dir)
        self._clear(keep=())

    def build(self) -> bool:
        """Build once; on success swap the new build in. Returns whether it succeeded."""
        self.count += 1
        out = self.builds_dir / str(self.count)
        command = [word.replace("{out}", str(out)) for word in self.command]
        started = time.monotonic()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        output = (done.stdout + done.stderr).strip()
        if output:
            print(output, file=sys.stderr)
        seconds = time.monotonic() - started
        if done.returncode != 0 or not (out / "index.html").is_file():
            print(f"wizard.serve: the build failed (exit {done.returncode}); still serving the last good build",
                  file=sys.stderr)
            self.state.failed(problems_in(output) or f"The build command failed (exit {done.returncode}).")
            shutil.rmtree(out, ignore_errors=True)
            return False
        self.swap(out)
        self.state.succeeded()
        self._clear(keep=(str(self.count), self.served))
        self.served = str(self.count)
        print(f"wizard.serve: rebuilt in {seconds:.1f} s, now serving {out}", file=sys.stderr)
        return True

    def _clear(self, keep: Sequence[str]) -> None:
        """Remove the numbered build folders other than ``keep`` (only those: the folder may hold others)."""
        if not self.builds_dir.is_dir():
            return
        for folder in self.builds_dir.iterdir():
            if folder.is_dir() and folder.name.isdigit() and folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)


def problems_in(output: str) -> str:
    """The lines of a build's output that report a problem (every line when none does), at most ERROR_LINES."""
    lines = output.splitlines()
    problems = [line for line in lines if "error" in line.lower() or "warning" in line.lower()] or lines
    return "\n".join(problems[-ERROR_LINES:])


def latest_change(paths: Sequence[Path]) -> float:
    """The newest modification time of any file under ``paths`` (0 when none exists)."""
    newest = 0.0
    for root in paths:
        files = [root] if root.is_file() else (p for p in root.rglob("*") if "__pycache__" not in p.parts)
        for path in files:
            try:
                newest = max(newest, path.stat().st_mtime)
            except OSError:
                continue  # removed while we looked
    return newest


def rebuild_on_change(paths: Sequence[Path], build: Callable[[], object], interval: float = 0.2, *,
                      rounds: int | None = None) -> None:
    """Poll ``paths`` every ``interval`` seconds and call ``build`` after a change.

    Polling rather than file-system events: standard library only, and it works the same on every system.
    Changes made during a build start another build. ``rounds`` limits the polls (for tests).
    """
    seen = latest_change(paths)
    count = 0
    while rounds is None or count < rounds:
        count += 1
        time.sleep(interval)
        latest = latest_change(paths)
        if latest == seen:
            continue
        seen = latest
        print("wizard.serve: a file changed, rebuilding...", file=sys.stderr)
        build()
