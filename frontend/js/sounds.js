// Short, quiet feedback tones made on the phone itself (no files to download): a rising pair of notes for right,
// one soft low note for "not yet". Always together with a symbol and a colour on screen, never on their own.

let context = null;

function tone(ctx, frequency, start, length, volume) {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = "sine";
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, ctx.currentTime + start);
  gain.gain.exponentialRampToValueAtTime(volume, ctx.currentTime + start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + start + length);
  osc.connect(gain).connect(ctx.destination);
  osc.start(ctx.currentTime + start);
  osc.stop(ctx.currentTime + start + length + 0.05);
}

// "correct" | "slip" | "wrong"; resolves when the tone is over, so a word can be spoken after it.
export function feedbackTone(result) {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return Promise.resolve();
  try {
    context = context || new Context();
    if (context.state === "suspended") context.resume();
    if (result === "correct") {
      tone(context, 660, 0, 0.18, 0.12);
      tone(context, 880, 0.14, 0.3, 0.12);
    } else if (result === "slip") {
      tone(context, 660, 0, 0.25, 0.1);
    } else {
      tone(context, 330, 0, 0.35, 0.1);
    }
  } catch {
    return Promise.resolve();
  }
  return new Promise((resolve) => setTimeout(resolve, 450));
}
