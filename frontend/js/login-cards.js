// Login cards to print on A4 and cut out: per participant the name, the QR code of the login link, the code to
// type, and one line of instruction in Dutch and in their support language (right to left for Arabic and Farsi)
// beside a pictogram. The codes are shown once: the cards live only in this page's memory, never on the phone.

import { backLink, h, hidden, show } from "./dom.js";
import { link } from "./router.js";

let held = null;

function adminCss() {
  if (document.querySelector("link[data-people-css]")) return;
  document.head.append(
    h("link", { rel: "stylesheet", href: "/static/css/participant-admin.css", "data-people-css": "" }),
  );
}

// Show these cards on their own page (#inlogkaarten); "back" returns to where they were made.
export function openCards(cards, { back = link("deelnemers"), backText = "Deelnemers" } = {}) {
  held = { cards, back, backText };
  location.hash = link("inlogkaarten");
}

function loginCard(card) {
  const language = card.language || "nl";
  const translated = language !== "nl" && card.instruction && card.instruction !== card.instruction_nl;
  return h(
    "li",
    { class: "login-card" },
    h("p", { class: "login-card-name" }, card.participant.name),
    h(
      "div",
      { class: "login-card-body" },
      h("img", {
        class: "login-card-qr",
        src: card.qr_url,
        alt: `QR-code om in te loggen als ${card.participant.name}`,
        width: 150,
        height: 150,
      }),
      h(
        "div",
        { class: "login-card-how" },
        h("span", { class: "login-card-picto", "aria-hidden": "true" }, "📱"),
        h("p", { class: "login-card-nl", lang: "nl" }, card.instruction_nl),
        translated
          ? h("p", { class: "login-card-support", lang: language, dir: card.rtl ? "rtl" : "ltr" }, card.instruction)
          : null,
      ),
    ),
    h("p", { class: "login-card-code" }, h("span", { class: "sr-only" }, "Code: "), card.code),
    h("a", { class: "login-card-link", href: card.login_url }, card.login_url),
  );
}

export function loginCardsScreen() {
  adminCss();
  if (!held) {
    return show(
      backLink(link("deelnemers"), "Deelnemers"),
      h("h1", {}, "Inlogkaarten"),
      h(
        "p",
        {},
        "De kaarten zijn niet meer te zien: een code wordt maar één keer getoond. Maak een nieuwe kaart bij de deelnemer.",
      ),
    );
  }
  const { cards, back, backText } = held;
  const drafts = cards.some((c) => c.draft);
  show(
    h("div", { class: "no-print" }, backLink(back, backText)),
    h("h1", { class: "no-print" }, cards.length === 1 ? "Inlogkaart" : `${cards.length} inlogkaarten`),
    h(
      "div",
      { class: "no-print cards-intro" },
      h(
        "p",
        {},
        "Print de kaarten, knip ze uit en geef ze in de les. Elke kaart werkt tot er een nieuwe wordt gemaakt. ",
        "Bewaar geen kopie: wie de kaart heeft, kan inloggen.",
      ),
      drafts
        ? h("p", { class: "muted" }, "De vertaalde zin is een concept: nog niet door een vertaler nagekeken.")
        : null,
      h(
        "button",
        { type: "button", class: "primary big wide", onclick: () => window.print() },
        hidden("🖨️ "),
        "Printen",
      ),
    ),
    h("ul", { class: "login-cards", "aria-label": "Inlogkaarten" }, cards.map(loginCard)),
  );
}
