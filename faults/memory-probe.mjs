// Loaded into the app server under test with NODE_OPTIONS="--expose-gc --import …" (the fault
// suite only; the app knows nothing of it). Writes the process's memory to PUENTE_FAULTS_PROBE as
// one JSON line every 200 ms, and after a full garbage collection whenever it gets SIGUSR2, so the
// suite can compare the heap before and after a load with what is really still referenced. It also
// records any uncaught exception, which the suite treats as a failure.
import { appendFileSync } from "node:fs";

const file = process.env.PUENTE_FAULTS_PROBE;
if (file) {
  const write = (extra) => {
    const m = process.memoryUsage();
    const line = {
      pid: process.pid,
      t: Date.now(),
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      ...extra,
    };
    try {
      appendFileSync(file, JSON.stringify(line) + "\n");
    } catch {
      // the suite removed the file: nothing to report to
    }
  };
  setInterval(() => write({}), 200).unref();
  process.on("SIGUSR2", () => {
    if (typeof globalThis.gc === "function") {
      globalThis.gc();
      globalThis.gc();
    }
    write({ gc: true });
  });
  process.on("uncaughtExceptionMonitor", (error, origin) => {
    write({ uncaught: `${origin}: ${error && error.message}` });
  });
}
