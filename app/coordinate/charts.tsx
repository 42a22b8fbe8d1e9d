// The overview's charts, drawn on the server as SVG (no script, nothing from other hosts). The
// shapes carry no words: every number a chart shows is also written beside it in the reader's
// language, so the charts read the same in Spanish and English, to a screen reader, and on a phone.

const BRAND = "#145c48";
const AMBER = "#b45309";
const TRACK = "#e5e7eb";

/**
 * A horizontal bar: `value` out of `max`, with an optional mark (a quorum, say). `tone` "warn"
 * draws it in amber, for what needs attention.
 */
export function Bar({
  value,
  max,
  mark,
  tone = "ok",
}: {
  value: number;
  max: number;
  mark?: number;
  tone?: "ok" | "warn";
}) {
  const width = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  const at = mark !== undefined && max > 0 ? Math.min(100, (mark / max) * 100) : null;
  return (
    <svg viewBox="0 0 100 8" preserveAspectRatio="none" className="h-3 w-full" aria-hidden="true">
      <rect x={0} y={1} width={100} height={6} fill={TRACK} />
      <rect x={0} y={1} width={width} height={6} fill={tone === "warn" ? AMBER : BRAND} />
      {at !== null && (
        <line
          x1={at}
          x2={at}
          y1={0}
          y2={8}
          stroke="#111827"
          strokeWidth={2}
          vectorEffect="non-scaling-stroke"
        />
      )}
    </svg>
  );
}

/**
 * Headcount over time: a line through the reports, spaced by their dates, from zero up to the
 * largest count. The labels (largest count, first and last date) are the caller's, in HTML.
 */
export function HeadcountLine({ points }: { points: { at: Date; headcount: number }[] }) {
  if (points.length === 0) return null;
  const times = points.map((p) => p.at.getTime());
  const first = Math.min(...times);
  const span = Math.max(...times) - first || 1;
  const most = Math.max(1, ...points.map((p) => p.headcount));
  // 4 units of margin keep the round dots inside the frame.
  const xy = points.map((p) => ({
    x: points.length === 1 ? 50 : 4 + ((p.at.getTime() - first) / span) * 92,
    y: 36 - (p.headcount / most) * 32,
  }));
  return (
    <svg viewBox="0 0 100 40" preserveAspectRatio="none" className="h-20 w-full" aria-hidden="true">
      <line
        x1={0}
        x2={100}
        y1={36}
        y2={36}
        stroke={TRACK}
        strokeWidth={1}
        vectorEffect="non-scaling-stroke"
      />
      <polyline
        points={xy.map((p) => `${p.x},${p.y}`).join(" ")}
        fill="none"
        stroke={AMBER}
        strokeWidth={2}
        strokeLinejoin="round"
        vectorEffect="non-scaling-stroke"
      />
      {/* Zero-length round-capped lines: dots that stay round however the chart is stretched. */}
      {xy.map((p, i) => (
        <line
          key={i}
          x1={p.x}
          x2={p.x}
          y1={p.y}
          y2={p.y}
          stroke={AMBER}
          strokeWidth={7}
          strokeLinecap="round"
          vectorEffect="non-scaling-stroke"
        />
      ))}
    </svg>
  );
}
