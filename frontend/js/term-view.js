// How a term looks: its Dutch title, level and safety badges, and translations (right-to-left where needed).

import { api } from "./api.js";
import { playButton } from "./audio.js";
import { h, hidden } from "./dom.js";
import { link } from "./router.js";

export const LANGUAGES = {
  en: { name: "Engels", rtl: false },
  ar: { name: "Arabisch", rtl: true },
  ti: { name: "Tigrinya", rtl: false },
  fa: { name: "Farsi", rtl: true },
  uk: { name: "Oekraïens", rtl: false },
  tr: { name: "Turks", rtl: false },
};

export const POS_NAMES = {
  noun: "zelfstandig naamwoord",
  verb: "werkwoord",
  adjective: "bijvoeglijk naamwoord",
  adverb: "bijwoord",
  phrase: "zin",
  other: "ander woord",
};

export const LEVELS = ["A1", "A2", "B1"];

// The translations a list shows: a participant's first support language, staff English and Arabic.
export function listLanguages(me) {
  if (me.role !== "participant") return ["en", "ar"];
  const first = me.profile && me.profile.support_languages && me.profile.support_languages[0];
  return [first || "en"];
}

// All translations a detail screen shows: a participant's own languages, staff all of them.
export function detailLanguages(me) {
  if (me.role !== "participant") return Object.keys(LANGUAGES);
  const own = (me.profile && me.profile.support_languages) || [];
  return own.length ? own : ["en"];
}

// Staff: their own participants (everyone they may see), fetched once per login and kept for the term screens.
let people = null;

export function myParticipants(me) {
  if (me.role === "participant") return Promise.resolve([]);
  if (!people || people.userId !== me.id) {
    const load = async () => {
      const all = [];
      for (let page = 1; page; ) {
        const { data, pagination } = await api(`/participants?page=${page}&page_size=100`, { paginated: true });
        all.push(...data);
        page = pagination ? pagination.next_page : null;
      }
      return all;
    };
    people = { userId: me.id, promise: load() };
    people.promise.catch(() => (people = null));
  }
  return people.promise;
}

// The translation languages staff's participants read: code -> their names, in the order of LANGUAGES.
export async function readersByLanguage(me) {
  const out = {};
  for (const code of Object.keys(LANGUAGES)) out[code] = [];
  for (const p of await myParticipants(me)) {
    for (const code of (p.profile && p.profile.support_languages) || []) if (out[code]) out[code].push(p.name);
  }
  for (const code of Object.keys(out)) if (!out[code].length) delete out[code];
  return out;
}

// The languages of one's participants that this term has no translation in.
export function missingFor(term, readers) {
  return Object.keys(readers).filter((code) => !(term.translations[code] && term.translations[code].text));
}

// "Mist: TI, FA" on a staff member's term card: which of their participants' languages still lack a translation.
export function missingBadge(codes) {
  if (!codes.length) return null;
  const names = codes.map((code) => LANGUAGES[code].name).join(", ");
  return h(
    "span",
    { class: "badge missing", title: `Nog geen vertaling in: ${names}` },
    hidden(`Mist: ${codes.map((c) => c.toUpperCase()).join(" ")}`),
    h("span", { class: "sr-only" }, `Nog geen vertaling in: ${names}`),
  );
}

// The Dutch as a title: a noun with its article ("de dweil"), anything else as it is.
export function termTitle(term) {
  return term.article ? `${term.article} ${term.term}` : term.term;
}

// The translation text as its own element: dir="rtl" for Arabic and Farsi, so the Dutch around it stays LTR.
export function translationText(code, translation, tag = "span") {
  const rtl = LANGUAGES[code] && LANGUAGES[code].rtl;
  return h(tag, { class: "tr-text", lang: code, dir: rtl ? "rtl" : "ltr" }, translation.text);
}

export function levelBadge(level) {
  return h("span", { class: "badge" }, h("span", { class: "sr-only" }, "niveau "), level);
}

export function safetyBadge() {
  return h("span", { class: "badge safety" }, hidden("⚠️ "), "Veiligheid");
}

// One row of a term list: the whole card opens the term. Staff see which of their participants' languages
// (`readers`, from readersByLanguage) the term has no translation in yet.
export function termCard(term, me, onOpen, readers = null) {
  const staff = me.role !== "participant";
  const languages = listLanguages(me).filter((code) => term.translations[code] && term.translations[code].text);
  const translations = languages.map((code) =>
    staff
      ? h(
          "span",
          { class: "tr-line" },
          h("span", { class: "tr-code", title: LANGUAGES[code].name }, code.toUpperCase()),
          translationText(code, term.translations[code]),
        )
      : translationText(code, term.translations[code], "span"),
  );
  return h(
    "li",
    { class: "term-item" },
    playButton(term.audio_url, termTitle(term)),
    h(
      "a",
      { class: "term-card", href: link("term", term.id), onclick: onOpen },
      h("span", { class: "term-emoji", "aria-hidden": "true" }, term.emoji || ""),
      h(
        "span",
        { class: "term-body" },
        h(
          "span",
          { class: "term-head" },
          h("span", { class: "term-title", lang: "nl", dir: "ltr" }, termTitle(term)),
          levelBadge(term.level),
          term.safety ? safetyBadge() : null,
          staff && !term.shared ? h("span", { class: "badge own" }, "Eigen") : null,
          staff && readers ? missingBadge(missingFor(term, readers)) : null,
        ),
        h("span", { class: "term-example", lang: "nl", dir: "ltr" }, term.example),
        translations.map((node) => h("span", { class: "term-tr" }, node)),
      ),
    ),
  );
}
