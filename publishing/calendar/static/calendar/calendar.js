// The editorial calendar grid: FullCalendar (vendored) plus the backlog, undo, shift and gaps panel.
(function () {
  "use strict";
  const root = document.querySelector("[data-calendar]");
  if (!root || !window.FullCalendar) return;

  const csrfToken = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const canChange = root.dataset.canChange === "true";
  const statusLine = root.querySelector("[data-status]");
  const undoButton = root.querySelector("[data-undo]");
  const backlog = root.querySelector("[data-backlog]");
  const backlogCount = root.querySelector("[data-backlog-count]");
  const gapsPanel = root.querySelector("[data-gaps]");
  const gridElement = root.querySelector("[data-grid]");
  const filters = Object.fromEntries(new URLSearchParams(root.dataset.query));
  const locale = root.dataset.locale || document.documentElement.lang || "en-gb";
  const UNDO_KEY = "masthead.calendar.undo";
  // One date format everywhere: the site's locale, as the server's own dates are written.
  const dayFormat = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric" });

  function say(text) {
    statusLine.textContent = text;
  }

  function showDay(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    return dayFormat.format(new Date(year, month - 1, day));
  }

  function rememberUndo(action) {
    if (action) sessionStorage.setItem(UNDO_KEY, JSON.stringify(action));
    else sessionStorage.removeItem(UNDO_KEY);
    undoButton.hidden = !action;
  }

  function pendingUndo() {
    try {
      return JSON.parse(sessionStorage.getItem(UNDO_KEY));
    } catch (error) {
      return null;
    }
  }

  async function postJSON(url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken },
      body: JSON.stringify(body),
    });
    let data = {};
    try {
      data = await response.json();
    } catch (error) {
      data = { error: "The server did not answer as expected." };
    }
    return { ok: response.ok, data: data };
  }

  function withId(template, id) {
    return template.replace(/0\/$/, id + "/");
  }

  function countBacklog() {
    if (backlogCount) backlogCount.textContent = backlog.querySelectorAll("[data-entry-id]").length;
  }

  // Move one entry's plan; returns the server's answer, or null after telling the editor why not.
  async function move(id, version, date, title) {
    const result = await postJSON(withId(root.dataset.rescheduleUrl, id), { date: date, version: version });
    if (!result.ok) {
      say(result.data.error || "The entry could not be moved.");
      return null;
    }
    rememberUndo({ kind: "entry", id: id, version: result.data.version, date: result.data.previousDate, title: title });
    say(date ? "“" + title + "” planned for " + showDay(date) + "." : "“" + title + "” moved to the backlog.");
    return result.data;
  }

  // Move one occurrence of a repeating entry; the rest of the series stays.
  async function moveOccurrence(id, occurrence, date, title) {
    const result = await postJSON(withId(root.dataset.occurrenceUrl, id), { date: occurrence, to: date });
    if (!result.ok) {
      say(result.data.error || "The occurrence could not be moved.");
      return null;
    }
    rememberUndo({ kind: "occurrence", id: id, occurrence: occurrence, date: result.data.previousDate, title: title });
    say("This “" + title + "” moved to " + showDay(date) + "; the rest of the series stays.");
    return result.data;
  }

  function backlogItem(event) {
    const item = document.createElement("li");
    item.className = "mh-backlog__item " + (event.classNames.find(function (name) { return name.startsWith("stage-"); }) || "stage-none");
    item.dataset.entryId = event.extendedProps.entryId || event.id;
    item.dataset.version = event.extendedProps.version;
    const title = event.title.replace(/^(⚠ |Open slot: )/, "");
    item.dataset.title = title;
    const link = document.createElement("a");
    link.href = event.url;
    link.textContent = title;
    item.append(link);
    return item;
  }

  function gridHeight() {
    // The grid fills the window below its top edge, so every day is in view while dragging.
    const top = gridElement.getBoundingClientRect().top + window.scrollY;
    // Never so short that a week row shows only "+ more": about two entries a day stay visible.
    return Math.max(600, window.innerHeight - Math.max(top - window.scrollY, 0) - 16);
  }

  // As many lines of each title as let two entries share a day of the month grid: two on a laptop,
  // more on a taller screen or in a month of fewer weeks (at least two, at most four).
  const ENTRY_FRAME = 6; // an entry's borders and the gaps around it, in pixels (calendar.css)
  function fitTitleLines(view) {
    const body = gridElement.querySelector(".fc-daygrid-body");
    if (!body) return;
    // An entry's line: its font size (0.75rem) × its line height (1.15), as calendar.css sets them.
    const line = parseFloat(getComputedStyle(document.documentElement).fontSize) * 0.75 * 1.15;
    const dayNumber = body.querySelector(".fc-daygrid-day-top")?.offsetHeight || 24;
    const weeks = Math.max(1, Math.round((view.activeEnd - view.activeStart) / (7 * 24 * 3600 * 1000)));
    const above = body.getBoundingClientRect().top - gridElement.getBoundingClientRect().top;
    const row = (calendar.getOption("height") - above) / weeks;
    const lines = String(Math.min(4, Math.max(2, Math.floor(((row - dayNumber - 2) / 2 - ENTRY_FRAME) / line))));
    if (gridElement.style.getPropertyValue("--mh-title-lines") === lines) return;
    gridElement.style.setProperty("--mh-title-lines", lines);
    // FullCalendar measured the entries at their old height: let it count again what fits a day.
    if (calendar.view) calendar.updateSize();
  }

  // "/admin/calendar/#2027-03-01" opens on that day's month: a link to a month, or a bookmark.
  const openedOn = /^#(\d{4}-\d{2}-\d{2})$/.exec(window.location.hash);

  const calendar = new FullCalendar.Calendar(gridElement, {
    initialView: "dayGridMonth",
    initialDate: openedOn ? openedOn[1] : undefined,
    locale: locale,
    firstDay: 1,
    // Only the month's own weeks: each row is taller, so more of each title shows.
    fixedWeekCount: false,
    // Timed entries (a webinar at 16:00) are drawn like the others, so their titles get the day's width.
    eventDisplay: "block",
    height: gridHeight(),
    dayMaxEvents: true,
    moreLinkClick: "popover",
    headerToolbar: { left: "prev,next today", center: "title", right: "dayGridMonth,dayGridWeek,listMonth" },
    buttonText: { month: "Month", week: "Week", list: "List", today: "Today" },
    views: {
      // "Mon 30": the month is in the title above ("30 Nov – 6 Dec 2026"), so a heading keeps to a line.
      dayGridWeek: { dayHeaderFormat: { weekday: "short", day: "numeric" } },
      listMonth: { listDayFormat: { weekday: "long", day: "numeric", month: "long", year: "numeric" }, listDaySideFormat: false },
    },
    eventTimeFormat: { hour: "2-digit", minute: "2-digit", hour12: false },
    // The arrows are drawn icons: the buttons carry the words, and screen readers skip the icons.
    buttonHints: { prev: "Previous $0", next: "Next $0", today: "This $0" },
    editable: canChange,
    eventDurationEditable: false,
    droppable: canChange,
    events: { url: root.dataset.eventsUrl, extraParams: filters },
    eventDidMount: function (info) {
      const props = info.event.extendedProps;
      // The tooltip starts with the whole title: the month grid shows two lines of it.
      const details = [props.campaign, props.type, props.stage, props.statusName, props.owner, props.repeat, ...(props.warnings || [])].filter(Boolean);
      info.el.title = [info.event.title, details.join(" · ")].filter(Boolean).join("\n");
      info.el.dataset.entryId = props.entryId || info.event.id;
      if (props.occurrence) info.el.dataset.occurrence = props.occurrence;
    },
    dateClick: function (info) {
      if (!root.dataset.addUrl) return;
      window.location.href = root.dataset.addUrl + "?" + new URLSearchParams({ date: info.dateStr.slice(0, 10) });
    },
    eventDrop: async function (info) {
      const props = info.event.extendedProps;
      const day = info.event.startStr.slice(0, 10);
      const answer = props.occurrence
        ? await moveOccurrence(props.entryId, props.occurrence, day, info.event.title)
        : await move(props.entryId, props.version, day, info.event.title);
      if (!answer) info.revert();
      calendar.refetchEvents();
      refreshGaps();
    },
    eventReceive: async function (info) {
      const item = info.draggedEl;
      info.event.remove();
      const answer = await move(item.dataset.entryId, Number(item.dataset.version), info.event.startStr.slice(0, 10), item.dataset.title);
      if (answer) item.remove();
      countBacklog();
      calendar.refetchEvents();
      refreshGaps();
    },
    eventDragStop: async function (info) {
      const props = info.event.extendedProps;
      if (props.occurrence || props.readOnly) return;
      const box = backlog.getBoundingClientRect();
      const { clientX: x, clientY: y } = info.jsEvent;
      if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) {
        const answer = await move(props.entryId, props.version, null, info.event.title);
        if (answer) {
          const item = backlogItem(info.event);
          item.dataset.version = answer.version;
          backlog.querySelector(".mh-backlog__empty")?.remove();
          backlog.prepend(item);
          info.event.remove();
          countBacklog();
          refreshGaps();
        }
      }
    },
    datesSet: function (info) {
      root.querySelectorAll(".fc-icon").forEach(function (icon) { icon.setAttribute("aria-hidden", "true"); });
      loadGaps(info.startStr.slice(0, 10), info.endStr.slice(0, 10));
      fitTitleLines(info.view);
    },
    windowResize: function (info) {
      calendar.setOption("height", gridHeight());
      fitTitleLines(info.view);
    },
  });

  // Opening or folding the filters moves the grid's top edge: fit the grid again.
  root.querySelector(".mh-calendar__filter-box")?.addEventListener("toggle", function () {
    calendar.setOption("height", gridHeight());
    fitTitleLines(calendar.view);
  });

  let gapsRequest = 0;
  async function loadGaps(start, end) {
    const mine = ++gapsRequest;
    gapsPanel.dataset.start = start;
    gapsPanel.dataset.end = end;
    const period = { start: start, end: end };
    if (filters.campaign) period.campaign = filters.campaign; // the gaps answer for the campaign
    const url = root.dataset.gapsUrl + "?" + new URLSearchParams(period);
    const response = await fetch(url, { credentials: "same-origin" });
    const html = response.ok ? await response.text() : "<p>Coverage could not be loaded.</p>";
    if (mine === gapsRequest) gapsPanel.innerHTML = html; // a later request answers for a later state
  }

  function refreshGaps() {
    if (gapsPanel.dataset.start) loadGaps(gapsPanel.dataset.start, gapsPanel.dataset.end);
  }

  if (canChange) {
    new FullCalendar.Draggable(backlog, {
      itemSelector: "[data-entry-id]",
      eventData: function (item) {
        return { title: item.dataset.title, create: true };
      },
    });
  }

  undoButton.hidden = !pendingUndo();
  undoButton.addEventListener("click", async function () {
    const last = pendingUndo();
    if (!last) return;
    rememberUndo(null);
    if (last.kind === "shift") {
      const result = await postJSON(root.dataset.shiftUrl, { undo: true });
      say(result.ok ? "Undone: " + result.data.moved + " entries are back where they were." : result.data.error);
    } else if (last.kind === "occurrence") {
      const result = await postJSON(withId(root.dataset.occurrenceUrl, last.id), { date: last.occurrence, to: last.date });
      say(result.ok ? "Undone: “" + last.title + "” is back on " + showDay(last.date) + "." : result.data.error);
    } else {
      const answer = await move(last.id, last.version, last.date, last.title);
      rememberUndo(null);
      if (!answer) return;
      say("Undone: “" + last.title + "” is back " + (last.date ? "on " + showDay(last.date) : "in the backlog") + ".");
      if (!last.date || !answer.previousDate) {
        window.location.reload();
        return;
      }
    }
    calendar.refetchEvents();
    refreshGaps();
  });

  const shiftForm = root.querySelector("[data-shift-form]");
  if (shiftForm) {
    const preview = root.querySelector("[data-shift-preview]");
    const list = root.querySelector("[data-shift-list]");
    const summary = root.querySelector("[data-shift-summary]");
    let pending = null;

    shiftForm.addEventListener("submit", async function (event) {
      event.preventDefault();
      const form = new FormData(shiftForm);
      pending = { from: form.get("from"), days: Number(form.get("days")) };
      const result = await postJSON(root.dataset.shiftUrl, { ...pending, preview: true });
      if (!result.ok) {
        // The refusal shows here, beside the form, and no earlier preview stays to be confirmed.
        pending = null;
        list.replaceChildren();
        summary.textContent = result.data.error;
        preview.querySelector("[data-shift-confirm]").hidden = true;
        preview.hidden = false;
        say(result.data.error);
        return;
      }
      list.replaceChildren(...result.data.entries.map(function (row) {
        const item = document.createElement("li");
        item.textContent = row.title + ": " + showDay(row.from) + " → " + showDay(row.to) + (row.repeats ? " (the whole series)" : "");
        return item;
      }), ...(result.data.staying || []).map(function (title) {
        const item = document.createElement("li");
        item.textContent = title + ": stays on each month's last day";
        return item;
      }));
      const more = result.data.count - result.data.entries.length;
      summary.textContent = result.data.count
        ? result.data.count + " entr" + (result.data.count === 1 ? "y" : "ies") + " will move by " + pending.days + (Math.abs(pending.days) === 1 ? " day" : " days") + (more > 0 ? " (the first " + result.data.entries.length + " shown)" : "") + ":"
        : "No entry is planned on or after that day.";
      preview.querySelector("[data-shift-confirm]").hidden = !result.data.count;
      preview.hidden = false;
    });

    // A changed date or number of days needs a new preview before anything moves.
    shiftForm.addEventListener("input", function () {
      preview.hidden = true;
      pending = null;
    });

    preview.querySelector("[data-shift-cancel]").addEventListener("click", function () {
      preview.hidden = true;
      pending = null;
    });

    preview.querySelector("[data-shift-confirm]").addEventListener("click", async function () {
      if (!pending) return;
      const result = await postJSON(root.dataset.shiftUrl, pending);
      preview.hidden = true;
      pending = null;
      if (!result.ok) {
        say(result.data.error);
        return;
      }
      say(result.data.moved === 1 ? "1 entry moved." : result.data.moved + " entries moved.");
      rememberUndo(result.data.canUndo ? { kind: "shift" } : null);
      calendar.refetchEvents();
      refreshGaps();
    });
  }

  calendar.render();
  fitTitleLines(calendar.view); // the first view's rows exist only now
})();
