// Choosing the phone's own Dutch voice, for when the server has no audio for a term.

function score(voice) {
  const lang = (voice.lang || "").replace("_", "-").toLowerCase();
  if (!lang.startsWith("nl")) return -1;
  let points = lang === "nl-nl" ? 4 : lang === "nl-be" ? 2 : 1;
  // A voice on the phone itself works offline and answers at once.
  if (voice.localService) points += 8;
  return points;
}

// The best Dutch voice of a list (nl-NL before nl-BE, local voices first), or null when there is none.
export function pickDutchVoice(voices) {
  let best = null;
  let bestScore = -1;
  for (const voice of voices || []) {
    const points = score(voice);
    if (points > bestScore) {
      best = voice;
      bestScore = points;
    }
  }
  return bestScore >= 0 ? best : null;
}
