// Copies Swagger UI (npm: swagger-ui-dist) next to the dashboard bundle, so the API docs at
// /docs work offline too (FastAPI would otherwise load them from a CDN).
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const source = dirname(require.resolve("swagger-ui-dist/package.json"));
const target = fileURLToPath(new URL("../../eventatlas/web/static/swagger/", import.meta.url));
mkdirSync(target, { recursive: true });
for (const name of ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE"]) {
  copyFileSync(join(source, name), join(target, name));
}
console.log(`Swagger UI copied to ${target}`);
