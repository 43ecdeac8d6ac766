// The threads the server starts from files of their own (decision 090): each bundled apart from
// the Remix build, its packages left to node_modules as the server's are.
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  plugins: [tsconfigPaths()],
  build: {
    target: "node20",
    ssr: "imports/sheet-reader.worker.ts",
    outDir: "build/workers",
    emptyOutDir: true,
    rollupOptions: { output: { entryFileNames: "sheet-reader.js" } },
  },
});
