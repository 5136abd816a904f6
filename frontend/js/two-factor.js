// Staff's second factor (tweestapsverificatie): the login's code step, and setting it up with an authenticator app
// (QR code, the key to type by hand, a first code, the recovery codes shown once). Loaded only when needed.

import { ApiError, api, token } from "./api.js";
import { h, hidden, show } from "./dom.js";
import { SETUP_KEY } from "./login.js";
import { link } from "./router.js";

function errorLine() {
  return h("p", { class: "error", role: "alert", hidden: true });
}

function fail(line, err) {
  line.textContent = err instanceof ApiError ? err.fieldMessage() || err.message : String(err);
  line.hidden = false;
}

function codeInput(id) {
  return h("input", {
    id,
    name: "code",
    class: "code-input",
    inputmode: "numeric",
    pattern: "[0-9 ]*",
    autocomplete: "one-time-code",
    maxlength: "7",
    placeholder: "123456",
    required: true,
  });
}

// The login's second step: the 6 digits of the app, or a recovery code.
export function codeStepScreen(challenge, onLogin, back) {
  const error = errorLine();
  const input = codeInput("totp");
  const label = h("label", { for: "totp" }, "Code uit je app");
  const explain = h("p", {}, "Open de app voor inlogcodes op je telefoon. Typ de 6 cijfers die je daar ziet.");
  let recovery = false;
  const useRecovery = h(
    "button",
    {
      class: "link",
      type: "button",
      onclick: () => {
        recovery = !recovery;
        label.textContent = recovery ? "Herstelcode" : "Code uit je app";
        explain.textContent = recovery
          ? "Telefoon kwijt? Typ een van je herstelcodes. Elke herstelcode werkt één keer."
          : "Open de app voor inlogcodes op je telefoon. Typ de 6 cijfers die je daar ziet.";
        useRecovery.textContent = recovery ? "Gebruik de code uit je app" : "Gebruik een herstelcode";
        input.setAttribute("inputmode", recovery ? "text" : "numeric");
        input.setAttribute("maxlength", recovery ? "20" : "7");
        input.setAttribute("placeholder", recovery ? "XXXXX-XXXXX" : "123456");
        input.setAttribute("autocomplete", recovery ? "off" : "one-time-code");
        input.toggleAttribute("pattern", false);
        if (!recovery) input.setAttribute("pattern", "[0-9 ]*");
        input.value = "";
        error.hidden = true;
        input.focus();
      },
    },
    "Gebruik een herstelcode",
  );
  const form = h(
    "form",
    {
      class: "card",
      onsubmit: async (event) => {
        event.preventDefault();
        error.hidden = true;
        try {
          const result = await api("/auth/login/second-factor", {
            method: "POST",
            body: { challenge, code: input.value },
          });
          localStorage.removeItem(SETUP_KEY);
          token.set(result.token);
          onLogin(result.user);
        } catch (err) {
          fail(error, err);
          input.select();
        }
      },
    },
    h("div", { class: "big-icon", "aria-hidden": "true" }, "🔐"),
    h("h1", {}, "Tweede stap"),
    explain,
    label,
    input,
    error,
    h("button", { class: "primary big", type: "submit" }, "Inloggen"),
  );
  show(form, useRecovery, h("button", { class: "link", type: "button", onclick: back }, "Terug"));
  input.focus();
}

function goHome() {
  localStorage.removeItem(SETUP_KEY);
  if (location.hash) location.hash = "";
  else window.dispatchEvent(new HashChangeEvent("hashchange"));
}

function spaced(secret) {
  return secret.match(/.{1,4}/g).join(" ");
}

function recoveryCodesScreen(codes) {
  const saved = h("button", { class: "primary big", type: "button", onclick: goHome }, "Ik heb ze bewaard");
  show(
    h(
      "section",
      { class: "card" },
      h("div", { class: "big-icon", "aria-hidden": "true" }, "✅"),
      h("h1", {}, "Tweestapsverificatie staat aan"),
      h("h2", {}, "Je herstelcodes"),
      h(
        "p",
        {},
        "Telefoon kwijt? Dan log je in met een herstelcode. Elke code werkt één keer. ",
        h("strong", {}, "Je ziet deze codes maar één keer."),
      ),
      h("p", {}, "Schrijf ze op of druk ze af, en bewaar ze op een veilige plek."),
      h("ol", { class: "recovery-codes", "aria-label": "Herstelcodes" }, ...codes.map((code) => h("li", {}, code))),
      h("button", { class: "secondary", type: "button", onclick: () => window.print() }, hidden("🖨️ "), "Afdrukken"),
      saved,
    ),
  );
}

function enrolScreen(enrolment, state, logout) {
  const error = errorLine();
  const input = codeInput("first-code");
  const form = h(
    "form",
    {
      class: "card two-factor-setup",
      onsubmit: async (event) => {
        event.preventDefault();
        error.hidden = true;
        try {
          const result = await api("/me/second-factor/confirm", { method: "POST", body: { code: input.value } });
          recoveryCodesScreen(result.recovery_codes);
        } catch (err) {
          fail(error, err);
          input.select();
        }
      },
    },
    h("h1", {}, "Tweestapsverificatie instellen"),
    h(
      "ol",
      { class: "steps" },
      h(
        "li",
        {},
        "Zet een app voor inlogcodes op je telefoon, bijvoorbeeld Google Authenticator, Microsoft Authenticator of FreeOTP.",
      ),
      h(
        "li",
        {},
        "Scan deze QR-code met die app.",
        h("img", { class: "qr", src: enrolment.qr_url, alt: "QR-code voor je app voor inlogcodes" }),
        h("p", { class: "muted" }, "Lukt scannen niet? Typ deze sleutel in de app:"),
        h("p", { class: "secret", "aria-label": "Sleutel" }, spaced(enrolment.secret)),
      ),
      h("li", {}, h("label", { for: "first-code" }, "Typ de code van 6 cijfers die de app nu laat zien."), input),
    ),
    error,
    h("button", { class: "primary big", type: "submit" }, "Bevestigen"),
  );
  show(form, footer(state, logout));
  input.focus({ preventScroll: true });
}

function footer(state, logout) {
  return state.setup_first
    ? h("button", { class: "secondary", type: "button", onclick: logout }, hidden("🚪 "), "Uitloggen")
    : h("a", { class: "back", href: link() }, hidden("← "), "Terug naar start");
}

async function start(state, logout, error) {
  error.hidden = true;
  try {
    enrolScreen(await api("/me/second-factor", { method: "POST" }), state, logout);
  } catch (err) {
    fail(error, err);
  }
}

function switchOffForm(logout) {
  const error = errorLine();
  const input = codeInput("off-code");
  return h(
    "form",
    {
      class: "card",
      onsubmit: async (event) => {
        event.preventDefault();
        error.hidden = true;
        try {
          await api("/me/second-factor", { method: "DELETE", body: { code: input.value } });
          twoFactorScreen(null, logout);
        } catch (err) {
          fail(error, err);
        }
      },
    },
    h("h2", {}, "Uitzetten"),
    h("label", { for: "off-code" }, "Code uit je app (of een herstelcode)"),
    input,
    error,
    h("button", { class: "secondary", type: "submit" }, "Tweestapsverificatie uitzetten"),
  );
}

const DATE = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric" });

// "Tweestapsverificatie": its state, and setting it up (first, when a login must do that before anything else).
export async function twoFactorScreen(_me, logout) {
  const error = errorLine();
  let state;
  try {
    state = await api("/me/second-factor");
  } catch (err) {
    fail(error, err);
    show(error);
    return;
  }
  if (state.enabled) {
    show(
      h("a", { class: "back", href: link() }, hidden("← "), "Terug naar start"),
      h(
        "section",
        { class: "card" },
        h("div", { class: "big-icon", "aria-hidden": "true" }, "🔐"),
        h("h1", {}, "Tweestapsverificatie"),
        h("p", {}, h("strong", {}, "Staat aan"), ` sinds ${DATE.format(new Date(state.enabled_at))}.`),
        h("p", {}, "Je logt in met je wachtwoord en een code uit je app."),
        h(
          "p",
          {},
          state.recovery_codes_left === 1
            ? "Nog 1 herstelcode over."
            : `Nog ${state.recovery_codes_left} herstelcodes over.`,
        ),
        state.required ? h("p", { class: "muted" }, "Voor jouw account is dit verplicht.") : null,
      ),
      state.required ? null : switchOffForm(logout),
    );
    return;
  }
  const begin = h(
    "button",
    { class: "primary big", type: "button", onclick: () => start(state, logout, error) },
    "Instellen",
  );
  show(
    state.setup_first ? null : h("a", { class: "back", href: link() }, hidden("← "), "Terug naar start"),
    h(
      "section",
      { class: "card" },
      h("div", { class: "big-icon", "aria-hidden": "true" }, "🔐"),
      h("h1", {}, state.setup_first ? "Stel eerst je tweede stap in" : "Tweestapsverificatie"),
      h(
        "p",
        {},
        "Met tweestapsverificatie log je in met je wachtwoord én een code uit een app op je telefoon. ",
        "Zo kan niemand anders met je wachtwoord bij de gegevens van deelnemers.",
      ),
      state.required
        ? h("p", {}, h("strong", {}, "Voor jouw account is dit verplicht."))
        : h("p", { class: "muted" }, "Voor jouw account is dit niet verplicht, wel verstandig."),
      error,
      begin,
    ),
    state.setup_first
      ? h("button", { class: "secondary", type: "button", onclick: logout }, hidden("🚪 "), "Uitloggen")
      : null,
  );
}
