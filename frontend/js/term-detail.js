// One term on its own screen: everything about it, and the edit or propose button for those who may.

import { api } from "./api.js";
import { playButton } from "./audio.js";
import { backLink, errorLine, h, show } from "./dom.js";
import { recordingCard } from "./recording.js";
import { mayEdit, mayPropose, mayRecord } from "./rights.js";
import { link, takeNotice } from "./router.js";
import { sectorName } from "./sectors.js";
import {
  LANGUAGES,
  POS_NAMES,
  detailLanguages,
  levelBadge,
  safetyBadge,
  termTitle,
  translationText,
} from "./term-view.js";

function plural(term) {
  if (!term.plural) return null;
  if (term.plural === "-") return h("p", { class: "muted" }, "Geen meervoud");
  return h("p", { class: "plural" }, "Meervoud: ", h("span", { lang: "nl" }, `de ${term.plural}`));
}

function translations(me, term) {
  const staff = me.role !== "participant";
  const rows = detailLanguages(me).map((code) => {
    const tr = term.translations[code];
    const text = tr && tr.text ? translationText(code, tr, "dd") : h("dd", { class: "muted" }, "Nog geen vertaling");
    if (staff && tr && tr.text) {
      const state = tr.checked ? "✔ gecontroleerd" : "nog niet gecontroleerd";
      text.append(" ", h("span", { class: "checked", dir: "ltr", lang: "nl" }, state));
    }
    return [h("dt", {}, (LANGUAGES[code] || { name: code }).name), text];
  });
  return h("section", { class: "card" }, h("h2", {}, "Vertaling"), h("dl", { class: "translations" }, rows));
}

function actionLink(href, icon, text) {
  return h("a", { class: "button primary wide", href }, h("span", { "aria-hidden": "true" }, icon + " "), text);
}

export async function termScreen(me, id) {
  const notice = takeNotice();
  show(h("p", { class: "loading" }, "Laden…"));
  let term;
  try {
    term = await api(`/terms/${encodeURIComponent(id)}`);
  } catch (err) {
    show(backLink(link("woorden"), "Woordenlijsten"), errorLine(err.message));
    return;
  }
  const staff = me.role !== "participant";
  const actions = [];
  if (mayEdit(me, term)) {
    actions.push(actionLink(link("term", term.id, "bewerken"), "✏️", "Bewerken"));
  }
  if (mayPropose(me, term)) {
    actions.push(actionLink(link("term", term.id, "voorstel"), "💬", "Voorstel doen"));
    actions.push(
      h(
        "p",
        { class: "muted small-text" },
        "Dit woord staat in de gedeelde lijst. Een redacteur kijkt naar je voorstel.",
      ),
    );
  }
  show(
    backLink(link("woorden", term.sector), await sectorName(term.sector)),
    notice ? h("p", { class: "ok", role: "status" }, "✔ ", notice) : null,
    h(
      "section",
      { class: "card term-hero" },
      term.emoji ? h("div", { class: "hero-emoji", "aria-hidden": "true" }, term.emoji) : null,
      h(
        "div",
        { class: "hero-title" },
        playButton(term.audio_url, termTitle(term)),
        h("h1", { lang: "nl", dir: "ltr" }, termTitle(term)),
      ),
      plural(term),
      h(
        "p",
        { class: "badges" },
        levelBadge(term.level),
        h("span", { class: "badge" }, term.theme),
        staff ? h("span", { class: "badge" }, POS_NAMES[term.pos] || term.pos) : null,
        term.safety ? safetyBadge() : null,
      ),
      term.safety ? h("p", { class: "safety-note" }, "Let goed op: dit woord is belangrijk voor je veiligheid.") : null,
    ),
    actions,
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Voorbeeld"),
      h(
        "div",
        { class: "example-row" },
        playButton(term.example_audio_url, term.example, "Luister naar het voorbeeld"),
        h("p", { class: "example", lang: "nl", dir: "ltr" }, term.example),
      ),
    ),
    translations(me, term),
    mayRecord(me) ? recordingCard(term, () => termScreen(me, id)) : null,
    staff
      ? h(
          "p",
          { class: "muted" },
          term.shared ? "Gedeelde lijst (voor alle organisaties)" : `Eigen lijst van ${me.organisation.name}`,
        )
      : null,
  );
}
