// "Voor de werkgever" (#werkgever/<id>): a plain page to print for the employer, only while the participant agreed
// to it: the date it shows the state of, the days practised, the words known and the workplace's words learned.
// Never a level, a word that keeps failing or a flag. Without consent the server's reason is shown, calmly.
// Loaded when opened.

import { ApiError, api } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { progressStyles } from "./progress-list.js";
import { link } from "./router.js";

function longDate(iso) {
  return new Date(`${iso}T12:00:00`).toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
}

function workplaceBlock(w) {
  return h(
    "section",
    { class: "employer-workplace" },
    h("h2", {}, w.site ? `${w.employer}, ${w.site}` : w.employer),
    w.words.length
      ? [
          h(
            "p",
            {},
            w.words.length === 1
              ? "1 woord van deze werkplek is geleerd:"
              : `${w.words.length} woorden van deze werkplek zijn geleerd:`,
          ),
          h(
            "ul",
            { class: "employer-words", lang: "nl" },
            w.words.map((word) => h("li", {}, word)),
          ),
        ]
      : h("p", {}, "De woorden van deze werkplek komen nog."),
  );
}

export async function employerSummaryScreen(me, id) {
  // Coaches and coordinators record a consent given on paper (teachers do not).
  const mayRecord = me.role === "coach" || me.role === "coordinator";
  progressStyles();
  const back = backLink(link("voortgang", id), "Terug");
  show(back, h("p", { class: "loading" }, "Laden…"));
  let summary;
  try {
    summary = await api(`/participants/${encodeURIComponent(id)}/employer-summary`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) {
      return show(
        back,
        h("h1", {}, "Voor de werkgever"),
        h(
          "section",
          { class: "card calm-note", role: "status" },
          h("p", {}, hidden("🔒 "), err.message),
          mayRecord
            ? h(
                "p",
                { class: "muted" },
                "Gaf de deelnemer toestemming op papier? Leg dat vast op Start, bij de naam: Toestemming.",
              )
            : null,
        ),
      );
    }
    return show(back, errorLine(err.message));
  }
  show(
    back,
    h(
      "article",
      { class: "employer-summary" },
      h("h1", {}, `Vaktaal: ${summary.name}`),
      h(
        "p",
        { class: "employer-date" },
        `Stand op ${longDate(summary.date)}. Deze pagina laat zien hoe het er op die dag voor stond.`,
      ),
      h(
        "ul",
        { class: "employer-facts" },
        h(
          "li",
          {},
          h("strong", {}, String(summary.practice_days)),
          `${summary.practice_days === 1 ? " dag" : " dagen"} geoefend in de laatste ${summary.weeks} weken`,
        ),
        h(
          "li",
          {},
          h("strong", {}, String(summary.words_known)),
          summary.words_known === 1 ? " woord bekend" : " woorden bekend",
        ),
      ),
      summary.workplaces.map(workplaceBlock),
      h(
        "p",
        { class: "employer-foot muted" },
        `${summary.name} gaf toestemming om dit overzicht met de werkgever te delen.`,
      ),
    ),
    h(
      "button",
      { type: "button", class: "primary wide no-print", onclick: () => window.print() },
      hidden("🖨️ "),
      "Afdrukken",
    ),
  );
}
