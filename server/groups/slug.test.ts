import { describe, expect, it } from "vitest";
import { slugFromName } from "./slug";

describe("a group's slug", () => {
  it("drops accents and punctuation and joins words with hyphens", () => {
    expect(slugFromName("Casa del Migrante — Tijuana")).toBe("casa-del-migrante-tijuana");
    expect(slugFromName("Red de Salud Fronteriza Juárez")).toBe("red-de-salud-fronteriza-juarez");
    expect(slugFromName("  Niñas & Niños, A.C.  ")).toBe("ninas-ninos-a-c");
  });

  it("is empty for a name with no letters or digits, so creation can refuse it", () => {
    expect(slugFromName("¡¡¡!!!")).toBe("");
  });

  it("stays within 80 characters and never ends with a hyphen", () => {
    const slug = slugFromName(`${"palabra ".repeat(20)}`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("-")).toBe(false);
  });
});
