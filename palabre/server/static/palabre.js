/* palabre phone page, progressive enhancement: the page works without this file.
 *
 * - The answer form is sent as JSON with the page's idempotency key, so a retry or a double
 *   tap stores the answer once. Network errors and 5xx are retried with backoff; offline, the
 *   answer waits in localStorage and goes when the `online` event fires.
 * - The room state is polled every 3 s; when the phase or its open/closed state changes the
 *   page reloads, after saving what was being typed (restored on the same phase).
 */
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live || !window.fetch || !window.JSON || !window.localStorage) { return; }

  var code = live.getAttribute("data-code");
  var api = live.getAttribute("data-api");
  var phase = live.getAttribute("data-phase");
  var accepting = live.getAttribute("data-accepting") === "true";
  var statusBox = document.getElementById("status");
  var form = document.getElementById("answer-form");
  var QUEUE = "palabre-queue-" + code;
  var DRAFT = "palabre-draft-" + code + "-" + phase;
  var UNSENT = "palabre-unsent-" + code;
  var POLL_MS = 3000;
  var retryDelay = 1000;
  var retryTimer = null;
  var sending = false;

  function say(text) { statusBox.textContent = text; }
  function text(name) { return live.getAttribute("data-" + name + "-text"); }

  function load() {
    try { return JSON.parse(localStorage.getItem(QUEUE) || "[]"); } catch (e) { return []; }
  }
  function store(queue) {
    try {
      if (queue.length) { localStorage.setItem(QUEUE, JSON.stringify(queue)); }
      else { localStorage.removeItem(QUEUE); }
    } catch (e) { /* private mode: the answer still goes while the page is open */ }
  }
  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var s = "";
    for (var i = 0; i < bytes.length; i++) { s += ("0" + bytes[i].toString(16)).slice(-2); }
    return s;
  }

  function readAnswer() {
    var kind = form.getAttribute("data-kind");
    if (kind === "ideas") { return { text: form.elements.text.value }; }
    if (kind === "vote") {
      var dots = {};
      var selects = form.querySelectorAll("select[name^='dots-']");
      for (var i = 0; i < selects.length; i++) {
        dots[selects[i].name.slice(5)] = selects[i].value;
      }
      return { dots: dots };
    }
    var picked = [];
    var boxes = form.querySelectorAll("input[name='choices']:checked");
    for (var j = 0; j < boxes.length; j++) { picked.push(parseInt(boxes[j].value, 10)); }
    return { choices: picked };
  }

  function showError(body) {
    var old = form.querySelectorAll(".error.js");
    for (var i = 0; i < old.length; i++) { old[i].parentNode.removeChild(old[i]); }
    var error = document.createElement("p");
    error.className = "error js";
    error.id = "js-error";
    error.setAttribute("role", "alert");
    error.textContent = body.message;
    var field = body.field && form.querySelector("[name='" + body.field + "'], [name^='" +
                                                 body.field + "-']");
    var button = form.querySelector("button[type=submit]");
    form.insertBefore(error, button);
    if (field) {
      field.setAttribute("aria-invalid", "true");
      var described = field.getAttribute("aria-describedby") || "";
      if (described.indexOf("js-error") < 0) {
        field.setAttribute("aria-describedby", (described + " js-error").trim());
      }
      field.focus();
    }
  }

  function post(item) {
    return fetch(api + "/contributions", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-XSRFToken": item.xsrf },
      body: JSON.stringify({ key: item.key, phase: item.phase, answer: item.answer })
    });
  }

  function schedule(ms) {
    if (retryTimer) { clearTimeout(retryTimer); }
    retryTimer = setTimeout(function () { retryTimer = null; flush(); }, ms);
  }

  /* The answer just typed could not go yet: it waits in the queue, so the form is free. */
  function waiting(item, onFirst) {
    say(text("queued"));
    if (onFirst && item.key === onFirst && form && form.elements.text) {
      form.elements.text.value = "";
      try { sessionStorage.removeItem(DRAFT); } catch (e) { /* ignore */ }
    }
  }

  /* Send the queue in order; stop at the first network error and retry later. */
  function flush(onFirst) {
    if (sending) { return; }
    var queue = load();
    if (!queue.length) { return; }
    sending = true;
    var item = queue[0];
    post(item).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, body: body,
                 retryAfter: parseInt(response.headers.get("Retry-After") || "0", 10) };
      });
    }).then(function (result) {
      sending = false;
      if (result.status >= 500 || result.status === 429) {
        var wait = result.status === 429 ? result.retryAfter * 1000 : retryDelay;
        retryDelay = Math.min(retryDelay * 2, 30000);
        waiting(item, onFirst);
        schedule(wait + Math.random() * 500);
        return;
      }
      retryDelay = 1000;
      store(load().filter(function (q) { return q.key !== item.key; }));
      if (result.status < 300) {
        if (onFirst && item.key === onFirst) {
          try { sessionStorage.removeItem(DRAFT); } catch (e) { /* ignore */ }
          window.location.assign(window.location.pathname + "?sent=" + result.body.id);
          return;
        }
        say(text("sent"));
      } else if (form && item.phase === phase) {
        showError(result.body);
        say("");
      } else {
        say(result.body.message || "");
      }
      flush(onFirst);
    }).catch(function () {
      sending = false;
      waiting(item, onFirst);
      schedule(retryDelay + Math.random() * 500);
      retryDelay = Math.min(retryDelay * 2, 30000);
    });
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var key = form.elements.key.value;
      var queue = load().filter(function (q) { return q.key !== key; });
      queue.push({ key: key, phase: form.elements.phase.value, answer: readAnswer(),
                   xsrf: form.elements._xsrf.value });
      store(queue);
      say(text("sending"));
      form.elements.key.value = newKey();  // the next answer is a new one
      retryDelay = 1000;
      flush(key);
    });
    var area = form.elements.text;
    if (area) {
      try {
        var draft = sessionStorage.getItem(DRAFT);
        if (draft && !area.value && !document.getElementById("sent")) { area.value = draft; }
      } catch (e) { /* ignore */ }
      area.addEventListener("input", function () {
        try { sessionStorage.setItem(DRAFT, area.value); } catch (e) { /* ignore */ }
      });
    }
  }

  window.addEventListener("online", function () { retryDelay = 1000; flush(); });

  /* Before a reload: what is being typed survives it, shown again on the next page. */
  function keepTyped() {
    var area = form && form.elements.text;
    if (!area || !area.value.trim()) { return; }
    try { sessionStorage.setItem(UNSENT, JSON.stringify({ phase: phase, text: area.value })); }
    catch (e) { /* ignore */ }
  }

  function showUnsent() {
    var kept = null;
    try {
      kept = JSON.parse(sessionStorage.getItem(UNSENT) || "null");
      sessionStorage.removeItem(UNSENT);
    } catch (e) { return; }
    if (!kept || !kept.text) { return; }
    var area = form && form.elements.text;
    if (area && kept.phase === phase) {
      if (!area.value) { area.value = kept.text; }
      return;
    }
    var label = document.createElement("p");
    label.textContent = live.getAttribute("data-unsent-text");
    var quote = document.createElement("blockquote");
    quote.className = "unsent";
    quote.textContent = kept.text;
    statusBox.parentNode.insertBefore(quote, statusBox.nextSibling);
    statusBox.parentNode.insertBefore(label, quote);
  }

  function poll() {
    fetch(api, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (state && state.phase &&
            (state.phase.id !== phase || state.phase.accepting !== accepting)) {
          if (!load().length && !sending) { keepTyped(); window.location.reload(); return; }
        }
        setTimeout(poll, POLL_MS);
      })
      .catch(function () { setTimeout(poll, POLL_MS); });
  }

  showUnsent();
  if (load().length) { say(text("queued")); flush(); }
  setTimeout(poll, POLL_MS);
})();
