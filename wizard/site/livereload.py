"""Live reload for ``mkdocs serve`` that the site's Content-Security-Policy can allow by name.

MkDocs (1.6) reloads a page by putting an inline ``<script>`` into every HTML answer of ``mkdocs serve``; the
script long-polls ``/livereload/<epoch>/<id>`` on the same origin and reloads the page when a newer build is
ready. The site's policy allows no inline script, so the browser refuses it and the page never reloads.

Allowing ``'unsafe-inline'`` would allow any inline script. Instead the script's text is made constant (the
two numbers that change with each page go into ``data-`` attributes, which the script reads) so that its
SHA-256 digest can name it in the development policy (``wizard.site.policy.meta_policy``). The polling needs
no more than ``connect-src 'self'``: it is plain HTTP to the page's own origin, not another socket.
A built site never carries this script or its digest: only the MkDocs plugin, while serving, uses them.
"""

from __future__ import annotations

import base64
import hashlib

# The same polling as MkDocs' own script (mkdocs/livereload/__init__.py); only where the numbers come from
# differs. Not a word of it may change without the digest changing too, which happens by itself.
RELOAD_JS = """
(function () {
  "use strict";
  var tag = document.currentScript;
  var epoch = Number(tag.getAttribute("data-epoch"));
  var requestId = tag.getAttribute("data-request");
  var request = null;
  var timer = null;
  function poll() {
    request = new XMLHttpRequest();
    request.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timer = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    request.open("GET", "/livereload/" + epoch + "/" + requestId);
    request.send();
  }
  function stop() {
    if (request) request.abort();
    if (timer) clearTimeout(timer);
    request = timer = null;
  }
  window.addEventListener("load", function () {
    if (document.visibilityState === "visible") poll();
  });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll(); else stop();
  });
  window.addEventListener("beforeunload", stop);
})();
"""

SCRIPT_HASH = "'sha256-" + base64.b64encode(hashlib.sha256(RELOAD_JS.encode("utf-8")).digest()).decode("ascii") + "'"
"""The script's digest as a Content-Security-Policy source expression."""


def reload_tag(epoch: int, request_id: int) -> bytes:
    """The ``<script>`` element that reloads the page once a build newer than ``epoch`` is ready."""
    return f'<script data-epoch="{int(epoch)}" data-request="{int(request_id)}">{RELOAD_JS}</script>'.encode()


def inject(html: bytes, epoch: int, request_id: int) -> bytes:
    """``html`` with the reload script just before its last ``</body>`` (at the end when it has none)."""
    end = html.rfind(b"</body>")
    if end < 0:
        end = len(html)
    return html[:end] + reload_tag(epoch, request_id) + html[end:]
