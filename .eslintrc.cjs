/**
 * Lint: TypeScript and React hooks rules, and the layers the code may not cross
 * (docs/decisions/037-layers.md); formatting is prettier's job.
 */

/** Modules that touch the database, the file system, the network or a framework. */
const IO = [
  {
    group: ["@db/*", "better-sqlite3", "drizzle-orm", "drizzle-orm/*"],
    message: "No database here.",
    allowTypeImports: true,
  },
  {
    group: ["fs", "fs/*", "node:fs", "node:fs/*", "node:child_process", "node:net", "node:http"],
    message: "No I/O here.",
  },
  { group: ["@remix-run/*", "react", "react-dom", "react/*"], message: "No framework here." },
];
const upper = (...layers) =>
  layers.map((layer) => ({
    group: [`~/${layer}/*`, `../${layer}/*`, `../../${layer}/*`],
    message: `Nothing of ${layer}/ here.`,
  }));
const layer = (patterns) => ({
  "@typescript-eslint/no-restricted-imports": [
    "error",
    { patterns: patterns.map((p) => ({ ...p, allowTypeImports: p.allowTypeImports ?? false })) },
  ],
});

module.exports = {
  root: true,
  parser: "@typescript-eslint/parser",
  parserOptions: { ecmaVersion: "latest", sourceType: "module", ecmaFeatures: { jsx: true } },
  env: { browser: true, node: true, es2022: true },
  plugins: ["@typescript-eslint", "react", "react-hooks"],
  extends: [
    "eslint:recommended",
    "plugin:@typescript-eslint/recommended",
    "plugin:react-hooks/recommended",
  ],
  settings: { react: { version: "detect" } },
  ignorePatterns: ["build", "node_modules", "data", "db/migrations", "tests/artifacts"],
  rules: {
    "@typescript-eslint/no-unused-vars": [
      "error",
      { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
    ],
  },
  overrides: [
    {
      // The pipeline's readers read files but know nothing of the database or the web.
      files: ["imports/**"],
      excludedFiles: ["**/*.test.ts", "imports/ingest.server.ts", "imports/generate.ts"],
      rules: layer([
        IO[0],
        IO[2],
        ...upper("models", "http", "auth", "jobs", "routes", "components"),
      ]),
    },
    {
      // Claims' invoice readers (decisions 053, 054): pure apart from the bytes they are given.
      files: ["imports/claims/**"],
      excludedFiles: ["**/*.test.ts"],
      rules: layer([...IO, ...upper("models", "http", "auth", "jobs", "routes", "components")]),
    },
    {
      // The refund engine and the pure values of every layer: no I/O, no framework, no layer above.
      files: [
        "app/refunds/**",
        "app/errors/**",
        "app/matching/**",
        "app/schemas/*.ts",
        "imports/{values,dates,amounts,headers,header-search,synonyms,validate,types,errors,error-texts}.ts",
      ],
      excludedFiles: ["**/*.test.ts"],
      rules: layer([
        ...IO,
        { group: ["@imports/*"], message: "The engine does not know the pipeline." },
        ...upper("models", "http", "auth", "jobs", "routes", "components", "i18n/context"),
      ]),
    },
    {
      // Models never speak HTTP and never render; they may name an actor's type.
      files: ["app/models/**", "imports/ingest.server.ts"],
      excludedFiles: ["**/*.test.ts"],
      rules: layer([
        IO[2],
        ...upper("http", "routes", "components", "jobs"),
        { group: ["~/auth/*"], message: "Models do not call auth.", allowTypeImports: true },
      ]),
    },
    {
      // Routes and components reach data through models, never the database itself.
      files: ["app/routes/**", "app/components/**", "app/http/**", "app/auth/**"],
      rules: layer([
        {
          group: ["@db/client.server", "better-sqlite3", "drizzle-orm", "drizzle-orm/*"],
          message: "Reach the database through app/models.",
        },
        { group: ["@imports/ingest.server"], message: "Queue reports through app/jobs." },
      ]),
    },
    {
      // Components render what loaders give them.
      files: ["app/components/**"],
      rules: layer([
        IO[0],
        ...upper("http", "routes", "jobs"),
        { group: ["~/models/*"], message: "Components get data as props.", allowTypeImports: true },
      ]),
    },
    {
      // Jobs and the demo seed call models; only models hold SQL.
      files: ["app/jobs/**", "db/seed/**"],
      rules: layer([
        {
          group: ["better-sqlite3", "drizzle-orm", "drizzle-orm/*"],
          message: "Call app/models instead of querying here.",
        },
        ...upper("http", "routes", "components"),
      ]),
    },
  ],
};
