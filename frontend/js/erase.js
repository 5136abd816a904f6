// Erasing a participant (coordinators): what will go, the notes that name them (to edit first), the photos of
// their words (to remove first), and their name typed to confirm. Loaded when first opened.

import { ApiError, api } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { link, replaceWith, setNotice } from "./router.js";

function fold(text) {
  return text.normalize("NFKC").toLocaleLowerCase("nl").split(/\s+/).filter(Boolean).join(" ");
}

function countList(preview) {
  const items = preview.counts.map((c) => h("li", {}, h("strong", {}, String(c.count)), " ", c.label));
  return h(
    "section",
    { class: "card" },
    h("h2", {}, "Dit wordt verwijderd"),
    items.length ? h("ul", { class: "erase-counts" }, items) : h("p", {}, "Alleen het account."),
    h(
      "p",
      { class: "muted" },
      `Het logboek (${preview.audit_entries} regels) blijft, zonder naam: met een schuilnaam.`,
    ),
  );
}

function mentionList(preview) {
  if (!preview.mentions.length) return null;
  return h(
    "section",
    { class: "card warn" },
    h("h2", {}, "Notities met de naam"),
    h("p", {}, "Deze notities blijven bij het bezoek. Haal de naam eruit voordat je verwijdert."),
    h(
      "ul",
      { class: "plain erase-mentions" },
      preview.mentions.map((m) =>
        h(
          "li",
          {},
          h(
            "a",
            { href: link("bezoek", m.visit_id) },
            `${m.kind === "visit" ? "Bezoek" : "Woord bij bezoek"} ${m.visit_date}, ${m.employer}`,
          ),
          h("blockquote", {}, m.text),
        ),
      ),
    ),
  );
}

function photoList(preview) {
  if (!preview.photos.length) return null;
  const list = h("ul", { class: "plain erase-photos" });
  for (const photo of preview.photos) {
    const line = h("p", { class: "status", role: "status" });
    const remove = h("button", { type: "button", class: "secondary" }, hidden("🗑️ "), "Foto verwijderen");
    const item = h(
      "li",
      {},
      photo.photo_url
        ? h("img", { class: "observation-photo", src: photo.photo_url, alt: `Foto: ${photo.term}` })
        : null,
      h("div", {}, h("p", {}, `${photo.term} (${photo.visit_date})`), remove, line),
    );
    remove.addEventListener("click", async () => {
      remove.disabled = true;
      try {
        await api(`/observations/${photo.observation_id}/photo`, { method: "DELETE" });
        item.replaceChildren(h("p", { role: "status" }, `Foto van ${photo.term} verwijderd.`));
      } catch (err) {
        line.textContent = err instanceof ApiError ? err.message : String(err);
        remove.disabled = false;
      }
    });
    list.append(item);
  }
  return h(
    "section",
    { class: "card" },
    h("h2", {}, "Foto's van woorden voor deze deelnemer"),
    h("p", {}, "Foto's horen bij het bezoek en blijven. Staat de deelnemer erop? Verwijder de foto."),
    list,
  );
}

function confirmForm(participant) {
  const input = h("input", {
    id: "confirm-name",
    name: "confirm_name",
    type: "text",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": "confirm-name-error",
  });
  const error = h("p", { class: "field-error", id: "confirm-name-error", hidden: true });
  const button = h("button", { type: "submit", class: "danger big", disabled: true }, "Definitief verwijderen");
  input.addEventListener("input", () => {
    button.disabled = fold(input.value) !== fold(participant.name);
  });
  const submit = async (event) => {
    event.preventDefault();
    error.hidden = true;
    button.disabled = true;
    try {
      await api(`/participants/${participant.id}`, { method: "DELETE", body: { confirm_name: input.value } });
      setNotice(`${participant.name} is verwijderd.`);
      replaceWith();
    } catch (err) {
      error.textContent = err instanceof ApiError ? err.fieldMessage() || err.message : String(err);
      error.hidden = false;
      button.disabled = false;
    }
  };
  return h(
    "form",
    { class: "card warn", "aria-label": "Verwijderen bevestigen", onsubmit: submit },
    h("p", {}, "Dit kan niet ongedaan worden gemaakt. De deelnemer kan niet meer inloggen."),
    h(
      "div",
      { class: "field" },
      h("label", { for: "confirm-name" }, "Typ de naam om te bevestigen: ", h("strong", {}, participant.name)),
      input,
      error,
    ),
    button,
  );
}

export async function eraseScreen(me, participantId) {
  show(h("p", {}, "Bezig…"));
  if (me.role !== "coordinator") {
    return show(backLink(link(), "Terug"), errorLine("Alleen een coördinator kan een deelnemer verwijderen."));
  }
  let participant;
  let preview;
  try {
    [participant, preview] = await Promise.all([
      api(`/participants/${participantId}`),
      api(`/participants/${participantId}/erasure`),
    ]);
  } catch (err) {
    return show(backLink(link(), "Terug"), errorLine(err.message));
  }
  return show(
    backLink(link(), "Terug"),
    h("h1", {}, `${participant.name} verwijderen`),
    h("p", {}, "Alle gegevens van deze deelnemer gaan weg: antwoorden, woorden, codes, apparaten, profiel."),
    countList(preview),
    mentionList(preview),
    photoList(preview),
    confirmForm(participant),
  );
}
