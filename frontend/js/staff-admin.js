// The coordinator's "Medewerkers": the organisation's staff with search, adding a teacher, coach or coordinator (the
// answer shows their one-time setup link with a copy button and a QR code to hand over), editing, switching an
// account off and on (with a confirmation), and a new link for a forgotten password. Loaded when opened.

import { api } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { fieldForm as sharedFieldForm } from "./field-form.js";
import { link } from "./router.js";

export function adminStyles() {
  if (document.querySelector("link[data-admin-css]")) return;
  document.head.append(h("link", { rel: "stylesheet", href: "/static/css/staff-admin.css", "data-admin-css": "" }));
}

export const ROLE_NAMES = { teacher: "Docent", coach: "Jobcoach", coordinator: "Coördinator" };

let counter = 0;

// The shared form with its field errors (field-form.js), styled as the administration screens' forms.
export function fieldForm(className, onSubmit) {
  return sharedFieldForm(`admin-form ${className}`, onSubmit);
}

// The one-time link as it is handed over: the address to copy, a QR code to scan, until when it works.
export function linkCard(result, name) {
  const input = h("input", { id: `link-${++counter}`, readonly: true, value: result.url, class: "link-url" });
  const copied = h("p", { class: "muted", role: "status" });
  const copy = h("button", { type: "button", class: "secondary" }, hidden("📋 "), "Kopieer link");
  copy.addEventListener("click", async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(result.url);
      copied.textContent = "Gekopieerd.";
    } catch {
      copied.textContent = "Selecteer de link en kopieer hem zelf.";
    }
  });
  const until = new Date(result.expires_at).toLocaleDateString("nl-NL", { day: "numeric", month: "long" });
  const what = result.purpose === "reset" ? "een nieuw wachtwoord kiezen" : "een wachtwoord kiezen";
  return h(
    "section",
    { class: "card link-card", "aria-labelledby": `link-title-${counter}` },
    h("h2", { id: `link-title-${counter}` }, `Link voor ${name}`),
    h("p", {}, `Met deze link kan ${name} ${what}. De link werkt één keer, tot ${until}.`),
    h("p", { class: "muted" }, "Geef de link zelf door: laat de QR-code scannen, of kopieer de link."),
    h("img", { class: "link-qr", src: result.qr_url, alt: `QR-code met de link voor ${name}`, width: 220 }),
    h("label", { for: input.id }, "Link"),
    input,
    copy,
    copied,
  );
}

function statusText(member) {
  if (!member.active) return "Uitgezet";
  if (!member.password_set) return member.pending_link ? "Wacht op wachtwoord" : "Geen wachtwoord: maak een link";
  return "Actief";
}

function staffRow(member) {
  return h(
    "li",
    { class: `staff-row${member.active ? "" : " inactive"}` },
    h(
      "a",
      { href: link("medewerkers", member.id), class: "staff-link" },
      h("span", { class: "staff-name" }, member.name),
      h("span", { class: "muted" }, `${ROLE_NAMES[member.role] || member.role} · ${statusText(member)}`),
      h("span", { class: "muted staff-email" }, member.email || ""),
    ),
  );
}

function roleSelect(value) {
  return h(
    "select",
    {},
    Object.entries(ROLE_NAMES).map(([role, name]) => h("option", { value: role, selected: role === value }, name)),
  );
}

export async function staffScreen(me, id) {
  adminStyles();
  if (id === "nieuw") return newStaffScreen();
  if (id) return oneStaffScreen(me, Number(id));
  const list = h("ul", { class: "staff-list", "aria-live": "polite" });
  const count = h("p", { class: "muted", role: "status" });
  const more = h("button", { type: "button", class: "secondary wide", hidden: true }, "Meer laden");
  const search = h("input", { id: "staff-q", name: "q", type: "search", autocomplete: "off" });
  let next = 1;
  let timer = null;

  async function load(fresh) {
    if (fresh) {
      next = 1;
      list.replaceChildren();
    }
    const q = search.value.trim();
    try {
      const query = `?page=${next}&page_size=50${q ? `&q=${encodeURIComponent(q)}` : ""}`;
      const { data, pagination } = await api(`/staff${query}`, { paginated: true });
      list.append(...data.map(staffRow));
      const total = pagination ? pagination.total : data.length;
      count.textContent = total === 1 ? "1 medewerker" : `${total} medewerkers`;
      next = pagination && pagination.next_page ? pagination.next_page : null;
      more.hidden = !next;
    } catch (err) {
      list.replaceChildren(errorLine(err.message));
    }
  }

  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => load(true), 250);
  });
  more.addEventListener("click", () => load(false));
  show(
    backLink(link(), "Start"),
    h("h1", {}, "Medewerkers"),
    h("a", { class: "button primary wide", href: link("medewerkers", "nieuw") }, hidden("➕ "), "Medewerker toevoegen"),
    h("div", { class: "field" }, h("label", { for: search.id }, "Zoek op naam"), search),
    count,
    list,
    more,
  );
  await load(true);
}

function newStaffScreen() {
  const f = fieldForm("new-staff");
  const name = h("input", { autocomplete: "off", required: true, maxlength: 120 });
  const email = h("input", { type: "email", autocomplete: "off", required: true, maxlength: 320 });
  const role = roleSelect("teacher");
  const save = h("button", { type: "submit", class: "primary big wide" }, "Toevoegen en link maken");
  const result = h("div", { "aria-live": "polite" });
  f.form.append(
    f.field("name", "Naam", name),
    f.field("email", "E-mailadres", email, "Hiermee logt de medewerker in."),
    f.field("role", "Rol", role),
    f.line,
    save,
  );
  f.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    f.clear();
    save.disabled = true;
    try {
      const made = await api("/staff", {
        method: "POST",
        body: { name: name.value, email: email.value, role: role.value },
      });
      f.form.hidden = true;
      result.replaceChildren(
        h("p", { class: "notice", role: "status" }, `${made.staff.name} is toegevoegd.`),
        linkCard(made.link, made.staff.name),
        h("a", { class: "button secondary wide", href: link("medewerkers") }, "Naar de medewerkers"),
      );
    } catch (err) {
      f.showErrors(err);
    } finally {
      save.disabled = false;
    }
  });
  show(backLink(link("medewerkers"), "Medewerkers"), h("h1", {}, "Medewerker toevoegen"), f.form, result);
  name.focus();
}

async function oneStaffScreen(me, id) {
  let member;
  try {
    member = await api(`/staff/${id}`);
  } catch (err) {
    return show(backLink(link("medewerkers"), "Medewerkers"), errorLine(err.message));
  }
  const yourself = member.id === me.id;
  const f = fieldForm("edit-staff");
  const name = h("input", { value: member.name, maxlength: 120 });
  const email = h("input", { type: "email", value: member.email || "", maxlength: 320 });
  const role = roleSelect(member.role);
  role.disabled = yourself;
  const saved = h("p", { class: "notice", role: "status", hidden: true });
  const save = h("button", { type: "submit", class: "primary wide" }, "Opslaan");
  f.form.append(
    f.field("name", "Naam", name),
    f.field("email", "E-mailadres", email),
    f.field("role", "Rol", role, yourself ? "Je eigen rol verander je niet zelf." : null),
    f.line,
    saved,
    save,
  );
  f.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    f.clear();
    saved.hidden = true;
    const changes = {};
    if (name.value !== member.name) changes.name = name.value;
    if (email.value !== (member.email || "")) changes.email = email.value;
    if (!yourself && role.value !== member.role) changes.role = role.value;
    if (!Object.keys(changes).length) {
      saved.textContent = "Er was niets veranderd.";
      saved.hidden = false;
      return;
    }
    try {
      member = await api(`/staff/${id}`, { method: "PATCH", body: changes });
      saved.textContent = "Opgeslagen.";
      saved.hidden = false;
    } catch (err) {
      f.showErrors(err);
    }
  });

  const actions = h("section", { class: "card", "aria-labelledby": "staff-actions" });
  const actionLine = h("p", { class: "error", role: "alert", hidden: true });
  const linkBox = h("div", { "aria-live": "polite" });

  function drawActions() {
    const parts = [
      h("h2", { id: "staff-actions" }, "Account"),
      h("p", {}, `Status: ${statusText(member)}`),
      yourself ? h("p", { class: "muted" }, "Dit is je eigen account.") : null,
      yourself || !member.active ? null : resetButton(),
      yourself ? null : activeButton(),
      actionLine,
      linkBox,
    ];
    actions.replaceChildren(...parts.filter(Boolean));
  }

  function resetButton() {
    const label = member.password_set ? "Nieuw wachtwoord: maak een link" : "Nieuwe link voor het wachtwoord";
    const button = h("button", { type: "button", class: "secondary wide" }, hidden("🔑 "), label);
    button.addEventListener("click", async () => {
      const sure = member.password_set
        ? `${member.name} wordt op alle apparaten uitgelogd. Eerdere links werken niet meer. Doorgaan?`
        : "Eerdere links werken dan niet meer. Doorgaan?";
      if (!window.confirm(sure)) return;
      actionLine.hidden = true;
      try {
        const made = await api(`/staff/${id}/reset-link`, { method: "POST" });
        member = await api(`/staff/${id}`);
        drawActions();
        linkBox.replaceChildren(linkCard(made, member.name));
      } catch (err) {
        actionLine.textContent = err.message;
        actionLine.hidden = false;
      }
    });
    return button;
  }

  function activeButton() {
    const off = member.active;
    const button = h(
      "button",
      { type: "button", class: off ? "danger wide" : "secondary wide" },
      off ? "Account uitzetten" : "Account weer aanzetten",
    );
    button.addEventListener("click", async () => {
      const sure = off
        ? `${member.name} wordt meteen uitgelogd en kan niet meer inloggen. Uitzetten?`
        : `${member.name} kan weer inloggen. Aanzetten?`;
      if (!window.confirm(sure)) return;
      actionLine.hidden = true;
      try {
        member = await api(`/staff/${id}`, { method: "PATCH", body: { active: !off } });
        linkBox.replaceChildren();
        drawActions();
      } catch (err) {
        actionLine.textContent = err.message;
        actionLine.hidden = false;
      }
    });
    return button;
  }

  drawActions();
  show(backLink(link("medewerkers"), "Medewerkers"), h("h1", {}, member.name), f.form, actions);
}
