// The tab bar at the bottom, where the thumb is: an icon with a short Dutch word under it.

import { h } from "./dom.js";
import { link } from "./router.js";

const TABS = [
  { icon: "🏠", text: "Start", href: link(), matches: (parts) => parts.length === 0 },
  {
    icon: "📚",
    text: "Woorden",
    href: link("woorden"),
    matches: (parts) => ["woorden", "term", "voorstellen"].includes(parts[0]),
  },
];

// Coaches, teachers and coordinators also get their participants' progress (the caseload, a participant, reports).
const STAFF_TAB = {
  icon: "📈",
  text: "Voortgang",
  href: link("voortgang"),
  matches: (parts) => ["voortgang", "rapport", "werkgever"].includes(parts[0]),
};
const STAFF_ROLES = ["coach", "teacher", "coordinator"];

export function showTabbar(parts, role = null) {
  let bar = document.getElementById("tabbar");
  if (!bar) {
    bar = h("nav", { id: "tabbar", class: "tabbar", "aria-label": "Menu" });
    document.body.append(bar);
    document.body.classList.add("has-tabbar");
  }
  const tabs = STAFF_ROLES.includes(role) ? [...TABS, STAFF_TAB] : TABS;
  bar.replaceChildren(
    ...tabs.map((tab) =>
      h(
        "a",
        { href: tab.href, "aria-current": tab.matches(parts) ? "page" : null },
        h("span", { class: "tab-icon", "aria-hidden": "true" }, tab.icon),
        h("span", { class: "tab-text" }, tab.text),
      ),
    ),
  );
}

export function hideTabbar() {
  const bar = document.getElementById("tabbar");
  if (bar) bar.remove();
  document.body.classList.remove("has-tabbar");
}

// The on-screen keyboard shrinks the window's height (not its width): then the tab bar steps aside. Deciding by
// size, not by focus, keeps buttons from moving between a finger's touch and its release.
let width = window.innerWidth;
let tallest = window.innerHeight;
window.addEventListener("resize", () => {
  if (window.innerWidth !== width) {
    width = window.innerWidth;
    tallest = window.innerHeight;
  }
  tallest = Math.max(tallest, window.innerHeight);
  document.body.classList.toggle("keyboard-open", window.innerHeight < tallest * 0.75);
});
