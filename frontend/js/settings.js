// A participant's settings: the support language (saved on the server) and the text size (kept on this phone).

import { api } from "./api.js";
import { backLink, h, hidden, show } from "./dom.js";
import { NATIVE_NAMES, isRtl } from "./hints.js";
import { link } from "./router.js";
import { deleteState } from "./store.js";
import { LANGUAGES } from "./term-view.js";

const SIZE_KEY = "vaktaal.textSize";
export const TEXT_SIZES = [
  ["normal", "Normaal"],
  ["large", "Groot"],
  ["larger", "Groter"],
];

// The chosen text size as a class on <html> (app.css scales the root font size with it).
export function applyTextSize(size = localStorage.getItem(SIZE_KEY) || "normal") {
  const root = document.documentElement;
  for (const [name] of TEXT_SIZES) root.classList.toggle(`text-${name}`, name === size && name !== "normal");
}

export function settingsScreen(me, onChange) {
  const current = (me.profile && me.profile.support_languages) || [];
  const status = h("p", { class: "ok", role: "status" });
  const languages = h(
    "fieldset",
    { class: "language-choices" },
    h("legend", {}, hidden("🌍 "), "Mijn taal"),
    h("p", { class: "muted" }, "Vertalingen en uitleg komen in deze taal."),
    Object.keys(NATIVE_NAMES).map((code) =>
      h(
        "label",
        { class: "choice language" },
        h("input", {
          type: "radio",
          name: "language",
          value: code,
          checked: current[0] === code,
          onchange: () => save(code),
        }),
        h("span", { class: "native", lang: code, dir: isRtl(code) ? "rtl" : "ltr" }, NATIVE_NAMES[code]),
        h("span", { class: "dutch-name" }, LANGUAGES[code].name),
      ),
    ),
  );

  async function save(code) {
    status.className = "muted";
    status.textContent = "Opslaan…";
    const chosen = [code, ...current.filter((c) => c !== code)].slice(0, 3);
    try {
      const updated = await api("/me", { method: "PATCH", body: { support_languages: chosen }, timeout: 10_000 });
      current.splice(0, current.length, ...updated.profile.support_languages);
      // The session kept ready was made in the old language: the next one is fetched fresh.
      await deleteState(`${me.id}:next`).catch(() => {});
      onChange(updated);
      status.className = "ok";
      status.replaceChildren(hidden("✓ "), "Opgeslagen");
    } catch (err) {
      status.className = "error";
      status.textContent = err.status === 0 ? "Geen internet. Kies je taal opnieuw als er verbinding is." : err.message;
      for (const input of languages.querySelectorAll("input")) input.checked = input.value === current[0];
    }
  }

  const size = localStorage.getItem(SIZE_KEY) || "normal";
  const sizes = h(
    "div",
    { class: "segmented sizes", role: "group", "aria-label": "Grootte van de letters" },
    TEXT_SIZES.map(([name, label]) =>
      h(
        "button",
        {
          type: "button",
          class: `toggle size-${name}`,
          "aria-pressed": String(name === size),
          onclick: (event) => {
            localStorage.setItem(SIZE_KEY, name);
            applyTextSize(name);
            for (const b of sizes.querySelectorAll("button"))
              b.setAttribute("aria-pressed", String(b === event.currentTarget));
          },
        },
        h("span", { class: "size-sample", "aria-hidden": "true" }, "A"),
        label,
      ),
    ),
  );

  show(
    backLink(link(), "Start"),
    h("h1", {}, hidden("⚙️ "), "Instellingen"),
    h("section", { class: "card" }, languages, status),
    h("section", { class: "card" }, h("h2", {}, hidden("🔠 "), "Grootte van de letters"), sizes),
    h(
      "a",
      { class: "button secondary wide big-link", href: link("mijn-logboek") },
      hidden("👀 "),
      "Wie keek naar mijn gegevens?",
    ),
  );
}
