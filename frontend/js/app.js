// Start-up and the screens by address: log in from a QR link (/login#code=...), resume a stored login, or show
// the login screen; then show the screen the address (#woorden/schoonmaak) asks for. Participants keep working
// without a connection: their last profile is kept on the phone and their answers wait in the outbox.

import { api, isOffline, token } from "./api.js";
import { errorLine, h, show } from "./dom.js";
import { homeScreen } from "./home.js";
import { SETUP_KEY, codeScreen, loginWithCode } from "./login.js";
import { myWordsScreen } from "./my-words.js";
import { hideTabbar, showTabbar } from "./nav.js";
import { practiceScreen } from "./practice.js";
import { proposalsScreen } from "./proposals.js";
import { currentParts } from "./router.js";
import { forgetSectors } from "./sectors.js";
import { applyTextSize, settingsScreen } from "./settings.js";
import { outboxTotal } from "./store.js";
import { flush, onStatus, setUser, status as syncStatus } from "./sync.js";
import { termScreen } from "./term-detail.js";
import { newTermScreen, termFormScreen } from "./term-form.js";
import { forgetSectorScreen, sectorScreen, sectorsScreen } from "./wordlists.js";

const ME_KEY = "vaktaal.me";
let me = null;

function toLogin() {
  me = null;
  hideTabbar();
  setUser(null);
  document.body.classList.remove("practising", "participant");
  document.getElementById("who").textContent = "";
  document.getElementById("sync").hidden = true;
  codeScreen(onLogin);
  outboxTotal()
    .then((waiting) => {
      if (waiting && !me) codeScreen(onLogin, { waiting });
    })
    .catch(() => {});
}

// The login expired or was revoked (the server said 401): the answers stay in the outbox, the participant logs in
// again (not in the middle of an exercise: then at the next screen).
function loginAgain() {
  token.clear();
  localStorage.removeItem(ME_KEY);
  toLogin();
}

function onLogin() {
  me = null;
  forgetSectorScreen();
  forgetSectors();
  render();
}

// Kept on the phone for participants and for staff who record visits, so the app opens without a connection.
const VISITORS = ["teacher", "coach"];

function setMe(user) {
  me = user;
  if (me.role === "participant" || VISITORS.includes(me.role)) localStorage.setItem(ME_KEY, JSON.stringify(me));
}

function cachedMe() {
  try {
    return JSON.parse(localStorage.getItem(ME_KEY) || "null");
  } catch {
    return null;
  }
}

function participantOnly(screen) {
  return me.role === "participant" ? screen() : homeScreen(me, logout);
}

function screenFor(parts) {
  const [first, second, third] = parts;
  // A login that must set up its second factor reaches nothing else (the API refuses it too).
  if (me.role !== "participant" && (first === "tweestap" || localStorage.getItem(SETUP_KEY)))
    return import("./two-factor.js").then((m) => m.twoFactorScreen(me, logout));
  if (first === "oefenen") return participantOnly(() => practiceScreen(me));
  if (first === "werk") return participantOnly(() => myWordsScreen(me, { assigned: true }));
  if (first === "mijn-woorden") return participantOnly(() => myWordsScreen(me));
  if (first === "instellingen") return participantOnly(() => settingsScreen(me, setMe));
  if (first === "gegevens") return participantOnly(() => import("./privacy.js").then((m) => m.privacyScreen(me)));
  if (first === "mijn-doelen") return participantOnly(() => import("./my-levels.js").then((m) => m.myLevelsScreen(me)));
  if (first === "mijn-logboek")
    return participantOnly(() => import("./my-privacy-log.js").then((m) => m.myAuditScreen()));
  if (first === "woorden" && !second) return sectorsScreen(me);
  if (first === "woorden" && third === "nieuw") return newTermScreen(me, second);
  if (first === "woorden") return sectorScreen(me, second);
  if (first === "term" && third === "bewerken") return termFormScreen(me, second, "edit");
  if (first === "term" && third === "voorstel") return termFormScreen(me, second, "propose");
  if (first === "term") return termScreen(me, second);
  if (first === "voorstellen") return proposalsScreen(me);
  if (me.role !== "participant") {
    // Staff screens are loaded when first opened, so they add nothing to a participant's first load.
    const workplaces = () => import("./workplaces.js");
    const visits = () => import("./visits.js");
    if (first === "werkplekken") return workplaces().then((m) => m.workplacesScreen(me));
    if (first === "werkplek" && third === "bezoeken")
      return workplaces().then((m) => m.workplaceVisitsScreen(me, second));
    if (first === "werkplek" && third === "voorbereiden") return workplaces().then((m) => m.prepareScreen(me, second));
    if (first === "werkplek" && third === "kaarten") return workplaces().then((m) => m.wordcardsScreen(me, second));
    if (first === "bezoek" && second === "nieuw") return visits().then((m) => m.newVisitScreen(me, third));
    if (first === "bezoek") return visits().then((m) => m.visitScreen(me, second));
    if (first === "suggesties") return visits().then((m) => m.suggestionsScreen(me));
    if (first === "deelnemers") return import("./participant-admin.js").then((m) => m.participantsScreen(me, second));
    if (first === "groep-starten") return import("./bulk-start.js").then((m) => m.bulkStartScreen(me));
    if (first === "inlogkaarten") return import("./login-cards.js").then((m) => m.loginCardsScreen());
    if (first === "deelnemer" && third === "verwijderen")
      return import("./erase.js").then((m) => m.eraseScreen(me, second));
    if (first === "logboek" && me.role === "coordinator") return import("./audit.js").then((m) => m.auditScreen(me));
    if (first === "medewerkers" && me.role === "coordinator")
      return import("./staff-admin.js").then((m) => m.staffScreen(me, second));
    if (first === "organisatie") return import("./organisation.js").then((m) => m.organisationScreen(me));
    if (first === "groepen") return import("./groups.js").then((m) => m.groupsScreen(me));
    if (first === "groep" && third === "niveaus")
      return import("./level-grid.js").then((m) => m.levelGridScreen(me, second));
    if (first === "groep") return import("./groups.js").then((m) => m.groupScreen(me, second));
    if (first === "niveaus") return import("./levels.js").then((m) => m.levelsScreen(me, second));
    if (first === "jobcoaches" && me.role === "coordinator")
      return import("./caseloads.js").then((m) => m.caseloadsScreen(me, second));
    // Progress (issue 16): the caseload, one participant, reports and the employer summary.
    if (first === "voortgang" && second) return import("./progress.js").then((m) => m.progressScreen(me, second));
    if (first === "voortgang") return import("./progress-list.js").then((m) => m.caseloadScreen(me));
    if (first === "rapport") return import("./report.js").then((m) => m.reportScreen(me));
    if (first === "werkgever") return import("./employer-summary.js").then((m) => m.employerSummaryScreen(me, second));
    if (first === "plaatsing") return import("./workplaces-admin.js").then((m) => m.placementsScreen(me, second));
    if (first === "werkplek" && (second === "nieuw" || third === "wijzigen") && me.role === "coordinator")
      return import("./workplaces-admin.js").then((m) => m.workplaceFormScreen(me, second === "nieuw" ? null : second));
  }
  return homeScreen(me, logout);
}

function showWho() {
  const participant = me.role === "participant";
  document.getElementById("who").textContent = participant ? "" : me.name;
  document.body.classList.toggle("participant", participant);
  document.getElementById("sync").hidden = !participant;
}

async function render() {
  // A one-time link to choose a password (#wachtwoord/<token>) opens its page with or without a login.
  const [page, linkToken] = currentParts();
  if (page === "wachtwoord")
    return import("./setup-link.js").then((m) => m.setupLinkScreen(linkToken, { onDone: render }));
  if (!token.get()) return toLogin();
  if (!me) {
    try {
      setMe(await api("/me", { timeout: 10_000 }));
    } catch (err) {
      if (err.status === 401) return loginAgain();
      const kept = isOffline(err) ? cachedMe() : null;
      if (!kept) {
        return show(
          errorLine(err.message),
          h("button", { class: "primary big", type: "button", onclick: render }, "Opnieuw proberen"),
        );
      }
      me = kept;
    }
    showWho();
    if (me.role === "participant") {
      setUser(me.id);
      flush();
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
    } else if (VISITORS.includes(me.role)) {
      // Visits recorded without a connection wait on the phone: send them, and keep the lists for search offline.
      import("./visit-outbox.js").then((outbox) => outbox.start(me.id)).catch(() => {});
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
    }
  }
  const parts = currentParts();
  const practising = parts[0] === "oefenen";
  if (syncStatus.loginNeeded && !practising) return loginAgain();
  document.body.classList.toggle("practising", practising);
  if (practising) hideTabbar();
  else showTabbar(parts, me.role);
  window.scrollTo(0, 0);
  return screenFor(parts);
}

async function logout() {
  try {
    await api("/auth/token", { method: "DELETE", timeout: 8000 });
  } catch {
    // Logged out locally even when the server cannot be reached.
  }
  token.clear();
  localStorage.removeItem(ME_KEY);
  forgetSectorScreen();
  forgetSectors();
  history.replaceState(null, "", "/");
  toLogin();
}

// The calm indicator in the top bar: answers on the phone, or all sent.
function syncIndicator() {
  const box = document.getElementById("sync");
  onStatus((status) => {
    if (status.loginNeeded && me && currentParts()[0] !== "oefenen") loginAgain();
    box.classList.toggle("unknown", !status.known);
    if (!status.known) {
      // Not counted yet: say nothing rather than something untrue.
      box.replaceChildren();
      return;
    }
    const waiting = status.waiting > 0;
    box.classList.toggle("waiting", waiting);
    box.replaceChildren(
      h("span", { class: "sync-icon", "aria-hidden": "true" }, waiting ? "📱" : "✓"),
      h("span", { class: "sync-text" }, waiting ? "Opgeslagen op je telefoon" : "Alles verstuurd"),
    );
    box.title = waiting ? `${status.waiting} antwoorden wachten op internet` : "";
  });
}

function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
    // Without it the app still works online.
  });
}

async function start() {
  applyTextSize();
  syncIndicator();
  registerServiceWorker();
  const match = location.hash.match(/code=([A-Za-z0-9-]+)/);
  if (match) {
    // Never keep the code in the address bar or history.
    history.replaceState(null, "", "/");
    try {
      await loginWithCode(match[1]);
      localStorage.removeItem(ME_KEY);
    } catch (err) {
      // A wrong code logs out; no connection keeps the login this phone has.
      if (!isOffline(err)) token.clear();
    }
  }
  window.addEventListener("hashchange", render);
  await render();
}

start();
