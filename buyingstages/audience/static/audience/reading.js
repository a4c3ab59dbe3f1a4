// Masthead's first-party reading script: which assets a visitor views, how far they read (by section),
// what they download, arrivals by share link and by campaign link. No third party, no cookies, no IP kept.
(function () {
  "use strict";
  var body = document.body;
  var pageId = Number(body.dataset.assetId || 0);
  var endpoint = body.dataset.beacon;
  if (!endpoint) return;

  // "Was this useful?" is an answer the reader chooses to give, so it works with Do Not Track too.
  // It uses its own random id, never the reading id, so answers cannot be joined to reading.
  var useful = document.querySelector("[data-useful-form]");
  if (useful && pageId && window.crypto && crypto.randomUUID) {
    var votedKey = "masthead.voted." + pageId;
    var thank = function () {
      useful.querySelector("[role=group]").hidden = true;
      useful.querySelector("[data-useful-thanks]").hidden = false;
    };
    useful.hidden = false;
    try {
      if (window.localStorage.getItem(votedKey)) thank();
    } catch (error) { /* storage blocked: still allow one answer per page view */ }
    useful.addEventListener("click", function (event) {
      var answer = event.target.dataset && event.target.dataset.useful;
      if (!answer) return;
      var voter;
      try {
        voter = window.localStorage.getItem("masthead.voter") || crypto.randomUUID();
        window.localStorage.setItem("masthead.voter", voter);
        window.localStorage.setItem(votedKey, answer);
      } catch (error) {
        voter = crypto.randomUUID();
      }
      fetch(useful.dataset.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ voter: voter, p: pageId, useful: answer === "yes" }),
      });
      thank();
    });
  }

  // A reader survey: also an answer the reader chooses to give, with the same vote-only random id.
  var survey = document.querySelector("[data-survey]");
  if (survey && window.crypto && crypto.randomUUID) {
    var answeredKey = "masthead.surveyed." + survey.dataset.survey;
    var done = function () {
      survey.querySelector("[role=group]").hidden = true;
      survey.querySelector("[data-survey-thanks]").hidden = false;
    };
    try {
      if (window.localStorage.getItem(answeredKey)) done();
    } catch (error) { /* storage blocked */ }
    survey.addEventListener("click", function (event) {
      var choice = event.target.dataset && event.target.dataset.choice;
      if (choice === undefined) return;
      var voter;
      try {
        voter = window.localStorage.getItem("masthead.voter") || crypto.randomUUID();
        window.localStorage.setItem("masthead.voter", voter);
        window.localStorage.setItem(answeredKey, choice);
      } catch (error) {
        voter = crypto.randomUUID();
      }
      fetch(survey.dataset.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ voter: voter, survey: Number(survey.dataset.survey), choice: Number(choice) }),
      });
      done();
    });
  }

  // The page that confirms an erasure asks the browser to forget every id Masthead gave it, so
  // reading from here on starts afresh (the server drops anything sent with the old ones).
  if (body.dataset.forgetReader === "true") {
    try {
      Object.keys(window.localStorage)
        .filter(function (key) { return key.indexOf("masthead.") === 0; })
        .forEach(function (key) { window.localStorage.removeItem(key); });
    } catch (error) {}
    return;
  }

  if (navigator.doNotTrack === "1" || window.doNotTrack === "1" || navigator.globalPrivacyControl === true) {
    console.info("Masthead: Do Not Track / Global Privacy Control is on, so nothing about your reading is recorded.");
    return;
  }

  var CONSENT_KEY = "masthead.consent";
  var ID_KEY = "masthead.visitor";
  var CHECKED_KEY = "masthead.checked";
  var consentRequired = body.dataset.consentRequired === "true";

  function storage(key, value) {
    try {
      if (value === undefined) return window.localStorage.getItem(key);
      window.localStorage.setItem(key, value);
    } catch (error) {
      return null;
    }
    return value;
  }

  // The reader id is issued and signed by the site (it takes no other), once per browser; once a
  // browser session the script shows the site the id it holds, and is given a new one if that is no
  // longer good (or was made by an older script). Without storage nothing is recorded.
  var idRequest = null;
  function withReaderId(then) {
    var held = storage(ID_KEY);
    var checked = false;
    try { checked = window.sessionStorage.getItem(CHECKED_KEY) === held; } catch (error) {}
    if (held && checked) return then(held);
    if (storage("masthead.storage", "ok") === null || !window.fetch) return;
    if (!idRequest) {
      idRequest = fetch(body.dataset.readerId, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(held ? { v: held } : {}),
      })
        .then(function (response) { return response.status === 200 ? response.json() : {}; })
        .then(function (answer) {
          if (!answer.v) return null;
          storage(ID_KEY, answer.v);
          try { window.sessionStorage.setItem(CHECKED_KEY, answer.v); } catch (error) {}
          return answer.v;
        })
        .catch(function () { return null; });
    }
    idRequest.then(function (id) { if (id) then(id); });
  }

  // Arrived through a campaign's link: its utm_campaign goes with this page's events, and the site
  // records the campaign if it knows it. Anything not shaped like a campaign name is not sent.
  var campaign = new URLSearchParams(window.location.search).get("utm_campaign");
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(campaign || "")) campaign = null;

  // A page showing a story under test carries the reader's version as a token the site signed (the
  // same for every reader of that version). It is kept for this tab's session only, so the reading
  // that follows is counted for the version the reader saw; it identifies no one.
  var STORY_KEY = "masthead.story";
  function storyToken() {
    var shown = document.querySelector("[data-story-variant]");
    try {
      if (shown) window.sessionStorage.setItem(STORY_KEY, shown.dataset.storyVariant);
      return window.sessionStorage.getItem(STORY_KEY);
    } catch (error) {
      return shown ? shown.dataset.storyVariant : null;
    }
  }

  function send(event) {
    if (!pageId || !(window.crypto && crypto.randomUUID)) return;
    event.i = crypto.randomUUID(); // delivered more than once, the event still counts once
    if (campaign) event.u = campaign;
    var story = storyToken();
    if (story) event.t = story;
    withReaderId(function (id) {
      event.v = id;
      event.p = pageId;
      if (consentRequired) event.consent = true;
      var payload = JSON.stringify(event);
      if (!(navigator.sendBeacon && navigator.sendBeacon(endpoint, new Blob([payload], { type: "application/json" })))) {
        fetch(endpoint, { method: "POST", body: payload, headers: { "Content-Type": "application/json" }, keepalive: true });
      }
    });
  }

  function start() {
    // Forms on the page can carry the anonymous id so a subscriber's reading history joins them.
    var joins = document.querySelectorAll("input[name=visitor_id]");
    if (joins.length) {
      withReaderId(function (id) {
        joins.forEach(function (input) { input.value = id; });
      });
    }
    storyToken();
    if (!pageId) return;
    send({ e: "view" });

    var params = new URLSearchParams(window.location.search);
    var share = params.get("s");
    if (share) {
      send({ e: "share", c: share });
      // Counted once: a reload or a forwarded address is not a second arrival.
      params.delete("s");
      var query = params.toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    var sections = document.querySelectorAll("[data-section]");
    var seen = new Set();
    var reported = 0;
    if (sections.length && "IntersectionObserver" in window) {
      // A section is read once 60% of it has been on screen at once, or, for a section taller than
      // that (a case study's whole story), once it has filled 60% of the screen.
      var steps = [];
      for (var step = 0; step <= 20; step++) steps.push(step / 20);
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          var screen = entry.rootBounds ? entry.rootBounds.height : window.innerHeight;
          if (entry.intersectionRatio >= 0.6 || entry.intersectionRect.height >= 0.6 * screen) {
            seen.add(entry.target.dataset.section);
            observer.unobserve(entry.target);
          }
        });
      }, { threshold: steps });
      sections.forEach(function (section) { observer.observe(section); });
      var report = function () {
        if (seen.size > reported) {
          reported = seen.size;
          send({ e: "read", s: seen.size, n: sections.length });
        }
      };
      document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "hidden") report();
      });
      window.addEventListener("pagehide", report);
    }

    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-download]");
      if (link) send({ e: "download" });
      if (event.target.closest && event.target.closest("[data-next-steps] a")) send({ e: "next" });
    });
  }

  if (!consentRequired || storage(CONSENT_KEY) === "yes") {
    start();
    return;
  }
  if (storage(CONSENT_KEY) === "no") {
    console.info("Masthead: you declined, so nothing about your reading is recorded.");
    return;
  }
  var banner = document.querySelector("[data-consent-banner]");
  if (!banner) return;
  banner.hidden = false;
  banner.addEventListener("click", function (event) {
    var choice = event.target.dataset && event.target.dataset.consent;
    if (!choice) return;
    storage(CONSENT_KEY, choice);
    banner.hidden = true;
    if (choice === "yes") start();
    else console.info("Masthead: you declined, so nothing about your reading is recorded.");
  });
})();
