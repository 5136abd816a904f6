// The lists and the workplaces on a teacher's phone, for visits without a connection: a copy of every term the
// teacher may use (shared and own, only what search needs: GET /api/visits/terms) and of the workplaces with the
// people placed there. Fetched when online and older than REFRESH_AFTER, topped up with each new word sent.
// Search as you type runs on the copy, with the same rules as the server (vaktaal/search.py): case, accents,
// articles, ij/ei and au/ou, a plural, one or two typos.

import { api } from "./api.js";
import { getCopy, setCopy } from "./visit-db.js";

const REFRESH_AFTER = 6 * 60 * 60_000;
const termsKey = (user) => `${user}:terms`;
const workplacesKey = (user) => `${user}:workplaces`;

let loaded = { user: null, terms: null };

// The copy of the lists (an array, empty when the phone has none yet).
export async function localTerms(user) {
  if (loaded.user !== user || !loaded.terms) {
    const copy = await getCopy(termsKey(user)).catch(() => null);
    loaded = { user, terms: copy ? copy.value : [] };
  }
  return loaded.terms;
}

async function fetchTerms(user) {
  const { terms } = await api("/visits/terms", { timeout: 30_000 });
  await setCopy(termsKey(user), terms);
  loaded = { user, terms };
}

async function fetchWorkplaces(user) {
  const list = await api("/workplaces?page_size=100", { timeout: 20_000 });
  const details = await Promise.all(list.map((w) => api(`/workplaces/${w.id}`, { timeout: 20_000 })));
  await setCopy(workplacesKey(user), details);
}

// Fetch the copies when they are missing or old (never throws: without a connection the old copy stays).
export async function refreshCopies(user, { force = false } = {}) {
  const stale = async (key) => {
    const copy = await getCopy(key).catch(() => null);
    return force || !copy || Date.now() - copy.fetched_at > REFRESH_AFTER;
  };
  const work = [];
  if (await stale(termsKey(user))) work.push(fetchTerms(user));
  if (await stale(workplacesKey(user))) work.push(fetchWorkplaces(user));
  await Promise.allSettled(work);
}

// Whether both copies are on the phone (the visit form and search then work without a connection).
export async function hasCopies(user) {
  const [terms, workplaces] = await Promise.all([getCopy(termsKey(user)), getCopy(workplacesKey(user))]);
  return Boolean(terms && workplaces);
}

// A term the server just made or named (a new word sent from a visit): searchable offline at once.
export async function rememberTerm(user, term) {
  const terms = await localTerms(user);
  if (terms.some((t) => t.id === term.id)) return;
  const brief = {
    id: term.id,
    term: term.term,
    article: term.article,
    plural: term.plural,
    pos: term.pos,
    emoji: term.emoji,
    sector: term.sector,
    shared: term.shared,
  };
  loaded = { user, terms: [...terms, brief] };
  await setCopy(termsKey(user), loaded.terms).catch(() => {});
}

export async function keptWorkplaces(user) {
  const copy = await getCopy(workplacesKey(user)).catch(() => null);
  return copy ? copy.value : null;
}

// One workplace with the people placed there: from the server, kept for later; without a connection the copy.
export async function workplaceFor(user, id) {
  try {
    const workplace = await api(`/workplaces/${id}`, { timeout: 10_000 });
    const kept = (await keptWorkplaces(user)) || [];
    await setCopy(workplacesKey(user), [...kept.filter((w) => w.id !== workplace.id), workplace]).catch(() => {});
    return workplace;
  } catch (err) {
    const kept = (await keptWorkplaces(user)) || [];
    const found = kept.find((w) => String(w.id) === String(id));
    if (found && err.status !== 404 && err.status !== 401) return found;
    throw err;
  }
}

// Search (a port of vaktaal/search.py, so the phone finds what the server would).

const ARTICLES = ["de ", "het ", "een ", "'t "];

export function normalise(text) {
  let value = text.trim().toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  value = value.replace(/[^\p{L}\p{N} ]/gu, " ");
  value = value.split(/\s+/).filter(Boolean).join(" ");
  const article = ARTICLES.find((a) => value.startsWith(a));
  return article ? value.slice(article.length) : value;
}

function fold(text) {
  return text
    .replaceAll("ij", "ei")
    .replaceAll("au", "ou")
    .split(" ")
    .map((w) => (w.endsWith("dt") ? `${w.slice(0, -2)}t` : w))
    .join(" ");
}

// Damerau-Levenshtein (a swap of neighbours counts once), giving up above `limit`.
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2 = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        current[j] = Math.min(current[j], previous2[j - 2] + 1);
      }
    }
    if (Math.min(...current) > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length];
}

function allowed(query) {
  return query.length < 4 ? 0 : query.length < 7 ? 1 : 2;
}

function score(query, term) {
  let best = null;
  for (const [form, weight] of [
    [normalise(term.term), 1.0],
    [normalise(term.plural || ""), 0.95],
  ]) {
    if (!form) continue;
    let value;
    if (form === query) value = 100 * weight;
    else if (form.startsWith(query)) value = 80 * weight - (form.length - query.length) * 0.1;
    else if (form.includes(query)) value = 60 * weight - (form.length - query.length) * 0.1;
    else {
      const limit = allowed(query);
      const q = fold(query);
      const f = fold(form);
      const d = Math.min(distance(q, f, limit), distance(q, f.slice(0, q.length + limit), limit) + 0.5);
      if (d > limit) continue;
      value = (50 - 10 * d) * weight;
    }
    best = best === null ? value : Math.max(best, value);
  }
  return best;
}

// The best matches, best first (ties: the shorter term, then the id).
export function searchTerms(terms, text, limit = 20) {
  const query = normalise(text);
  if (!query) return [];
  const found = [];
  for (const term of terms) {
    const value = score(query, term);
    if (value !== null) found.push([-value, term.term.length, term.id, term]);
  }
  found.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  return found.slice(0, limit).map((row) => row[3]);
}

// The words of a text, lower case, punctuation removed (as vaktaal/dutch.py `words`).
function words(text) {
  return (text.normalize("NFC").match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) || []).map((w) => w.toLowerCase());
}

// The terms of the copy a new word would duplicate (as the server's check: the same words with the same article in
// the sector's lists or the basics for every job; an unknown article matches either), shared ones first.
export function sameTerms(terms, text, { article = null, pos = null, sector = null } = {}) {
  const folded = words(text).join(" ");
  if (!folded) return [];
  return terms
    .filter(
      (t) =>
        (t.sector === sector || t.sector === "algemeen") &&
        words(t.term).join(" ") === folded &&
        ((article === null && (pos === null || pos === "noun")) || t.article === article),
    )
    .sort((a, b) => Number(b.shared) - Number(a.shared) || a.id - b.id);
}
