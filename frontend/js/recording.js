// Adding a recording of a term or its example: on a phone the file picker offers the microphone.

import { ApiError, api } from "./api.js";
import { h, hidden } from "./dom.js";
import { setNotice } from "./router.js";

function picker(term, kind, label, status, onDone) {
  const id = `rec-${kind}`;
  const input = h("input", {
    id,
    type: "file",
    accept: "audio/*",
    capture: "user",
    class: "file-input",
    onchange: async () => {
      const file = input.files && input.files[0];
      if (!file) return;
      const form = new FormData();
      form.append("kind", kind);
      form.append("file", file);
      status.hidden = false;
      status.className = "muted";
      status.textContent = "Bezig met opslaan…";
      try {
        await api(`/terms/${term.id}/audio`, { method: "POST", form });
        setNotice("Opname opgeslagen. Jouw organisatie hoort nu deze opname.");
        onDone();
      } catch (err) {
        status.className = "error";
        status.textContent = err instanceof ApiError ? err.message : String(err);
      } finally {
        input.value = "";
      }
    },
  });
  return h("label", { class: "button secondary file-label", for: id }, hidden("🎙️ "), label, input);
}

// A card with two upload buttons (the term, the example) and a status line.
export function recordingCard(term, onDone) {
  const status = h("p", { role: "status", hidden: true });
  return h(
    "section",
    { class: "card" },
    h("h2", {}, "Opname"),
    h("p", { class: "muted" }, "Neem op hoe een collega het zegt: dat is het beste geluid."),
    status,
    h(
      "div",
      { class: "recording-buttons" },
      picker(term, "term", "Woord opnemen", status, onDone),
      picker(term, "example", "Voorbeeld opnemen", status, onDone),
    ),
  );
}
