/*
 * A question list's filter, as the reader types: questions whose question or
 * answer contains what was typed (any part of a word, any case, with or without
 * accents) stay and open; the others and their empty sections hide. Without
 * this script the form is sent and the server filters the same way
 * (treatments.faqs.FaqItem.matches). Loaded as a file: the site's CSP allows no
 * inline script.
 */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ");
  }

  function start() {
    var form = document.querySelector("[data-faq-filter]");
    if (!form) {
      return;
    }
    var input = form.querySelector("input[type=search]");
    var status = document.getElementById("faq-filter-status");
    var sections = Array.prototype.slice.call(document.querySelectorAll("[data-faq-section]"));
    var items = [];
    sections.forEach(function (section) {
      section.querySelectorAll("details.faq").forEach(function (details) {
        items.push({ details: details, text: fold(details.textContent) });
      });
    });
    var openedByFilter = new Set();
    var timer = null;

    function announce(query, count) {
      if (!status) {
        return;
      }
      if (!query) {
        status.textContent = "";
      } else if (count === 0) {
        status.textContent = status.dataset.none;
      } else if (count === 1) {
        status.textContent = status.dataset.one;
      } else {
        status.textContent = status.dataset.many.replace("{count}", String(count));
      }
    }

    function apply() {
      var query = fold(input.value.trim());
      var count = 0;
      items.forEach(function (item) {
        var match = !query || item.text.indexOf(query) !== -1;
        item.details.hidden = !match;
        if (query && match) {
          if (!item.details.open) {
            openedByFilter.add(item.details);
          }
          item.details.open = true;
          count += 1;
        } else if (openedByFilter.has(item.details)) {
          item.details.open = false;
          openedByFilter.delete(item.details);
        }
      });
      sections.forEach(function (section) {
        section.hidden = !section.querySelector("details.faq:not([hidden])");
      });
      // Announced once typing pauses, not at every key.
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        announce(query, count);
      }, 400);
    }

    // A list the server already narrowed (?q=) holds only its matches: a new
    // search there goes back to the server, which has all the questions.
    var narrowed = input.value.trim() !== "";
    input.addEventListener("input", apply);
    form.addEventListener("submit", function (event) {
      if (!narrowed) {
        event.preventDefault();
        apply();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
