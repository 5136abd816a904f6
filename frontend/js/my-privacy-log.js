// "Wie keek naar mijn gegevens": what the staff did with a participant's data in the last six months, in plain
// A2 Dutch, one line per person and kind of thing ("Je docent Fatma keek naar je woorden · 3 keer deze week").
// renderAuditLog(container, api) fills any container (the privacy page "Jouw gegevens" calls it);
// myAuditScreen() is the page of its own, opened from the settings.

import { backLink, h, hidden, show } from "./dom.js";
import { link } from "./router.js";

const ROLE_WORDS = { teacher: "Je docent", coach: "Je jobcoach", coordinator: "De coördinator" };
const NO_NAME = { teacher: "Een docent", coach: "Een jobcoach", coordinator: "Een coördinator" };
const THINGS = {
  participant: "je gegevens",
  term: "je woorden",
  assignment: "je woorden",
  device: "je telefoons",
  "login-code": "je inlogcode",
  settings: "je instellingen",
  visit: "een bezoek op je werk",
  "visit-list": "je bezoeken op het werk",
  observation: "een woord van je werk",
  consent: "je toestemming",
  erasure: "je gegevens",
  level: "je niveaus",
  "employer-summary": "de samenvatting voor je werkgever",
  progress: "je voortgang",
};
const ICONS = { view: "👀", create: "➕", change: "✏️", remove: "➖", "login-code": "🔑", export: "📦", consent: "✅" };
const MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

function what(group) {
  const thing = THINGS[group.object_kind] || "je gegevens";
  switch (group.action) {
    case "view":
      return `keek naar ${thing}`;
    case "create":
      return `zette iets bij ${thing}`;
    case "change":
      return `veranderde ${thing}`;
    case "remove":
      return `haalde iets weg bij ${thing}`;
    case "login-code":
      return "maakte of stopte je inlogcode";
    case "export":
      return "downloadde je gegevens";
    case "consent":
      return "schreef je toestemming op";
    default:
      return `deed iets met ${thing}`;
  }
}

function who(group) {
  const role = group.actor_role;
  if (!group.actor_first_name) return NO_NAME[role] || "Iemand";
  return `${ROLE_WORDS[role] || "Iemand"} ${group.actor_first_name}`;
}

function when(group) {
  if (group.this_week === group.count) return `${group.count} keer deze week`;
  const last = new Date(group.last_at);
  return `${group.count} keer · laatst ${last.getDate()} ${MONTHS[last.getMonth()]}`;
}

// The sentence of one group, as a participant reads (and hears) it.
export function sentence(group) {
  return `${who(group)} ${what(group)}`;
}

function speak(text) {
  if (!("speechSynthesis" in window)) return;
  const say = new SpeechSynthesisUtterance(text);
  say.lang = "nl-NL";
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(say);
}

export async function renderAuditLog(container, api) {
  if (!document.querySelector("link[data-audit-css]"))
    document.head.append(h("link", { rel: "stylesheet", href: "/static/css/audit.css", "data-audit-css": "" }));
  const status = h("p", { class: "muted", role: "status" }, "Even laden…");
  container.replaceChildren(status);
  let log;
  try {
    log = await api("/me/audit");
  } catch (err) {
    status.className = "error";
    status.textContent = err.status === 0 ? "Geen internet. Probeer het later nog een keer." : err.message;
    return;
  }
  const intro = "Hier zie je wie van je docent, jobcoach of coördinator naar je gegevens keek, de laatste 6 maanden.";
  const items = log.groups.map((group) => {
    const text = sentence(group);
    return h(
      "li",
      { class: "audit-line" },
      h("span", { class: "audit-icon", "aria-hidden": "true" }, ICONS[group.action] || "•"),
      h(
        "span",
        { class: "audit-text" },
        h("span", { class: "audit-sentence" }, text),
        h("span", { class: "muted" }, when(group)),
      ),
      h(
        "button",
        {
          type: "button",
          class: "secondary small listen",
          "aria-label": `Luister: ${text}`,
          onclick: () => speak(`${text}, ${when(group)}`),
        },
        "🔊",
      ),
    );
  });
  container.replaceChildren(
    h("p", {}, intro),
    items.length
      ? h("ul", { class: "audit-lines" }, items)
      : h("p", { class: "ok" }, hidden("✓ "), "Niemand keek de laatste 6 maanden naar je gegevens."),
  );
}

export async function myAuditScreen() {
  const { api } = await import("./api.js");
  const box = h("section", { class: "card my-audit" });
  show(backLink(link("instellingen"), "Instellingen"), h("h1", {}, hidden("👀 "), "Wie keek naar mijn gegevens?"), box);
  await renderAuditLog(box, api);
}
