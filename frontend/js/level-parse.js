// Levels as staff type and read them: the five skills, the levels A0-B2 in half steps, the sources of an
// assessment, and parseLevel, which mirrors vaktaal.levels.parse_level (the server parses again and has the last
// word). Shared by the group grid and the levels page; loaded with them, never on the first load.

export const SKILLS = ["reading", "listening", "speaking", "conversation", "writing"];

export const SKILL_NAMES = {
  reading: "lezen",
  listening: "luisteren",
  speaking: "spreken",
  conversation: "gesprekken voeren",
  writing: "schrijven",
};

export const LEVELS = ["A0", "A1", "A1/A2", "A2", "A2/B1", "B1", "B1/B2", "B2"];

export const SOURCES = {
  test: "Toets",
  exam: "Examen",
  observation: "Observatie (docent)",
  intake: "Intake",
};

export const ROUTES = { b1: "B1-route", onderwijs: "Onderwijsroute", z: "Z-route" };

const CHOICES = LEVELS.join(", ");
const WHOLE = /a0|a1|a2|b1|b2/g;
const FILLER = /\b(?:halverwege|tussen|en|and|half|niveau)\b|[/\-–—+, ]/g;

// "a2" -> {level: "A2"}; "halverwege A1 en A2" -> {level: "A1/A2"}; "C1" -> {error: "Onbekend niveau 'C1': ..."}.
export function parseLevel(text) {
  const raw = String(text || "");
  const cleaned = raw.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  const found = cleaned.match(WHOLE) || [];
  const rest = cleaned.replace(WHOLE, " ").replace(FILLER, " ");
  if (!found.length || rest.trim() || found.length > 2)
    return { error: `Onbekend niveau '${raw.trim()}': kies uit ${CHOICES}.` };
  const [low, high] = found.map((value) => value.toUpperCase());
  if (!high) return { level: low };
  const halfway = `${low}/${high}`;
  if (LEVELS.indexOf(high) - LEVELS.indexOf(low) !== 2 || !LEVELS.includes(halfway))
    return { error: `'${raw.trim()}' is geen halve stap: schrijf bijvoorbeeld A1/A2 (halverwege A1 en A2).` };
  return { level: halfway };
}

// "tussen A1 en A2" for "A1/A2", as vaktaal.levels.Level.dutch says it.
export function levelDutch(level) {
  if (!level) return "";
  const [low, high] = level.split("/");
  return high ? `tussen ${low} en ${high}` : low;
}

export function todayIso() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// "3 mrt 2026" for an ISO date: short, for tables and hints.
export function shortDay(iso) {
  if (!iso) return "";
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("nl-NL", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

// The route's default target per skill (vaktaal.levels.ROUTE_TARGETS), for the line before any change.
export const ROUTE_TARGETS = { b1: "B1", onderwijs: "B1", z: "A1" };
