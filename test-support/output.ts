// Everything the process writes while a test runs: console calls and direct writes to stdout and
// stderr, for tests that prove what never reaches the server's output.
import { format } from "node:util";

export interface CapturedOutput {
  text(): string;
  restore(): void;
}

export function captureOutput(): CapturedOutput {
  const chunks: string[] = [];
  const methods = ["log", "info", "warn", "error", "debug", "trace"] as const;
  const consoleBefore = methods.map((name) => console[name]);
  for (const name of methods) {
    console[name] = (...args: unknown[]) => {
      // `format` prints errors as Node would: message, stack and causes.
      chunks.push(format(...args));
    };
  }
  const streams = [process.stdout, process.stderr];
  const writesBefore = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      const done = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof stream.write;
  }
  return {
    text: () => chunks.join("\n"),
    restore() {
      methods.forEach((name, i) => (console[name] = consoleBefore[i]!));
      streams.forEach((stream, i) => (stream.write = writesBefore[i]!));
    },
  };
}
