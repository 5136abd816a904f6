// "Organisatie": the organisation's name, time zone, how long data is kept after a programme ended, and the
// thresholds of the caseload's attention flags (empty: the default, shown in the field). Staff read it; the
// coordinator changes it. Loaded when opened.

import { api } from "./api.js";
import { backLink, errorLine, h, show } from "./dom.js";
import { link } from "./router.js";
import { adminStyles, fieldForm } from "./staff-admin.js";

// The six thresholds of the attention flags (vaktaal.attention.LIMITS), with what each means in the caseload.
const THRESHOLDS = [
  ["inactive_days", "Oefent niet: na zoveel dagen zonder oefenen", 1, 90],
  ["failing_terms", "Woorden lukken niet: vanaf zoveel woorden", 1, 50],
  ["safety_behind", "Veiligheidswoorden achter: meer dan zoveel woorden", 0, 200],
  ["safety_grace_days", "Veiligheidswoorden achter: meer dan zoveel dagen geleden begonnen", 1, 180],
  ["target_gap_steps", "Ver van doel: zoveel halve stappen of meer onder het doel", 1, 7],
  ["target_months_left", "Ver van doel: minder dan zoveel maanden tot de einddatum", 1, 36],
];

const ZONES = ["Europe/Amsterdam", "Europe/Brussels", "Europe/Berlin", "Europe/London", "Europe/Paris", "UTC"];

export async function organisationScreen(me) {
  adminStyles();
  let org;
  try {
    org = await api("/organisation");
  } catch (err) {
    return show(backLink(link(), "Start"), h("h1", {}, "Organisatie"), errorLine(err.message));
  }
  const mayChange = me.role === "coordinator";
  const f = fieldForm("organisation-form");
  const name = h("input", { value: org.name, maxlength: 200, disabled: !mayChange });
  const zones = ZONES.includes(org.timezone) ? ZONES : [org.timezone, ...ZONES];
  const timezone = h(
    "select",
    { disabled: !mayChange },
    zones.map((zone) => h("option", { value: zone, selected: zone === org.timezone }, zone)),
  );
  const months = h("input", {
    type: "number",
    inputmode: "numeric",
    min: 1,
    max: 120,
    value: org.retention_months ?? "",
    placeholder: String(org.default_retention_months),
    disabled: !mayChange,
  });
  const thresholds = THRESHOLDS.map(([key, label, min, max]) => [
    key,
    label,
    h("input", {
      type: "number",
      inputmode: "numeric",
      min,
      max,
      value: org[key] ?? "",
      placeholder: String(org.default_thresholds[key]),
      disabled: !mayChange,
    }),
    `${min} tot ${max}. Leeg: ${org.default_thresholds[key]} (standaard).`,
  ]);
  const saved = h("p", { class: "notice", role: "status", hidden: true });
  const save = h("button", { type: "submit", class: "primary wide" }, "Opslaan");
  f.form.append(
    f.field("name", "Naam", name),
    f.field("timezone", "Tijdzone", timezone),
    f.field(
      "retention_months",
      "Bewaartermijn in maanden",
      months,
      `Zo lang na het einde van het traject worden de gegevens van een deelnemer bewaard. Leeg: ${org.default_retention_months} maanden.`,
    ),
    h(
      "fieldset",
      { class: "thresholds" },
      h("legend", {}, "Aandachtspunten bij de deelnemers"),
      h("p", { class: "hint" }, "Wanneer krijgt een deelnemer een aandachtspunt in de lijst Voortgang?"),
      thresholds.map(([key, label, input, help]) => f.field(key, label, input, help)),
    ),
    f.line,
    saved,
    mayChange ? save : h("p", { class: "muted" }, "Alleen een coördinator kan dit veranderen."),
  );
  f.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    f.clear();
    saved.hidden = true;
    const wanted = months.value.trim() === "" ? null : Number(months.value);
    const changes = {};
    if (name.value !== org.name) changes.name = name.value;
    if (timezone.value !== org.timezone) changes.timezone = timezone.value;
    if (wanted !== org.retention_months) changes.retention_months = wanted;
    for (const [key, , input] of thresholds) {
      const value = input.value.trim() === "" ? null : Number(input.value);
      if (value !== org[key]) changes[key] = value;
    }
    if (!Object.keys(changes).length) {
      saved.textContent = "Er was niets veranderd.";
      saved.hidden = false;
      return;
    }
    try {
      org = await api("/organisation", { method: "PATCH", body: changes });
      saved.textContent = "Opgeslagen.";
      saved.hidden = false;
    } catch (err) {
      f.showErrors(err);
    }
  });
  show(backLink(link(), "Start"), h("h1", {}, "Organisatie"), f.form);
}
