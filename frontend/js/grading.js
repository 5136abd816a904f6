// Grading a typed answer on the phone, offline: the same rules as grade_typed in vaktaal/exercises.py (its
// docstring is the specification; tests/browser/test_grading.py runs the Python test cases against this port).

import { termTitle } from "./term-view.js";

const ARTICLES = ["de", "het", "een"];
// Dropped before comparing (phone keyboards add the curly quotes themselves).
const TYPED_PUNCTUATION = new Set(Array.from(".,!?;:'\"’‘“”„"));

// Lower case, the punctuation above dropped, single spaces: "  De  Dweil! " -> "de dweil".
export function normalise(text) {
  const lowered = String(text || "")
    .normalize("NFC")
    .toLowerCase();
  const kept = Array.from(lowered)
    .filter((ch) => !TYPED_PUNCTUATION.has(ch))
    .join("");
  return kept.split(/\s+/u).filter(Boolean).join(" ");
}

// Edits from a to b (optimal string alignment): insert, delete, replace, or swap two neighbours. Counted in
// characters (code points), as Python counts them.
export function distance(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  const rows = [Array.from({ length: y.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= x.length; i += 1) {
    const row = [i, ...new Array(y.length).fill(0)];
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row[j] = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1);
      }
    }
    rows.push(row);
  }
  return rows[x.length][y.length];
}

function allowedSlips(expected) {
  return Array.from(expected).length <= 6 ? 1 : 2;
}

// Drop a leading and a trailing article, keeping at least one word ("het dweilen" -> "dweilen").
function withoutArticles(text) {
  let tokens = text.split(" ");
  if (tokens.length > 1 && ARTICLES.includes(tokens[0])) tokens = tokens.slice(1);
  if (tokens.length > 1 && ARTICLES.includes(tokens[tokens.length - 1])) tokens = tokens.slice(0, -1);
  return tokens.join(" ");
}

// Grade what was typed for a term {term, article, pos}: returns [result, slip] with result "correct", "slip" or
// "wrong" and slip "article", "spelling" or null.
export function gradeTyped(term, typed) {
  const answer = normalise(typed);
  if (!answer) return ["wrong", null];
  let expected;
  let word;
  if (term.pos === "noun" && term.article) {
    expected = normalise(term.term);
    const tokens = answer.split(" ");
    const article = tokens.length > 1 && ARTICLES.includes(tokens[0]) ? tokens[0] : null;
    word = article ? tokens.slice(1).join(" ") : answer;
    if (word === expected) return article === term.article.toLowerCase() ? ["correct", null] : ["slip", "article"];
  } else {
    expected = withoutArticles(normalise(term.term));
    word = withoutArticles(answer);
    if (word === expected) return ["correct", null];
  }
  if (distance(word, expected) <= allowedSlips(expected)) return ["slip", "spelling"];
  return ["wrong", null];
}

// The term a writing exercise expects, from its answer {text, article, term}: a noun is shown with its article.
export function expectedTerm(answer) {
  const noun = Boolean(answer.article) && answer.text === termTitle(answer);
  return { term: answer.term, article: answer.article, pos: noun ? "noun" : "other" };
}
