/*
 * Fills a cached page's form with this visitor's tokens (clinic_site/form_tokens.py).
 *
 * A form with data-form-tokens="address" has empty hidden fields marked
 * data-form-token. When the visitor starts filling the form in, or sends it,
 * the address is asked (same origin, never cached) for {"field name": "value"}
 * and the fields are filled. If that fails the form is sent as it is and the
 * server shows it again with fresh tokens, the visitor's answers kept.
 */
(function () {
  "use strict";

  function missing(form) {
    var fields = form.querySelectorAll("input[data-form-token]");
    for (var i = 0; i < fields.length; i++) {
      if (!fields[i].value) {
        return true;
      }
    }
    return false;
  }

  function fetchTokens(form) {
    if (form.formTokens) {
      return form.formTokens;
    }
    var address = new URL(form.getAttribute("data-form-tokens"), window.location.href);
    new URLSearchParams(window.location.search).forEach(function (value, name) {
      address.searchParams.append(name, value);
    });
    if (document.referrer) {
      address.searchParams.set("referrer", document.referrer);
    }
    form.formTokens = fetch(address.toString(), {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("form tokens: " + response.status);
        }
        return response.json();
      })
      .then(function (values) {
        Object.keys(values).forEach(function (name) {
          var field = form.querySelector('input[type="hidden"][name="' + CSS.escape(name) + '"]');
          if (field) {
            field.value = values[name];
          }
        });
      })
      .catch(function () {
        form.formTokens = null; // tried again on the next attempt
      });
    return form.formTokens;
  }

  function prepare(form) {
    if (!missing(form)) {
      return;
    }
    form.addEventListener("focusin", function () {
      fetchTokens(form);
    });
    form.addEventListener("submit", function (event) {
      if (!missing(form) || form.sendingWithoutTokens) {
        return;
      }
      event.preventDefault();
      Promise.resolve(fetchTokens(form)).then(function () {
        form.sendingWithoutTokens = missing(form);
        if (form.requestSubmit) {
          form.requestSubmit(event.submitter || undefined);
        } else {
          form.submit();
        }
      });
    });
  }

  document.querySelectorAll("form[data-form-tokens]").forEach(prepare);
})();
