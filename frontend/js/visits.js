// A visit on the work floor, one-handed: pick the workplace and the people, then add the words heard there fast
// (search-or-create, the sentence as heard, a photo from the camera). Notes are kept as a draft on the phone.

import { ApiError, api } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { link, replaceWith, setNotice, takeNotice } from "./router.js";
import { POS_NAMES, termTitle } from "./term-view.js";

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

// A first guess at the kind of word, for the teacher to correct: a noun the noun list knows, a phrase of several
// words, a verb for an infinitive, else a noun.
function guessPos(text, article) {
  if (article) return "noun";
  if (text.split(/\s+/).length > 1) return "phrase";
  return /en$/.test(text) ? "verb" : "noun";
}

// The search-or-create panel: type, pick a found term, or keep the typed word as a new one (any kind of word).
function addTermPanel(visit, onAdded) {
  let chosen; // {id, label} of an existing term, null for a new one, undefined before choosing
  let timer = null;
  let checked = null; // the suggestions of the last new word checked
  const query = h("input", {
    id: "term-search",
    type: "search",
    autocomplete: "off",
    placeholder: "bijvoorbeeld: dweil",
    "aria-describedby": "new-term-error",
  });
  const results = h("ul", { class: "plain search-results", role: "listbox", "aria-label": "Gevonden woorden" });
  const picked = h("p", { class: "picked", hidden: true });
  const newFields = h("div", { class: "new-term", hidden: true });
  const errors = {};
  const fieldError = (name) => (errors[name] = h("p", { class: "field-error", id: `new-${name}-error`, hidden: true }));
  const pos = h(
    "select",
    { id: "new-pos", "aria-describedby": "new-pos-error" },
    Object.entries(POS_NAMES).map(([value, text]) => h("option", { value }, text)),
  );
  const article = h(
    "select",
    { id: "new-article", "aria-describedby": "new-article-error" },
    h("option", { value: "" }, "weet ik niet"),
    h("option", { value: "de" }, "de"),
    h("option", { value: "het" }, "het"),
  );
  const plural = h("input", {
    id: "new-plural",
    type: "text",
    autocomplete: "off",
    lang: "nl",
    "aria-describedby": "new-plural-hint new-plural-error",
  });
  const nounFields = h(
    "div",
    { class: "noun-fields" },
    h("label", { for: "new-article" }, "Lidwoord"),
    article,
    fieldError("article"),
    h("label", { for: "new-plural" }, "Meervoud"),
    h("p", { class: "hint", id: "new-plural-hint" }, "Geen meervoud? Typ -. Weet je het niet? Laat het leeg."),
    plural,
    fieldError("plural"),
  );
  const level = h(
    "select",
    { id: "new-level", "aria-describedby": "new-level-error" },
    ["A1", "A2", "B1"].map((l) => h("option", { value: l, selected: l === "A2" }, l)),
  );
  const safety = h("input", { id: "new-safety", type: "checkbox" });
  const hints = h("div", { class: "suggestions", role: "status" });
  const showNoun = () => (nounFields.hidden = pos.value !== "noun");
  pos.addEventListener("change", () => {
    showNoun();
    checkNew();
  });
  article.addEventListener("change", checkNew);
  newFields.append(
    hints,
    h("label", { for: "new-pos" }, "Soort woord"),
    pos,
    fieldError("pos"),
    nounFields,
    h("label", { for: "new-level" }, "Niveau"),
    level,
    fieldError("level"),
    h("label", { class: "check" }, safety, "⚠️ Belangrijk voor veiligheid"),
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
  const inputs = { term: query, pos, article, plural, level };

  function clearErrors() {
    error.hidden = true;
    for (const [name, line] of Object.entries(errors)) {
      line.hidden = true;
      if (inputs[name]) inputs[name].removeAttribute("aria-invalid");
    }
  }

  // The server's reason next to the field it is about; anything else above the button.
  function showErrors(message, byField) {
    const rest = [];
    let first = null;
    for (const [name, messages] of Object.entries(byField || {})) {
      const text = [messages].flat(Infinity).join(" ");
      if (!errors[name]) {
        rest.push(text);
        continue;
      }
      errors[name].textContent = text;
      errors[name].hidden = false;
      if (inputs[name]) inputs[name].setAttribute("aria-invalid", "true");
      if (name === "article" || name === "plural") nounFields.hidden = false;
      first = first || inputs[name];
    }
    error.textContent = [message, ...rest].join(" ");
    error.hidden = false;
    if (first) first.focus();
  }

  function pick(term) {
    chosen = term;
    clearErrors();
    results.replaceChildren();
    picked.hidden = false;
    newFields.hidden = term !== null;
    picked.textContent = term ? `Gekozen: ${term.label}` : `Nieuw woord: ${query.value.trim()}`;
    if (!term) {
      pos.value = guessPos(query.value.trim(), "");
      article.value = "";
      showNoun();
      checkNew(true);
    }
  }

  // What the noun list and the dictionary suggest, and the same word if the lists have it already.
  async function checkNew(first = false) {
    const text = query.value.trim();
    if (!text || chosen !== null) return;
    const params = new URLSearchParams({ term: text, pos: pos.value, sector: visit.workplace.sector });
    if (article.value) params.set("article", article.value);
    try {
      checked = await api(`/terms/check?${params}`);
    } catch {
      checked = null;
      hints.replaceChildren();
      return;
    }
    if (first && checked.article) {
      pos.value = "noun";
      article.value = checked.article;
      showNoun();
    }
    const lines = [];
    if (checked.existing.length) {
      lines.push(
        h(
          "div",
          { class: "exists" },
          h("p", {}, hidden("💡 "), "Dit woord staat al in de lijst. Kies dat woord:"),
          checked.existing.map((t) =>
            h(
              "button",
              { type: "button", class: "result", onclick: () => pick({ id: t.id, label: termTitle(t) }) },
              `${termTitle(t)} · ${t.shared ? "gedeeld" : "eigen"}`,
            ),
          ),
        ),
      );
    }
    if (checked.article && pos.value === "noun" && article.value !== checked.article) {
      lines.push(h("p", { class: "hint-line" }, hidden("📖 "), `De woordenlijst zegt: ${checked.article} ${text}`));
    }
    if (checked.spelling && !checked.spelling.correct) {
      const words = checked.spelling.suggestions.join(", ");
      lines.push(
        h(
          "p",
          { class: "hint-line" },
          hidden("🔤 "),
          words ? `Spelling? Bedoel je: ${words}` : "Dit woord staat niet in het woordenboek. Klopt de spelling?",
        ),
      );
    }
    hints.replaceChildren(...lines);
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
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        clearErrors();
        if (chosen === undefined) {
          showErrors("", { term: ["Kies een gevonden woord, of ‘Nieuw woord’."] });
          return;
        }
        const body = { context: context.value };
        if (chosen) body.term_id = chosen.id;
        else {
          Object.assign(body, { term: query.value.trim(), pos: pos.value, level: level.value, safety: safety.checked });
          if (pos.value === "noun")
            Object.assign(body, { article: article.value || null, plural: plural.value.trim() });
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
          onAdded(`Toegevoegd: ${observation.term.term}`, chosen ? [] : observation.suggestions, observation.term);
        } catch (err) {
          if (err instanceof ApiError && err.errors && err.errors.json) {
            showErrors(err.message, err.errors.json);
            if (err.status === 409) checkNew();
          } else showErrors(message(err), {});
        }
      },
    },
    h("h2", {}, "Woord toevoegen"),
    h("label", { for: "term-search" }, "Wat hoorde je?"),
    query,
    fieldError("term"),
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

// After a new word: what it still lacks (the advice of the checks), with the way to fill it in.
let lastAdvice = null;

function adviceCard(advice) {
  if (!advice || !advice.hints.length) return null;
  return h(
    "section",
    { class: "card advice", "aria-label": "Later aanvullen" },
    h(
      "details",
      {},
      h("summary", {}, hidden("📝 "), `Later aanvullen bij ${termTitle(advice.term)} (${advice.hints.length})`),
      h(
        "ul",
        {},
        advice.hints.map((hint) => h("li", {}, hint)),
      ),
    ),
    h("a", { class: "button secondary", href: link("term", advice.term.id, "bewerken") }, hidden("✏️ "), "Nu aanvullen"),
  );
}

export async function visitScreen(me, visitId) {
  const notice = takeNotice();
  const advice = lastAdvice;
  lastAdvice = null;
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
    notice ? adviceCard(advice) : null,
    h("h1", {}, `Bezoek ${visit.date}`),
    h(
      "p",
      { class: "muted" },
      `${visit.workplace.employer} · ${visit.participants.map((p) => p.name).join(", ") || "niemand gekozen"}`,
    ),
    visit.notes ? h("p", { class: "card visit-notes" }, visit.notes) : null,
    mine
      ? addTermPanel(visit, (text, hints, term) => {
          setNotice(text);
          lastAdvice = { hints, term };
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
