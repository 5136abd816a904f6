// Meeting a new word before being tested on it: the picture, the word, its sound, its meaning in the support
// language and the example, on one screen; then the exercises. A presentation is no answer: nothing is stored or
// sent, and the card's schedule starts with the first exercise.

import { play, playButton } from "./audio.js";
import { h, hidden } from "./dom.js";
import { both, nl, support, supportText } from "./hints.js";

// `term` is one of the session's terms ({term_id, text, emoji, example, translation, language, audio_url,
// example_audio_url, safety}); `onNext` goes on to its first exercise, `onStop` ends the session for now.
export function meetScreen(term, { language, onNext, onStop }) {
  const next = h(
    "button",
    { type: "button", class: "primary big", id: "meet-next", onclick: onNext },
    h("span", { class: "both-nl", lang: "nl" }, nl("next"), hidden(" ➜")),
    support("next", language, "support both-support"),
  );
  const section = h(
    "section",
    { class: "meet", "data-term": String(term.term_id), "aria-labelledby": "meet-title" },
    h(
      "div",
      { class: "meet-header" },
      h("button", { type: "button", class: "icon-button", "aria-label": "Stoppen", onclick: onStop }, hidden("✕")),
      h("h1", { class: "meet-title", id: "meet-title" }, both("newWord", language)),
    ),
    h("p", { class: "meet-hint" }, both("meet", language)),
    h(
      "div",
      { class: "meet-card" },
      h(
        "div",
        { class: "meet-top" },
        term.emoji ? h("span", { class: "meet-emoji", "aria-hidden": "true" }, term.emoji) : null,
        bigPlay(term.audio_url, term.text),
      ),
      h("p", { class: "meet-word", lang: "nl", dir: "ltr" }, term.text),
      term.translation ? supportText(term.language, term.translation, "p", "meet-meaning") : null,
      term.safety ? h("p", { class: "meet-safety" }, hidden("⚠️ "), "Veiligheid") : null,
      term.example
        ? h(
            "div",
            { class: "meet-example" },
            playButton(term.example_audio_url, term.example, "Luister naar het voorbeeld"),
            h("p", { lang: "nl", dir: "ltr" }, term.example),
          )
        : null,
    ),
    next,
  );
  return { node: section, autoplay: () => play(term.audio_url, term.text) };
}

function bigPlay(url, text) {
  const button = playButton(url, text, `Luister: ${text}`);
  button.classList.add("play-meet");
  return button;
}
