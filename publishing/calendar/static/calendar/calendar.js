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
  const gapsPanel = root.querySelector("[data-gaps]");
  const filters = Object.fromEntries(new URLSearchParams(root.dataset.query));
  const UNDO_KEY = "masthead.calendar.undo";

  function say(text) {
    statusLine.textContent = text;
  }

  function rememberUndo(move) {
    sessionStorage.setItem(UNDO_KEY, JSON.stringify(move));
    undoButton.hidden = !move;
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

  // Move one entry's plan; returns the server's answer, or null after telling the editor why not.
  async function move(id, version, date, title) {
    const url = root.dataset.rescheduleUrl.replace(/0\/$/, id + "/");
    const result = await postJSON(url, { date: date, version: version });
    if (!result.ok) {
      say(result.data.error || "The entry could not be moved.");
      return null;
    }
    rememberUndo({ id: id, version: result.data.version, date: result.data.previousDate, title: title });
    say(date ? "“" + title + "” planned for " + date + "." : "“" + title + "” moved to the backlog.");
    return result.data;
  }

  const calendar = new FullCalendar.Calendar(root.querySelector("[data-grid]"), {
    initialView: "dayGridMonth",
    firstDay: 1,
    height: "auto",
    headerToolbar: { left: "prev,next today", center: "title", right: "dayGridMonth,timeGridWeek,listMonth" },
    buttonText: { month: "Month", week: "Week", list: "List", today: "Today" },
    // The arrows are drawn icons: the buttons carry the words, and screen readers skip the icons.
    buttonHints: { prev: "Previous $0", next: "Next $0", today: "This $0" },
    editable: canChange,
    eventDurationEditable: false,
    droppable: canChange,
    events: { url: root.dataset.eventsUrl, extraParams: filters },
    eventDidMount: function (info) {
      const props = info.event.extendedProps;
      info.el.title = [props.campaign, props.stage, props.status, props.owner, ...(props.warnings || [])].filter(Boolean).join(" · ");
      info.el.dataset.entryId = info.event.id;
    },
    eventDrop: async function (info) {
      const answer = await move(info.event.id, info.event.extendedProps.version, info.event.startStr.slice(0, 10), info.event.title);
      if (answer) {
        info.event.setExtendedProp("version", answer.version);
      } else {
        info.revert();
        calendar.refetchEvents();
      }
    },
    eventReceive: async function (info) {
      const item = info.draggedEl;
      info.event.remove();
      const answer = await move(item.dataset.entryId, Number(item.dataset.version), info.event.startStr.slice(0, 10), item.dataset.title);
      if (answer) item.remove();
      calendar.refetchEvents();
    },
    eventDragStop: async function (info) {
      const box = backlog.getBoundingClientRect();
      const { clientX: x, clientY: y } = info.jsEvent;
      if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) {
        const answer = await move(info.event.id, info.event.extendedProps.version, null, info.event.title);
        if (answer) window.location.reload();
      }
    },
    datesSet: function (info) {
      root.querySelectorAll(".fc-icon").forEach(function (icon) { icon.setAttribute("aria-hidden", "true"); });
      loadGaps(info.startStr.slice(0, 10), info.endStr.slice(0, 10));
    },
  });

  async function loadGaps(start, end) {
    const period = { start: start, end: end };
    if (filters.campaign) period.campaign = filters.campaign; // the gaps answer for the campaign
    const url = root.dataset.gapsUrl + "?" + new URLSearchParams(period);
    const response = await fetch(url, { credentials: "same-origin" });
    gapsPanel.innerHTML = response.ok ? await response.text() : "<p>Coverage could not be loaded.</p>";
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
    const answer = await move(last.id, last.version, last.date, last.title);
    rememberUndo(null);
    if (answer) {
      say("Undone: “" + last.title + "” is back " + (last.date ? "on " + last.date : "in the backlog") + ".");
      if (!last.date || !answer.previousDate) window.location.reload();
      else calendar.refetchEvents();
    }
  });

  const shiftForm = root.querySelector("[data-shift-form]");
  if (shiftForm) {
    shiftForm.addEventListener("submit", async function (event) {
      event.preventDefault();
      const form = new FormData(shiftForm);
      const result = await postJSON(root.dataset.shiftUrl, { from: form.get("from"), days: Number(form.get("days")) });
      say(result.ok ? result.data.moved + " entries moved." : result.data.error);
      rememberUndo(null);
      calendar.refetchEvents();
    });
  }

  calendar.render();
})();
