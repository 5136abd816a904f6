// What waits in a teacher's visit outbox, on their home screen and when they log out (loaded only for staff).

import { h, hidden } from "./dom.js";
import { link, reopenIfHere } from "./router.js";
import { flush, onChange, recount, status, waitingCount, waitingText } from "./visit-outbox.js";

// A calm line on the home screen while visits, words or photos wait; gone when everything is sent.
export function waitingNotice() {
  const line = h("p", { class: "visit-waiting", role: "status", hidden: true });
  const stop = onChange((now) => {
    if (line.isConnected === false && line.dataset.shown) return stop();
    const text = waitingText(now);
    const failed = now.failed ? `${now.failed} niet verstuurd` : "";
    line.hidden = !(text || failed);
    if (line.hidden) return null;
    line.dataset.shown = "1";
    line.classList.add("waiting");
    line.replaceChildren(
      hidden(now.sending ? "📤 " : "📱 "),
      [text, failed].filter(Boolean).join(" · "),
      " ",
      h("a", { href: link("werkplekken") }, "Bekijken"),
    );
    return null;
  });
  return line;
}

// Logging out while visits wait: say what, offer to send first; they stay on the phone and go with the next login
// of this teacher. Returns the screen to show, or null when nothing waits.
export async function logoutNotice(logout) {
  await recount();
  const count = waitingCount(status) + status.failed;
  if (!count) return null;
  const line = h("p", { role: "status" });
  const sendNow = async () => {
    line.textContent = "Bezig met versturen…";
    const after = await flush();
    if (!waitingCount(after) && !after.failed) return logout();
    line.textContent = after.failed
      ? "Niet alles kon worden opgeslagen. Kijk bij Werkvloerbezoek wat er mis is."
      : "Versturen lukt nu niet. Zoek internet en probeer het nog eens.";
    return null;
  };
  const what = waitingText(status) || `${status.failed} niet verstuurd`;
  return h(
    "section",
    { class: "card warn" },
    h("div", { class: "big-icon", "aria-hidden": "true" }, "📱"),
    h("h1", {}, "Nog niet alles is verstuurd"),
    h("p", {}, `${what[0].toUpperCase()}${what.slice(1)}.`),
    h("p", {}, "Log je toch uit? Alles blijft op deze telefoon en gaat mee als je hier weer inlogt."),
    line,
    h("button", { type: "button", class: "primary big", onclick: sendNow }, hidden("📶 "), "Nu versturen"),
    h("button", { type: "button", class: "secondary big", onclick: logout }, "Toch uitloggen"),
    h("a", { class: "button secondary wide", href: link(), onclick: reopenIfHere }, "Terug"),
  );
}
