// A visit on the work floor, one-handed: pick the workplace and the people, then add the words heard there fast
// (search-or-create, the sentence as heard, a photo from the camera). Notes are kept as a draft on the phone.

import { ApiError, api } from "./api.js";
import { backLink, errorLine, h, show } from "./dom.js";
import { link, replaceWith, setNotice, takeNotice } from "./router.js";
import { termTitle } from "./term-view.js";

const DRAFT = "vaktaal.visit-draft";

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function message(err) {
  return err instanceof ApiError ? err.fieldMessage() || err.message : String(err);
}

export async function newVisitScreen(_me, workplaceId) {
  show(h("p", { class: "loading" }, "Laden…"));
  let workplace;
  try {
    workplace = await api(`/workplaces/${workplaceId}`);
  } catch (err) {
    return show(backLink(link("werkplekken"), "Werkplekken"), errorLine(err.message));
  }
  const draft = JSON.parse(localStorage.getItem(DRAFT) || "{}");
  const date = h("input", { id: "visit-date", type: "date", value: draft.date || today(), required: true });
  const notes = h("textarea", { id: "visit-notes", rows: "3", maxlength: "4000" }, draft.notes || "");
  notes.addEventListener("input", () =>
    localStorage.setItem(DRAFT, JSON.stringify({ date: date.value, notes: notes.value })),
  );
  const people = workplace.participants.map((p) =>
    h(
      "label",
      { class: "check" },
      h("input", { type: "checkbox", name: "participant", value: p.id, checked: true }),
      p.name,
    ),
  );
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const form = h(
    "form",
    {
      class: "card visit-form",
      onsubmit: async (event) => {
        event.preventDefault();
        error.hidden = true;
        const ids = [...form.querySelectorAll("input[name=participant]:checked")].map((i) => Number(i.value));
        try {
          const visit = await api("/visits", {
            method: "POST",
            body: { workplace_id: workplace.id, date: date.value, notes: notes.value, participant_ids: ids },
          });
          localStorage.removeItem(DRAFT);
          setNotice("Bezoek opgeslagen. Voeg nu de woorden toe die je hoort.");
          replaceWith("bezoek", visit.id);
        } catch (err) {
          error.textContent = message(err);
          error.hidden = false;
        }
      },
    },
    h("label", { for: "visit-date" }, "Datum"),
    date,
    h(
      "fieldset",
      {},
      h("legend", {}, "Wie heb je gezien?"),
      people.length ? people : h("p", { class: "muted" }, "Niemand van jouw deelnemers werkt hier."),
    ),
    h("label", { for: "visit-notes" }, "Notities over het werk"),
    h("p", { class: "hint" }, "Alleen over het werk en de taal. Geen gezondheid, geld of privézaken."),
    notes,
    error,
    h("button", { class: "primary big", type: "submit" }, "Bezoek opslaan"),
  );
  return show(backLink(link("werkplekken"), "Werkplekken"), h("h1", {}, `Bezoek: ${workplace.employer}`), form);
}

function observationItem(o) {
  const status = { assigned: "✔ toegewezen", suggested: "💡 wacht op docent", dropped: "✖ niet gebruikt" }[o.status];
  return h(
    "li",
    { class: "card observation" },
    o.photo_url ? h("img", { class: "observation-photo", src: o.photo_url, alt: `Foto: ${o.term.term}` }) : null,
    h(
      "div",
      {},
      h(
        "a",
        { class: "observation-term", href: link("term", o.term.id), lang: "nl" },
        (o.term.emoji ? o.term.emoji + " " : "") + termTitle(o.term),
      ),
      o.context ? h("p", { class: "observation-context", lang: "nl" }, `“${o.context}”`) : null,
      h("p", { class: "muted" }, `${status} · ${o.participants.map((p) => p.name).join(", ")}`),
    ),
  );
}

// The search-or-create panel: type, pick a found term, or keep the typed word as a new one.
function addTermPanel(visit, onAdded) {
  let chosen = null; // {id, label} of an existing term, or null for a new one
  let timer = null;
  const query = h("input", {
    id: "term-search",
    type: "search",
    autocomplete: "off",
    placeholder: "bijvoorbeeld: dweil",
  });
  const results = h("ul", { class: "plain search-results", role: "listbox", "aria-label": "Gevonden woorden" });
  const picked = h("p", { class: "picked", hidden: true });
  const newFields = h("div", { class: "new-term", hidden: true });
  const article = h(
    "select",
    { id: "new-article" },
    h("option", { value: "" }, "geen (geen zelfstandig naamwoord)"),
    h("option", { value: "de" }, "de"),
    h("option", { value: "het" }, "het"),
  );
  const plural = h("input", { id: "new-plural", type: "text", autocomplete: "off" });
  const level = h(
    "select",
    { id: "new-level" },
    ["A1", "A2", "B1"].map((l) => h("option", { value: l, selected: l === "A2" }, l)),
  );
  const safety = h("input", { id: "new-safety", type: "checkbox" });
  const spelling = h("p", { class: "hint", role: "status" });
  newFields.append(
    h("label", { for: "new-article" }, "Lidwoord"),
    article,
    h("label", { for: "new-plural" }, "Meervoud"),
    plural,
    h("label", { for: "new-level" }, "Niveau"),
    level,
    h("label", { class: "check" }, safety, "⚠️ Belangrijk voor veiligheid"),
    spelling,
  );
  const context = h("input", { id: "term-context", type: "text", autocomplete: "off", maxlength: "500" });
  const photo = h("input", {
    id: "term-photo",
    type: "file",
    accept: "image/*",
    capture: "environment",
    class: "file-input",
  });
  const photoName = h("span", { class: "muted" });
  photo.addEventListener("change", () => (photoName.textContent = photo.files[0] ? ` ${photo.files[0].name}` : ""));
  const recording = h("input", {
    id: "term-recording",
    type: "file",
    accept: "audio/*",
    capture: "user",
    class: "file-input",
  });
  const recordingName = h("span", { class: "muted" });
  recording.addEventListener("change", () => (recordingName.textContent = recording.files[0] ? " ✔" : ""));
  const error = h("p", { class: "error", role: "alert", hidden: true });

  function pick(term) {
    chosen = term;
    results.replaceChildren();
    picked.hidden = false;
    newFields.hidden = term !== null;
    picked.textContent = term ? `Gekozen: ${term.label}` : `Nieuw woord: ${query.value.trim()}`;
    if (!term) checkNew();
  }

  async function checkNew() {
    const text = query.value.trim();
    try {
      const check = await api(`/terms/check?term=${encodeURIComponent(text)}`);
      if (check.article && !article.value) article.value = check.article;
      if (check.spelling && !check.spelling.correct) {
        spelling.textContent = check.spelling.suggestions.length
          ? `Spelling? Bedoel je: ${check.spelling.suggestions.join(", ")}`
          : "Dit woord staat niet in het woordenboek. Klopt de spelling?";
      } else spelling.textContent = "";
    } catch {
      spelling.textContent = "";
    }
  }

  async function find() {
    const text = query.value.trim();
    picked.hidden = true;
    newFields.hidden = true;
    chosen = undefined;
    if (!text) return results.replaceChildren();
    try {
      const found = await api(`/terms/search?q=${encodeURIComponent(text)}`);
      results.replaceChildren(
        ...found.slice(0, 6).map((t) => {
          const label = termTitle(t);
          return h(
            "li",
            {},
            h(
              "button",
              { type: "button", class: "result", role: "option", onclick: () => pick({ id: t.id, label }) },
              h("span", { "aria-hidden": "true" }, (t.emoji || "•") + " "),
              label,
              h("span", { class: "muted" }, ` · ${t.sector}`),
            ),
          );
        }),
        h(
          "li",
          {},
          h("button", { type: "button", class: "result new", onclick: () => pick(null) }, `➕ Nieuw woord: “${text}”`),
        ),
      );
    } catch (err) {
      results.replaceChildren(h("li", { class: "error" }, message(err)));
    }
  }
  query.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(find, 250);
  });

  const form = h(
    "form",
    {
      class: "card add-term",
      onsubmit: async (event) => {
        event.preventDefault();
        error.hidden = true;
        if (chosen === undefined) {
          error.textContent = "Kies een gevonden woord, of ‘Nieuw woord’.";
          error.hidden = false;
          return;
        }
        const body = { context: context.value };
        if (chosen) body.term_id = chosen.id;
        else {
          Object.assign(body, { term: query.value.trim(), level: level.value, safety: safety.checked });
          if (article.value) Object.assign(body, { article: article.value, pos: "noun", plural: plural.value || "-" });
        }
        try {
          const observation = await api(`/visits/${visit.id}/observations`, { method: "POST", body });
          for (const [input, what] of [
            [photo, "photo"],
            [recording, "recording"],
          ]) {
            if (!input.files[0]) continue;
            const form = new FormData();
            form.append("file", input.files[0]);
            await api(`/observations/${observation.id}/${what}`, { method: "POST", form });
          }
          onAdded(`Toegevoegd: ${observation.term.term}`);
        } catch (err) {
          error.textContent = message(err);
          error.hidden = false;
        }
      },
    },
    h("h2", {}, "Woord toevoegen"),
    h("label", { for: "term-search" }, "Wat hoorde je?"),
    query,
    results,
    picked,
    newFields,
    h("label", { for: "term-context" }, "De zin zoals je hem hoorde"),
    context,
    h(
      "div",
      { class: "recording-buttons" },
      h(
        "label",
        { class: "button secondary file-label", for: "term-photo" },
        h("span", { "aria-hidden": "true" }, "📷 "),
        "Foto maken",
        photo,
        photoName,
      ),
      h(
        "label",
        { class: "button secondary file-label", for: "term-recording" },
        h("span", { "aria-hidden": "true" }, "🎙️ "),
        "Collega opnemen",
        recording,
        recordingName,
      ),
    ),
    error,
    h("button", { class: "primary big", type: "submit" }, "Toevoegen"),
  );
  return form;
}

export async function visitScreen(me, visitId) {
  const notice = takeNotice();
  show(h("p", { class: "loading" }, "Laden…"));
  let visit;
  try {
    visit = await api(`/visits/${visitId}`);
  } catch (err) {
    return show(backLink(link("werkplekken"), "Werkplekken"), errorLine(err.message));
  }
  const mine = visit.recorded_by && visit.recorded_by.id === me.id;
  return show(
    backLink(link("werkplek", visit.workplace.id, "bezoeken"), visit.workplace.employer),
    notice ? h("p", { class: "ok", role: "status" }, "✔ ", notice) : null,
    h("h1", {}, `Bezoek ${visit.date}`),
    h(
      "p",
      { class: "muted" },
      `${visit.workplace.employer} · ${visit.participants.map((p) => p.name).join(", ") || "niemand gekozen"}`,
    ),
    visit.notes ? h("p", { class: "card visit-notes" }, visit.notes) : null,
    mine
      ? addTermPanel(visit, (text) => {
          setNotice(text);
          visitScreen(me, visitId);
        })
      : null,
    h("h2", {}, `Woorden (${visit.observations.length})`),
    h("ul", { class: "plain" }, visit.observations.slice().reverse().map(observationItem)),
  );
}

export async function suggestionsScreen(me) {
  const notice = takeNotice();
  show(h("p", { class: "loading" }, "Laden…"));
  let items;
  try {
    items = await api("/suggestions?page_size=100");
  } catch (err) {
    return show(backLink(link(), "Start"), errorLine(err.message));
  }
  async function decide(o, approve) {
    try {
      await api(`/observations/${o.id}/decision`, { method: "POST", body: { approve } });
      setNotice(approve ? `Goedgekeurd: ${o.term.term}` : `Niet gebruikt: ${o.term.term}`);
    } catch (err) {
      setNotice(message(err));
    }
    suggestionsScreen(me);
  }
  return show(
    backLink(link(), "Start"),
    notice ? h("p", { class: "ok", role: "status" }, notice) : null,
    h("h1", {}, "Suggesties van coaches"),
    items.length ? null : h("p", { class: "muted" }, "Geen suggesties die op jou wachten."),
    h(
      "ul",
      { class: "plain" },
      items.map((o) =>
        h(
          "li",
          { class: "card observation" },
          h(
            "div",
            {},
            h("a", { class: "observation-term", href: link("term", o.term.id), lang: "nl" }, termTitle(o.term)),
            o.context ? h("p", { class: "observation-context", lang: "nl" }, `“${o.context}”`) : null,
            h(
              "p",
              { class: "muted" },
              `${o.recorded_by || "Coach"} · ${o.workplace} · voor ${o.participants.map((p) => p.name).join(", ")}`,
            ),
            h(
              "div",
              { class: "actions" },
              h("button", { type: "button", class: "primary", onclick: () => decide(o, true) }, "✔ Goedkeuren"),
              h("button", { type: "button", class: "secondary", onclick: () => decide(o, false) }, "✖ Niet gebruiken"),
            ),
          ),
        ),
      ),
    ),
  );
}
