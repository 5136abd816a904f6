// "Kies je wachtwoord": the public page a one-time link opens (#wachtwoord/<token>), without a login. It says whose
// link it is, then the new staff member (or one who forgot their password) chooses a password; the API's advice
// shows next to the field. Loaded only when such a link is opened.

import { api } from "./api.js";
import { errorLine, h, hidden, show } from "./dom.js";
import { fieldForm } from "./staff-admin.js";

export async function setupLinkScreen(linkToken, { onDone } = {}) {
  if (!document.querySelector("link[data-admin-css]")) {
    document.head.append(h("link", { rel: "stylesheet", href: "/static/css/staff-admin.css", "data-admin-css": "" }));
  }
  const path = `/account-links/${encodeURIComponent(linkToken || "")}`;
  let info;
  try {
    info = await api(path);
  } catch (err) {
    return show(
      h("h1", {}, hidden("🔑 "), "Kies je wachtwoord"),
      errorLine(err.message),
      h("a", { class: "button secondary wide", href: "/" }, "Naar inloggen"),
    );
  }
  const f = fieldForm("password-form");
  const password = h("input", { type: "password", autocomplete: "new-password", required: true, maxlength: 200 });
  const repeat = h("input", { type: "password", autocomplete: "new-password", required: true, maxlength: 200 });
  const showBox = h("input", { type: "checkbox", id: "show-password" });
  showBox.addEventListener("change", () => {
    password.type = repeat.type = showBox.checked ? "text" : "password";
  });
  const save = h("button", { type: "submit", class: "primary big wide" }, "Wachtwoord opslaan");
  const username = h("input", {
    type: "email",
    autocomplete: "username",
    value: info.email || "",
    readonly: true,
    hidden: true,
    "aria-hidden": "true",
    tabindex: "-1",
  });
  f.form.append(
    username,
    f.field(
      "password",
      "Nieuw wachtwoord",
      password,
      "Minstens 10 tekens. Tip: drie of vier losse woorden, zoals ‘fiets koffie regen tulp’.",
    ),
    f.field("repeat", "Nog een keer", repeat),
    h("label", { class: "check small-check", for: showBox.id }, showBox, "Laat het wachtwoord zien"),
    f.line,
    save,
  );
  f.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    f.clear();
    if (password.value !== repeat.value) {
      f.showErrors({ errors: { json: { repeat: ["De twee wachtwoorden zijn niet hetzelfde."] } } });
      return;
    }
    save.disabled = true;
    try {
      const done = await api(path, { method: "POST", body: { password: password.value } });
      history.replaceState(null, "", "/");
      show(
        h("h1", {}, hidden("✅ "), "Je wachtwoord is opgeslagen"),
        h("p", {}, `Log nu in met ${done.email} en je nieuwe wachtwoord.`),
        h("button", { type: "button", class: "primary big wide", onclick: () => onDone?.() }, "Naar inloggen"),
      );
    } catch (err) {
      f.showErrors(err);
    } finally {
      save.disabled = false;
    }
  });
  const why = info.purpose === "reset" ? "Kies een nieuw wachtwoord." : "Welkom! Kies een wachtwoord voor je account.";
  show(
    h("h1", {}, hidden("🔑 "), "Kies je wachtwoord"),
    h("p", {}, why),
    h("p", { class: "muted" }, `${info.name} · ${info.organisation}`),
    f.form,
  );
  password.focus();
}
