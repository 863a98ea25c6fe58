// How each framework's dev server is told to listen on 0.0.0.0 and a given port. No detection library passes a
// host flag, and Vite ignores HOST and PORT, so the flags go after the user's own dev script.

export const ANY_HOST = '0.0.0.0';

interface HostPortStyle {
  /** The CLI the dev script must invoke for the flags to apply (otherwise only PORT/HOST in the env). */
  readonly cli: RegExp;
  readonly host: readonly string[];
  readonly port: (port: number) => string[];
}

/** Flags for the dev server's command line: the host part, and the port part (left out when the script pins its port). */
export interface HostPortFlags {
  readonly host: readonly string[];
  readonly port: readonly string[];
}

const viteStyle = (cli: RegExp): HostPortStyle => ({ cli, host: ['--host', ANY_HOST], port: (port) => ['--port', String(port), '--strictPort'] });
const hostPortStyle = (cli: RegExp): HostPortStyle => ({ cli, host: ['--host', ANY_HOST], port: (port) => ['--port', String(port)] });
const shortStyle = (cli: RegExp): HostPortStyle => ({ cli, host: ['-H', ANY_HOST], port: (port) => ['-p', String(port)] });

const VITE_CLI = /(?:^|[\s/&;|(])(?:vite|vinxi)(?:\s|$)/;

/** Keyed by @netlify/build-info framework id. */
const STYLES: Readonly<Record<string, HostPortStyle>> = {
  vite: viteStyle(VITE_CLI),
  'svelte-kit': viteStyle(VITE_CLI),
  'react-router': viteStyle(/(?:^|[\s/&;|(])(?:react-router\s+dev|vite)(?:\s|$)/),
  // Remix on Vite (`remix vite:dev` or plain `vite`); the classic compiler takes no such flags.
  remix: viteStyle(/(?:^|[\s/&;|(])(?:remix\s+vite:dev|vite)(?:\s|$)/),
  qwik: viteStyle(VITE_CLI),
  'solid-js': viteStyle(VITE_CLI),
  'solid-start': viteStyle(VITE_CLI),
  'tanstack-router': viteStyle(VITE_CLI),
  'tanstack-start': viteStyle(VITE_CLI),
  next: shortStyle(/(?:^|[\s/&;|(])next(?:\s|$)/),
  gatsby: shortStyle(/(?:^|[\s/&;|(])gatsby\s+develop/),
  astro: hostPortStyle(/(?:^|[\s/&;|(])astro(?:\s|$)/),
  nuxt: hostPortStyle(/(?:^|[\s/&;|(])(?:nuxt|nuxi)(?:\s|$)/),
  angular: hostPortStyle(/(?:^|[\s/&;|(])ng\s+serve/),
  analog: hostPortStyle(/(?:^|[\s/&;|(])(?:ng\s+serve|vite)(?:\s|$)/),
  vitepress: hostPortStyle(/(?:^|[\s/&;|(])vitepress\s+dev/),
  docusaurus: hostPortStyle(/(?:^|[\s/&;|(])docusaurus\s+start/),
  vue: hostPortStyle(/(?:^|[\s/&;|(])vue-cli-service\s+serve/),
  parcel: hostPortStyle(/(?:^|[\s/&;|(])parcel(?:\s|$)/),
  ember: hostPortStyle(/(?:^|[\s/&;|(])ember\s+serve/),
};

/**
 * Flags that make the dev server bind 0.0.0.0 on `port`, or none when the framework is unknown or the script does
 * not call the framework's CLI (e.g. `node server.js`): then PORT and HOST in the environment have to do.
 */
export function hostPortFlags(frameworkId: string | undefined, scriptBody: string | undefined, port: number): HostPortFlags {
  const style = frameworkId === undefined ? undefined : STYLES[frameworkId];
  // A bare framework command (no script: `vite`, `next`) always takes the flags.
  if (!style || (scriptBody !== undefined && !style.cli.test(scriptBody))) return { host: [], port: [] };
  return { host: style.host, port: style.port(port) };
}

/** A port the script pins itself (`vite --port 3001`, `next dev -p 4000`, `PORT=8080 node server.js`). */
export function portInScript(scriptBody: string | undefined): number | undefined {
  if (!scriptBody) return undefined;
  const match = /(?:--port[=\s]+|(?:^|\s)-p[=\s]+|(?:^|\s)PORT=)(\d{2,5})\b/.exec(scriptBody);
  const port = match?.[1] !== undefined ? Number(match[1]) : undefined;
  return port !== undefined && port > 0 && port < 65536 ? port : undefined;
}

/** Environment every dev server gets, plus the framework's own switches for a headless, prompt-free start. */
export function devServerEnv(frameworkId: string | undefined, port: number): Record<string, string> {
  const env: Record<string, string> = { PORT: String(port), HOST: ANY_HOST, BROWSER: 'none' };
  switch (frameworkId) {
    case 'next':
      env['NEXT_TELEMETRY_DISABLED'] = '1';
      break;
    case 'nuxt':
      env['NUXT_TELEMETRY_DISABLED'] = '1';
      break;
    case 'astro':
      env['ASTRO_TELEMETRY_DISABLED'] = '1';
      break;
    case 'gatsby':
      env['GATSBY_TELEMETRY_DISABLED'] = '1';
      break;
    case 'angular':
    case 'analog':
      // Otherwise `ng serve` may stop and ask whether to share analytics.
      env['NG_CLI_ANALYTICS'] = 'false';
      break;
  }
  return env;
}
