// The term form: edit a term (PATCH), propose a change to a shared term, or add a new term to a list. Translations
// are asked for where the server asks for them (the shared lists); an organisation's own term may wait for them,
// and for its plural. While the term is typed, the form says what the noun list and the dictionary suggest and
// whether the lists already have the word.

import { ApiError, api } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { mayEdit, mayEditShared, mayPropose, mayWrite } from "./rights.js";
import { link, replaceWith, setNotice } from "./router.js";
import { forgetSectors, sectorName } from "./sectors.js";
import { LANGUAGES, LEVELS, POS_NAMES, missingFor, readersByLanguage, termTitle } from "./term-view.js";
import { forgetSectorScreen } from "./wordlists.js";

const REQUIRED_LANGUAGES = ["en", "ar"];
const EXAMPLE_HINT = "Een korte zin van het werk, met het woord erin.";
const NOTE_HINT =
  "Bijvoorbeeld: zo zeggen ze het op de werkvloer. Redacteuren van alle organisaties lezen dit: noem geen namen van deelnemers.";
const PLURAL_HINT = "Geen meervoud? Typ een streepje: -";
const PLURAL_UNKNOWN = " Weet je het niet? Laat het leeg.";
const CHECK_DELAY = 400;
let counter = 0;

// A key for a new term: lowercase a-z0-9 words joined by '-' ("Kas 3 is dicht." -> "kas-3-is-dicht").
export function slugify(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function flatten(value) {
  if (Array.isArray(value)) return value.flatMap(flatten);
  if (value && typeof value === "object") return Object.values(value).flatMap(flatten);
  return [String(value)];
}

// The API's errors.json by form field; a translation's errors go to its language.
function fieldErrors(json) {
  const out = {};
  const add = (name, messages) => (out[name] = (out[name] || []).concat(messages));
  for (const [name, value] of Object.entries(json || {})) {
    if (name === "translations" && value && typeof value === "object" && !Array.isArray(value)) {
      for (const [code, inner] of Object.entries(value)) add(LANGUAGES[code] ? code : name, flatten(inner));
    } else add(name, flatten(value));
  }
  return out;
}

function dutchInput(value, attrs = {}) {
  return h("input", { value: value || "", lang: "nl", autocapitalize: "none", ...attrs });
}

function cleanTranslations(translations) {
  const out = {};
  for (const code of Object.keys(LANGUAGES)) {
    const tr = translations && translations[code];
    if (tr && tr.text && tr.text.trim()) out[code] = { text: tr.text.trim(), checked: Boolean(tr.checked) };
  }
  return out;
}

function sameValue(a, b) {
  return JSON.stringify(a === undefined ? null : a) === JSON.stringify(b === undefined ? null : b);
}

// Builds the form. `term` holds the current values (empty for a new term); `extra` holds more fields ({name, label,
// input, hint}) or elements, put before the button. `strict()` says whether the shared list's rules apply (English
// and Arabic, the plural); `check` ({slug, selfId}) turns on the suggestions while typing.
function buildForm({
  term,
  themes,
  submitText,
  onSubmit,
  extra = [],
  strict = () => false,
  check = null,
  readers = {},
}) {
  const form = h("form", { class: "card term-form", novalidate: true });
  const n = ++counter;
  const id = (name) => `tf${n}-${name}`;
  const errors = {};
  const inputs = {};

  function errorFor(name) {
    errors[name] = h("p", { class: "field-error", id: id(`${name}-error`), hidden: true });
    return errors[name];
  }

  function field(name, label, input, hint) {
    input.id = input.id || id(name);
    input.setAttribute("aria-describedby", id(`${name}-error`));
    inputs[name] = input;
    return h(
      "div",
      { class: "field" },
      h("label", { for: input.id }, label),
      hint ? h("p", { class: "hint" }, hint) : null,
      input,
      errorFor(name),
    );
  }

  function choices(name, label, options, current) {
    const group = h("fieldset", { class: "choices", "aria-describedby": id(`${name}-error`) }, h("legend", {}, label));
    for (const [value, text] of options) {
      const input = h("input", {
        type: "radio",
        name: id(name),
        id: id(`${name}-${value}`),
        value,
        checked: current === value,
      });
      group.append(h("label", { class: "choice", for: input.id }, input, text));
    }
    inputs[name] = group;
    return h("div", { class: "field" }, group, errorFor(name));
  }

  const pos = h(
    "select",
    {
      onchange: () => {
        nounFields.hidden = pos.value !== "noun";
      },
    },
    Object.entries(POS_NAMES).map(([value, text]) =>
      h("option", { value, selected: value === (term.pos || "noun") }, text),
    ),
  );
  const themeList = h(
    "datalist",
    { id: id("themes") },
    (themes || []).map((t) => h("option", { value: t })),
  );
  const nounFields = h(
    "div",
    { class: "noun-fields" },
    choices(
      "article",
      "Lidwoord",
      [
        ["de", "de"],
        ["het", "het"],
      ],
      term.article,
    ),
    field("plural", "Meervoud", dutchInput(term.plural), PLURAL_HINT),
  );
  const pluralHint = nounFields.querySelector(".hint");
  nounFields.hidden = (term.pos || "noun") !== "noun";
  const safety = h("input", { type: "checkbox", id: id("safety"), checked: Boolean(term.safety) });
  inputs.safety = safety;

  const translationFields = Object.entries(LANGUAGES).map(([code, language]) => {
    const tr = (term.translations || {})[code] || {};
    const text = h("input", { value: tr.text || "", lang: code, dir: language.rtl ? "rtl" : "ltr" });
    const checked = h("input", { type: "checkbox", id: id(`${code}-checked`), checked: Boolean(tr.checked) });
    inputs[`${code}-checked`] = checked;
    const required = REQUIRED_LANGUAGES.includes(code) ? h("span", { class: "required" }, " (verplicht)") : null;
    const needed = readers[code] && !(tr.text && tr.text.trim()) ? h("span", { class: "needed" }, " · nodig") : null;
    const label = [language.name, required, needed];
    return h(
      "div",
      { class: "translation-field" },
      field(code, label, text),
      h("label", { class: "check small-check", for: checked.id }, checked, "gecontroleerd"),
    );
  });

  const translationsHint = h("p", { class: "hint" });
  // What the noun list, the dictionary and the lists say about the term being typed.
  const suggestions = h("div", { class: "suggestions", role: "status" });
  const summary = h("p", { class: "error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "primary big" }, submitText);

  form.append(
    field("term", "Term (Nederlands)", dutchInput(term.term), "Een woord zonder lidwoord, of een hele zin."),
    suggestions,
    field("pos", "Soort woord", pos),
    nounFields,
    choices(
      "level",
      "Niveau",
      LEVELS.map((l) => [l, l]),
      term.level || "A1",
    ),
    field("theme", "Thema", dutchInput(term.theme, { list: themeList.id }), "Bijvoorbeeld: veiligheid"),
    themeList,
    field("example", "Voorbeeldzin", h("textarea", { rows: "3", lang: "nl" }, term.example || ""), EXAMPLE_HINT),
    field(
      "emoji",
      "Emoji (plaatje)",
      h("input", { value: term.emoji || "", class: "emoji-input" }),
      "Eén emoji, of leeg laten.",
    ),
    h(
      "div",
      { class: "field" },
      h("label", { class: "check", for: safety.id }, safety, hidden("⚠️"), "Veiligheidsterm"),
      h("p", { class: "hint" }, "Wie dit verkeerd begrijpt, kan zich of een ander pijn doen."),
      errorFor("safety"),
    ),
    h(
      "fieldset",
      { class: "translations-set" },
      h("legend", {}, "Vertalingen"),
      translationsHint,
      translationFields,
      errorFor("translations"),
    ),
    ...extra.map((e) => (e instanceof Node ? e : field(e.name, e.label, e.input, e.hint))),
    // Always in reach of the thumb, with the error line above it.
    h("div", { class: "form-actions" }, summary, submit),
  );

  function radioValue(name) {
    const checked = inputs[name].querySelector("input:checked");
    return checked ? checked.value : "";
  }

  function values() {
    const noun = pos.value === "noun";
    const translations = {};
    for (const code of Object.keys(LANGUAGES)) {
      translations[code] = { text: inputs[code].value, checked: inputs[`${code}-checked`].checked };
    }
    return {
      term: inputs.term.value.trim(),
      article: noun ? radioValue("article") || null : null,
      plural: noun ? inputs.plural.value.trim() || null : null,
      pos: pos.value,
      level: radioValue("level"),
      theme: inputs.theme.value.trim(),
      example: inputs.example.value.trim(),
      emoji: inputs.emoji.value.trim() || null,
      safety: safety.checked,
      translations: cleanTranslations(translations),
    };
  }

  function clearErrors() {
    summary.hidden = true;
    for (const [name, line] of Object.entries(errors)) {
      line.hidden = true;
      line.textContent = "";
      if (inputs[name]) inputs[name].removeAttribute("aria-invalid");
    }
  }

  function showErrors(message, byField) {
    let first = null;
    const rest = [];
    for (const [name, messages] of Object.entries(byField)) {
      const line = errors[name];
      if (!line) {
        rest.push(...messages);
        continue;
      }
      line.textContent = messages.join(" ");
      line.hidden = false;
      if (inputs[name]) inputs[name].setAttribute("aria-invalid", "true");
      const container = line.closest(".noun-fields");
      if (container) container.hidden = false;
      first = first || inputs[name];
    }
    summary.textContent = [message, ...rest].join(" ");
    summary.hidden = false;
    const target = first && first.matches("fieldset") ? first.querySelector("input") : first;
    if (target) target.focus();
  }

  // Empty required fields are caught here, in Dutch, before anything is sent: the same ones the server requires.
  function missing(v) {
    const out = {};
    if (!v.term) out.term = ["Vul de term in."];
    if (!v.theme) out.theme = ["Vul een thema in."];
    if (!v.example) out.example = ["Vul een voorbeeldzin in."];
    if (strict()) {
      for (const code of REQUIRED_LANGUAGES) if (!v.translations[code]) out[code] = ["Deze vertaling is verplicht."];
    }
    return out;
  }

  // The shared list asks for English, Arabic and the plural; an organisation's own term may wait for them.
  function applyRules() {
    const shared = strict();
    for (const span of form.querySelectorAll(".required")) span.hidden = !shared;
    pluralHint.textContent = shared ? PLURAL_HINT : PLURAL_HINT + PLURAL_UNKNOWN;
    const needed = missingFor({ translations: values().translations }, readers).map((c) => LANGUAGES[c].name);
    translationsHint.textContent = [
      shared ? "Engels en Arabisch zijn verplicht in de gedeelde lijst." : "Vertalingen mogen later.",
      needed.length ? `“Nodig”: jouw deelnemers lezen ${needed.join(", ")}.` : "",
    ].join(" ");
  }
  applyRules();

  let timer = null;
  let asked = 0;
  function offer(existing) {
    const others = existing.filter((t) => t.id !== check.selfId);
    if (!others.length) return null;
    return h(
      "div",
      { class: "exists" },
      h("p", {}, hidden("💡 "), "Dit woord staat al in de lijst. Gebruik dat woord:"),
      h(
        "ul",
        { class: "plain" },
        others.map((t) =>
          h(
            "li",
            {},
            h(
              "a",
              { class: "button secondary", href: link("term", t.id) },
              `${termTitle(t)} (${t.shared ? "gedeeld" : "eigen"})`,
            ),
          ),
        ),
      ),
    );
  }
  async function suggest() {
    const v = values();
    const seq = ++asked;
    if (!v.term) return suggestions.replaceChildren();
    const params = new URLSearchParams({ term: v.term, pos: v.pos, sector: check.slug });
    if (v.article) params.set("article", v.article);
    try {
      const found = await api(`/terms/check?${params}`);
      if (seq !== asked) return;
      const lines = [offer(found.existing)];
      if (found.article && v.pos === "noun" && !v.article) {
        // No article chosen yet: take the noun list's, which the teacher can change.
        const choice = inputs.article.querySelector(`input[value="${found.article}"]`);
        if (choice) choice.checked = true;
      } else if (found.article && v.pos === "noun" && found.article !== v.article) {
        lines.push(
          h(
            "p",
            { class: "hint-line" },
            hidden("📖 "),
            `De woordenlijst zegt: ${termTitle({ article: found.article, term: v.term })}`,
          ),
        );
      }
      if (found.spelling && !found.spelling.correct) {
        const words = found.spelling.suggestions.join(", ");
        lines.push(
          h(
            "p",
            { class: "hint-line" },
            hidden("🔤 "),
            words ? `Spelling? Bedoel je: ${words}` : "Dit woord staat niet in het woordenboek. Klopt de spelling?",
          ),
        );
      }
      suggestions.replaceChildren(...lines.filter(Boolean));
    } catch {
      // Suggestions only: without them the form works the same.
    }
  }
  if (check) {
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, CHECK_DELAY);
    };
    inputs.term.addEventListener("input", later);
    pos.addEventListener("change", later);
    inputs.article.addEventListener("change", later);
  }
  form.addEventListener("input", (event) => {
    if (event.target.lang && LANGUAGES[event.target.lang]) applyRules();
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    const v = values();
    const empty = missing(v);
    if (Object.keys(empty).length) {
      showErrors("Niet alles is ingevuld. Kijk bij de velden.", empty);
      return;
    }
    submit.disabled = true;
    try {
      await onSubmit(v, { showErrors });
    } catch (err) {
      if (err instanceof ApiError) showErrors(err.message, fieldErrors(err.errors && err.errors.json));
      else showErrors(String(err), {});
    } finally {
      submit.disabled = false;
    }
  });
  return { form, inputs, values, applyRules };
}

function changesFrom(term, v) {
  const before = { ...term, translations: cleanTranslations(term.translations) };
  const out = {};
  for (const [name, value] of Object.entries(v)) if (!sameValue(before[name], value)) out[name] = value;
  return out;
}

function done(notice, ...where) {
  forgetSectorScreen();
  forgetSectors();
  setNotice(notice);
  replaceWith(...where);
}

async function themesOf(slug) {
  try {
    return Object.keys((await api(`/sectors/${encodeURIComponent(slug)}`)).themes);
  } catch {
    return [];
  }
}

// mode "edit" (PATCH) or "propose" (a proposal for a shared term).
export async function termFormScreen(me, id, mode) {
  show(h("p", { class: "loading" }, "Laden…"));
  let term;
  try {
    term = await api(`/terms/${encodeURIComponent(id)}`);
  } catch (err) {
    show(backLink(link("woorden"), "Woordenlijsten"), errorLine(err.message));
    return;
  }
  const back = backLink(link("term", term.id), termTitle(term));
  const allowed = mode === "edit" ? mayEdit(me, term) : mayPropose(me, term);
  if (!allowed) {
    show(
      back,
      errorLine(mode === "edit" ? "Je mag deze term niet wijzigen." : "Voor deze term kun je geen voorstel doen."),
    );
    return;
  }
  const propose = mode === "propose";
  const note = h("textarea", { rows: "3" });
  const { form } = buildForm({
    term,
    themes: await themesOf(term.sector),
    strict: () => term.shared,
    check: propose ? null : { slug: term.sector, selfId: term.id },
    readers: await readersByLanguage(me).catch(() => ({})),
    submitText: propose ? "📨 Voorstel versturen" : "💾 Opslaan",
    extra: propose ? [{ name: "note", label: "Toelichting (waarom?)", input: note, hint: NOTE_HINT }] : [],
    onSubmit: async (v, { showErrors }) => {
      const changes = changesFrom(term, v);
      if (!Object.keys(changes).length) {
        if (!propose) return done("Er was niets veranderd.", "term", term.id);
        return showErrors("Verander eerst iets aan de term.", {});
      }
      if (propose) {
        await api(`/terms/${term.id}/proposals`, { method: "POST", body: { ...changes, note: note.value.trim() } });
        return done("Je voorstel is verstuurd. Een redacteur kijkt ernaar.", "term", term.id);
      }
      await api(`/terms/${term.id}`, { method: "PATCH", body: changes });
      return done("Opgeslagen.", "term", term.id);
    },
  });
  show(
    back,
    h("h1", {}, propose ? "Voorstel doen" : "Bewerken", ": ", h("span", { lang: "nl" }, termTitle(term))),
    propose
      ? h("p", { class: "muted" }, "Verander wat niet klopt. Een redacteur neemt je voorstel over of niet.")
      : null,
    form,
    h("a", { class: "button secondary wide", href: link("term", term.id) }, "Annuleren"),
  );
}

export async function newTermScreen(me, slug) {
  const back = backLink(link("woorden", slug), await sectorName(slug));
  if (!mayWrite(me)) {
    show(back, errorLine("Alleen docenten en coördinatoren voegen termen toe."));
    return;
  }
  const key = h("input", { autocapitalize: "none", spellcheck: "false" });
  let keyEdited = false;
  key.addEventListener("input", () => (keyEdited = key.value !== ""));
  const shared = h("input", { type: "checkbox", id: `new-shared-${slug}` });
  const { form, inputs, applyRules } = buildForm({
    term: { pos: "noun", level: "A1" },
    themes: await themesOf(slug),
    strict: () => shared.checked,
    check: { slug, selfId: null },
    readers: await readersByLanguage(me).catch(() => ({})),
    submitText: "➕ Toevoegen",
    extra: [
      {
        name: "key",
        label: "Sleutel",
        input: key,
        hint: "Wordt gemaakt uit de term. Kleine letters, cijfers en streepjes.",
      },
      mayEditShared(me)
        ? h("label", { class: "check", for: shared.id }, shared, "In de gedeelde lijst (voor alle organisaties)")
        : null,
    ].filter(Boolean),
    onSubmit: async (v) => {
      const created = await api("/terms", {
        method: "POST",
        body: { sector: slug, key: key.value.trim() || slugify(v.term), shared: shared.checked, ...v },
      });
      return done("Toegevoegd.", "term", created.id);
    },
  });
  inputs.term.addEventListener("input", () => {
    if (!keyEdited) key.value = slugify(inputs.term.value);
  });
  shared.addEventListener("change", applyRules);
  show(
    back,
    h("h1", {}, "Nieuwe term"),
    h("p", { class: "muted" }, `Voor de eigen lijst van ${me.organisation.name}.`),
    form,
    h("a", { class: "button secondary wide", href: link("woorden", slug) }, "Annuleren"),
  );
}
