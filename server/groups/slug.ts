// A group's slug: its name in lowercase ASCII words joined by hyphens ("Casa del Migrante — Tijuana"
// → "casa-del-migrante-tijuana"). Made once, at creation, so links to a group never break.
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}
