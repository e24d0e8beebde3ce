/* palabre phone page, progressive enhancement: the page works without this file.
 *
 * - The answer form is sent as JSON with the page's idempotency key, so a retry or a double
 *   tap stores the answer once. Network errors and 5xx are retried with backoff; offline, the
 *   answer waits in localStorage and goes when the `online` event fires.
 * - The page follows the room through Server-Sent Events (the room's state, pushed within a
 *   second of a change; polled every 3 s where EventSource is missing or the stream is
 *   closed): when the phase or its open/closed state changes the page reloads, after saving
 *   what was being typed (restored on the same phase); the clock, who speaks and the themes
 *   forming are updated in place.
 * - A dot vote counts the dots placed as they are chosen (the server recounts on sending).
 * - A page may hold several answer forms (one per worse idea to turn around), each with its
 *   own key. Photo forms and kiosk pages are sent by the browser itself (a file does not fit
 *   a JSON queue; a shared tablet keeps nothing of one person for the next).
 */
(function () {
  "use strict";
  var PREFIX = "palabre-";

  /* A kiosk's start page: whatever the last person left in this browser goes. */
  function forgetEverything() {
    [window.sessionStorage, window.localStorage].forEach(function (area) {
      try {
        for (var i = area.length - 1; i >= 0; i--) {
          var name = area.key(i);
          if (name && name.indexOf(PREFIX) === 0) { area.removeItem(name); }
        }
      } catch (e) { /* storage unavailable: nothing was kept either */ }
    });
  }
  if (document.getElementById("kiosk-start")) { forgetEverything(); return; }

  var live = document.getElementById("live");
  if (!live || !window.fetch || !window.JSON || !window.localStorage) { return; }

  var code = live.getAttribute("data-code");
  var api = live.getAttribute("data-api");
  var phase = live.getAttribute("data-phase");
  var accepting = live.getAttribute("data-accepting") === "true";
  var kiosk = live.getAttribute("data-kiosk") === "true";
  var assigned = live.getAttribute("data-assigned") || "";
  var statusBox = document.getElementById("status");
  var forms = Array.prototype.slice.call(document.querySelectorAll("form.answer"));
  var QUEUE = PREFIX + "queue-" + code;
  var DRAFT = PREFIX + "draft-" + code + "-" + phase;
  var UNSENT = PREFIX + "unsent-" + code;
  var POLL_MS = 3000;
  var retryDelay = 1000;
  var retryTimer = null;
  var sending = false;

  function say(text) { statusBox.textContent = text; }
  function text(name) { return live.getAttribute("data-" + name + "-text"); }
  function byId(id) { return id ? document.getElementById(id) : null; }
  function area(form) { return form && form.elements.text; }
  function draftKey(form) { return DRAFT + "-" + form.id; }

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

  /* The form's fields as the JSON API takes them (the same payload as the HTML form). */
  function readAnswer(form) {
    var kind = form.getAttribute("data-kind");
    var answer = {};
    var dots = {};
    var ticked = [];
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      var name = el.name;
      if (!name || name === "key" || name === "phase" || name === "_xsrf" ||
          el.type === "submit") { continue; }
      if (name.indexOf("dots-") === 0) { dots[name.slice(5)] = el.value; }
      else if (el.type === "checkbox") { if (el.checked) { ticked.push(parseInt(el.value, 10)); } }
      else if (el.type === "radio") {
        if (el.checked) { answer[name] = el.value; }
        else if (!(name in answer)) { answer[name] = null; }
      } else { answer[name] = el.value; }
    }
    if (kind === "vote") { return { dots: dots }; }
    if (kind === "choice") {
      if (ticked.length) { return { choices: ticked }; }
      return { choices: answer.choices === null || answer.choices === undefined ? [] :
                         [parseInt(answer.choices, 10)] };
    }
    return answer;
  }

  function showError(form, body) {
    var old = document.querySelectorAll(".error.js");
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
    if (field && field.type !== "hidden") {
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
    var form = byId(item.form);
    if (onFirst && item.key === onFirst && area(form)) {
      area(form).value = "";
      try { sessionStorage.removeItem(draftKey(form)); } catch (e) { /* ignore */ }
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
      var form = byId(item.form);
      if (result.status < 300) {
        if (onFirst && item.key === onFirst) {
          try { if (form) { sessionStorage.removeItem(draftKey(form)); } } catch (e) { /* ignore */ }
          window.location.assign(window.location.pathname + "?sent=" + result.body.number);
          return;
        }
        say(text("sent"));
      } else if (form && item.phase === phase) {
        showError(form, result.body);
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

  function enhance(form) {
    if (form.enctype === "multipart/form-data") { return; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var key = form.elements.key.value;
      var queue = load().filter(function (q) { return q.key !== key; });
      queue.push({ key: key, phase: form.elements.phase.value, answer: readAnswer(form),
                   xsrf: form.elements._xsrf.value, form: form.id });
      store(queue);
      say(text("sending"));
      form.elements.key.value = newKey();  // the next answer is a new one
      retryDelay = 1000;
      flush(key);
    });
    var typed = area(form);
    if (typed) {
      try {
        var draft = sessionStorage.getItem(draftKey(form));
        if (draft && !typed.value && !document.getElementById("sent")) { typed.value = draft; }
      } catch (e) { /* ignore */ }
      typed.addEventListener("input", function () {
        try { sessionStorage.setItem(draftKey(form), typed.value); } catch (e) { /* ignore */ }
      });
    }
  }

  if (!kiosk) { forms.forEach(enhance); }

  window.addEventListener("online", function () { retryDelay = 1000; flush(); });

  /* Before a reload: what is being typed survives it, shown again on the next page. */
  function keepTyped() {
    if (kiosk) { return; }
    for (var i = 0; i < forms.length; i++) {
      var typed = area(forms[i]);
      if (typed && typed.value.trim()) {
        try {
          sessionStorage.setItem(UNSENT, JSON.stringify({ phase: phase, form: forms[i].id,
                                                         text: typed.value }));
        } catch (e) { /* ignore */ }
        return;
      }
    }
  }

  function showUnsent() {
    var kept = null;
    try {
      kept = JSON.parse(sessionStorage.getItem(UNSENT) || "null");
      sessionStorage.removeItem(UNSENT);
    } catch (e) { return; }
    if (!kept || !kept.text) { return; }
    var typed = area(byId(kept.form));
    if (typed && kept.phase === phase) {
      if (!typed.value) { typed.value = kept.text; }
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

  /* The running count of a dot vote: « 2 gommettes sur 3 placées ». */
  var counter = document.getElementById("dots-counter");
  function recount() {
    var total = parseInt(counter.getAttribute("data-total"), 10);
    var placed = 0;
    var selects = document.querySelectorAll("form.answer select[name^='dots-']");
    for (var i = 0; i < selects.length; i++) { placed += parseInt(selects[i].value, 10) || 0; }
    var form = placed > total ? "over" : placed === 0 ? "zero" : placed === 1 ? "one" : "other";
    counter.textContent = counter.getAttribute("data-" + form).replace("{placed}", placed);
    counter.className = placed > total ? "counter over" : "counter";
  }
  if (counter) {
    document.addEventListener("change", function (event) {
      if (event.target.name && event.target.name.indexOf("dots-") === 0) { recount(); }
    });
  }

  /* The clock: the room says how long is left; the phone counts the seconds between. */
  var clock = { box: document.getElementById("clock"), left: null, running: false, at: 0 };
  function minutes(seconds) {
    var s = Math.max(0, Math.round(seconds));
    return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }
  function setClock(box, left, running) {
    if (!box) { return; }
    box.hidden = left === null || left === undefined;
    var value = box.querySelector(".time");
    if (value && !box.hidden) { value.textContent = minutes(left); }
  }
  var speakerClock = { box: document.getElementById("speaker-clock"), left: null,
                       running: false, at: 0 };
  function tick() {
    [clock, speakerClock].forEach(function (c) {
      if (c.running && c.left !== null) {
        setClock(c.box, c.left - (Date.now() - c.at) / 1000, true);
      }
    });
  }
  setInterval(tick, 1000);
  function follow(c, left, running) {
    c.left = left === undefined ? null : left;
    c.running = !!running;
    c.at = Date.now();
    setClock(c.box, c.left, c.running);
  }

  function setText(id, value) {
    var el = document.getElementById(id);
    if (!el) { return; }
    el.textContent = value || el.getAttribute("data-none") || "";
    if (el.parentNode && el.parentNode.hasAttribute("data-hide-empty")) {
      el.parentNode.hidden = !value;
    }
  }
  function showThemes(themes) {
    var list = document.getElementById("themes-forming");
    if (!list) { return; }
    list.innerHTML = "";
    themes.forEach(function (theme) {
      var li = document.createElement("li");
      li.textContent = theme.title + " (" + theme.ideas + ")";
      list.appendChild(li);
    });
    list.hidden = !themes.length;
    var none = document.getElementById("themes-none");
    if (none) { none.hidden = !!themes.length; }
  }

  var reloading = false;
  function reloadWhenFree() {
    if (reloading) { return; }
    if (load().length || sending) { setTimeout(reloadWhenFree, 500); return; }
    reloading = true;
    keepTyped();
    window.location.reload();
  }

  /* This phone's own state (its table, its worse ideas...): asked when the room moved in a
     way that may change it, and by the fallback poll. */
  function checkOwn(then) {
    fetch(api, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (state && state.phase &&
            (state.phase.id !== phase || state.phase.accepting !== accepting ||
             (state.phase.assigned || "") !== assigned)) { reloadWhenFree(); return; }
        if (state && state.phase) { follow(clock, state.phase.remaining_s, state.phase.timer_running); }
        if (then) { then(); }
      })
      .catch(function () { if (then) { then(); } });
  }

  function poll() { checkOwn(function () { setTimeout(poll, POLL_MS); }); }

  var seenAssign = null;
  var version = parseInt(live.getAttribute("data-version") || "0", 10);
  function onRoom(state) {
    /* A state no newer than the page's is what the page already shows. */
    if (state.version > version &&
        (state.phase.id !== phase || state.phase.accepting !== accepting)) {
      reloadWhenFree();
      return;
    }
    follow(clock, state.phase.remaining_s, state.phase.timer_running);
    if (state.speaker) {
      setText("speaker-now", state.speaker.team);
      setText("speaker-next", state.speaker.next);
      follow(speakerClock, state.speaker.remaining_s, state.speaker.running);
    }
    if (state.themes) { showThemes(state.themes); }
    /* The first event may already carry a change made while the page was on its way (its
       version is newer than the page's): ask once what this phone's own state is. */
    if (seenAssign === null ? state.version > version : state.assign !== seenAssign) {
      checkOwn();
    }
    seenAssign = state.assign;
  }

  function listen() {
    if (!window.EventSource) { setTimeout(poll, POLL_MS); return; }
    var stream = new EventSource(api + "/events");
    stream.addEventListener("room", function (event) {
      try { onRoom(JSON.parse(event.data)); } catch (e) { /* a bad event: wait for the next */ }
      live.setAttribute("data-live", "stream");
    });
    /* A page already on its way out (a reload, a link) does not reload itself as well. */
    window.addEventListener("beforeunload", function () { reloading = true; stream.close(); });
    stream.onerror = function () {
      if (stream.readyState === 2) { live.setAttribute("data-live", "poll"); setTimeout(poll, POLL_MS); }
    };
  }

  if (!kiosk) { showUnsent(); }
  if (load().length) { say(text("queued")); flush(); }
  listen();
  /* From here an answer goes through the queue: scripts (and tests) can wait for this. */
  live.setAttribute("data-enhanced", "true");
})();
