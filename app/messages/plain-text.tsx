// A message's body as plain text: its line breaks kept and its web addresses made links. Never
// parsed as HTML: every piece is a React text node or an <a> whose href is an http(s) address.
const URL_PATTERN = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;

export function PlainText({ text, lang }: { text: string; lang?: string }) {
  const pieces = text.split(URL_PATTERN);
  return (
    <p lang={lang} className="whitespace-pre-wrap break-words">
      {pieces.map((piece, i) =>
        i % 2 === 1 ? (
          <a key={i} href={piece} rel="noopener noreferrer nofollow" className="text-brand-700 underline">
            {piece}
          </a>
        ) : (
          piece
        ),
      )}
    </p>
  );
}
