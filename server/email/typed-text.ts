// Names and text that people typed, as they appear inside Puente's own emails: on one line,
// quoted, and with nothing a mail client would turn into a link. A plain-text email cannot stop a
// client from linking "https://…" or "example.org" in a group's name, so the name is "defanged"
// (the convention of security reports: "https[:]//evil[.]example"): still readable, never clickable.

/** `text` on one line, its URLs and domain names broken so that no mail client links them. */
export function defanged(text: string): string {
  return (
    text
      // Line breaks and other control characters could make a name look like Puente's own lines.
      .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, " ")
      .replace(/:\/\//g, "[:]//")
      // A dot between two letters or digits: "evil.example", "a@b.org", "www.x".
      .replace(/(?<=[\p{L}\p{N}])\.(?=[\p{L}\p{N}])/gu, "[.]")
      // The ideographic and full-width dots (。．｡) that browsers read as "." in a host name: between
      // Latin letters or digits only, so Chinese or Japanese sentences keep their full stops.
      .replace(/(?<=[A-Za-z0-9])[\u3002\uFF0E\uFF61](?=[A-Za-z0-9])/g, "[.]")
      .trim()
  );
}

/** A typed name as Puente's emails quote it: «name», defanged. */
export const quoted = (text: string) => `«${defanged(text)}»`;

/**
 * A text someone wrote (a message's body), line by line as Puente's emails show it: each line
 * defanged and marked "> " as quoted, so that no line of it can pass for one of Puente's own (a
 * forged "— End of the message —" stays inside the quote).
 */
export const quotedLines = (text: string) =>
  text
    .split(/\r\n|[\n\r\u2028\u2029]/)
    .map((line) => `> ${defanged(line)}`.trimEnd())
    .join("\n");
