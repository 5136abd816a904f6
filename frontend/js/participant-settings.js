// A teacher sets how many new words a participant meets a day, and how many more they may take when they want to
// go on (PATCH /api/participants/<id>/settings). Shown under the participant's name in the staff list.

import { ApiError, api } from "./api.js";
import { h } from "./dom.js";

const DEFAULT_LIMIT = 8;
const DEFAULT_MAX = 20;

function numberField(name, label, value, placeholder) {
  const id = `settings-${name}-${Math.random().toString(36).slice(2, 8)}`;
  const input = h("input", {
    id,
    name,
    type: "number",
    inputmode: "numeric",
    min: "0",
    max: name === "daily_new_limit" ? "50" : "100",
    value: value ?? "",
    placeholder: String(placeholder),
    "aria-describedby": `${id}-error`,
  });
  const error = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
  return { input, error, node: h("div", { class: "field" }, h("label", { for: id }, label), input, error) };
}

export function dailyWordsForm(participant, box) {
  const profile = participant.profile || {};
  const limit = numberField("daily_new_limit", "Nieuwe woorden per dag", profile.daily_new_limit, DEFAULT_LIMIT);
  const maximum = numberField("daily_new_max", "Meer als ze willen, tot", profile.daily_new_max, DEFAULT_MAX);
  const status = h("p", { class: "status", role: "status" });
  const fields = { daily_new_limit: limit, daily_new_max: maximum };
  const save = async (event) => {
    event.preventDefault();
    for (const field of Object.values(fields)) field.error.hidden = true;
    status.textContent = "Bezig…";
    const body = {};
    for (const [name, field] of Object.entries(fields)) {
      body[name] = field.input.value === "" ? null : Number(field.input.value);
    }
    try {
      const saved = await api(`/participants/${participant.id}/settings`, { method: "PATCH", body });
      participant.profile = saved.profile;
      status.textContent = "Opgeslagen.";
    } catch (err) {
      const json = (err instanceof ApiError && err.errors && err.errors.json) || {};
      for (const [name, messages] of Object.entries(json)) {
        if (!fields[name]) continue;
        fields[name].error.textContent = [].concat(messages).join(" ");
        fields[name].error.hidden = false;
      }
      status.textContent = err.message;
    }
  };
  const close = h("button", { type: "button", class: "secondary", onclick: () => box.replaceChildren() }, "Sluiten");
  box.replaceChildren(
    h(
      "form",
      { class: "card daily-words", "aria-label": `Woorden per dag voor ${participant.name}`, onsubmit: save },
      h("p", { class: "muted" }, `Leeg laten: ${DEFAULT_LIMIT} per dag, tot ${DEFAULT_MAX} als ze meer willen.`),
      limit.node,
      maximum.node,
      h("div", { class: "button-row" }, h("button", { type: "submit", class: "primary" }, "Opslaan"), close),
      status,
    ),
  );
  limit.input.focus();
}
