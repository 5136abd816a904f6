// The participant's "Jouw gegevens": what is kept about them and why (the privacy notice, block by block, in Dutch
// and their own language, with sound), their yes/no to sharing a summary with the employer, who looked at their data
// (engineer A's log) and the download of everything (engineer B's button). Loaded when first opened.

import { api } from "./api.js";
import { backLink, h, hidden, show } from "./dom.js";
import { NATIVE_NAMES, isRtl } from "./hints.js";
import { link } from "./router.js";

const NOTICE_KEY = "vaktaal.privacyNotice";
const PHONE_LANGS = { en: "en-GB", ar: "ar", ti: "ti", fa: "fa-IR", uk: "uk-UA", tr: "tr-TR" };

// The page's own words, in Dutch and each support language (drafts, like the notice: a translator checks them).
const WORDS = {
  title: {
    nl: "Jouw gegevens",
    en: "Your data",
    ar: "بياناتك",
    ti: "ሓበሬታኻ",
    fa: "اطلاعات تو",
    uk: "Твої дані",
    tr: "Bilgilerin",
  },
  yes: { nl: "Ja", en: "Yes", ar: "نعم", ti: "እወ", fa: "بله", uk: "Так", tr: "Evet" },
  no: { nl: "Nee", en: "No", ar: "لا", ti: "ኣይፋል", fa: "نه", uk: "Ні", tr: "Hayır" },
};

function inLanguage(code, text, tag = "span", cls = "support") {
  return h(tag, { class: cls, lang: code, dir: isRtl(code) ? "rtl" : "ltr" }, text);
}

function linePair(name, language, icon = null) {
  return [
    h("span", { class: "both-nl", lang: "nl", dir: "ltr" }, icon ? hidden(icon) : null, WORDS[name].nl),
    language ? inLanguage(language, WORDS[name][language], "span", "support both-support") : null,
  ];
}

// The phone's own voice for a support language (the server speaks only Dutch).
function speakIn(language, text, status) {
  if (!("speechSynthesis" in window)) return;
  const voices = window.speechSynthesis.getVoices();
  const wanted = PHONE_LANGS[language] || language;
  const voice = voices.find((v) => (v.lang || "").toLowerCase().startsWith(language));
  if (voices.length && !voice) {
    status.textContent = "Deze telefoon heeft geen stem voor deze taal.";
    return;
  }
  status.textContent = "";
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = voice ? voice.lang : wanted;
  if (voice) utterance.voice = voice;
  utterance.rate = 0.9;
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(utterance);
}

function listenButton(label, onclick) {
  return h("button", { type: "button", class: "play", "aria-label": label, onclick }, hidden("🔊"));
}

// The Dutch of a block, with the server's audio; the phone's voice when the server has none.
function dutchPart(block, play) {
  const text = block.texts[0];
  return h(
    "div",
    { class: "notice-nl", lang: "nl", dir: "ltr" },
    h(
      "div",
      { class: "notice-head" },
      h("h2", {}, text.title),
      listenButton(`Luister: ${text.title}`, () => play(block.audio_url, [text.title, ...text.lines].join(" "))),
    ),
    h(
      "ul",
      { class: "notice-lines" },
      text.lines.map((line) => h("li", {}, line)),
    ),
  );
}

function supportPart(block, language) {
  const text = block.texts.find((t) => t.language === language);
  if (!text) return null;
  const status = h("p", { class: "muted", role: "status" });
  return h(
    "div",
    { class: "notice-support", lang: language, dir: text.dir },
    h(
      "div",
      { class: "notice-head" },
      h("h3", {}, text.title),
      listenButton(`Luister (${NATIVE_NAMES[language]})`, () =>
        speakIn(language, [text.title, ...text.lines].join(" "), status),
      ),
    ),
    h(
      "ul",
      { class: "notice-lines" },
      text.lines.map((line) => h("li", {}, line)),
    ),
    status,
  );
}

function noticeCard(block, language, play) {
  return h(
    "section",
    { class: "card notice-block", id: `blok-${block.key}` },
    h("div", { class: "notice-icon", "aria-hidden": "true" }, block.icon),
    dutchPart(block, play),
    language ? supportPart(block, language) : null,
  );
}

function when(iso) {
  return new Date(iso).toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
}

// What holds now, in a sentence: when, and how (in the app, or on paper recorded by staff).
function stateLine(state) {
  if (!state.recorded_at) return "Je hebt nog niets gekozen. Dan is het nee.";
  const how =
    state.source === "paper"
      ? `op papier (vastgelegd door ${state.recorded_by?.name || "de coördinator"})`
      : "in de app";
  return `${state.given ? "Ja" : "Nee"}: gekozen op ${when(state.recorded_at)}, ${how}.`;
}

function consentCard(block, state, language, play, onSaved) {
  const question = block.texts[0].lines[0];
  const questionId = `vraag-${block.key}`;
  const line = h("p", { class: "consent-state", role: "status" }, stateLine(state));
  const word = h("span", { class: "switch-word" });
  const toggle = h(
    "button",
    { type: "button", role: "switch", class: "consent-switch", "aria-labelledby": questionId },
    h("span", { class: "switch-track", "aria-hidden": "true" }, h("span", { class: "switch-knob" })),
    word,
  );
  const draw = (given) => {
    toggle.setAttribute("aria-checked", String(given));
    toggle.classList.toggle("on", given);
    word.replaceChildren(...linePair(given ? "yes" : "no", language, given ? "✓ " : "✗ "));
  };
  draw(state.given);
  toggle.addEventListener("click", async () => {
    const given = toggle.getAttribute("aria-checked") !== "true";
    toggle.disabled = true;
    line.className = "consent-state muted";
    line.textContent = "Opslaan…";
    try {
      const saved = await api(`/me/consents/${block.key}`, { method: "PUT", body: { given }, timeout: 10_000 });
      draw(saved.given);
      onSaved(saved);
      line.className = "consent-state ok";
      line.textContent = stateLine(saved);
    } catch (err) {
      draw(!given);
      line.className = "consent-state error";
      line.textContent =
        err.status === 0 ? "Geen internet. Er is niets veranderd. Probeer het later opnieuw." : err.message;
    } finally {
      toggle.disabled = false;
    }
  });
  const dutch = block.texts[0];
  const support = language ? block.texts.find((t) => t.language === language) : null;
  const status = h("p", { class: "muted", role: "status" });
  return h(
    "section",
    { class: "card consent-card", id: "toestemming" },
    h("div", { class: "notice-icon", "aria-hidden": "true" }, block.icon),
    h(
      "div",
      { class: "notice-nl", lang: "nl", dir: "ltr" },
      h(
        "div",
        { class: "notice-head" },
        h("h2", {}, dutch.title),
        listenButton(`Luister: ${dutch.title}`, () => play(block.audio_url, [dutch.title, ...dutch.lines].join(" "))),
      ),
      h("p", { class: "consent-question", id: questionId }, question),
    ),
    support
      ? h(
          "div",
          { class: "notice-support", lang: language, dir: support.dir },
          h(
            "div",
            { class: "notice-head" },
            h("p", { class: "consent-question" }, support.lines[0]),
            listenButton(`Luister (${NATIVE_NAMES[language]})`, () =>
              speakIn(language, support.lines.join(" "), status),
            ),
          ),
          status,
        )
      : null,
    toggle,
    line,
    h(
      "ul",
      { class: "notice-lines", lang: "nl" },
      dutch.lines.slice(1).map((text) => h("li", {}, text)),
    ),
    support
      ? h(
          "ul",
          { class: "notice-lines notice-support", lang: language, dir: support.dir },
          support.lines.slice(1).map((text) => h("li", {}, text)),
        )
      : null,
  );
}

async function loadNotice() {
  try {
    const notice = await api("/privacy-notice", { timeout: 10_000 });
    localStorage.setItem(NOTICE_KEY, JSON.stringify(notice));
    return notice;
  } catch (err) {
    const kept = localStorage.getItem(NOTICE_KEY);
    if (kept) return JSON.parse(kept);
    throw err;
  }
}

function languageChoice(current, onPick) {
  const codes = ["nl", ...Object.keys(NATIVE_NAMES)];
  return h(
    "div",
    { class: "segmented notice-languages", role: "group", "aria-label": "Taal van de uitleg" },
    codes.map((code) =>
      h(
        "button",
        {
          type: "button",
          class: "toggle",
          lang: code,
          dir: isRtl(code) ? "rtl" : "ltr",
          "aria-pressed": String((current || "nl") === code),
          onclick: () => onPick(code === "nl" ? null : code),
        },
        code === "nl" ? "Nederlands" : NATIVE_NAMES[code],
      ),
    ),
  );
}

// Engineer A's "who looked at my data" and engineer B's download, each in a slot of its own.
function auditSlot() {
  const box = h("div", { class: "audit-slot" }, h("p", { class: "muted" }, "Even laden…"));
  import("./my-privacy-log.js")
    .then((m) => m.renderAuditLog(box, api))
    .catch(() => box.replaceChildren(h("p", { class: "muted" }, "Dit kan nu niet worden geladen.")));
  return h("section", { class: "card" }, h("h2", {}, hidden("👀 "), "Wie keek naar mijn gegevens?"), box);
}

function downloadSlot() {
  const box = h("div", { class: "download-slot" });
  import("./participant-data.js")
    .then((m) => box.replaceChildren(m.myDataButton()))
    .catch(() => box.replaceChildren(h("p", { class: "muted" }, "Dit kan nu niet worden geladen.")));
  return h("section", { class: "card" }, h("h2", {}, hidden("⬇️ "), "Download mijn gegevens"), box);
}

export async function privacyScreen(me) {
  if (!document.querySelector("link[data-privacy-css]"))
    document.head.append(h("link", { rel: "stylesheet", href: "/static/css/privacy.css", "data-privacy-css": "" }));
  const { play } = await import("./audio.js");
  let language = ((me.profile && me.profile.support_languages) || [])[0] || null;
  const body = h("div", { class: "privacy-body" }, h("p", { class: "muted" }, "Even laden…"));
  const heading = h("h1", { class: "privacy-title" });
  const chooser = h("div");
  show(backLink(link(), "Start"), heading, chooser, body);

  let notice;
  let states;
  try {
    [notice, states] = await Promise.all([loadNotice(), api("/me/consents", { timeout: 10_000 })]);
  } catch (err) {
    body.replaceChildren(
      h(
        "p",
        { class: "error", role: "alert" },
        err.status === 0 ? "Geen internet. Open deze pagina als er verbinding is." : err.message,
      ),
    );
    return;
  }

  const draw = () => {
    heading.replaceChildren(hidden("🛡️ "), ...linePair("title", language));
    chooser.replaceChildren(
      languageChoice(language, (code) => {
        language = code;
        draw();
      }),
    );
    const consents = notice.purposes.map((block) => {
      const state = states.find((s) => s.purpose === block.key) || { given: false };
      return consentCard(block, state, language, play, (saved) => {
        states = [...states.filter((s) => s.purpose !== saved.purpose), saved];
      });
    });
    body.replaceChildren(
      ...notice.blocks.map((block) => noticeCard(block, language, play)),
      ...consents,
      auditSlot(),
      downloadSlot(),
    );
  };
  draw();
}
