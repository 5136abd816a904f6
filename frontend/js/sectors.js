// The sectors with their counts: the list is fetched once and kept for screens that need a sector's name.

import { api } from "./api.js";

export const SECTOR_ICONS = {
  algemeen: "💼",
  schoonmaak: "🧽",
  tuinbouw: "🌱",
  installatie: "🔧",
  logistiek: "📦",
  zorg: "🩺",
};

let cached = null;

export async function loadSectors() {
  if (!cached) cached = await api("/sectors");
  return cached;
}

export async function sectorName(slug) {
  try {
    const sector = (await loadSectors()).find((s) => s.slug === slug);
    return sector ? sector.name : slug;
  } catch {
    return slug;
  }
}

// After an edit or an import the counts change: fetch them again next time.
export function forgetSectors() {
  cached = null;
}
