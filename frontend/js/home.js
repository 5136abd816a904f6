// A home screen per role, with the way to the wordlists. Placeholders for what later issues build (practice, visits).

import { ApiError, api } from "./api.js";
import { h, show } from "./dom.js";
import { link } from "./router.js";

const ROLE_NAMES = { teacher: "Docent", coach: "Jobcoach", coordinator: "Coördinator", participant: "Deelnemer" };

function logoutButton(onLogout) {
  return h("button", { class: "secondary", type: "button", onclick: onLogout }, h("span", { "aria-hidden": "true" }, "🚪 "), "Uitloggen");
}

function participantHome(me, onLogout) {
  const people = [
    ...(me.teachers || []).map((t) => h("li", {}, h("span", { "aria-hidden": "true" }, "👩‍🏫 "), "Docent: ", t.name)),
    ...(me.coaches || []).map((c) => h("li", {}, h("span", { "aria-hidden": "true" }, "🤝 "), "Coach: ", c.name)),
  ];
  show(
    h("h1", { class: "greeting" }, `Hallo ${me.name}!`),
    h(
      "button",
      { class: "primary huge", type: "button", id: "practise", disabled: true, "aria-describedby": "soon" },
      h("span", { class: "huge-icon", "aria-hidden": "true" }, "▶️"),
      "Oefenen",
    ),
    h("p", { id: "soon", class: "muted" }, "Oefenen komt binnenkort."),
    h(
      "a",
      { class: "button secondary huge", href: link("woorden") },
      h("span", { class: "huge-icon", "aria-hidden": "true" }, "📚"),
      "Woorden",
    ),
    people.length ? h("section", { class: "card" }, h("h2", {}, "Jouw mensen"), h("ul", { class: "plain" }, people)) : null,
    logoutButton(onLogout),
  );
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

async function staffHome(me, onLogout) {
  const list = h("ul", { class: "people" });
  show(
    h("h1", { class: "greeting" }, `Hallo ${me.name}`),
    h("p", { class: "muted" }, `${ROLE_NAMES[me.role]} bij ${me.organisation.name}`),
    h(
      "a",
      { class: "button primary wide big-link", href: link("woorden") },
      h("span", { "aria-hidden": "true" }, "📚 "),
      "Woordenlijsten",
    ),
    h("section", { class: "card" }, h("h2", {}, "Deelnemers"), list),
    logoutButton(onLogout),
  );
  try {
    const participants = await api("/participants?page_size=100");
    if (!participants.length) list.append(h("li", {}, "Nog geen deelnemers."));
    for (const p of participants) {
      const box = h("div", { class: "code-box" });
      const canIssue = me.role !== "participant";
      list.append(
        h(
          "li",
          {},
          h("span", { class: "person-name" }, p.name),
          canIssue
            ? h("button", { class: "secondary small", type: "button", onclick: () => issueCode(p, box) }, "Nieuwe code")
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
  document.getElementById("who").textContent = me.name;
  if (me.role === "participant") participantHome(me, onLogout);
  else staffHome(me, onLogout);
}
