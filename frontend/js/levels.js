// "Niveaus" of one participant (#niveaus/<id>), for staff: per skill the start, the current level (with source,
// date and who) and the target (with the reason when it was changed), the evidence from practice beside it in plain
// words (never called a level), a chart of the history (uPlot, loaded only here) and the history itself. Teachers
// and coordinators record an assessment (or correct one: a new record naming it); coordinators set a target with a
// reason, the route's deadline, and accept or decline a teacher's proposal; teachers propose a target. Coaches (and
// anyone for a former member) read only. Loaded when opened, never on the first load.

import { api } from "./api.js";
import { loadUplot } from "./charts.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { fieldForm } from "./field-form.js";
import { levelStyles } from "./level-grid.js";
import {
  LEVELS,
  ROUTES,
  ROUTE_TARGETS,
  SKILLS,
  SKILL_NAMES,
  SOURCES,
  parseLevel,
  shortDay,
  todayIso,
} from "./level-parse.js";
import { link, setNotice, takeNotice } from "./router.js";

const capital = (text) => (text ? text[0].toUpperCase() + text.slice(1) : "");
const percent = (share) => `${Math.round(share * 100)}%`;

// A level field that tidies what was typed when it is left ("a2" -> "A2") and says at once what is wrong.
function levelInput(value = "") {
  const input = h("input", {
    type: "text",
    value,
    autocomplete: "off",
    autocapitalize: "characters",
    spellcheck: "false",
    maxlength: 40,
  });
  input.addEventListener("change", () => {
    const parsed = parseLevel(input.value);
    if (parsed.level) input.value = parsed.level;
  });
  return input;
}

function sourceText(a) {
  if (!a) return "";
  return [SOURCES[a.source] || a.source, a.test_name].filter(Boolean).join(": ");
}

// "A2 · Toets: Bureau ICE · 3 mrt 2026 · door Marieke Jansen"
function assessmentLine(a, { who = true } = {}) {
  if (!a) return h("span", { class: "muted" }, "nog niet vastgelegd");
  return h(
    "span",
    {},
    h("strong", { class: "level-badge" }, a.level),
    ` · ${sourceText(a)} · ${shortDay(a.date)}`,
    who && a.recorded_by ? ` · door ${a.recorded_by.name}` : "",
  );
}

function targetLine(target) {
  if (!target || !target.level) return h("span", { class: "muted" }, "nog geen doel (geen route)");
  return h(
    "span",
    {},
    h("strong", { class: "level-badge target" }, target.level),
    target.default
      ? " · standaard voor de route"
      : [
          target.changed_on ? ` · gewijzigd op ${shortDay(target.changed_on)}` : " · gewijzigd",
          target.reason ? h("span", { class: "target-reason" }, `Reden: ${target.reason}`) : null,
        ],
  );
}

// The evidence from practice, in words: never a level.
function evidenceBlock(skill, evidence) {
  if (!evidence) return null;
  const bands = (evidence.bands || []).map((b) =>
    h(
      "li",
      {},
      `Woorden ${b.band}: `,
      b.total ? `${b.known} van ${b.total} bekend (${percent(b.share ?? b.known / b.total)})` : "nog geen woorden",
    ),
  );
  const accuracy =
    evidence.answers > 0
      ? `Laatste 30 dagen: ${percent(evidence.accuracy ?? evidence.right / evidence.answers)} goed, van ${
          evidence.answers === 1 ? "1 antwoord" : `${evidence.answers} antwoorden`
        }`
      : "Laatste 30 dagen: nog geen antwoorden";
  return h(
    "div",
    { class: "level-evidence" },
    h("h3", {}, hidden("📱 "), "Uit het oefenen"),
    h("p", { class: "muted small-text" }, "Geen niveau: dit zegt hoeveel woorden bekend zijn in de app."),
    h("p", { class: "evidence-summary" }, capital(evidence.summary)),
    h("ul", { class: "plain evidence-bands" }, bands),
    h("p", {}, accuracy),
    evidence.self_assessed
      ? h(
          "p",
          { class: "self-assessed" },
          hidden("🙋 "),
          "Zelf beoordeeld: bij ",
          SKILL_NAMES[skill],
          " zegt de deelnemer zelf of het goed ging.",
        )
      : null,
  );
}

// The chart's data: x = days (seconds), the standing assessments as points, the target in force as a line.
function chartData(entry, route, startDate) {
  const assessments = (entry.history || []).filter(
    (row) => row.kind === "assessment" && !(row.assessment && row.assessment.corrected_by_id),
  );
  const changes = (entry.history || [])
    .filter((row) => row.kind === "target")
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  const seconds = (iso) => Date.parse(`${iso.slice(0, 10)}T12:00:00Z`) / 1000;
  const today = todayIso();
  // The route's start and today bound the target's line, so it shows with no assessment yet.
  const bounds = [startDate && startDate < today ? startDate : null, today].filter(Boolean);
  const days = [...new Set([...assessments.map((a) => a.date), ...changes.map((c) => c.date), ...bounds])].sort();
  const points = days.map((day) => {
    const found = assessments.filter((a) => a.date === day);
    return found.length ? found[found.length - 1].level_rank : null;
  });
  const fallback = route && ROUTE_TARGETS[route] ? LEVELS.indexOf(ROUTE_TARGETS[route]) : null;
  const targets = days.map((day) => {
    const inForce = changes.filter((c) => c.date <= day);
    return inForce.length ? inForce[inForce.length - 1].level_rank : fallback;
  });
  return { data: [days.map(seconds), points, targets], count: assessments.length };
}

const NL_NAMES = {
  MMMM: [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
  ],
  MMM: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
  WWWW: ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
  WWW: ["zo", "ma", "di", "wo", "do", "vr", "za"],
};

const DAY = 86400;

// "5 jan" for a short span, "jan 2026" for a long one; Dutch month names either way.
function dayLabels(uPlot, span) {
  const format = uPlot.fmtDate(span > 300 * DAY ? "{MMM} {YYYY}" : "{D} {MMM}", NL_NAMES);
  return (_u, splits) => splits.map((seconds) => format(new Date(seconds * 1000)));
}

function drawChart(uPlot, box, entry, levels) {
  const { data } = chartData(entry, levels.route, levels.start_date);
  const width = () => Math.max(240, Math.floor(box.clientWidth));
  const first = data[0][0];
  const last = data[0][data[0].length - 1];
  const span = Math.max(last, first + 60 * DAY) - first;
  const opts = {
    width: width(),
    height: 190,
    legend: { show: false },
    cursor: { show: false },
    fmtDate: (tpl) => uPlot.fmtDate(tpl, NL_NAMES),
    scales: {
      x: { time: true, range: () => [first - 20 * DAY, first + span + 20 * DAY] },
      y: { range: [-0.3, LEVELS.length - 0.7] },
    },
    axes: [
      {
        stroke: "#4d4d4d",
        space: 70,
        grid: { stroke: "#e4e1d8" },
        ticks: { stroke: "#e4e1d8" },
        values: dayLabels(uPlot, span),
      },
      {
        stroke: "#4d4d4d",
        size: 52,
        grid: { stroke: "#e4e1d8" },
        ticks: { stroke: "#e4e1d8" },
        splits: () => LEVELS.map((_, rank) => rank),
        values: (_u, splits) => splits.map((rank) => LEVELS[rank] || ""),
      },
    ],
    series: [
      {},
      {
        label: "Gemeten",
        stroke: "#0b5d4b",
        width: 0,
        paths: () => null,
        points: { show: true, size: 11, width: 2, stroke: "#0b5d4b", fill: "#0b5d4b" },
      },
      {
        label: "Doel",
        stroke: "#8a4b00",
        width: 2,
        dash: [6, 4],
        paths: uPlot.paths.stepped({ align: 1 }),
        points: { show: false },
      },
    ],
  };
  const plot = new uPlot(opts, data, box);
  if ("ResizeObserver" in window) {
    let last = width();
    new ResizeObserver(() => {
      if (!box.isConnected) return;
      const next = width();
      if (next !== last) {
        last = next;
        plot.setSize({ width: next, height: 190 });
      }
    }).observe(box);
  }
  return plot;
}

function chartFigure(entry) {
  const box = h("div", { class: "chart-box" });
  const figure = h(
    "figure",
    { class: "level-chart" },
    box,
    h(
      "figcaption",
      { class: "chart-legend" },
      h("span", { class: "key key-point", "aria-hidden": "true" }),
      "gemeten niveau",
      h("span", { class: "key key-line", "aria-hidden": "true" }),
      "doel",
      h("span", { class: "sr-only" }, `. Grafiek van ${SKILL_NAMES[entry.skill]}; de geschiedenis staat eronder.`),
    ),
  );
  return { figure, box };
}

function historyTable(entry, canRecord, onCorrect) {
  const rows = [...(entry.history || [])].reverse();
  if (!rows.length) return h("p", { class: "muted" }, "Nog geen geschiedenis.");
  // A narrow phone scrolls the table sideways inside its box: the box takes the focus, so keys scroll it too.
  return h(
    "div",
    {
      class: "table-wrap",
      tabindex: "0",
      role: "region",
      "aria-label": `Geschiedenis van ${SKILL_NAMES[entry.skill]}`,
    },
    h(
      "table",
      { class: "history" },
      h("caption", { class: "sr-only" }, `Geschiedenis van ${SKILL_NAMES[entry.skill]}`),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Datum", "Niveau", "Wat", "Door", "Opmerking", canRecord ? "Actie" : null]
            .filter(Boolean)
            .map((text) => h("th", { scope: "col" }, text)),
        ),
      ),
      h(
        "tbody",
        {},
        rows.map((row) => {
          const a = row.assessment;
          if (row.kind === "target")
            return h(
              "tr",
              { class: "target-row" },
              h("td", {}, shortDay(row.date)),
              h("td", {}, row.level),
              h("td", {}, "Doel gewijzigd"),
              h("td", {}, ""),
              h("td", {}, row.reason || ""),
              canRecord ? h("td", {}, "") : null,
            );
          const corrected = a && a.corrected_by_id;
          return h(
            "tr",
            { class: corrected ? "corrected" : null },
            h("td", {}, shortDay(row.date)),
            h("td", {}, corrected ? h("s", {}, row.level) : row.level),
            h(
              "td",
              {},
              sourceText(a),
              a && a.corrects_id ? h("span", { class: "tag" }, "correctie") : null,
              corrected ? h("span", { class: "tag" }, "gecorrigeerd") : null,
            ),
            h("td", {}, a && a.recorded_by ? a.recorded_by.name : ""),
            h("td", { class: "note-cell" }, (a && a.note) || ""),
            canRecord
              ? h(
                  "td",
                  {},
                  a && !corrected
                    ? h(
                        "button",
                        {
                          type: "button",
                          class: "secondary small",
                          "aria-label": `Corrigeer ${row.level} van ${shortDay(row.date)}`,
                          onclick: () => onCorrect(entry.skill, a),
                        },
                        "Corrigeer",
                      )
                    : "",
                )
              : null,
          );
        }),
      ),
    ),
  );
}

// Recording one assessment; `correct(skill, a)` turns it into a correction of `a`.
function recordForm(participantId, rerender) {
  let correcting = null;
  const skill = h(
    "select",
    {},
    SKILLS.map((s) => h("option", { value: s }, SKILL_NAMES[s])),
  );
  const level = levelInput();
  const date = h("input", { type: "date", value: todayIso(), max: todayIso() });
  const source = h(
    "select",
    {},
    Object.entries(SOURCES).map(([value, text]) => h("option", { value, selected: value === "observation" }, text)),
  );
  const testName = h("input", { type: "text", autocomplete: "off", maxlength: 120 });
  const note = h("textarea", { rows: 2, maxlength: 500 });
  const correctsLine = h("div", { class: "corrects", hidden: true });
  const f = fieldForm("level-form record-form", async () => {
    const body = { skill: skill.value, level: level.value.trim(), date: date.value, source: source.value };
    if (testName.value.trim()) body.test_name = testName.value.trim();
    if (note.value.trim()) body.note = note.value.trim();
    if (correcting) body.corrects_id = correcting.id;
    try {
      await api(`/participants/${participantId}/assessments`, { method: "POST", body });
    } catch (err) {
      const json = err.errors && err.errors.json;
      if (json && json.corrects_id) {
        correctsLine.append(h("p", { class: "field-error" }, [].concat(json.corrects_id).join(" ")));
      }
      throw err;
    }
    setNotice(
      correcting
        ? `Correctie opgeslagen: ${SKILL_NAMES[body.skill]} ${parseLevel(body.level).level || body.level}.`
        : `Opgeslagen: ${SKILL_NAMES[body.skill]} ${parseLevel(body.level).level || body.level}.`,
    );
    rerender(`skill-${body.skill}`);
  });
  function stopCorrecting() {
    correcting = null;
    correctsLine.hidden = true;
    correctsLine.replaceChildren();
    skill.disabled = false;
  }
  f.form.id = "record";
  f.form.append(
    h("h2", {}, hidden("✏️ "), "Niveau vastleggen"),
    correctsLine,
    h(
      "div",
      { class: "form-grid" },
      f.field("skill", "Vaardigheid", skill),
      f.field("level", "Niveau", level, "Bijvoorbeeld a2, of a1/a2 voor halverwege A1 en A2."),
      f.field("date", "Datum", date),
      f.field("source", "Bron", source),
      f.field("test_name", "Naam van de toets (mag leeg)", testName),
    ),
    f.field("note", "Opmerking (mag leeg)", note, "Geen medische of persoonlijke gegevens."),
    f.line,
    h("button", { type: "submit", class: "primary" }, hidden("💾 "), "Opslaan"),
  );
  function correct(skillName, a) {
    correcting = a;
    skill.value = skillName;
    skill.disabled = true;
    level.value = a.level;
    date.value = a.date;
    source.value = a.source;
    testName.value = a.test_name || "";
    note.value = "";
    correctsLine.hidden = false;
    correctsLine.replaceChildren(
      h(
        "p",
        { class: "notice" },
        `Je corrigeert ${SKILL_NAMES[skillName]} ${a.level} van ${shortDay(a.date)}. `,
        "Het oude blijft in de geschiedenis staan, doorgestreept.",
      ),
      h("button", { type: "button", class: "secondary small", onclick: stopCorrecting }, "Niet corrigeren"),
    );
    f.form.scrollIntoView({ block: "start" });
    level.focus({ preventScroll: true });
    level.select();
  }
  return { form: f.form, correct };
}

function targetForm(participantId, entry, rerender) {
  const level = levelInput();
  const reason = h("input", { type: "text", autocomplete: "off", maxlength: 300 });
  const date = h("input", { type: "date", value: todayIso() });
  const f = fieldForm("level-form target-form", async () => {
    await api(`/participants/${participantId}/targets/${entry.skill}`, {
      method: "PUT",
      body: { level: level.value.trim(), reason: reason.value.trim(), date: date.value || undefined },
    });
    setNotice(`Nieuw doel voor ${SKILL_NAMES[entry.skill]}: ${parseLevel(level.value).level || level.value}.`);
    rerender(`skill-${entry.skill}`);
  });
  f.form.append(
    f.field("level", "Nieuw doel", level, "Bijvoorbeeld A2."),
    f.field("reason", "Reden", reason, "Bijvoorbeeld: besluit gemeente van 3 maart."),
    f.field("date", "Geldt vanaf", date),
    f.line,
    h("button", { type: "submit", class: "primary" }, "Doel opslaan"),
  );
  return h("details", { class: "target-edit" }, h("summary", {}, hidden("🎯 "), "Doel wijzigen"), f.form);
}

function proposalForm(participantId, entry, rerender) {
  const level = levelInput();
  const reason = h("input", { type: "text", autocomplete: "off", maxlength: 300 });
  const f = fieldForm("level-form proposal-form", async () => {
    await api(`/participants/${participantId}/target-proposals`, {
      method: "POST",
      body: { skill: entry.skill, level: level.value.trim(), reason: reason.value.trim() },
    });
    setNotice("Je voorstel is verstuurd. Een coördinator beslist.");
    rerender(`skill-${entry.skill}`);
  });
  f.form.append(
    f.field("level", "Voorgesteld doel", level, "Bijvoorbeeld A2."),
    f.field("reason", "Waarom?", reason),
    f.line,
    h("button", { type: "submit", class: "primary" }, "Voorstel versturen"),
  );
  return h(
    "details",
    { class: "target-edit" },
    h("summary", {}, hidden("🎯 "), "Ander doel voorstellen"),
    h("p", { class: "muted small-text" }, "Een coördinator beslist over het doel."),
    f.form,
  );
}

function proposalBlock(participantId, entry, coordinator, rerender) {
  const proposal = entry.target && entry.target.proposal;
  if (!proposal) return null;
  const line = h("p", { class: "error", role: "alert", hidden: true });
  const act = async (accept) => {
    line.hidden = true;
    try {
      if (accept)
        await api(`/participants/${participantId}/targets/${entry.skill}`, {
          method: "PUT",
          body: { level: proposal.level, reason: proposal.reason },
        });
      else await api(`/participants/${participantId}/target-proposals/${proposal.id}/decline`, { method: "POST" });
      setNotice(accept ? `Voorstel overgenomen: doel ${proposal.level}.` : "Voorstel afgewezen.");
      rerender(`skill-${entry.skill}`);
    } catch (err) {
      line.textContent = err.message;
      line.hidden = false;
    }
  };
  return h(
    "div",
    { class: "proposal-box" },
    h(
      "p",
      {},
      hidden("💡 "),
      h("strong", {}, `Voorstel: doel ${proposal.level}`),
      proposal.proposed_by ? ` van ${proposal.proposed_by.name}` : "",
      proposal.reason ? `. Reden: ${proposal.reason}` : "",
    ),
    coordinator
      ? h(
          "div",
          { class: "button-row" },
          h("button", { type: "button", class: "primary small", onclick: () => act(true) }, "Overnemen"),
          h("button", { type: "button", class: "secondary small", onclick: () => act(false) }, "Afwijzen"),
        )
      : h("p", { class: "muted small-text" }, "Wacht op een coördinator."),
    line,
  );
}

function skillCard(participantId, entry, ctx) {
  const { canRecord, coordinator, teacher, rerender, onCorrect } = ctx;
  const chart = chartFigure(entry);
  const card = h(
    "section",
    { class: "card level-skill", id: `skill-${entry.skill}`, "aria-labelledby": `skill-${entry.skill}-title` },
    h("h2", { id: `skill-${entry.skill}-title` }, capital(entry.name || SKILL_NAMES[entry.skill])),
    h(
      "div",
      { class: "level-columns" },
      h(
        "dl",
        { class: "level-facts" },
        h("dt", {}, "Start"),
        h("dd", {}, assessmentLine(entry.start, { who: false })),
        h("dt", {}, "Nu"),
        h("dd", {}, assessmentLine(entry.current)),
        h("dt", {}, "Doel"),
        h("dd", {}, targetLine(entry.target)),
      ),
      evidenceBlock(entry.skill, entry.evidence),
    ),
    proposalBlock(participantId, entry, coordinator, rerender),
    chart.figure,
    h(
      "details",
      { class: "history-box" },
      h("summary", {}, `Geschiedenis (${(entry.history || []).length})`),
      historyTable(entry, canRecord, onCorrect),
    ),
    canRecord && coordinator ? targetForm(participantId, entry, rerender) : null,
    canRecord && teacher && !(entry.target && entry.target.proposal)
      ? proposalForm(participantId, entry, rerender)
      : null,
  );
  return { card, chartBox: chart.box };
}

function deadlineForm(participantId, levels, rerender) {
  const date = h("input", { type: "date", value: levels.deadline_is_default ? "" : levels.deadline || "" });
  const f = fieldForm("level-form deadline-form", async () => {
    await api(`/participants/${participantId}`, { method: "PATCH", body: { deadline: date.value || null } });
    setNotice(date.value ? "De einddatum van de route is opgeslagen." : "De einddatum is weer de standaard.");
    rerender();
  });
  f.form.append(
    f.field("deadline", "Einddatum van de route", date, "Leeg laten: de standaard, 3 jaar na de start."),
    f.line,
    h("button", { type: "submit", class: "primary" }, "Opslaan"),
  );
  return h("details", { class: "card deadline-edit" }, h("summary", {}, hidden("📅 "), "Einddatum wijzigen"), f.form);
}

function routeLine(levels) {
  const parts = [levels.route ? ROUTES[levels.route] || levels.route : "Route nog niet bekend"];
  if (levels.start_date) parts.push(`gestart ${shortDay(levels.start_date)}`);
  if (levels.deadline)
    parts.push(`einddatum ${shortDay(levels.deadline)}${levels.deadline_is_default ? " (standaard)" : ""}`);
  return parts.join(" · ");
}

// Scroll to a part of the page (a skill, the form) and put the focus in it.
function goTo(id, inside = null) {
  const target = document.getElementById(id);
  if (!target) return;
  target.scrollIntoView({ block: "start" });
  const focus = inside ? target.querySelector(inside) : target;
  if (!inside) target.setAttribute("tabindex", "-1");
  if (focus) focus.focus({ preventScroll: true });
}

export async function levelsScreen(me, participantId, focusId = null) {
  levelStyles();
  show(h("p", { class: "loading" }, "Laden…"));
  let participant;
  let levels;
  try {
    [participant, levels] = await Promise.all([
      api(`/participants/${participantId}`),
      api(`/participants/${participantId}/levels`),
    ]);
  } catch (err) {
    return show(backLink(link(), "Start"), errorLine(err.message));
  }
  const rerender = (focus = null) => levelsScreen(me, participantId, focus);
  const notice = takeNotice();
  const coordinator = me.role === "coordinator";
  const teacher = me.role === "teacher";
  const canRecord = (coordinator || teacher) && !levels.read_only && !participant.read_only;
  const record = canRecord ? recordForm(participantId, rerender) : null;
  const ctx = { canRecord, coordinator, teacher, rerender, onCorrect: record ? record.correct : () => {} };
  const cards = (levels.skills || []).map((entry) => skillCard(participantId, entry, ctx));
  const open = (levels.skills || []).filter((s) => s.target && s.target.proposal);
  show(
    backLink(link("deelnemers", participantId), participant.name),
    h("h1", { class: "levels-title" }, `Niveaus van ${participant.name}`),
    notice ? h("p", { class: "notice", role: "status" }, notice) : null,
    h("p", { class: "muted" }, routeLine(levels)),
    canRecord
      ? null
      : h(
          "p",
          { class: "notice read-only", role: "status" },
          hidden("👁 "),
          "Alleen kijken: je kunt hier niets wijzigen.",
        ),
    coordinator && open.length
      ? h(
          "div",
          { class: "notice proposals-waiting" },
          hidden("💡 "),
          open.length === 1 ? "1 voorstel voor een ander doel wacht op jou: " : `${open.length} voorstellen wachten: `,
          open.map((s) =>
            h(
              "button",
              { type: "button", class: "link-button", onclick: () => goTo(`skill-${s.skill}`) },
              SKILL_NAMES[s.skill],
            ),
          ),
        )
      : null,
    h(
      "p",
      { class: "muted small-text" },
      "Een niveau is wat een toets, een examen of een docent vaststelde. Wat de app uit het oefenen ziet, staat ernaast: dat is geen niveau.",
    ),
    record
      ? h(
          "button",
          { type: "button", class: "secondary", onclick: () => goTo("record", "select") },
          hidden("✏️ "),
          "Niveau vastleggen",
        )
      : null,
    cards.map((c) => c.card),
    record ? record.form : null,
    canRecord && coordinator ? deadlineForm(participantId, levels, rerender) : null,
  );
  if (focusId) goTo(focusId);
  try {
    const uPlot = await loadUplot();
    for (const [i, c] of cards.entries()) drawChart(uPlot, c.chartBox, levels.skills[i], levels);
  } catch (err) {
    for (const c of cards) c.chartBox.replaceChildren(h("p", { class: "muted" }, err.message));
  }
}
