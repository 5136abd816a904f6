// The login screens: a participant's code (or QR link), or a staff member's e-mail and password.

import { ApiError, api, token } from "./api.js";
import { h, hidden, show } from "./dom.js";

// Set while a staff login must set up its second factor before anything else (two-factor.js clears it).
export const SETUP_KEY = "vaktaal.setup-2fa";

function errorLine() {
  return h("p", { class: "error", role: "alert", hidden: true });
}

function fail(line, err) {
  line.textContent = err instanceof ApiError ? err.fieldMessage() || err.message : String(err);
  line.hidden = false;
}

export async function loginWithCode(code) {
  const result = await api("/auth/code", { method: "POST", body: { code } });
  token.set(result.token);
  return result.user;
}

// `waiting`: answers on this phone not yet sent (a login that expired): say they are safe and go with the login.
export function codeScreen(onLogin, { waiting = 0 } = {}) {
  const error = errorLine();
  const input = h("input", {
    id: "code",
    name: "code",
    class: "code-input",
    inputmode: "text",
    autocomplete: "one-time-code",
    autocapitalize: "characters",
    spellcheck: "false",
    maxlength: "12",
    placeholder: "XXXX-XXXX",
    "aria-label": "Jouw code",
  });
  const form = h(
    "form",
    {
      class: "card",
      onsubmit: async (event) => {
        event.preventDefault();
        error.hidden = true;
        try {
          onLogin(await loginWithCode(input.value));
        } catch (err) {
          fail(error, err);
        }
      },
    },
    h("div", { class: "big-icon", "aria-hidden": "true" }, "📱"),
    h("h1", {}, "Welkom bij Vaktaal"),
    waiting
      ? h(
          "p",
          { class: "note", role: "status" },
          "Je antwoorden staan veilig op je telefoon. Log in, dan worden ze verstuurd.",
        )
      : null,
    h("p", {}, "Scan de QR-code van je docent. Of typ je code:"),
    input,
    error,
    h("button", { class: "primary big", type: "submit" }, hidden("➜ "), "Inloggen"),
  );
  const staffLink = h(
    "button",
    { class: "link", type: "button", onclick: () => staffScreen(onLogin) },
    "Docent, coach of coördinator? Log in met e-mail",
  );
  show(form, staffLink);
}

export function staffScreen(onLogin) {
  const error = errorLine();
  const email = h("input", { id: "email", name: "email", type: "email", autocomplete: "username", required: true });
  const password = h("input", {
    id: "password",
    name: "password",
    type: "password",
    autocomplete: "current-password",
    required: true,
  });
  const form = h(
    "form",
    {
      class: "card",
      onsubmit: async (event) => {
        event.preventDefault();
        error.hidden = true;
        try {
          const result = await api("/auth/login", {
            method: "POST",
            body: { email: email.value, password: password.value },
          });
          if (result.second_factor === "code") {
            // The password was right; a code from the authenticator app must follow (loaded only now).
            const twoFactor = await import("./two-factor.js");
            return twoFactor.codeStepScreen(result.challenge, onLogin, () => staffScreen(onLogin));
          }
          // "setup": this login may only set up the second factor, so the app opens that screen first.
          if (result.second_factor === "setup") localStorage.setItem(SETUP_KEY, "1");
          else localStorage.removeItem(SETUP_KEY);
          token.set(result.token);
          onLogin(result.user);
        } catch (err) {
          fail(error, err);
        }
      },
    },
    h("h1", {}, "Inloggen voor medewerkers"),
    h("label", { for: "email" }, "E-mailadres"),
    email,
    h("label", { for: "password" }, "Wachtwoord"),
    password,
    error,
    h("button", { class: "primary big", type: "submit" }, "Inloggen"),
  );
  show(
    form,
    h("button", { class: "link", type: "button", onclick: () => codeScreen(onLogin) }, "Deelnemer? Log in met je code"),
  );
}
