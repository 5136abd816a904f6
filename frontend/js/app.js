// Start-up and the screens by address: log in from a QR link (/login#code=...), resume a stored login, or show
// the login screen; then show the screen the address (#woorden/schoonmaak) asks for.

import { api, token } from "./api.js";
import { errorLine, h, show } from "./dom.js";
import { homeScreen } from "./home.js";
import { codeScreen, loginWithCode } from "./login.js";
import { hideTabbar, showTabbar } from "./nav.js";
import { proposalsScreen } from "./proposals.js";
import { currentParts } from "./router.js";
import { forgetSectors } from "./sectors.js";
import { newTermScreen, termFormScreen } from "./term-form.js";
import { termScreen } from "./term-detail.js";
import { forgetSectorScreen, sectorScreen, sectorsScreen } from "./wordlists.js";

let me = null;

function toLogin() {
  me = null;
  hideTabbar();
  document.getElementById("who").textContent = "";
  codeScreen(onLogin);
}

function onLogin() {
  me = null;
  forgetSectorScreen();
  forgetSectors();
  render();
}

function screenFor(parts) {
  const [first, second, third] = parts;
  if (first === "woorden" && !second) return sectorsScreen(me);
  if (first === "woorden" && third === "nieuw") return newTermScreen(me, second);
  if (first === "woorden") return sectorScreen(me, second);
  if (first === "term" && third === "bewerken") return termFormScreen(me, second, "edit");
  if (first === "term" && third === "voorstel") return termFormScreen(me, second, "propose");
  if (first === "term") return termScreen(me, second);
  if (first === "voorstellen") return proposalsScreen(me);
  return homeScreen(me, logout);
}

async function render() {
  if (!token.get()) return toLogin();
  if (!me) {
    try {
      me = await api("/me");
    } catch (err) {
      if (err.status === 401) {
        token.clear();
        return toLogin();
      }
      return show(errorLine(err.message), h("button", { class: "primary big", type: "button", onclick: render }, "Opnieuw proberen"));
    }
    document.getElementById("who").textContent = me.name;
  }
  const parts = currentParts();
  showTabbar(parts);
  window.scrollTo(0, 0);
  return screenFor(parts);
}

async function logout() {
  try {
    await api("/auth/token", { method: "DELETE" });
  } catch {
    // Logged out locally even when the server cannot be reached.
  }
  token.clear();
  forgetSectorScreen();
  forgetSectors();
  history.replaceState(null, "", "/");
  toLogin();
}

async function start() {
  const match = location.hash.match(/code=([A-Za-z0-9-]+)/);
  if (match) {
    // Never keep the code in the address bar or history.
    history.replaceState(null, "", "/");
    try {
      await loginWithCode(match[1]);
    } catch {
      token.clear();
    }
  }
  window.addEventListener("hashchange", render);
  await render();
}

start();
