// Start-up: log in from a QR link (/login#code=...), resume a stored login, or show the login screen.

import { api, token } from "./api.js";
import { homeScreen } from "./home.js";
import { codeScreen, loginWithCode } from "./login.js";

async function showHome() {
  try {
    const me = await api("/me");
    homeScreen(me, logout);
  } catch (err) {
    if (err.status === 401) {
      token.clear();
      codeScreen(showHome);
    } else {
      codeScreen(showHome);
    }
  }
}

async function logout() {
  try {
    await api("/auth/token", { method: "DELETE" });
  } catch {
    // Logged out locally even when the server cannot be reached.
  }
  token.clear();
  document.getElementById("who").textContent = "";
  codeScreen(showHome);
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
  if (token.get()) await showHome();
  else codeScreen(showHome);
}

start();
