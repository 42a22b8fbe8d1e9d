import { describe, expect, it } from "vitest";
import en from "./messages/en.json";
import es from "./messages/es.json";

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function leaves(tree: object): string[] {
  return Object.values(tree).flatMap((value) =>
    typeof value === "object" && value !== null ? leaves(value) : [value],
  );
}

describe("message catalogs", () => {
  it("have exactly the same keys in Spanish and English", () => {
    const spanish = new Set(keys(es));
    const english = new Set(keys(en));
    expect([...english].filter((key) => !spanish.has(key))).toEqual([]);
    expect([...spanish].filter((key) => !english.has(key))).toEqual([]);
  });

  it("have no empty messages", () => {
    expect(leaves(es).filter((text) => !String(text).trim())).toEqual([]);
    expect(leaves(en).filter((text) => !String(text).trim())).toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    // Arguments ({name} or {count, plural, …}), not the bodies of plural branches ({full}, {# left}).
    const placeholders = (text: string) =>
      [
        ...new Set(
          [...text.matchAll(/(?<!(?:=\d+|zero|one|two|few|many|other)\s*)\{(\w+)(?=[,}])/g)].map((m) => m[1]),
        ),
      ].sort();
    const flat = (tree: object) =>
      new Map(
        keys(tree).map((k) => [
          k,
          k
            .split(".")
            .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string,
        ]),
      );
    const spanish = flat(es);
    for (const [key, text] of flat(en)) {
      expect(placeholders(spanish.get(key) ?? ""), key).toEqual(placeholders(text));
    }
  });
});
