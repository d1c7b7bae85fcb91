// @ts-check
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

/** Imports that make the architecture a lint error rather than a review comment. */
const boundary = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "mini-app/www/**", "artifacts/**", "data/**", "**/*.tmp.ts"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a binding kept on purpose (a destructured field left out, an unused callback argument).
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          caughtErrors: "none",
        },
      ],
    },
  },
  {
    files: ["mini-app/src/**/*.{ts,tsx}", "bot-server/console/src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The domain knows nothing of HTTP, queues, Redis or Zalo's wire format: those implement its ports.
    files: ["bot-server/src/domain/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["express", "bullmq", "ioredis"].map((name) => ({
            name,
            message: "The domain is free of transport and storage: use a port",
          })),
          patterns: [
            boundary(
              ["**/http/**", "**/queues/**", "**/store/**", "**/zalo/**"],
              "The domain is free of transport and storage: use a port (domain/*/ports.ts)",
            ),
          ],
        },
      ],
    },
  },
  {
    files: ["mini-app/src/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [boundary(["**/bot-server/**", "@cds/bot-server"], "The mini app never imports server code")] },
      ],
    },
  },
  {
    // Zalo's error codes are read in zalo/ only, behind named predicates (isNotAFollower, isRefusedUserToken…).
    files: ["bot-server/src/**/*.ts"],
    ignores: ["bot-server/src/zalo/**", "**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "BinaryExpression[operator=/^[!=]==?$/] > UnaryExpression.right[operator='-'] > Literal[raw=/^[1-9]\\d{1,3}$/]",
          message: "Zalo's error codes are interpreted in bot-server/src/zalo/ only: add a named predicate there",
        },
      ],
    },
  },
);
