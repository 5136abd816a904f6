// One participant's progress (#voortgang/<id>), for staff: words known and mastered per week (a uPlot chart, loaded
// only here, with the same figures as a table), practice days per week, levels against targets, the words that keep
// failing with their sound (what to practise on the floor this week), the words heard on visits with their state,
// the latest visits, and "Woord toewijzen" for teachers and coordinators. From here: the levels page and the
// employer summary. Loaded when opened, never on the first load.

import { api } from "./api.js";
import { playButton } from "./audio.js";
import { loadUplot } from "./charts.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { progressStyles, shortDate } from "./progress-list.js";
import { link } from "./router.js";
import { termTitle } from "./term-view.js";

const STATES = { new: "nieuw", learning: "bezig", known: "bekend", mastered: "goed bekend" };
const STATE_ICONS = { new: "○", learning: "◔", known: "◑", mastered: "●" };
const MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const DAY = 86400;
const WRITERS = ["teacher", "coordinator"];

function section(title, icon, ...content) {
  const id = `sec-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return h("section", { class: "card", "aria-labelledby": id }, h("h2", { id }, hidden(`${icon} `), title), content);
}

function weekLabel(iso) {
  const d = new Date(`${iso}T12:00:00`);
  return `${d.getDate()} ${MONTHS[d.getMonth()]}`;
}

function drawVocabulary(uPlot, box, weeks) {
  const x = weeks.map((w) => Date.parse(`${w.week}T12:00:00Z`) / 1000);
  const data = [x, weeks.map((w) => w.known), weeks.map((w) => w.mastered)];
  const width = () => Math.max(240, Math.floor(box.clientWidth));
  const height = 200;
  const top = Math.max(4, ...weeks.map((w) => w.known));
  const plot = new uPlot(
    {
      width: width(),
      height,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: true, range: () => [x[0] - 3 * DAY, x[x.length - 1] + 3 * DAY] },
        y: { range: [0, Math.ceil(top * 1.1)] },
      },
      axes: [
        {
          stroke: "#4d4d4d",
          space: 60,
          grid: { stroke: "#e4e1d8" },
          ticks: { stroke: "#e4e1d8" },
          values: (_u, splits) =>
            splits.map((s) => {
              const d = new Date(s * 1000);
              return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
            }),
        },
        { stroke: "#4d4d4d", size: 44, grid: { stroke: "#e4e1d8" }, ticks: { stroke: "#e4e1d8" } },
      ],
      series: [
        {},
        { label: "Bekend", stroke: "#0b5d4b", width: 3, fill: "rgba(11, 93, 75, 0.10)", points: { size: 7 } },
        { label: "Goed bekend", stroke: "#8a4b00", width: 2, dash: [6, 4], points: { size: 6 } },
      ],
    },
    data,
    box,
  );
  if ("ResizeObserver" in window) {
    let last = width();
    new ResizeObserver(() => {
      if (!box.isConnected) return;
      const next = width();
      if (next !== last) {
        last = next;
        plot.setSize({ width: next, height });
      }
    }).observe(box);
  }
}

// The chart, its legend, and the figures per week as a table (for screen readers and for reading exact numbers).
function vocabulary(weeks) {
  const box = h("div", { class: "vocab-box" });
  const latest = weeks[weeks.length - 1];
  const rows = [...weeks].reverse();
  return {
    box,
    card: section(
      "Woorden per week",
      "📈",
      latest
        ? h(
            "p",
            { class: "big-figures" },
            h("span", {}, h("strong", {}, String(latest.known)), " bekend"),
            h("span", {}, h("strong", {}, String(latest.mastered)), " goed bekend"),
          )
        : null,
      weeks.length > 1
        ? h(
            "figure",
            { class: "vocab-chart" },
            box,
            h(
              "figcaption",
              { class: "vocab-legend" },
              h("span", { class: "vkey vkey-known", "aria-hidden": "true" }),
              "bekend",
              h("span", { class: "vkey vkey-mastered", "aria-hidden": "true" }),
              "goed bekend",
              h("span", { class: "sr-only" }, ". De cijfers per week staan in de tabel hieronder."),
            ),
          )
        : h("p", { class: "muted" }, "De grafiek komt na de eerste week."),
      h(
        "details",
        { class: "week-table" },
        h("summary", {}, "Cijfers per week"),
        h(
          "div",
          { class: "vocab-table-wrap", tabindex: "0", role: "region", "aria-label": "Cijfers per week" },
          h(
            "table",
            { class: "figures" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                ["Week van", "Bekend", "Goed bekend", "Dagen", "Antwoorden"].map((t) => h("th", { scope: "col" }, t)),
              ),
            ),
            h(
              "tbody",
              {},
              rows.map((w) =>
                h(
                  "tr",
                  {},
                  h("th", { scope: "row" }, weekLabel(w.week)),
                  h("td", {}, String(w.known)),
                  h("td", {}, String(w.mastered)),
                  h("td", {}, String(w.practice_days)),
                  h("td", {}, String(w.answers)),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  };
}

// A bar's height (set through the DOM: the content security policy refuses style attributes).
function fill(days) {
  const bar = h("span", { class: "day-fill" });
  bar.style.height = `${(Math.min(days, 7) / 7) * 100}%`;
  return bar;
}

// Practice days per week as a row of small bars, the newest week last (at most the last 12 weeks).
function practiceDays(weeks) {
  const shown = weeks.slice(-12);
  const card = section(
    "Oefendagen per week",
    "📅",
    shown.length
      ? h(
          "ol",
          { class: "day-bars" },
          shown.map((w) =>
            h(
              "li",
              { "aria-label": `Week van ${weekLabel(w.week)}: ${w.practice_days} van 7 dagen` },
              h("span", { class: "day-count", "aria-hidden": "true" }, String(w.practice_days)),
              h("span", { class: "day-bar", "aria-hidden": "true" }, fill(w.practice_days)),
              h("span", { class: "day-week", "aria-hidden": "true" }, weekLabel(w.week)),
            ),
          ),
        )
      : h("p", { class: "muted" }, "Nog geen weken."),
    h("p", { class: "muted small-text" }, "Het doel voor deelnemers is 4 dagen per week."),
  );
  const bars = card.querySelector(".day-bars");
  if (bars) bars.style.gridTemplateColumns = `repeat(${shown.length}, minmax(0, 1fr))`;
  return card;
}

function levelsCard(levels, participantId) {
  const skills = (levels && levels.skills) || [];
  return section(
    "Niveaus en doelen",
    "🎯",
    skills.length
      ? h(
          "table",
          { class: "figures levels-table" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ["Vaardigheid", "Nu", "Doel"].map((t) => h("th", { scope: "col" }, t)),
            ),
          ),
          h(
            "tbody",
            {},
            skills.map((s) =>
              h(
                "tr",
                {},
                h("th", { scope: "row" }, s.name),
                h("td", {}, s.current ? `${s.current.level} (${shortDate(s.current.date)})` : "—"),
                h("td", {}, (s.target && s.target.level) || "—"),
              ),
            ),
          ),
        )
      : null,
    levels && levels.deadline
      ? h("p", { class: "muted" }, `Einddatum van de route: ${shortDate(levels.deadline)}`)
      : null,
    h("a", { class: "button secondary wide", href: link("niveaus", participantId) }, hidden("📊 "), "Alle niveaus"),
  );
}

function termLine(term, extra = null) {
  return h(
    "li",
    { class: "term-line" },
    playButton(term.audio_url, termTitle(term)),
    term.emoji ? h("span", { class: "line-emoji", "aria-hidden": "true" }, term.emoji) : null,
    h(
      "span",
      { class: "term-words" },
      h("a", { href: link("term", term.id), lang: "nl", dir: "ltr" }, termTitle(term)),
      term.safety ? h("span", { class: "safety-mark" }, hidden("⚠️ "), "veiligheid") : null,
      extra,
    ),
  );
}

function failingCard(failing) {
  return section(
    "Woorden die niet lukken",
    "🔁",
    failing.length
      ? [
          h("p", { class: "muted" }, "Oefen deze woorden deze week samen op de werkvloer. Tik op 🔊 om te luisteren."),
          h(
            "ul",
            { class: "plain term-lines failing" },
            failing.map((t) => termLine(t)),
          ),
        ]
      : h("p", {}, "Geen woorden die steeds misgaan."),
  );
}

function observedCard(observed) {
  return section(
    "Gehoord op het werk",
    "🏭",
    observed.length
      ? h(
          "ul",
          { class: "plain term-lines" },
          observed.map((o) =>
            termLine(
              o.term,
              h(
                "span",
                { class: `term-state state-${o.state}` },
                hidden(`${STATE_ICONS[o.state] || ""} `),
                STATES[o.state] || o.state,
                h("span", { class: "muted" }, ` · ${o.workplace}, ${shortDate(o.heard_on)}`),
              ),
            ),
          ),
        )
      : h("p", { class: "muted" }, "Nog geen woorden van werkvloerbezoeken."),
  );
}

function visitsCard(visits) {
  return section(
    "Laatste bezoeken",
    "🗓️",
    visits.length
      ? h(
          "ul",
          { class: "plain visit-lines" },
          visits.map((v) =>
            h(
              "li",
              {},
              h("a", { href: link("bezoek", v.id) }, `${shortDate(v.date)}: ${v.workplace.employer}`),
              v.recorded_by ? h("span", { class: "muted" }, ` · ${v.recorded_by.name}`) : null,
            ),
          ),
        )
      : h("p", { class: "muted" }, "Nog geen bezoeken."),
  );
}

// "Woord toewijzen": search as you type, then one tap gives the word to this participant (it comes first in their
// next session). Giving a word twice changes nothing.
function assignCard(participant) {
  const input = h("input", { id: "assign-q", type: "search", autocomplete: "off", "aria-describedby": "assign-help" });
  const results = h("ul", { class: "plain term-lines assign-results", "aria-live": "polite" });
  const status = h("p", { role: "status", class: "assign-status" });
  let timer = null;
  let asked = 0;

  async function give(term, button) {
    button.disabled = true;
    try {
      await api(`/participants/${participant.id}/terms`, { method: "POST", body: { term_ids: [term.id] } });
      status.className = "assign-status ok";
      status.textContent = `✔ ${termTitle(term)} is toegewezen aan ${participant.name}. Het komt vooraan in de volgende oefening.`;
      button.textContent = "Toegewezen";
    } catch (err) {
      status.className = "assign-status error";
      status.textContent = err.fieldMessage() || err.message;
      button.disabled = false;
    }
  }

  async function search() {
    const q = input.value.trim();
    const mine = ++asked;
    if (!q) return results.replaceChildren();
    try {
      const found = await api(`/terms/search?q=${encodeURIComponent(q)}`, { timeout: 8000 });
      if (mine !== asked) return;
      results.replaceChildren(
        ...found.slice(0, 8).map((term) => {
          const button = h(
            "button",
            { type: "button", class: "primary small", "aria-label": `${termTitle(term)} toewijzen` },
            "Toewijzen",
          );
          button.addEventListener("click", () => give(term, button));
          const line = termLine(term);
          line.append(button);
          return line;
        }),
      );
      if (!found.length) results.replaceChildren(h("li", { class: "muted" }, "Niets gevonden."));
    } catch (err) {
      if (mine === asked) results.replaceChildren(h("li", { class: "error" }, err.message));
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  return section(
    "Woord toewijzen",
    "🧰",
    h("label", { for: "assign-q" }, "Zoek een woord"),
    h(
      "p",
      { class: "hint muted small-text", id: "assign-help" },
      `Het woord komt vooraan in de oefening van ${participant.name}.`,
    ),
    input,
    status,
    results,
  );
}

export async function progressScreen(me, id) {
  progressStyles();
  const back = backLink(link("voortgang"), "Voortgang");
  show(back, h("p", { class: "loading" }, "Laden…"));
  let progress;
  try {
    progress = await api(`/participants/${encodeURIComponent(id)}/progress`);
  } catch (err) {
    return show(back, errorLine(err.message));
  }
  const p = progress.participant;
  const vocab = vocabulary(progress.weeks);
  show(
    back,
    h("h1", { class: "progress-title" }, p.name),
    h(
      "div",
      { class: "progress-actions" },
      h("a", { class: "button secondary small", href: link("niveaus", p.id) }, hidden("📊 "), "Niveaus"),
      h("a", { class: "button secondary small", href: link("werkgever", p.id) }, hidden("🤝 "), "Voor de werkgever"),
    ),
    h(
      "div",
      { class: "progress-grid" },
      failingCard(progress.failing),
      // Teachers and coordinators give words from here: next to what fails, where the eye already is.
      WRITERS.includes(me.role) ? assignCard(p) : null,
      vocab.card,
      practiceDays(progress.weeks),
      levelsCard(progress.levels, p.id),
      observedCard(progress.observed),
      visitsCard(progress.visits),
    ),
  );
  if (progress.weeks.length > 1) {
    try {
      drawVocabulary(await loadUplot(), vocab.box, progress.weeks);
    } catch (err) {
      vocab.box.replaceChildren(h("p", { class: "muted" }, err.message));
    }
  }
}
