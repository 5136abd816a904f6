// One term on its own screen: everything about it, and the edit or propose button for those who may. Staff also
// see which of their participants' languages still lack a translation and who practises the term; teachers and
// coordinators give it to a participant, a group or everyone at a workplace from here.

import { ApiError, api } from "./api.js";
import { playButton } from "./audio.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { recordingCard } from "./recording.js";
import { mayEdit, mayPropose, mayRecord, mayWrite } from "./rights.js";
import { link, takeNotice } from "./router.js";
import { sectorName } from "./sectors.js";
import {
  LANGUAGES,
  POS_NAMES,
  detailLanguages,
  levelBadge,
  missingFor,
  myParticipants,
  readersByLanguage,
  safetyBadge,
  termTitle,
  translationText,
} from "./term-view.js";

function plural(me, term) {
  if (term.plural === "-") return h("p", { class: "muted" }, "Geen meervoud");
  if (term.plural) return h("p", { class: "plural" }, "Meervoud: ", h("span", { lang: "nl" }, `de ${term.plural}`));
  // Unknown is not "none": staff see that it can still be filled in.
  return me.role !== "participant" && term.pos === "noun" ? h("p", { class: "muted" }, "Meervoud: nog onbekend") : null;
}

function translations(me, term, readers) {
  const staff = me.role !== "participant";
  const rows = detailLanguages(me).map((code) => {
    const tr = term.translations[code];
    const text = tr && tr.text ? translationText(code, tr, "dd") : h("dd", { class: "muted" }, "Nog geen vertaling");
    if (staff && tr && tr.text) {
      const state = tr.checked ? "✔ gecontroleerd" : "nog niet gecontroleerd";
      text.append(" ", h("span", { class: "checked", dir: "ltr", lang: "nl" }, state));
    }
    if (staff && readers[code] && !(tr && tr.text)) {
      text.className = "missing-translation";
      text.append(h("span", { class: "readers" }, `Nodig voor ${readers[code].join(", ")}`));
    }
    return [h("dt", {}, (LANGUAGES[code] || { name: code }).name), text];
  });
  const missing = staff ? missingFor(term, readers) : [];
  return h(
    "section",
    { class: "card" },
    h("h2", {}, "Vertaling"),
    missing.length
      ? h(
          "p",
          { class: "missing-summary" },
          hidden("⚠️ "),
          `Voor jouw deelnemers ontbreekt nog: ${missing.map((code) => LANGUAGES[code].name).join(", ")}.`,
          mayEdit(me, term) ? [" ", h("a", { href: link("term", term.id, "bewerken") }, "Vertaling toevoegen")] : null,
          mayPropose(me, term)
            ? [" ", h("a", { href: link("term", term.id, "voorstel") }, "Vertaling voorstellen")]
            : null,
        )
      : null,
    h("dl", { class: "translations" }, rows),
  );
}

function since(iso) {
  return new Date(iso).toLocaleDateString("nl-NL", { day: "numeric", month: "short" });
}

// Who practises the term (the caller's participants), and, for teachers and coordinators, giving it to more of
// them or taking it back. Giving it twice changes nothing; taking it back keeps the answers.
function assignCard(me, term) {
  const card = h("section", { class: "card assign", "aria-labelledby": "assign-title" });
  const status = h("p", { role: "status", class: "ok", hidden: true });
  const list = h("ul", { class: "people assigned" }, h("li", { class: "loading" }, "Laden…"));
  const writer = mayWrite(me);

  function say(text, ok = true) {
    status.className = ok ? "ok" : "error";
    status.textContent = text;
    status.hidden = false;
  }

  function fill(assigned) {
    if (!assigned.length) {
      list.replaceChildren(h("li", { class: "muted" }, "Nog niemand van jouw deelnemers oefent dit woord."));
      return;
    }
    list.replaceChildren(
      ...assigned.map((a) =>
        h(
          "li",
          {},
          h(
            "span",
            { class: "who-has" },
            h("span", { class: "person-name" }, a.participant.name),
            h("span", { class: "muted small-text" }, `sinds ${since(a.assigned_at)}`),
          ),
          writer
            ? h(
                "button",
                {
                  type: "button",
                  class: "secondary small",
                  "aria-label": `Weghalen bij ${a.participant.name}`,
                  onclick: () => unassign(a.participant),
                },
                hidden("✖ "),
                "Weghalen",
              )
            : null,
        ),
      ),
    );
  }

  async function unassign(person) {
    try {
      await api(`/terms/${term.id}/assignments/${person.id}`, { method: "DELETE" });
      fill(await api(`/terms/${term.id}/assignments`));
      say(`${person.name} oefent dit woord niet meer. De antwoorden blijven bewaard.`);
    } catch (err) {
      say(err instanceof ApiError ? err.message : String(err), false);
    }
  }

  const target = h("select", { id: "assign-target", "aria-describedby": "assign-hint" });
  const form = h(
    "form",
    {
      class: "assign-form",
      onsubmit: async (event) => {
        event.preventDefault();
        const [kind, id] = target.value.split(":");
        if (!id) return say("Kies eerst aan wie je het woord geeft.", false);
        const body = {
          p: { participant_ids: [Number(id)] },
          g: { group_id: Number(id) },
          w: { workplace_id: Number(id) },
        };
        const before = list.querySelectorAll(".person-name").length;
        try {
          const assigned = await api(`/terms/${term.id}/assignments`, { method: "POST", body: body[kind] });
          fill(assigned);
          const added = assigned.length - before;
          say(added > 0 ? `Toegewezen. Het woord komt vooraan in hun volgende oefening.` : "Zij hadden dit woord al.");
        } catch (err) {
          say(err instanceof ApiError ? err.fieldMessage() || err.message : String(err), false);
        }
      },
    },
    h("label", { for: "assign-target" }, "Geef dit woord aan"),
    h("p", { class: "hint", id: "assign-hint" }, "Eén deelnemer, een groep, of iedereen op een werkplek."),
    target,
    h("button", { type: "submit", class: "primary big" }, hidden("➕ "), "Toewijzen"),
  );

  card.append(
    h("h2", { id: "assign-title" }, hidden("🧰 "), "Wie oefent dit woord?"),
    list,
    status,
    writer ? form : null,
  );

  api(`/terms/${term.id}/assignments`)
    .then(fill)
    .catch((err) => list.replaceChildren(h("li", { class: "error" }, err.message)));
  if (writer) {
    Promise.all([myParticipants(me), api("/groups"), api("/workplaces?page_size=100")])
      .then(([participants, groups, workplaces]) => {
        const option = (value, text) => h("option", { value }, text);
        target.replaceChildren(
          option("", "Kies…"),
          groups.length
            ? h(
                "optgroup",
                { label: "Groepen" },
                groups.map((g) => option(`g:${g.id}`, `${g.name} (${g.participants.length})`)),
              )
            : null,
          workplaces.length
            ? h(
                "optgroup",
                { label: "Iedereen op een werkplek" },
                workplaces.map((w) => option(`w:${w.id}`, w.employer)),
              )
            : null,
          h(
            "optgroup",
            { label: "Eén deelnemer" },
            participants.map((p) => option(`p:${p.id}`, p.name)),
          ),
        );
      })
      .catch((err) => say(err.message, false));
  }
  return card;
}

function actionLink(href, icon, text) {
  return h("a", { class: "button primary wide", href }, hidden(icon + " "), text);
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
  const readers = staff ? await readersByLanguage(me).catch(() => ({})) : {};
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
      plural(me, term),
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
    staff ? assignCard(me, term) : null,
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
    translations(me, term, readers),
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
