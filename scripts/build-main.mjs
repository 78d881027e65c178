// Bundles the Electron main process and the sandboxed preload to CommonJS in dist/.
// Two builds because they differ: main keeps its npm dependencies external (they ship in the
// asar, native ones like sharp and the keyring cannot be bundled); the sandboxed preload can
// require only `electron`, so everything else (zod, the contract) is bundled into it.
import { build } from 'vite';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const deps = Object.keys(pkg.dependencies ?? {});
const builtins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

async function bundle({ entry, outDir, fileName, external, bundleDeps = false }) {
  await build({
    configFile: false,
    logLevel: 'warn',
    ssr: bundleDeps ? { noExternal: true } : {},
    build: {
      outDir,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      sourcemap: true,
      ssr: true,
      lib: { entry, formats: ['cjs'], fileName: () => fileName },
      rollupOptions: {
        external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      },
    },
  });
}

await bundle({
  entry: 'main/shells/electron.ts',
  outDir: 'dist/main',
  fileName: 'electron.cjs',
  external: ['electron', ...builtins, ...deps],
});
await bundle({
  entry: 'preload/index.ts',
  outDir: 'dist/preload',
  fileName: 'index.cjs',
  external: ['electron'],
  bundleDeps: true,
});
console.log('built dist/main/electron.cjs and dist/preload/index.cjs');
