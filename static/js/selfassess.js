/* Self-assessments: progressive enhancement only; every feature works without this file.
   - Quick exit: location.replace() so the Back button does not return to the assessment.
   - Print: shows the print button (hidden without JavaScript, where the browser's own
     print command does the same). */
(function () {
    "use strict";
    document.addEventListener("click", function (event) {
        var link = event.target.closest("[data-quick-exit]");
        if (link) {
            event.preventDefault();
            window.location.replace(link.href);
            return;
        }
        if (event.target.closest("[data-print]")) {
            window.print();
        }
    });
    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll("[data-print]").forEach(function (button) {
            button.hidden = false;
        });
    });
})();
