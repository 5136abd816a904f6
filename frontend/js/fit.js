// Long Dutch compounds ("schrobzuigmachine") on a narrow phone with large text: a word that is wider than its box
// is shown smaller, whole, instead of broken at any letter. (`hyphens: auto` with lang="nl" hyphenates it where the
// browser can; where it cannot, this keeps the word in one piece.)

const FIT =
  ".ex-word, .option-text, .option-reveal, .fb-word, .say-word, .meet-word, .meet-example p, .sw-text, .term-title";
const SMALLEST = 16; // px: never smaller than this (a body text size)...
const SMALLEST_LABEL = 11; // ...but for the word shown under a sound once answered (a small label in a grid)
let canvas = null;

function contentWidth(element) {
  const style = getComputedStyle(element);
  return element.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
}

// Shrink every word-bearing element under `root` whose longest word does not fit its box.
export function fitWords(root, selector = FIT) {
  canvas = canvas || document.createElement("canvas");
  const context = canvas.getContext("2d");
  if (!context) return;
  for (const element of root.querySelectorAll(selector)) {
    element.style.fontSize = "";
    const style = getComputedStyle(element);
    // The room is the element's own width, but never more than its parent's: a flex item may be as wide as its
    // longest word and stick out.
    const own = style.display === "inline" ? Number.POSITIVE_INFINITY : contentWidth(element);
    const room = Math.min(
      own || Number.POSITIVE_INFINITY,
      element.parentElement ? contentWidth(element.parentElement) : own,
    );
    if (!(room > 0)) continue;
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const words = (element.textContent || "").split(/\s+/).filter(Boolean);
    const widest = Math.max(0, ...words.map((word) => context.measureText(word).width));
    if (widest <= room) continue;
    const size = Number.parseFloat(style.fontSize);
    const floor = Math.min(element.classList.contains("option-reveal") ? SMALLEST_LABEL : SMALLEST, size);
    element.style.fontSize = `${Math.max(floor, Math.floor(((size * room) / widest) * 0.98))}px`;
  }
}
