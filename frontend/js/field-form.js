// A form whose fields show the API's field errors next to them, shared by the administration screens:
// field(name, label, input, hint) builds one field, showErrors(err) puts an ApiError's messages by its fields (or on
// the form's line), clear() hides them. With onSubmit, submitting clears the errors, disables the submit button
// while onSubmit runs and shows what it throws.

import { ApiError } from "./api.js";
import { h } from "./dom.js";

let counter = 0;

export function fieldForm(className, onSubmit) {
  const n = ++counter;
  const id = (name) => `ff${n}-${name}`;
  const errors = {};
  const inputs = {};
  const line = h("p", { class: "error", role: "alert", tabindex: "-1", hidden: true });
  const form = h("form", { class: `card ${className}`, novalidate: true });

  function field(name, label, input, hint) {
    input.id = input.id || id(name);
    input.name = input.name || name;
    inputs[name] = input;
    errors[name] = h("p", { class: "field-error", id: id(`${name}-error`), hidden: true });
    input.setAttribute("aria-describedby", [hint ? id(`${name}-hint`) : "", id(`${name}-error`)].join(" ").trim());
    return h(
      "div",
      { class: "field" },
      h("label", { for: input.id }, label),
      hint ? h("p", { class: "hint muted", id: id(`${name}-hint`) }, hint) : null,
      input,
      errors[name],
    );
  }

  function clear() {
    line.hidden = true;
    for (const [name, p] of Object.entries(errors)) {
      p.hidden = true;
      p.textContent = "";
      inputs[name].removeAttribute("aria-invalid");
    }
  }

  function showErrors(err) {
    clear();
    const json = err?.errors?.json;
    let placed = false;
    for (const [name, messages] of Object.entries(json && typeof json === "object" ? json : {})) {
      if (!errors[name]) continue;
      errors[name].textContent = Array.isArray(messages) ? messages.join(" ") : String(messages);
      errors[name].hidden = false;
      inputs[name].setAttribute("aria-invalid", "true");
      if (!placed) inputs[name].focus();
      placed = true;
    }
    if (!placed) {
      line.textContent = err instanceof ApiError ? err.message : err?.message || String(err);
      line.hidden = false;
      line.focus();
    }
  }

  if (onSubmit) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      clear();
      const button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      try {
        await onSubmit();
      } catch (err) {
        showErrors(err);
      } finally {
        if (button) button.disabled = false;
      }
    });
  }
  return { form, field, line, clear, showErrors, inputs };
}
