// Suggestions for search boxes, as a native <datalist>: the browser's own list is keyboard-
// and screen-reader-accessible, and without this script the boxes still work as plain forms.
(function () {
    "use strict";
    var DELAY_MS = 150;
    var MIN_LENGTH = 2;

    function enhance(input, index) {
        var url = input.getAttribute("data-suggestions-url");
        if (!url || !window.fetch) { return; }
        var list = document.createElement("datalist");
        list.id = "search-suggestions-" + index;
        input.parentNode.appendChild(list);
        input.setAttribute("list", list.id);
        var timer = null;
        var asked = "";
        var controller = null;

        function show(suggestions) {
            list.textContent = "";
            suggestions.forEach(function (text) {
                var option = document.createElement("option");
                option.value = text;
                list.appendChild(option);
            });
        }

        function ask() {
            var text = input.value.trim();
            if (text.length < MIN_LENGTH) { show([]); asked = ""; return; }
            if (text === asked) { return; }
            asked = text;
            if (controller) { controller.abort(); }
            controller = window.AbortController ? new AbortController() : null;
            fetch(url + "?q=" + encodeURIComponent(text), {
                headers: { "Accept": "application/json" },
                signal: controller ? controller.signal : undefined
            })
                .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
                .then(function (data) { if (text === asked) { show(data.suggestions || []); } })
                .catch(function () { /* offline or aborted: the box still works without suggestions */ });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(ask, DELAY_MS);
        });
    }

    function start() {
        var inputs = document.querySelectorAll("input[data-suggestions-url]");
        for (var i = 0; i < inputs.length; i++) { enhance(inputs[i], i); }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
