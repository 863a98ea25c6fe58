// Dev servers refuse requests for host names they do not know (DNS-rebinding protection). A preview arrives as
// `https://3000-<sandbox id>.<proxy domain>`, and its signed form puts a token where the id was, so the allowance
// is the whole proxy domain: `.proxy.example` for Vite, `*.proxy.example` for Next.js.
import { isIP } from 'node:net';

/** The preview URL's parent domain, or undefined when every dev server accepts the host anyway (IP, localhost). */
export function previewDomain(previewUrl: string): { hostname: string; parent?: string } | undefined {
  let hostname: string;
  try {
    hostname = new URL(previewUrl).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  if (hostname === '' || isIP(hostname.replace(/^\[|\]$/g, '')) !== 0 || hostname === 'localhost' || hostname.endsWith('.localhost')) return undefined;
  const labels = hostname.split('.');
  return labels.length >= 3 ? { hostname, parent: labels.slice(1).join('.') } : { hostname };
}

/**
 * Environment that makes Vite (and everything built on it: SvelteKit, Astro, Nuxt, React Router …) accept the preview
 * host. Vite appends `__VITE_ADDITIONAL_SERVER_ALLOWED_HOSTS` to `server.allowedHosts` as ONE entry (no list): an
 * exact host name, or `.domain` for the domain and all its subdomains. Harmless for servers that are not Vite.
 */
export function previewHostEnv(previewUrl: string): Record<string, string> {
  const domain = previewDomain(previewUrl);
  if (!domain) return {};
  return { __VITE_ADDITIONAL_SERVER_ALLOWED_HOSTS: domain.parent ? `.${domain.parent}` : domain.hostname };
}

/** Next.js `allowedDevOrigins` entries for the preview (wildcards are matched by Next.js itself). */
export function nextAllowedDevOrigins(previewUrl: string): string[] {
  const domain = previewDomain(previewUrl);
  if (!domain) return [];
  return domain.parent ? [domain.hostname, `*.${domain.parent}`] : [domain.hostname];
}
