// A visit on the work floor, one-handed and often without signal: pick the workplace and the people, then add the
// words heard there fast (search-or-create, the sentence as heard, a photo from the camera). Notes are kept as a
// draft on the phone. A visit and its words are saved on the phone first (js/visit-outbox.js) and sent when there is
// a connection; search runs on the phone's copy of the lists (js/term-cache.js), so nothing here needs the network.

import { ApiError, api, isOffline } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { link, replaceWith, setNotice, takeNotice } from "./router.js";
import { localTerms, sameTerms, searchTerms, workplaceFor } from "./term-cache.js";
import { POS_NAMES, termTitle } from "./term-view.js";
import {
  discard,
  isClientId,
  localVisit,
  onChange,
  saveObservation,
  saveVisit,
  start,
  visitWithServerId,
  waitingText,
  wordsOf,
} from "./visit-outbox.js";

const DRAFT = "vaktaal.visit-draft";
// How long a form waits for the server before it says "saved on your phone" and lets the teacher go on.
const VISIT_WAIT = 6000;
const WORD_WAIT = 8000;

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function message(err) {
  return err instanceof ApiError ? err.fieldMessage() || err.message : String(err);
}

// The small, calm line that says what waits on the phone ("2 woorden wachten op internet"); it never blocks.
function waitingLine() {
  const line = h("p", { class: "visit-waiting", role: "status", hidden: true });
  let shown = false;
  let ready = false; // the line is put on the screen right after this returns
  const stop = onChange((status) => {
    if (ready && !line.isConnected) return stop();
    const text = waitingText(status);
    if (text || status.failed) shown = true;
    line.hidden = !shown;
    line.classList.toggle("waiting", Boolean(text || status.failed));
    const failed = status.failed ? `${status.failed} niet verstuurd` : "";
    if (text) line.replaceChildren(hidden(status.sending ? "📤 " : "📱 "), text);
    else if (failed) line.replaceChildren(hidden("⚠️ "), h("span", { class: "visit-failed" }, failed));
    else line.replaceChildren(hidden("✓ "), "Alles is verstuurd");
    if (text && failed) line.append(" · ", h("span", { class: "visit-failed" }, failed));
  });
  ready = true;
  return line;
}

export async function newVisitScreen(me, workplaceId) {
  show(h("p", { class: "loading" }, "Laden…"));
  start(me.id);
  let workplace;
  try {
    workplace = await workplaceFor(me.id, workplaceId);
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
  const submit = h("button", { class: "primary big", type: "submit" }, "Bezoek opslaan");
  const form = h(
    "form",
    {
      class: "card visit-form",
      onsubmit: async (event) => {
        event.preventDefault();
        error.hidden = true;
        if (!date.value) {
          error.textContent = "Kies de datum van het bezoek.";
          error.hidden = false;
          return;
        }
        const ids = [...form.querySelectorAll("input[name=participant]:checked")].map((i) => Number(i.value));
        submit.disabled = true;
        let saved;
        try {
          saved = await saveVisit(
            {
              workplace: {
                id: workplace.id,
                employer: workplace.employer,
                site: workplace.site,
                sector: workplace.sector,
              },
              date: date.value,
              notes: notes.value,
              participant_ids: ids,
              participants: workplace.participants.filter((p) => ids.includes(p.id)),
            },
            { wait: VISIT_WAIT },
          );
        } catch (err) {
          submit.disabled = false;
          error.textContent = `Opslaan op deze telefoon lukt niet (${err.message || err}). Probeer het opnieuw.`;
          error.hidden = false;
          return;
        }
        submit.disabled = false;
        const { record, outcome } = saved;
        if (outcome.refused) {
          error.textContent = message(outcome.refused);
          error.hidden = false;
          return;
        }
        localStorage.removeItem(DRAFT);
        setNotice(
          outcome.sent
            ? "Bezoek opgeslagen. Voeg nu de woorden toe die je hoort."
            : "Bezoek opgeslagen op je telefoon. Voeg nu de woorden toe die je hoort: alles gaat mee als er internet is.",
        );
        replaceWith("bezoek", outcome.sent ? outcome.sent.id : record.client_id);
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
    submit,
  );
  return show(
    backLink(link("werkplekken"), "Werkplekken"),
    h("h1", {}, `Bezoek: ${workplace.employer}`),
    waitingLine(),
    form,
  );
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
// `where` says which visit the word belongs to on the phone ({clientId} and/or {serverId}); `onAdded(outcome,
// record)` hears what became of it: sent, or saved on the phone.
function addTermPanel(me, visit, where, onAdded) {
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
      checked = await api(`/terms/check?${params}`, { timeout: 4000 });
    } catch {
      // Without a connection: the same word in the phone's copy of the lists (no article or spelling advice).
      const terms = await localTerms(me.id);
      const options = { article: article.value || null, pos: pos.value, sector: visit.workplace.sector };
      checked = { article: null, spelling: null, existing: sameTerms(terms, text, options) };
    }
    if (query.value.trim() !== text) return;
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
      lines.push(
        h(
          "p",
          { class: "hint-line" },
          hidden("📖 "),
          `De woordenlijst zegt: ${termTitle({ article: checked.article, term: text })}`,
        ),
      );
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
      // The phone's copy of the lists answers at once, with or without a connection; the server only without one.
      const terms = await localTerms(me.id);
      const found = terms.length
        ? searchTerms(terms, text, 6)
        : await api(`/terms/search?q=${encodeURIComponent(text)}`, { timeout: 6000 });
      if (query.value.trim() !== text) return;
      results.replaceChildren(
        ...found.slice(0, 6).map((t) => {
          const label = termTitle(t);
          return h(
            "li",
            {},
            h(
              "button",
              { type: "button", class: "result", role: "option", onclick: () => pick({ id: t.id, label }) },
              hidden((t.emoji || "•") + " "),
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
      results.replaceChildren(
        h("li", { class: "error" }, isOffline(err) ? "Zoeken lukt nu niet zonder internet." : message(err)),
        h(
          "li",
          {},
          h("button", { type: "button", class: "result new", onclick: () => pick(null) }, `➕ Nieuw woord: “${text}”`),
        ),
      );
    }
  }
  query.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(find, 250);
  });

  const notice = h("div", { class: "added" });
  const submit = h("button", { class: "primary big", type: "submit" }, "Toevoegen");

  // Ready for the next word: the search field empty and in focus, nothing picked, no files.
  function reset() {
    chosen = undefined;
    checked = null;
    for (const input of [query, context, plural, photo, recording]) input.value = "";
    photoName.textContent = "";
    recordingName.textContent = "";
    safety.checked = false;
    results.replaceChildren();
    hints.replaceChildren();
    picked.hidden = true;
    newFields.hidden = true;
    query.focus({ preventScroll: true });
  }

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
        let label = chosen ? chosen.label : query.value.trim();
        if (chosen) body.term_id = chosen.id;
        else {
          Object.assign(body, { term: query.value.trim(), pos: pos.value, level: level.value, safety: safety.checked });
          if (pos.value === "noun") {
            Object.assign(body, { article: article.value || null, plural: plural.value.trim() });
            if (article.value) label = `${article.value} ${label}`;
          }
        }
        const [photoFile, recordingFile] = [photo.files[0] || null, recording.files[0] || null];
        submit.disabled = true;
        notice.replaceChildren();
        let saved;
        try {
          saved = await saveObservation(
            {
              visit_client_id: where.clientId || null,
              visit_id: where.clientId ? null : where.serverId,
              sector: visit.workplace.sector,
              label,
              body,
              photo: photoFile,
              photo_name: photoFile ? photoFile.name : null,
              recording: recordingFile,
              recording_name: recordingFile ? recordingFile.name : null,
            },
            { wait: WORD_WAIT },
          );
        } catch (err) {
          submit.disabled = false;
          showErrors(`Opslaan op deze telefoon lukt niet (${err.message || err}). Probeer het opnieuw.`, {});
          return;
        }
        submit.disabled = false;
        const { record, outcome } = saved;
        if (outcome.refused) {
          // The server's reason next to its field; the word stays in the form to fix.
          const err = outcome.refused;
          showErrors(err.message, (err.errors && err.errors.json) || {});
          if (err.status === 409) checkNew();
          return;
        }
        const wasNew = !chosen;
        reset();
        notice.replaceChildren(...(await onAdded(outcome, record, wasNew)));
      },
    },
    h("h2", {}, "Woord toevoegen"),
    notice,
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
        hidden("📷 "),
        "Foto maken",
        photo,
        photoName,
      ),
      h(
        "label",
        { class: "button secondary file-label", for: "term-recording" },
        hidden("🎙️ "),
        "Collega opnemen",
        recording,
        recordingName,
      ),
    ),
    error,
    submit,
  );
  return form;
}

// After a new word: what it still lacks (the advice of the checks), with the way to fill it in.
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

// Throwing away what the server refused asks first, and says what goes.
function discardButton(word, what, onDone) {
  const box = h("div", { class: "discard" });
  const ask = () => {
    const no = h(
      "button",
      { type: "button", class: "secondary", onclick: () => box.replaceChildren(open) },
      "Nee, terug",
    );
    box.replaceChildren(
      h(
        "div",
        { class: "card warn", role: "group", "aria-label": `${what} weggooien?` },
        h("p", {}, h("strong", {}, `${what} weggooien?`), " Het staat alleen op deze telefoon en is dan weg."),
        h(
          "div",
          { class: "button-row" },
          h("button", { type: "button", class: "primary", onclick: () => discard(word).then(onDone) }, "Ja, weggooien"),
          no,
        ),
      ),
    );
    no.focus();
  };
  const open = h("button", { type: "button", class: "secondary small", onclick: ask }, hidden("🗑️ "), "Weggooien");
  box.append(open);
  return box;
}

function photoUrl(blob, photos) {
  const url = URL.createObjectURL(blob);
  photos.push(url);
  return url;
}

// A word still on the phone: waiting for a connection, or refused by the server (with its reason).
function waitingItem(word, photos, onDone, visitFailed) {
  const status = visitFailed
    ? h("p", { class: "muted" }, hidden("📱 "), "Niet verstuurd: het bezoek is niet opgeslagen")
    : word.failed
      ? [
          h("p", { class: "error" }, hidden("⚠️ "), `Niet opgeslagen: ${word.failed}`),
          discardButton(word.client_id, "Dit woord", onDone),
        ]
      : h("p", { class: "muted" }, hidden("📱 "), "Op je telefoon · wacht op internet");
  return h(
    "li",
    { class: `card observation waiting${word.failed ? " failed" : ""}`, "data-client-id": word.client_id },
    word.photo
      ? h("img", { class: "observation-photo", src: photoUrl(word.photo, photos), alt: `Foto: ${word.label}` })
      : null,
    h(
      "div",
      {},
      h("span", { class: "observation-term", lang: "nl" }, word.label),
      word.body.context ? h("p", { class: "observation-context", lang: "nl" }, `“${word.body.context}”`) : null,
      status,
    ),
  );
}

// What the phone had to decide for the teacher while sending (a word the lists turned out to have), until read.
function noteItem(word, onDone) {
  return h(
    "div",
    { class: "card visit-note", role: "note" },
    h("p", {}, hidden("ℹ️ "), word.note),
    h(
      "button",
      { type: "button", class: "secondary small", onclick: () => discard(word.client_id).then(onDone) },
      "OK",
    ),
  );
}

// A visit made on this phone, shown from the phone until the server has it.
function localView(local, me) {
  return {
    id: local.server_id,
    client_id: local.client_id,
    workplace: local.workplace,
    date: local.date,
    notes: local.notes,
    participants: local.participants,
    recorded_by: { id: me.id, name: me.name },
    observations: [],
  };
}

export async function visitScreen(me, visitId) {
  const notice = takeNotice();
  show(h("p", { class: "loading" }, "Laden…"));
  start(me.id);
  const back = backLink(link("werkplekken"), "Werkplekken");
  const local = isClientId(visitId)
    ? await localVisit(visitId).catch(() => null)
    : await visitWithServerId(Number(visitId)).catch(() => null);
  if (isClientId(visitId) && !local) return show(back, errorLine("Dit bezoek staat niet op deze telefoon."));
  const where = { clientId: local ? local.client_id : null, serverId: local ? local.server_id : Number(visitId) };
  let server = null;
  if (where.serverId) {
    try {
      server = await api(`/visits/${where.serverId}`, { timeout: 10_000 });
    } catch (err) {
      if (!local || !isOffline(err)) return show(back, errorLine(err.message));
    }
  }
  const visit = server || localView(local, me);
  const mine = !server || (visit.recorded_by && visit.recorded_by.id === me.id);
  const heading = h("h2", {});
  const list = h("ul", { class: "plain visit-words" });
  const notes = h("div", { class: "visit-notes-told" });
  const failedVisit = h("div", {});

  // The words: those still on the phone (newest first), then what the server has.
  // The server's answer for this visit, once the outbox sent something of it.
  async function refetch() {
    if (!where.serverId) return;
    try {
      Object.assign(visit, await api(`/visits/${where.serverId}`, { timeout: 10_000 }));
    } catch {
      // Still offline: the phone's view stays.
    }
  }

  // The words: those still on the phone (newest first), then what the server has. The server is asked again when
  // the visit or a word of it left the phone since the last look.
  const photos = [];
  let unsent = null;
  async function render() {
    const onPhone = await wordsOf(where).catch(() => []);
    let fetch = false;
    if (local) {
      Object.assign(local, (await localVisit(local.client_id).catch(() => null)) || {});
      if (local.server_id && where.serverId !== local.server_id) {
        where.serverId = local.server_id;
        history.replaceState(null, "", link("bezoek", local.server_id));
        fetch = true;
      }
    }
    const ids = onPhone
      .filter((w) => !w.done && !w.failed)
      .map((w) => `${w.client_id}:${w.server_id}:${w.photo_sent}:${w.recording_sent}`)
      .join();
    if (unsent !== null && ids !== unsent) fetch = true;
    unsent = ids;
    if (fetch) await refetch();
    for (const url of photos.splice(0)) URL.revokeObjectURL(url);
    const sent = new Set(visit.observations.map((o) => o.client_id).filter(Boolean));
    const waiting = onPhone.filter((w) => !w.done && !sent.has(w.client_id));
    heading.textContent = `Woorden (${visit.observations.length + waiting.filter((w) => !w.failed).length})`;
    list.replaceChildren(
      ...waiting.reverse().map((w) => waitingItem(w, photos, showWords, Boolean(local && local.failed))),
      ...visit.observations.slice().reverse().map(observationItem),
    );
    notes.replaceChildren(...onPhone.filter((w) => w.done && w.note).map((w) => noteItem(w, showWords)));
    failedVisit.replaceChildren(
      ...(local && local.failed
        ? [
            h(
              "div",
              { class: "card warn visit-refused" },
              h("p", { class: "error" }, hidden("⚠️ "), `Dit bezoek is niet opgeslagen: ${local.failed}`),
              h("p", {}, "Gooi het weg en leg het opnieuw vast; de woorden hieronder gaan mee weg."),
              discardButton(local.client_id, "Dit bezoek met zijn woorden", () => replaceWith("werkplekken")),
            ),
          ]
        : []),
    );
  }
  // One look at a time, in order.
  let rendering = Promise.resolve();
  function showWords() {
    rendering = rendering.then(render).catch((err) => console.warn("Woorden tonen lukt niet", err));
    return rendering;
  }

  // Follow the outbox while the screen is open: a word sent, refused or thrown away shows at once.
  function follow() {
    let last = "";
    const stop = onChange((status, event) => {
      if (!list.isConnected) return stop();
      const counts = [status.visits, status.words, status.photos, status.recordings, status.failed].join();
      if (event || counts !== last) showWords();
      last = counts;
    });
  }

  async function onAdded(outcome, record, wasNew) {
    if (outcome.sent) {
      await showWords();
      const term = outcome.sent.term;
      const hints = wasNew ? outcome.advice : [];
      return [
        h("p", { class: "ok", role: "status" }, "✔ ", `Toegevoegd: ${term.term}`),
        adviceCard({ hints, term }),
      ].filter(Boolean);
    }
    await showWords();
    return [
      h("p", { class: "ok saved-here", role: "status" }, hidden("📱 "), `Bewaard op je telefoon: ${record.label}`),
    ];
  }

  await showWords();
  show(
    backLink(link("werkplek", visit.workplace.id, "bezoeken"), visit.workplace.employer),
    notice ? h("p", { class: "ok", role: "status" }, "✔ ", notice) : null,
    h("h1", {}, `Bezoek ${visit.date}`),
    h(
      "p",
      { class: "muted" },
      `${visit.workplace.employer} · ${visit.participants.map((p) => p.name).join(", ") || "niemand gekozen"}`,
    ),
    visit.notes ? h("p", { class: "card visit-notes" }, visit.notes) : null,
    waitingLine(),
    failedVisit,
    notes,
    mine ? addTermPanel(me, visit, where, onAdded) : null,
    heading,
    list,
    !server && where.serverId
      ? h("p", { class: "muted" }, "De woorden die al verstuurd zijn, zie je weer als er internet is.")
      : null,
  );
  follow();
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
