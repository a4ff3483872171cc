/* Self-assessments: progressive enhancement only; every feature works without this file.
   - Quick exit: location.replace() so the Back button does not return to the assessment.
   - Error summary: focused when the page opens, so a screen reader reads it first; its
     links focus the answer itself and show the whole question above it.
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
        var summaryLink = event.target.closest("[data-error-summary] a[href^='#']");
        if (summaryLink) {
            var input = document.getElementById(summaryLink.hash.slice(1));
            if (input) {
                event.preventDefault();
                (input.closest(".question") || input).scrollIntoView();
                input.focus({ preventScroll: true });
            }
            return;
        }
        if (event.target.closest("[data-print]")) {
            window.print();
        }
    });
    document.addEventListener("DOMContentLoaded", function () {
        var summary = document.querySelector("[data-error-summary]");
        if (summary) {
            summary.focus();
        }
        document.querySelectorAll("[data-print]").forEach(function (button) {
            button.hidden = false;
        });
    });
})();
