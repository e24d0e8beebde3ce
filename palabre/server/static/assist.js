/* Assisted entry, progressive enhancement: the page works without this file.
 * A new box number starts its notes at 1, so the helper only types what changed. */
(function () {
  "use strict";
  var box = document.getElementById("box");
  var note = document.getElementById("note");
  if (!box || !note) { return; }
  var before = box.value;
  box.addEventListener("change", function () {
    if (box.value !== before) { note.value = "1"; before = box.value; }
  });
})();
