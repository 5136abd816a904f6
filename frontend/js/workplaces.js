// Staff: the organisation's workplaces, each with its visits, the preparation list and the word cards.

import { api, isOffline } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { link, takeNotice } from "./router.js";
import { keptWorkplaces } from "./term-cache.js";
import { termTitle } from "./term-view.js";

const SECTOR_EMOJI = {
  schoonmaak: "🧽",
  tuinbouw: "🌱",
  installatie: "🔧",
  logistiek: "📦",
  zorg: "🩺",
  algemeen: "💼",
};

function action(href, icon, text) {
  return h("a", { class: "button secondary action", href }, hidden(icon + " "), text);
}

export async function workplacesScreen(me) {
  show(h("p", { class: "loading" }, "Laden…"));
  let workplaces;
  let offline = false;
  try {
    workplaces = await api("/workplaces?page_size=100", { timeout: 10_000 });
  } catch (err) {
    // Without a connection, the copy kept for visits: a visit can be recorded anywhere.
    workplaces = isOffline(err) ? await keptWorkplaces(me.id) : null;
    if (!workplaces) return show(backLink(link(), "Start"), errorLine(err.message));
    offline = true;
  }
  const visitor = me.role === "teacher" || me.role === "coach";
  const coordinator = me.role === "coordinator" && !offline;
  const notice = takeNotice();
  return show(
    backLink(link(), "Start"),
    h("h1", {}, "Werkplekken"),
    notice ? h("p", { class: "notice", role: "status" }, notice) : null,
    coordinator
      ? h("a", { class: "button primary wide", href: link("werkplek", "nieuw") }, hidden("➕ "), "Werkplek toevoegen")
      : null,
    offline
      ? h("p", { class: "muted" }, hidden("📱 "), "Geen internet: de werkplekken die op je telefoon staan.")
      : null,
    workplaces.length ? null : h("p", { class: "muted" }, "Nog geen werkplekken."),
    h(
      "ul",
      { class: "plain workplace-list" },
      workplaces.map((w) =>
        h(
          "li",
          { class: "card workplace" },
          h("h2", {}, hidden((SECTOR_EMOJI[w.sector] || "🏭") + " "), w.employer),
          w.site ? h("p", { class: "muted" }, w.site) : null,
          w.contact_name ? h("p", { class: "muted" }, hidden("👤 "), `Contactpersoon: ${w.contact_name}`) : null,
          h(
            "div",
            { class: "actions" },
            visitor ? action(link("bezoek", "nieuw", w.id), "➕", "Bezoek vastleggen") : null,
            action(link("werkplek", w.id, "bezoeken"), "🗓️", "Bezoeken"),
            action(link("werkplek", w.id, "voorbereiden"), "📋", "Voorbereiden"),
            action(link("werkplek", w.id, "kaarten"), "🖨️", "Woordkaarten"),
            coordinator ? action(link("werkplek", w.id, "wijzigen"), "✏️", "Wijzigen") : null,
          ),
        ),
      ),
    ),
  );
}

export async function workplaceVisitsScreen(_me, workplaceId) {
  show(h("p", { class: "loading" }, "Laden…"));
  try {
    const [workplace, visits] = await Promise.all([
      api(`/workplaces/${workplaceId}`),
      api(`/workplaces/${workplaceId}/visits?page_size=50`),
    ]);
    return show(
      backLink(link("werkplekken"), "Werkplekken"),
      h("h1", {}, workplace.employer),
      h("p", { class: "muted" }, "Bezoeken, nieuwste eerst."),
      visits.length ? null : h("p", {}, "Nog geen bezoeken."),
      h(
        "ul",
        { class: "plain" },
        visits.map((v) =>
          h(
            "li",
            { class: "card" },
            h(
              "a",
              { class: "visit-link", href: link("bezoek", v.id) },
              h("strong", {}, v.date),
              " · ",
              v.recorded_by ? v.recorded_by.name : "",
            ),
            h(
              "p",
              { class: "muted" },
              `${v.observations.length} woorden · ${v.participants.map((p) => p.name).join(", ")}`,
            ),
          ),
        ),
      ),
    );
  } catch (err) {
    return show(backLink(link("werkplekken"), "Werkplekken"), errorLine(err.message));
  }
}

function termLinks(terms) {
  return h(
    "ul",
    { class: "plain term-links" },
    terms.map((t) => h("li", {}, h("a", { href: link("term", t.id) }, (t.emoji ? t.emoji + " " : "") + termTitle(t)))),
  );
}

function count(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

// The safety terms once for the whole workplace, each with who has not mastered it yet (not once per person).
function safetySection(rows) {
  const byTerm = new Map();
  for (const row of rows) {
    for (const term of row.safety_not_mastered) {
      if (!byTerm.has(term.id)) byTerm.set(term.id, { term, names: [] });
      byTerm.get(term.id).names.push(row.participant.name);
    }
  }
  const items = [...byTerm.values()].sort(
    (a, b) => b.names.length - a.names.length || termTitle(a.term).localeCompare(termTitle(b.term), "nl"),
  );
  const everyone = rows.length;
  return h(
    "details",
    { class: "card prepare prepare-safety" },
    h(
      "summary",
      {},
      h("span", { class: "prepare-name" }, hidden("⚠️ "), "Veiligheidswoorden"),
      h(
        "span",
        { class: "prepare-counts" },
        items.length ? count(items.length, "nog niet beheerst", "nog niet beheerst") : "alles beheerst",
      ),
    ),
    items.length
      ? h(
          "ul",
          { class: "plain term-links" },
          items.map(({ term, names }) =>
            h(
              "li",
              {},
              h("a", { href: link("term", term.id) }, (term.emoji ? term.emoji + " " : "") + termTitle(term)),
              h(
                "span",
                { class: "muted small-text who-lacks" },
                names.length === everyone && everyone > 1 ? ` · nog niemand (${everyone})` : ` · ${names.join(", ")}`,
              ),
            ),
          ),
        )
      : h("p", { class: "muted" }, "Iedereen beheerst alle veiligheidswoorden."),
  );
}

// One participant, closed: the name and how much there is; open: the words heard but not yet known and the ones
// that keep failing.
function personSection(row) {
  const heard = row.not_yet_known.length;
  const failing = row.keeps_failing.length;
  const counts = [
    heard ? count(heard, "gehoord", "gehoord") : null,
    failing ? count(failing, "blijft moeilijk", "blijven moeilijk") : null,
  ].filter(Boolean);
  return h(
    "details",
    { class: "card prepare" },
    h(
      "summary",
      {},
      h("span", { class: "prepare-name" }, row.participant.name),
      h("span", { class: "prepare-counts" }, counts.length ? counts.join(" · ") : "alles gekend"),
    ),
    heard ? [h("h3", {}, "Gehoord, nog niet gekend"), termLinks(row.not_yet_known)] : null,
    failing ? [h("h3", {}, "Blijft moeilijk"), termLinks(row.keeps_failing)] : null,
    heard || failing ? null : h("p", { class: "muted" }, "Alles wat hier gehoord is, kent deze deelnemer."),
  );
}

export async function prepareScreen(_me, workplaceId) {
  show(h("p", { class: "loading" }, "Laden…"));
  try {
    const [workplace, rows] = await Promise.all([
      api(`/workplaces/${workplaceId}`),
      api(`/workplaces/${workplaceId}/prepare`),
    ]);
    return show(
      backLink(link("werkplekken"), "Werkplekken"),
      h("h1", {}, `Voorbereiden: ${workplace.employer}`),
      h("p", { class: "muted" }, "Wat nog niet lukt. Tik op een naam om de woorden te zien."),
      rows.length ? null : h("p", {}, "Hier werken nu geen deelnemers van jou."),
      rows.map(personSection),
      rows.length ? safetySection(rows) : null,
    );
  } catch (err) {
    return show(backLink(link("werkplekken"), "Werkplekken"), errorLine(err.message));
  }
}

export async function wordcardsScreen(_me, workplaceId) {
  show(h("p", { class: "loading" }, "Laden…"));
  try {
    const [workplace, cards] = await Promise.all([
      api(`/workplaces/${workplaceId}`),
      api(`/workplaces/${workplaceId}/wordcards`),
    ]);
    return show(
      h("div", { class: "no-print" }, backLink(link("werkplekken"), "Werkplekken")),
      h("h1", {}, `Woordkaarten: ${workplace.employer}`),
      h(
        "p",
        { class: "no-print" },
        h("button", { type: "button", class: "primary", onclick: () => window.print() }, "🖨️ Afdrukken"),
      ),
      cards.length ? null : h("p", {}, "Nog geen woorden van deze werkplek. Leg eerst een bezoek vast."),
      h(
        "ul",
        { class: "wordcards" },
        cards.map((c) =>
          h(
            "li",
            { class: "wordcard" },
            c.photo_url
              ? h("img", { class: "wordcard-photo", src: c.photo_url, alt: "" })
              : h("span", { class: "wordcard-emoji", "aria-hidden": "true" }, c.term.emoji || ""),
            h("span", { class: "wordcard-term", lang: "nl" }, termTitle(c.term)),
            h("img", { class: "wordcard-qr", src: c.qr_url, alt: `QR-code: ${c.term.term} in de app` }),
          ),
        ),
      ),
    );
  } catch (err) {
    return show(backLink(link("werkplekken"), "Werkplekken"), errorLine(err.message));
  }
}
