// Reading Puente's settings from the environment, in a module of its own so that code which runs
// on every request (the proxy, the origin) does not load the database drivers to read one.

/** Empty environment variables count as unset (a blank `DATABASE_URL=` means "embedded"). */
export function env(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}
