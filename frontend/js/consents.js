// Staff (coordinator, coach) recording a consent a participant gave or withdrew on paper, in the box under the
// participant's name in the staff list. Loaded when first opened.

import { ApiError, api } from "./api.js";
import { h, hidden } from "./dom.js";

const PURPOSE_NAMES = { "employer-summary": "Samenvatting voor de werkgever" };

function when(iso) {
  return new Date(iso).toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
}

function stateText(state) {
  if (!state.recorded_at) return "Nog geen antwoord (telt als nee).";
  const how =
    state.source === "paper" ? `op papier, vastgelegd door ${state.recorded_by?.name || "onbekend"}` : "in de app";
  return `${state.given ? "Ja" : "Nee"} sinds ${when(state.recorded_at)}, ${how}.`;
}

function stateList(states) {
  return h(
    "ul",
    { class: "consent-history" },
    states.map((state) =>
      h(
        "li",
        { "data-purpose": state.purpose },
        hidden(state.given ? "✅ " : "⛔ "),
        h("strong", {}, `${PURPOSE_NAMES[state.purpose] || state.purpose}: `),
        stateText(state),
      ),
    ),
  );
}

function paperForm(participant, states, onSaved) {
  const status = h("p", { class: "status", role: "status" });
  const name = `paper-${participant.id}`;
  const purposes = states.map((s) => s.purpose);
  const choice = (value, label) =>
    h("label", { class: "choice" }, h("input", { type: "radio", name, value, required: true }), label);
  const form = h(
    "form",
    {
      class: "paper-consent",
      "aria-label": `Toestemming op papier van ${participant.name}`,
      onsubmit: async (event) => {
        event.preventDefault();
        const picked = form.querySelector(`input[name="${name}"]:checked`);
        if (!picked) {
          status.textContent = "Kies ja of nee.";
          return;
        }
        status.textContent = "Bezig…";
        try {
          const saved = await api(`/participants/${participant.id}/consents`, {
            method: "POST",
            body: { purpose: purposes[0], given: picked.value === "yes", source: "paper" },
          });
          onSaved(saved);
          status.textContent = "Vastgelegd.";
        } catch (err) {
          status.textContent = err instanceof ApiError ? err.fieldMessage() || err.message : String(err);
        }
      },
    },
    h(
      "fieldset",
      {},
      h("legend", {}, `${PURPOSE_NAMES[purposes[0]]}: wat staat er op het getekende papier?`),
      choice("yes", "Ja, toestemming gegeven"),
      choice("no", "Nee, geen toestemming (of ingetrokken)"),
    ),
    h("button", { type: "submit", class: "primary" }, "Vastleggen"),
    status,
  );
  return form;
}

// The panel for one participant: what holds now, and the form for a paper answer.
export async function consentPanel(participant, box) {
  if (!document.querySelector("link[data-privacy-css]"))
    document.head.append(h("link", { rel: "stylesheet", href: "/static/css/privacy.css", "data-privacy-css": "" }));
  box.replaceChildren(h("p", { class: "muted" }, "Even laden…"));
  let states;
  try {
    states = await api(`/participants/${participant.id}/consents`);
  } catch (err) {
    box.replaceChildren(h("p", { class: "error", role: "alert" }, err.message));
    return;
  }
  const current = h("div", {}, stateList(states));
  const close = h("button", { type: "button", class: "secondary", onclick: () => box.replaceChildren() }, "Sluiten");
  box.replaceChildren(
    h(
      "section",
      { class: "card consent-panel", "aria-label": `Toestemming van ${participant.name}` },
      h("h3", {}, "Toestemming"),
      current,
      h("h4", {}, hidden("📝 "), "Toestemming op papier vastleggen"),
      h("p", { class: "muted" }, "Bewaar het getekende papier zoals jullie organisatie dat afspreekt."),
      paperForm(participant, states, (saved) => {
        states = states.map((s) => (s.purpose === saved.purpose ? saved : s));
        current.replaceChildren(stateList(states));
      }),
      close,
    ),
  );
  box.querySelector("input").focus();
}
