// Every statement drizzle sends through postgres.js goes as a named prepared statement, kept on its
// connection. Drizzle asks postgres.js to prepare only what was built with `.prepare(name)`, so
// every other statement was parsed again by PostgreSQL on each request, and postgres.js asked for
// its parameter types first (a round trip of its own) before running it.
import type { Sql } from "postgres";

type Unsafe = Sql["unsafe"];

/** `sql`, its transactions and their savepoints, sending each statement prepared. */
export function preparingEveryStatement<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        const unsafe: Unsafe = (query, parameters, options) =>
          target.unsafe(query, parameters, { ...options, prepare: true });
        return unsafe;
      }
      if (property === "begin" || property === "savepoint") {
        // Both take an optional mode or name and then the callback that receives the transaction.
        return (...args: unknown[]) => {
          const callback = args.pop() as (transaction: Sql) => unknown;
          const open = Reflect.get(target, property, receiver) as (...a: unknown[]) => unknown;
          return open.call(target, ...args, (transaction: Sql) =>
            callback(preparingEveryStatement(transaction)),
          );
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
