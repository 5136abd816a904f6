// "Mijn doelen" (#mijn-doelen): for a participant, per skill a small staircase from where they started to their
// target, with where they are now ("Spreken: op weg naar A2"). Never red, never a word of failing, never an official
// level: a level is what a test or the teacher found, said as such. Each line can be heard; the short texts come in
// the support language too. Kept on the phone for a visit without a connection. Loaded when opened.

import { api, isOffline } from "./api.js";
import { playButton } from "./audio.js";
import { backLink, h, hidden, show } from "./dom.js";
import { SKILL_ICONS, SKILL_NAMES, both, support, supportText } from "./hints.js";
import { levelStyles } from "./level-grid.js";
import { link } from "./router.js";

const LEVELS = ["A0", "A1", "A1/A2", "A2", "A2/B1", "B1", "B1/B2", "B2"];
const ORDER = ["reading", "listening", "speaking", "conversation", "writing"];
const cacheKey = (id) => `vaktaal.levels.${id}`;

// The page's texts (drafts, like the hints: a translator checks them); {level} is filled in.
const TEXTS = {
  intro: {
    nl: "Waar je nu bent, en waar je naartoe gaat.",
    en: "Where you are now, and where you are going.",
    ar: "أين أنت الآن، وإلى أين تذهب.",
    ti: "ሕጂ ኣበይ ከም ዘለኻን ናበይ ከም እትኸይድን።",
    fa: "الان کجا هستی و به کجا می‌روی.",
    uk: "Де ти зараз і куди йдеш.",
    tr: "Şimdi neredesin ve nereye gidiyorsun.",
  },
  onTheWay: {
    nl: "op weg naar {level}",
    en: "on the way to {level}",
    ar: "في الطريق إلى {level}",
    ti: "ናብ {level} ኣብ መገዲ",
    fa: "در راه {level}",
    uk: "на шляху до {level}",
    tr: "{level} yolunda",
  },
  reached: {
    nl: "doel {level} bereikt",
    en: "goal {level} reached",
    ar: "وصلت إلى الهدف {level}",
    ti: "ዕላማ {level} በጺሕካ",
    fa: "به هدف {level} رسیدی",
    uk: "ціль {level} досягнуто",
    tr: "{level} hedefine ulaştın",
  },
  noGoal: {
    nl: "nog geen doel",
    en: "no goal yet",
    ar: "لا يوجد هدف بعد",
    ti: "ገና ዕላማ የለን",
    fa: "هنوز هدفی نیست",
    uk: "ще немає цілі",
    tr: "henüz hedef yok",
  },
  notYet: {
    nl: "Je docent kijkt nog waar je bent.",
    en: "Your teacher will still check where you are.",
    ar: "سيتحقق معلمك بعد من مستواك.",
    ti: "መምህርካ ገና ኣበይ ከም ዘለኻ ክርኢ እዩ።",
    fa: "معلمت هنوز بررسی می‌کند کجا هستی.",
    uk: "Вчитель ще подивиться, де ти зараз.",
    tr: "Öğretmenin nerede olduğuna daha bakacak.",
  },
  offline: {
    nl: "Geen internet: dit is wat je telefoon nog weet.",
    en: "No internet: this is what your phone still knows.",
    ar: "لا يوجد إنترنت: هذا ما يتذكره هاتفك.",
    ti: "ኢንተርነት የለን: እዚ ተሌፎንካ ዝፈልጦ እዩ።",
    fa: "اینترنت نیست: این چیزی است که گوشی‌ات می‌داند.",
    uk: "Немає інтернету: ось що пам'ятає твій телефон.",
    tr: "İnternet yok: telefonunun bildikleri bunlar.",
  },
  none: {
    nl: "Probeer het straks nog eens.",
    en: "Try again later.",
    ar: "حاول مرة أخرى لاحقًا.",
    ti: "ድሓር እንደገና ፈትን።",
    fa: "بعدا دوباره امتحان کن.",
    uk: "Спробуй пізніше.",
    tr: "Sonra tekrar dene.",
  },
};

// Who or what found a level, in plain Dutch (a level is never the app's own claim).
const FOUND_BY = {
  test: (level, day) => `${level} bij de toets van ${day}`,
  exam: (level, day) => `${level} bij het examen van ${day}`,
  observation: (level, day) => `${level} volgens je docent, ${day}`,
  intake: (level, day) => `${level} bij de intake, ${day}`,
};

function fill(name, language, level) {
  const text = TEXTS[name][language] || null;
  return text ? text.replace("{level}", level || "") : null;
}

function dutch(name, level) {
  return TEXTS[name].nl.replace("{level}", level || "");
}

function longDay(iso) {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("nl-NL", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

const rank = (level) => (level ? LEVELS.indexOf(level.level) : -1);
const said = (level) => (level ? level.level_dutch || level.level : "");

// A staircase: one step per half level from the start (or A1) to the target; the steps reached are filled, a
// walker stands on the current one, a flag on the target.
function staircase(entry) {
  const now = rank(entry.current);
  const goal = rank(entry.target);
  const known = [rank(entry.start), now].filter((r) => r >= 0);
  let from = known.length ? Math.min(...known) : 1;
  if (goal >= 0 && goal < from) from = goal;
  const to = Math.max(goal, now, from);
  const steps = [];
  for (let r = from; r <= to; r++) {
    const whole = !LEVELS[r].includes("/");
    steps.push(
      h(
        "span",
        {
          class: [
            "step",
            r <= now ? "done" : "",
            r === now ? "here" : "",
            r === goal ? "goal" : "",
            whole ? "whole" : "half",
          ]
            .filter(Boolean)
            .join(" "),
        },
        h("span", { class: "step-mark" }, r === now ? "🧍" : r === goal ? "🏁" : ""),
        h("span", { class: `step-block step-${r - from}` }),
        h("span", { class: "step-name" }, whole ? LEVELS[r] : ""),
      ),
    );
  }
  const label = [
    entry.start ? `Begin: ${said(entry.start)}` : null,
    entry.current ? `nu: ${said(entry.current)}` : null,
    entry.target ? `doel: ${said(entry.target)}` : null,
  ]
    .filter(Boolean)
    .join(", ");
  return h("div", { class: "stairs", role: "img", "aria-label": label || "Nog niets bekend" }, steps);
}

function skillCard(entry, language) {
  const name = SKILL_NAMES[entry.skill] ? SKILL_NAMES[entry.skill].nl : entry.name;
  const title = name[0].toUpperCase() + name.slice(1);
  const now = rank(entry.current);
  const goal = rank(entry.target);
  const key = goal < 0 ? "noGoal" : now >= goal ? "reached" : "onTheWay";
  const targetLevel = entry.target ? entry.target.level : "";
  const line = dutch(key, targetLevel);
  const found = entry.current
    ? (FOUND_BY[entry.current.source] || FOUND_BY.observation)(said(entry.current), longDay(entry.current.date))
    : null;
  const spoken = `${title}: ${line}.${found ? ` Nu ${found}.` : ""}`;
  return h(
    "section",
    {
      class: `card my-level${key === "reached" ? " reached" : ""}`,
      "data-skill": entry.skill,
      "aria-labelledby": `goal-${entry.skill}`,
    },
    h(
      "div",
      { class: "my-level-head" },
      h("span", { class: "my-level-icon", "aria-hidden": "true" }, SKILL_ICONS[entry.skill] || "⭐"),
      h(
        "h2",
        { id: `goal-${entry.skill}` },
        h("span", { class: "both-nl", lang: "nl", dir: "ltr" }, title),
        supportText(
          language,
          SKILL_NAMES[entry.skill] && SKILL_NAMES[entry.skill][language],
          "span",
          "support both-support",
        ),
      ),
      playButton(null, spoken, `Luister: ${title}`),
    ),
    h(
      "p",
      { class: "my-level-line" },
      h("span", { class: "both-nl", lang: "nl", dir: "ltr" }, line),
      supportText(language, fill(key, language, targetLevel), "span", "support both-support"),
    ),
    staircase(entry),
    found
      ? h("p", { class: "my-level-found" }, hidden(key === "reached" ? "✓ " : "📍 "), `Nu: ${found}.`)
      : h("p", { class: "my-level-found" }, both("notYet", language, TEXTS)),
  );
}

export async function myLevelsScreen(me) {
  levelStyles();
  const language = ((me.profile && me.profile.support_languages) || [])[0] || null;
  let data = null;
  let offline = false;
  try {
    data = await api("/me/levels", { timeout: 8000 });
    localStorage.setItem(cacheKey(me.id), JSON.stringify(data));
  } catch (err) {
    if (!isOffline(err))
      return show(
        backLink(link(), "Start"),
        h("p", { class: "error", role: "alert" }, err.message),
        support("error", language),
      );
    offline = true;
    try {
      data = JSON.parse(localStorage.getItem(cacheKey(me.id)) || "null");
    } catch {
      data = null;
    }
  }
  const skills = data ? [...data.skills].sort((a, b) => ORDER.indexOf(a.skill) - ORDER.indexOf(b.skill)) : [];
  show(
    backLink(link(), "Start"),
    h("h1", { class: "my-levels-title" }, hidden("🎯 "), both("myGoals", language)),
    h("p", { class: "my-levels-intro" }, both("intro", language, TEXTS)),
    offline ? h("p", { class: "notice", role: "status" }, both(data ? "offline" : "none", language, TEXTS)) : null,
    skills.map((entry) => skillCard(entry, language)),
  );
}
