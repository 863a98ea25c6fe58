// The preview webview's page, built without `vscode` so unit tests can read it. The page is static: a toolbar
// and an empty frame. What changes (the signed URL, the status) arrives later by postMessage, so no server data
// and no token ever sits in the HTML or in an inline script.
import { randomBytes } from 'node:crypto';
import { DEVICE_TOOLS_HTML, NAV_TOOLS_HTML, PATH_FORM_HTML, SHARE_SHEET_HTML, SHARE_TOOLS_HTML } from './panelTools/toolbarHtml';

export interface PreviewPageInput {
  /** `webview.cspSource`: where the script and style may come from. */
  readonly cspSource: string;
  /** A fresh `newNonce()` per render. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** The one origin the frame may show (`frameSourceFor`); undefined until a URL is known. */
  readonly frameSource: string | undefined;
  readonly title: string;
}

/** 18 random bytes in base64: 24 characters that CSP's nonce grammar accepts, unguessable per render. */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export function previewCsp(input: Pick<PreviewPageInput, 'cspSource' | 'nonce' | 'frameSource'>): string {
  return [
    "default-src 'none'",
    `frame-src ${input.frameSource ?? "'none'"}`,
    `script-src 'nonce-${input.nonce}'`,
    `style-src ${input.cspSource}`,
    `img-src ${input.cspSource} data:`,
  ].join('; ');
}

export function previewPageHtml(input: PreviewPageInput): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(previewCsp(input))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
</head>
<body>
<header class="toolbar" role="toolbar" aria-label="Preview">
${NAV_TOOLS_HTML}
<button type="button" id="reload" title="Reload the preview">Reload</button>
<span class="address-box"><span id="address" class="address" aria-label="Preview address">Waiting for the preview…</span>${PATH_FORM_HTML}</span>
${DEVICE_TOOLS_HTML}
${SHARE_TOOLS_HTML}
<span id="expiry" class="expiry"></span>
<span id="notice" class="notice" role="status" aria-live="polite"></span>
<button type="button" id="open" title="Open this preview in your browser">Open in Browser</button>
<button type="button" id="copy" title="Copy a link to this preview">Copy Link</button>
<button type="button" id="terminal" title="Open a terminal in this sandbox">Terminal</button>
<span id="status" class="pill" role="status" aria-live="polite">starting</span>
</header>
<main class="stage" id="stage">
<iframe id="app" title="${escapeHtml(input.title)}" sandbox="allow-scripts allow-forms allow-same-origin allow-downloads allow-modals allow-popups" allow="clipboard-read; clipboard-write; autoplay"></iframe>
<div id="overlay" class="overlay" role="status"><p id="overlay-text">Starting…</p><button type="button" id="start-reload" hidden>Start and reload</button></div>
${SHARE_SHEET_HTML}
</main>
<script nonce="${escapeHtml(input.nonce)}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}

/** A page with only a message (and maybe one command link), no script: a panel whose sandbox is gone. */
export function messagePageHtml(input: Pick<PreviewPageInput, 'cspSource' | 'styleUri' | 'title'> & { readonly message: string; readonly action?: { readonly label: string; readonly href: string } }): string {
  const csp = `default-src 'none'; style-src ${input.cspSource}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<title>${escapeHtml(input.title)}</title>
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
</head>
<body>
<main class="stage"><div id="overlay" class="overlay"><p id="overlay-text">${escapeHtml(input.message)}${
    input.action ? ` — <a class="action" id="action" href="${escapeHtml(input.action.href)}">${escapeHtml(input.action.label)}</a>` : ''
  }</p></div></main>
</body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
