/* Quick exit on pages about violence and abuse (templates/components/quick_exit.html).
   Progressive enhancement of a plain link that leaves for a neutral site:
   - the link leaves with location.replace(), so Back does not return to this page;
   - Esc pressed twice within a second leaves the same way (the hint says so only when this
     file runs, since without it Esc does nothing). */
(function () {
    "use strict";
    var ESCAPE_TWICE_MS = 1000;
    var lastEscape = 0;

    function leave(link) {
        window.location.replace(link.href);
    }

    document.addEventListener("click", function (event) {
        var link = event.target.closest("[data-quick-exit]");
        if (link) {
            event.preventDefault();
            leave(link);
        }
    });

    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" || event.repeat) {
            return;
        }
        var now = Date.now();
        var link = document.querySelector("[data-quick-exit]");
        if (link && now - lastEscape < ESCAPE_TWICE_MS) {
            leave(link);
        }
        lastEscape = now;
    });

    document.querySelectorAll("[data-quick-exit-hint]").forEach(function (hint) {
        hint.hidden = false;
    });
})();
