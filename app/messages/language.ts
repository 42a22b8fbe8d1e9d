// Which of a message's languages a reader sees first: theirs when the message has it.

/** The subject in the reader's language when the message has it, else the other one. */
export function inLanguage(m: { subjectEs: string; subjectEn: string }, locale: string): string {
  return locale === "en" ? m.subjectEn || m.subjectEs : m.subjectEs || m.subjectEn;
}

/** The message's versions, the reader's first; a version without a body is left out. */
export function versions(
  m: { subjectEs: string; subjectEn: string; bodyEs: string; bodyEn: string },
  locale: string,
) {
  const es = { lang: "es", subject: m.subjectEs, body: m.bodyEs };
  const en = { lang: "en", subject: m.subjectEn, body: m.bodyEn };
  return (locale === "en" ? [en, es] : [es, en]).filter((v) => v.body);
}
