// The theme's inline content script (partials/javascripts/content.html), as a file: a link to a content tab
// opens that tab.
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
