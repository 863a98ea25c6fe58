// The official starters the corpus previews: each generator comes from the npm registry at run time (its newest
// version unless pinned to a major), runs non-interactively as its README says, and names the page's main module.
// Starters whose generator downloads templates from GitHub cannot run here (CI has the npm registry only): they
// are listed in README.md ("Starters covered"), not here.

export interface Starter {
  /** Short name, also the folder and the --starter filter. */
  readonly id: string;
  /** The npm package that holds the generator, and the major to use ('latest' when unset). */
  readonly generator: { readonly pkg: string; readonly bin: string; readonly range?: string; readonly env?: Readonly<Record<string, string>> };
  /** Generator arguments; `dir` is the new project's folder name (created in the current directory). */
  readonly args: (dir: string) => readonly string[];
  /** The dependency whose version the report shows (e.g. vite, next). */
  readonly framework: string;
  /** The module the page loads (a path under the preview URL), or how to find it in the served page. */
  readonly mainModule: string | ((html: string) => string | undefined);
}

const vite = (template: string, mainModule: string): Starter => ({
  id: `vite-${template}`,
  generator: { pkg: 'create-vite', bin: 'create-vite' },
  args: (dir) => [dir, '--template', template, '--no-interactive'],
  framework: 'vite',
  mainModule,
});

export const STARTERS: readonly Starter[] = [
  vite('react-ts', '/src/main.tsx'),
  vite('vue-ts', '/src/main.ts'),
  vite('svelte-ts', '/src/main.ts'),
  vite('lit-ts', '/src/my-element.ts'),
  vite('solid-ts', '/src/index.tsx'),
  vite('vanilla-ts', '/src/main.ts'),
  {
    id: 'next-app',
    generator: { pkg: 'create-next-app', bin: 'create-next-app' },
    // Installs with npm as a user's run does (so the repository has its package-lock.json).
    args: (dir) => [dir, '--ts', '--app', '--no-eslint', '--use-npm', '--yes', '--disable-git', '--no-agents-md'],
    framework: 'next',
    // Next names its chunks by content hash: the first script chunk the page loads.
    mainModule: (html) => /<script[^>]+src="(\/_next\/static\/chunks\/[^"]+\.js)"/.exec(html)?.[1],
  },
  {
    id: 'sveltekit',
    generator: { pkg: 'sv', bin: 'sv' },
    args: (dir) => ['create', dir, '--template', 'minimal', '--types', 'ts', '--no-add-ons', '--no-install'],
    framework: '@sveltejs/kit',
    mainModule: '/src/routes/+page.svelte',
  },
  {
    id: 'create-vue',
    generator: { pkg: 'create-vue', bin: 'create-vue' },
    args: (dir) => [dir, '--ts', '--router'],
    framework: 'vue',
    mainModule: '/src/main.ts',
  },
  {
    id: 'angular',
    // Angular CLI 22 needs Node 22.22; sandboxes run the host's Node 20, so the newest 21.
    generator: { pkg: '@angular/cli', bin: 'ng', range: '21', env: { NG_CLI_ANALYTICS: 'false' } },
    args: (dir) => ['new', dir, '--defaults', '--skip-git', '--skip-install', '--ssr=false', '--interactive=false'],
    framework: '@angular/core',
    mainModule: '/main.js',
  },
  {
    id: 'express-generator',
    generator: { pkg: 'express-generator', bin: 'express' },
    args: (dir) => ['--view=pug', '--git', dir],
    framework: 'express',
    mainModule: '/stylesheets/style.css',
  },
];
