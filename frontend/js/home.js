// A home screen per role. A participant's: one big "Oefenen", today and this week (days practised against the
// weekly goal, never a streak), the ways to their words, their teacher and coach, and logging out.

import { ApiError, api, isOffline } from "./api.js";
import { h, hidden, show } from "./dom.js";
import { both, support } from "./hints.js";
import { dailyWordsForm } from "./participant-settings.js";
import { link, reopenIfHere, takeNotice } from "./router.js";
import { currentSession, finished } from "./sessions.js";
import { flush, localDay, practisedDays, refreshCount } from "./sync.js";

const ROLE_NAMES = { teacher: "Docent", coach: "Jobcoach", coordinator: "Coördinator", participant: "Deelnemer" };

// `language`: a participant's support language, said under the Dutch (staff: none).
function logoutButton(onLogout, language = null) {
  return h(
    "button",
    { class: "secondary", type: "button", onclick: onLogout },
    hidden("🚪 "),
    ...both("logout", language),
  );
}

const WEEKDAYS = ["ma", "di", "wo", "do", "vr", "za", "zo"];
const WEEKDAY_NAMES = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
const progressKey = (id) => `vaktaal.progress.${id}`;

function mondayOf(date) {
  const monday = new Date(date);
  monday.setDate(date.getDate() - ((date.getDay() + 6) % 7));
  return monday;
}

// Today's answers and this week's practice days: from the server when it answers, else what the phone knows.
export async function loadProgress(me) {
  const waiting = await refreshCount();
  const local = practisedDays(me.id);
  const today = localDay();
  try {
    const progress = await api("/me/progress", { timeout: 8000 });
    localStorage.setItem(progressKey(me.id), JSON.stringify({ day: today, progress }));
    return { progress, today: progress.answers_today + waiting, local };
  } catch (err) {
    if (!isOffline(err)) throw err;
    let cached = null;
    try {
      cached = JSON.parse(localStorage.getItem(progressKey(me.id)) || "null");
    } catch {
      cached = null;
    }
    const progress = cached ? cached.progress : null;
    const fromServer = cached && cached.day === today ? cached.progress.answers_today : 0;
    return { progress, today: Math.max(local[today] || 0, fromServer + waiting), local };
  }
}

// Today's answers and the week as seven day circles against the goal (the home screen and the summary).
export function weekCard(data, language = null) {
  const now = new Date();
  const week = (data.progress && data.progress.week) || { goal_days: 4, days: [] };
  const monday = week.week_start ? new Date(`${week.week_start}T00:00:00`) : mondayOf(now);
  const practised = new Set(week.days || []);
  for (const [day, count] of Object.entries(data.local)) if (count) practised.add(day);
  const cells = WEEKDAYS.map((short, i) => {
    const date = new Date(monday);
    date.setDate(monday.getDate() + i);
    const iso = localDay(date);
    const done = practised.has(iso);
    return h(
      "li",
      {
        class: `day${done ? " done" : ""}${iso === localDay(now) ? " today" : ""}`,
        "aria-label": `${WEEKDAY_NAMES[i]}: ${done ? "geoefend" : "niet geoefend"}`,
      },
      h("span", { class: "day-mark", "aria-hidden": "true" }, done ? "✓" : ""),
      h("span", { class: "day-name", "aria-hidden": "true" }, short),
    );
  });
  const days = [...practised].filter((d) => d >= localDay(monday)).length;
  const goal = week.goal_days || 4;
  return h(
    "section",
    { class: "card progress-card" },
    h(
      "div",
      { class: "today" },
      h("span", { class: "today-number" }, String(data.today)),
      h("span", { class: "today-text" }, data.today === 1 ? "oefening vandaag" : "oefeningen vandaag"),
    ),
    h("h2", { class: "week-title" }, both("week", language)),
    h("ol", { class: "week", "aria-label": "Dagen geoefend deze week" }, cells),
    h(
      "p",
      { class: `week-goal${days >= goal ? " met" : ""}` },
      days >= goal
        ? [hidden("✓ "), `Doel gehaald: ${days} van ${goal} dagen`]
        : `${Math.min(days, goal)} van ${goal} dagen geoefend`,
    ),
  );
}

function tile(href, icon, name, language, extra = null) {
  return h(
    "a",
    { class: "tile", href },
    h("span", { class: "tile-icon", "aria-hidden": "true" }, icon),
    h("span", { class: "tile-text" }, both(name, language)),
    extra,
  );
}

async function participantHome(me, onLogout) {
  const languages = (me.profile && me.profile.support_languages) || [];
  const language = languages[0] || null;
  const people = [
    ...(me.teachers || []).map((t) => h("li", {}, hidden("👩‍🏫 "), "Docent: ", t.name)),
    ...(me.coaches || []).map((c) => h("li", {}, hidden("🤝 "), "Coach: ", c.name)),
  ];
  const resume = h("span", { class: "huge-sub" });
  const progress = h("div", { class: "progress-slot" });
  const assigned = h("span", { class: "tile-sub" });
  show(
    h("h1", { class: "greeting" }, `Hallo ${me.name}!`),
    h(
      "button",
      { class: "primary huge", type: "button", id: "practise", onclick: () => location.assign(link("oefenen")) },
      h("span", { class: "huge-icon", "aria-hidden": "true" }, "▶️"),
      h("span", { class: "huge-text" }, both("practise", language)),
      resume,
    ),
    progress,
    h(
      "nav",
      { class: "tiles", "aria-label": "Woorden" },
      tile(link("werk"), "🧰", "work", language, assigned),
      tile(link("mijn-woorden"), "📖", "myWords", language),
      tile(link("mijn-doelen"), "🎯", "myGoals", language),
      tile(link("woorden"), "📚", "words", language),
      tile(link("instellingen"), "⚙️", "settings", language),
    ),
    people.length
      ? h("section", { class: "card" }, h("h2", {}, "Jouw mensen"), h("ul", { class: "plain" }, people))
      : null,
    h(
      "a",
      { class: "button secondary wide big-link", href: link("gegevens"), id: "my-data" },
      hidden("🛡️ "),
      ...both("myData", language),
    ),
    logoutButton(() => confirmLogout(onLogout, language), language),
  );
  currentSession(me.id)
    .then((current) => {
      if (!finished(current)) resume.replaceChildren(...both("resume", language));
    })
    .catch(() => {});
  try {
    const data = await loadProgress(me);
    progress.replaceChildren(weekCard(data, language));
    if (data.progress && data.progress.assigned.total) {
      assigned.textContent = `${data.progress.assigned.learned} van ${data.progress.assigned.total} geleerd`;
    }
  } catch (err) {
    progress.replaceChildren(h("p", { class: "muted" }, err.message, " ", support("error", language)));
  }
}

// Logging out while answers wait: say so (in the support language too), offer to send them first; they stay on the
// phone either way.
export async function confirmLogout(logout, language = null) {
  const waiting = await refreshCount();
  if (!waiting) return logout();
  const line = h("p", { role: "status" });
  const sendNow = async () => {
    line.replaceChildren("Bezig met versturen…");
    const after = await flush();
    if (!after.waiting) return logout();
    line.replaceChildren(...both("sendFailed", language));
    return null;
  };
  show(
    h(
      "section",
      { class: "card warn" },
      h("div", { class: "big-icon", "aria-hidden": "true" }, "📱"),
      h("h1", {}, both("notAllSent", language)),
      h(
        "p",
        {},
        waiting === 1 ? "1 antwoord staat nog op je telefoon." : `${waiting} antwoorden staan nog op je telefoon.`,
      ),
      h("p", {}, both("stayOnPhone", language)),
      line,
      h(
        "button",
        { type: "button", class: "primary big", onclick: sendNow },
        hidden("📶 "),
        ...both("sendNow", language),
      ),
      h("button", { type: "button", class: "secondary big", onclick: logout }, ...both("logoutAnyway", language)),
      h("a", { class: "button secondary wide", href: link(), onclick: reopenIfHere }, ...both("back", language)),
    ),
  );
  return null;
}

// A new code retires the printed QR card: ask first, and say so (phones already logged in stay logged in).
function confirmNewCode(participant, box) {
  const no = h("button", { type: "button", class: "secondary", onclick: () => box.replaceChildren() }, "Nee, terug");
  box.replaceChildren(
    h(
      "div",
      { class: "card warn confirm-code", role: "group", "aria-label": `Nieuwe code voor ${participant.name}?` },
      h("p", {}, h("strong", {}, `Nieuwe code voor ${participant.name}?`)),
      h(
        "p",
        {},
        "De oude code en de geprinte QR-kaart werken dan niet meer. Telefoons die al ingelogd zijn, blijven ingelogd.",
      ),
      h(
        "div",
        { class: "button-row" },
        h(
          "button",
          { type: "button", class: "primary", onclick: () => issueCode(participant, box) },
          "Ja, nieuwe code maken",
        ),
        no,
      ),
    ),
  );
  no.focus();
}

async function issueCode(participant, box) {
  box.replaceChildren(h("p", {}, "Bezig…"));
  try {
    const result = await api(`/participants/${participant.id}/login-code`, { method: "POST" });
    box.replaceChildren(
      h("img", { class: "qr", src: result.qr_url, alt: `QR-code om in te loggen voor ${participant.name}` }),
      h("p", { class: "code" }, result.code),
      h("p", { class: "muted" }, "De oude code werkt niet meer."),
    );
  } catch (err) {
    box.replaceChildren(h("p", { class: "error", role: "alert" }, err instanceof ApiError ? err.message : String(err)));
  }
}

// Logging out a teacher or coach whose visits still wait on the phone: say so first (staff-only module).
async function confirmStaffLogout(logout) {
  let notice = null;
  try {
    notice = await (await import("./staff-outbox.js")).logoutNotice(logout);
  } catch {
    notice = null;
  }
  if (notice) show(notice);
  else logout();
}

async function staffHome(me, onLogout) {
  const list = h("ul", { class: "people" });
  const waiting = h("div", { class: "staff-waiting" });
  import("./staff-outbox.js").then((outbox) => waiting.append(outbox.waitingNotice())).catch(() => {});
  const notice = takeNotice();
  show(
    h("h1", { class: "greeting" }, `Hallo ${me.name}`),
    notice ? h("p", { class: "notice", role: "status" }, notice) : null,
    h("p", { class: "muted" }, `${ROLE_NAMES[me.role]} bij ${me.organisation.name}`),
    waiting,
    h(
      "a",
      { class: "button primary wide big-link", href: link("werkplekken") },
      hidden("🏭 "),
      me.role === "coordinator" ? "Werkplekken en bezoeken" : "Werkvloerbezoek",
    ),
    h("a", { class: "button primary wide big-link", href: link("woorden") }, hidden("📚 "), "Woordenlijsten"),
    h("a", { class: "button secondary wide big-link", href: link("groepen") }, hidden("👥 "), "Groepen"),
    me.role === "coordinator"
      ? h("a", { class: "button secondary wide big-link", href: link("jobcoaches") }, hidden("🧭 "), "Jobcoaches")
      : null,
    me.role === "coach"
      ? null
      : h(
          "a",
          { class: "button secondary wide big-link", href: link("suggesties") },
          hidden("💡 "),
          "Suggesties van coaches",
        ),
    me.role === "coordinator"
      ? h(
          "a",
          { class: "button secondary wide big-link", href: link("logboek") },
          hidden("🔎 "),
          "Logboek: wie bekeek wat",
        )
      : null,
    me.role === "coordinator"
      ? h("a", { class: "button secondary wide big-link", href: link("medewerkers") }, hidden("👥 "), "Medewerkers")
      : null,
    me.role === "coordinator"
      ? h("a", { class: "button secondary wide big-link", href: link("organisatie") }, hidden("🏛️ "), "Organisatie")
      : null,
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Deelnemers"),
      h("a", { class: "button secondary wide", href: link("deelnemers") }, hidden("✏️ "), "Toevoegen en wijzigen"),
      list,
    ),
    h("a", { class: "button secondary wide", href: link("tweestap") }, hidden("🔐 "), "Tweestapsverificatie"),
    logoutButton(() => confirmStaffLogout(onLogout)),
  );
  try {
    const participants = await api("/participants?page_size=100");
    if (!participants.length) list.append(h("li", {}, "Nog geen deelnemers."));
    for (const p of participants) {
      const box = h("div", { class: "code-box" });
      // A former member of the caller's group or caseload: only to look at, so no buttons that change anything.
      const open = !p.read_only;
      const canIssue = me.role !== "participant" && open;
      const canPace = (me.role === "teacher" || me.role === "coordinator") && open;
      list.append(
        h(
          "li",
          {},
          h("span", { class: "person-name" }, p.name),
          open ? null : h("span", { class: "muted read-only-note" }, p.read_only_reason || "Alleen kijken."),
          canIssue
            ? h(
                "button",
                { class: "secondary small", type: "button", onclick: () => confirmNewCode(p, box) },
                "Nieuwe code",
              )
            : null,
          canPace
            ? h(
                "button",
                { class: "secondary small", type: "button", onclick: () => dailyWordsForm(p, box) },
                "Woorden per dag",
              )
            : null,
          me.role === "coordinator"
            ? h(
                "button",
                {
                  class: "secondary small",
                  type: "button",
                  onclick: () => import("./participant-data.js").then((m) => m.participantDataPanel(p, box)),
                },
                "Gegevens",
              )
            : null,
          h("a", { class: "button secondary small", href: link("niveaus", p.id) }, "Niveaus"),
          (me.role === "coordinator" || me.role === "coach") && open
            ? h(
                "button",
                {
                  class: "secondary small",
                  type: "button",
                  onclick: () => import("./consents.js").then((m) => m.consentPanel(p, box)),
                },
                "Toestemming",
              )
            : null,
          box,
        ),
      );
    }
  } catch (err) {
    list.append(h("li", { class: "error" }, err.message));
  }
}

export function homeScreen(me, onLogout) {
  if (me.role === "participant") participantHome(me, onLogout);
  else staffHome(me, onLogout);
}
