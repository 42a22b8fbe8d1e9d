import { afterEach, describe, expect, it } from "vitest";
import { emailTime, isTimeZone, readerTimeZone, serverTimeZone } from "./zone";

afterEach(() => {
  delete process.env.PUENTE_TIME_ZONE;
});

describe("the reader's time zone (issue 18)", () => {
  it("is the person's setting, else their browser's, else the server's", () => {
    const cookie = "America/Mexico_City";
    expect(readerTimeZone({ signedIn: true, setting: "America/Phoenix", cookie })).toBe("America/Phoenix");
    expect(readerTimeZone({ signedIn: true, setting: null, cookie })).toBe("America/Mexico_City");
    expect(readerTimeZone({ signedIn: true })).toBe("America/Tijuana");
    process.env.PUENTE_TIME_ZONE = "America/Chicago";
    expect(serverTimeZone()).toBe("America/Chicago");
    expect(readerTimeZone({ signedIn: true, cookie: "nonsense" })).toBe("America/Chicago");
  });

  it("is the server's for every signed-out reader, whatever their cookie: public pages read the same for all", () => {
    expect(readerTimeZone({ signedIn: false, cookie: "America/Mexico_City" })).toBe("America/Tijuana");
    expect(readerTimeZone({ signedIn: false, setting: "America/Phoenix" })).toBe("America/Tijuana");
  });

  it("ignores anything that is not an IANA zone name, from a cookie or the configuration", () => {
    for (const hostile of [
      "",
      "GMT-8",
      "+05:00",
      "../../etc/passwd",
      "<script>alert(1)</script>",
      "America/Tijuana\u0000",
      "america/tijuana",
      "US/Pacific; Path=/",
      "A".repeat(10_000),
      undefined,
      null,
      42,
    ]) {
      expect(isTimeZone(hostile), String(hostile).slice(0, 40)).toBe(false);
      expect(readerTimeZone({ signedIn: true, cookie: hostile as string })).toBe("America/Tijuana");
      expect(readerTimeZone({ signedIn: true, setting: hostile as string })).toBe("America/Tijuana");
    }
    process.env.PUENTE_TIME_ZONE = "Mars/Olympus_Mons";
    expect(serverTimeZone()).toBe("America/Tijuana");
    expect(isTimeZone("America/Tijuana")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
  });

  it("names the zone in an email in the reader's language, never as an offset", () => {
    const at = new Date("2026-12-05T20:28:00Z");
    expect(emailTime(at, "es-MX", "America/Tijuana")).toMatch(/12:28.*hora del Pacífico/);
    expect(emailTime(at, "es-MX", "America/Tijuana", "medium")).toMatch(/12:28.*hora del Pacífico/);
    expect(emailTime(at, "en-US", "America/Mexico_City")).toMatch(/2:28\sPM Central Standard Time/);
    expect(emailTime(at, "es-MX", "America/Tijuana")).not.toMatch(/GMT|UTC/);
  });
});
