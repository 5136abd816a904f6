// Short instructions in Dutch with the same line in the participant's support language, right-to-left where that
// language is written so. The Dutch is the practice; the support line only helps. (Drafts: to be checked by native
// speakers, like the wordlists' translations.)

import { h } from "./dom.js";
import { LANGUAGES } from "./term-view.js";

// The support languages a participant can choose, in their own script.
export const NATIVE_NAMES = {
  ar: "العربية",
  ti: "ትግርኛ",
  en: "English",
  fa: "فارسی",
  uk: "Українська",
  tr: "Türkçe",
};

const HINTS = {
  listening: {
    nl: "Wat hoor je?",
    en: "What do you hear?",
    ar: "ماذا تسمع؟",
    ti: "እንታይ ትሰምዕ?",
    fa: "چه می‌شنوی؟",
    uk: "Що ти чуєш?",
    tr: "Ne duyuyorsun?",
  },
  reading: {
    nl: "Wat betekent dit?",
    en: "What does this mean?",
    ar: "ماذا يعني هذا؟",
    ti: "እዚ እንታይ ማለት እዩ?",
    fa: "این یعنی چه؟",
    uk: "Що це означає?",
    tr: "Bu ne demek?",
  },
  writing: {
    nl: "Schrijf wat je hoort.",
    en: "Write what you hear.",
    ar: "اكتب ما تسمعه.",
    ti: "ዝሰማዕካዮ ጽሓፍ።",
    fa: "آنچه را می‌شنوی بنویس.",
    uk: "Напиши, що ти чуєш.",
    tr: "Duyduğunu yaz.",
  },
  speaking: {
    nl: "Zeg het in het Nederlands.",
    en: "Say it in Dutch.",
    ar: "قلها بالهولندية.",
    ti: "ብሆላንድኛ በሎ።",
    fa: "آن را به هلندی بگو.",
    uk: "Скажи це нідерландською.",
    tr: "Bunu Felemenkçe söyle.",
  },
  conversation: {
    nl: "Wat zeg je?",
    en: "What do you say?",
    ar: "ماذا تقول؟",
    ti: "እንታይ ትብል?",
    fa: "چه می‌گویی؟",
    uk: "Що ти скажеш?",
    tr: "Ne dersin?",
  },
  repeat: {
    nl: "Luister en zeg het na.",
    en: "Listen and repeat.",
    ar: "استمع وكرّر.",
    ti: "ስምዕ እሞ ድገሞ።",
    fa: "گوش کن و تکرار کن.",
    uk: "Слухай і повторюй.",
    tr: "Dinle ve tekrarla.",
  },
  judge: {
    nl: "Hoe ging het?",
    en: "How did it go?",
    ar: "كيف كان؟",
    ti: "ከመይ ነይሩ?",
    fa: "چطور بود؟",
    uk: "Як вийшло?",
    tr: "Nasıl gitti?",
  },
  record: {
    nl: "Tik op de microfoon en zeg het.",
    en: "Tap the microphone and say it.",
    ar: "اضغط على الميكروفون وقلها.",
    ti: "ነቲ ማይክሮፎን ጠውቕ እሞ በሎ።",
    fa: "روی میکروفون بزن و آن را بگو.",
    uk: "Натисни на мікрофон і скажи це.",
    tr: "Mikrofona dokun ve söyle.",
  },
};

export function isRtl(code) {
  return Boolean(LANGUAGES[code] && LANGUAGES[code].rtl);
}

// A line in a support language: its own lang and direction, so the Dutch around it stays left-to-right.
export function supportText(code, text, tag = "span", cls = "support") {
  if (!code || !text) return null;
  return h(tag, { class: cls, lang: code, dir: isRtl(code) ? "rtl" : "ltr" }, text);
}

// The Dutch instruction with, under it, the same in the support language (none for Dutch-only readers).
export function hint(name, language) {
  const texts = HINTS[name];
  return h(
    "p",
    { class: "ex-hint" },
    h("span", { class: "hint-nl", lang: "nl", dir: "ltr" }, texts.nl),
    language && language !== "nl" && texts[language]
      ? supportText(language, texts[language], "span", "hint-support")
      : null,
  );
}

export function hintText(name) {
  return HINTS[name].nl;
}
