import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypeScript,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "db/migrations/**",
      "next-env.d.ts",
      "test-results/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Dependencies run one way: app/ → server/ → db/. The schema, migrations and the client depend
    // on nothing of ours (npm run lint:imports also refuses any import circle).
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/*", "@/app/*", "@/test-support/factories", "**/server/*", "**/app/*"],
              message:
                "db/ depends on nothing of ours: move what it needs into db/, or the code into server/.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
