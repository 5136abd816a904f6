// Hearing a term: the server's MP3 (a recording or text-to-speech), or the phone's own Dutch voice when the
// server has none. One <audio> element for the whole app, so only one word sounds at a time.

import { h, hidden } from "./dom.js";
import { pickDutchVoice } from "./voice.js";

function player() {
  let audio = document.getElementById("player");
  if (!audio) {
    audio = h("audio", { id: "player", preload: "auto" });
    document.body.append(audio);
  }
  return audio;
}

export function speakWithPhone(text) {
  if (!("speechSynthesis" in window)) return false;
  const utterance = new SpeechSynthesisUtterance(text);
  const voice = pickDutchVoice(window.speechSynthesis.getVoices());
  utterance.lang = voice ? voice.lang : "nl-NL";
  if (voice) utterance.voice = voice;
  utterance.rate = 0.9;
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(utterance);
  return true;
}

export async function play(url, text) {
  const audio = player();
  if (!url) return speakWithPhone(text);
  if (audio.getAttribute("src") !== url) audio.src = url;
  audio.currentTime = 0;
  try {
    await audio.play();
    return true;
  } catch {
    return speakWithPhone(text);
  }
}

// Play and resolve when the sound is over (or could not play): for a word after a feedback tone, and the like.
export function playThrough(url, text) {
  return new Promise((resolve) => {
    const audio = player();
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      audio.removeEventListener("ended", finish);
      audio.removeEventListener("pause", finish);
      audio.removeEventListener("error", finish);
      resolve();
    };
    if (!url) {
      if (!speakWithPhone(text)) return finish();
      const check = setInterval(() => {
        if (!window.speechSynthesis.speaking) {
          clearInterval(check);
          finish();
        }
      }, 200);
      setTimeout(() => {
        clearInterval(check);
        finish();
      }, 8000);
      return;
    }
    play(url, text).then((playing) => {
      if (!playing || audio.paused) return finish();
      audio.addEventListener("ended", finish);
      audio.addEventListener("pause", finish);
      audio.addEventListener("error", finish);
      setTimeout(finish, 15000);
    });
  });
}

export function stopSound() {
  const audio = document.getElementById("player");
  if (audio) audio.pause();
  if ("speechSynthesis" in window) window.speechSynthesis.cancel();
}

// A round speaker button that plays `url` (falling back to the phone's voice saying `text`).
export function playButton(url, text, label = `Luister: ${text}`) {
  return h(
    "button",
    {
      type: "button",
      class: "play",
      "aria-label": label,
      onclick: (event) => {
        event.preventDefault();
        event.stopPropagation();
        play(url, text);
      },
    },
    hidden("🔊"),
  );
}
