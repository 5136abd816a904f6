// The first time an exercise type comes up, a short worked example shows what to do: a small animated exercise
// (the sound, the tap, the check mark), so no instruction has to be read. Shown once per type (remembered on the
// phone), and again from the exercise's help button.

import { speakWithPhone } from "./audio.js";
import { h, hidden, show } from "./dom.js";
import { hint, hintText } from "./hints.js";

const SEEN_KEY = "vaktaal.demos";

function seen() {
  try {
    return JSON.parse(localStorage.getItem(SEEN_KEY) || "[]");
  } catch {
    return [];
  }
}

// Which worked example an exercise needs: reading by sound looks different from reading by picture or meaning.
export function demoType(exercise) {
  return exercise.type === "reading" && exercise.options_kind === "sound" ? "reading-sound" : exercise.type;
}

export function demoSeen(type) {
  return seen().includes(type);
}

function markSeen(type) {
  const types = new Set(seen());
  types.add(type);
  localStorage.setItem(SEEN_KEY, JSON.stringify([...types]));
}

// A sample tile; the right one lights up in step 2 (with a finger) and gets its check mark in step 3.
function tile(content, right = false, cls = "demo-tile") {
  return h(
    "span",
    { class: right ? `${cls} demo-right` : cls },
    content,
    right ? h("span", { class: "demo-finger" }, "👆") : null,
    right ? h("span", { class: "demo-check" }, "✓") : null,
  );
}

function pictures() {
  return h("span", { class: "demo-grid" }, tile("🧹"), tile("🪣", true), tile("🧤"), tile("🧽"));
}

function speaker() {
  return h("span", { class: "demo-speaker demo-pulse" }, "🔊");
}

function sounds() {
  return h("span", { class: "demo-grid" }, tile("🔊 1"), tile("🔊 2", true), tile("🔊 3"), tile("🔊 4"));
}

const STAGES = {
  listening: () => [speaker(), pictures()],
  reading: () => [h("span", { class: "demo-word", lang: "nl" }, "de emmer"), pictures()],
  // A word with neither picture nor meaning yet: read it, hear the four sounds, pick the one that says it.
  "reading-sound": () => [h("span", { class: "demo-word", lang: "nl" }, "de emmer"), sounds()],
  writing: () => [
    h("span", { class: "demo-row" }, speaker(), h("span", { class: "demo-emoji" }, "🪣")),
    h(
      "span",
      { class: "demo-input" },
      h("span", { class: "demo-typed", lang: "nl" }, "de emmer"),
      h("span", { class: "demo-check" }, "✓"),
    ),
  ],
  speaking: () => [
    h("span", { class: "demo-emoji" }, "🧤"),
    h("span", { class: "demo-mic demo-pulse" }, "🎙️"),
    h(
      "span",
      { class: "demo-row demo-step2" },
      h("span", { class: "demo-chip" }, "🔊"),
      h("span", { class: "demo-chip" }, "▶️"),
    ),
    h(
      "span",
      { class: "demo-judges" },
      tile("✓", true, "demo-judge good"),
      tile("≈", false, "demo-judge close"),
      tile("✗", false, "demo-judge bad"),
    ),
  ],
  conversation: () => [
    h("span", { class: "demo-bubble" }, "💬 … ?"),
    h(
      "span",
      { class: "demo-phrases" },
      tile("▬▬▬ ▬▬", false, "demo-phrase"),
      tile("▬▬ ▬▬▬▬ ▬", true, "demo-phrase"),
      tile("▬▬▬▬ ▬▬", false, "demo-phrase"),
    ),
    h("span", { class: "demo-mic demo-step3" }, "🎙️"),
  ],
};

// Show the example of `type`, then call `onDone` (the participant taps "Begin").
export function showDemo(type, language, onDone, { remember = true } = {}) {
  if (remember) markSeen(type);
  const stage = h("div", { class: `demo demo-${type}`, "aria-hidden": "true" }, STAGES[type]());
  const replay = () => {
    // Restart the animation: take the stage out of the page and put it back.
    const parent = stage.parentNode;
    const next = stage.nextSibling;
    stage.remove();
    void stage.offsetWidth;
    parent.insertBefore(stage, next);
    speakWithPhone(hintText(type));
  };
  show(
    h(
      "section",
      { class: "exercise demo-screen", "data-demo": type },
      h("h1", { class: "sr-only" }, "Zo werkt het"),
      h("div", { class: "demo-top" }, hint(type, language)),
      stage,
      h(
        "div",
        { class: "ex-actions two" },
        h("button", { type: "button", class: "secondary", onclick: replay }, hidden("🔁 "), "Nog eens"),
        h("button", { type: "button", class: "primary", id: "demo-start", onclick: onDone }, "Begin ", hidden("➜")),
      ),
    ),
  );
  speakWithPhone(hintText(type));
}
