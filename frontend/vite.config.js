// Builds the dashboard into the Python package (eventatlas/web/static), served by `eventatlas serve`.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

export default defineConfig({
  base: "/",
  build: {
    outDir: fileURLToPath(new URL("../eventatlas/web/static", import.meta.url)),
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
