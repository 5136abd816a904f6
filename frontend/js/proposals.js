// Proposed changes to shared terms: editors (the content team, for every organisation) accept or reject them and see
// which organisation proposed, not who; an organisation's teachers see its own open proposals, by name.

import { api } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { mayWrite } from "./rights.js";
import { link } from "./router.js";
import { forgetSectors, loadSectors } from "./sectors.js";
import { LANGUAGES, termTitle, translationText } from "./term-view.js";
import { forgetSectorScreen } from "./wordlists.js";

const FIELD_NAMES = {
  term: "Term",
  article: "Lidwoord",
  plural: "Meervoud",
  pos: "Soort woord",
  level: "Niveau",
  theme: "Thema",
  example: "Voorbeeldzin",
  emoji: "Emoji",
  safety: "Veiligheid",
};

function plain(value) {
  if (value === null || value === undefined || value === "") return "(leeg)";
  if (value === true) return "ja";
  if (value === false) return "nee";
  return String(value);
}

function change(label, before, after) {
  return [
    h("dt", {}, label),
    h("dd", {}, h("del", {}, before), hidden(" → "), h("span", { class: "sr-only" }, " wordt "), h("ins", {}, after)),
  ];
}

function changeList(proposal) {
  const term = proposal.term;
  const rows = [];
  for (const [name, value] of Object.entries(proposal.changes)) {
    if (name === "translations") {
      for (const code of Object.keys(LANGUAGES)) {
        const old = (term.translations[code] || {}).text || "";
        const now = (value[code] || {}).text || "";
        const oldChecked = Boolean((term.translations[code] || {}).checked);
        const nowChecked = Boolean((value[code] || {}).checked);
        if (old === now && oldChecked === nowChecked) continue;
        const suffix = oldChecked === nowChecked ? "" : nowChecked ? " ✔" : " (niet gecontroleerd)";
        rows.push(
          change(
            `Vertaling ${LANGUAGES[code].name}`,
            old ? translationText(code, { text: old }) : "(leeg)",
            now ? [translationText(code, { text: now }), suffix] : "(leeg)",
          ),
        );
      }
    } else {
      rows.push(change(FIELD_NAMES[name] || name, plain(term[name]), plain(value)));
    }
  }
  return h("dl", { class: "changes" }, rows);
}

async function decide(proposal, accept, card) {
  const buttons = card.querySelectorAll("button");
  for (const b of buttons) b.disabled = true;
  const status = card.querySelector(".decision");
  try {
    await api(`/proposals/${proposal.id}/decision`, { method: "POST", body: { accept } });
    if (accept) {
      forgetSectorScreen();
      forgetSectors();
    }
    status.replaceChildren(h("p", { class: "ok", role: "status" }, accept ? "✔ Overgenomen" : "✖ Afgewezen"));
  } catch (err) {
    for (const b of buttons) b.disabled = false;
    status.replaceChildren(errorLine(err.message));
  }
}

function proposalCard(me, proposal, sectorNames) {
  const term = proposal.term;
  const date = new Date(proposal.created_at).toLocaleDateString("nl-NL", { day: "numeric", month: "short" });
  const card = h(
    "li",
    { class: "card proposal" },
    h("h2", {}, h("a", { href: link("term", term.id), lang: "nl" }, termTitle(term))),
    h(
      "p",
      { class: "muted small-text" },
      [sectorNames[term.sector] || term.sector, proposal.organisation, proposal.proposed_by, date]
        .filter(Boolean)
        .join(" · "),
    ),
    changeList(proposal),
    proposal.note ? h("p", { class: "note" }, hidden("💬 "), proposal.note) : null,
    h("div", { class: "decision", "aria-live": "polite" }),
  );
  if (me.is_editor) {
    card
      .querySelector(".decision")
      .append(
        h(
          "div",
          { class: "button-row" },
          h("button", { type: "button", class: "primary", onclick: () => decide(proposal, true, card) }, "✔ Overnemen"),
          h(
            "button",
            { type: "button", class: "secondary", onclick: () => decide(proposal, false, card) },
            "✖ Afwijzen",
          ),
        ),
      );
  } else {
    card.querySelector(".decision").append(h("p", { class: "muted" }, "Wacht op een redacteur."));
  }
  return card;
}

export async function proposalsScreen(me) {
  const back = backLink(link("woorden"), "Woordenlijsten");
  if (!mayWrite(me)) {
    show(back, errorLine("Voorstellen zijn voor docenten en coördinatoren."));
    return;
  }
  const list = h("ul", { class: "proposals" }, h("li", { class: "loading" }, "Laden…"));
  const more = h("button", { type: "button", class: "secondary big", hidden: true }, "Meer laden");
  let next = 1;
  const sectorNames = {};
  try {
    for (const sector of await loadSectors()) sectorNames[sector.slug] = sector.name;
  } catch {
    // The slugs will do.
  }
  async function load() {
    more.disabled = true;
    try {
      const { data, pagination } = await api(`/proposals?page=${next}&page_size=50`, { paginated: true });
      if (next === 1) list.replaceChildren();
      if (!data.length && next === 1) list.append(h("li", { class: "muted" }, "Er zijn geen open voorstellen."));
      list.append(...data.map((p) => proposalCard(me, p, sectorNames)));
      next = pagination ? pagination.next_page : null;
      more.hidden = !next;
    } catch (err) {
      list.replaceChildren(h("li", {}, errorLine(err.message)));
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener("click", load);
  show(
    back,
    h("h1", {}, hidden("📝 "), "Voorstellen"),
    h(
      "p",
      { class: "muted" },
      me.is_editor
        ? "Wijzigingen die docenten van alle organisaties voorstellen voor de gedeelde lijsten."
        : "De open voorstellen van je organisatie. Een redacteur beslist.",
    ),
    list,
    more,
  );
  await load();
}
