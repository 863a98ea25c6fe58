// The preview toolbar's blocks for issue 19 (address bar and history, device menu, share), static HTML kept out
// of previewHtml.ts so other toolbar work merges cleanly. The script (media/panelTools/*) fills and wires them;
// nothing here depends on a request, so nothing here needs escaping.

/** Back, forward (the panel's own history of addresses) and the path field, replacing the plain address text. */
export const NAV_TOOLS_HTML = `<span class="toolgroup nav-tools" id="nav-tools">
<button type="button" id="back" class="icon" title="Back" aria-label="Back" disabled>&#8592;</button>
<button type="button" id="forward" class="icon" title="Forward" aria-label="Forward" disabled>&#8594;</button>
</span>`;

/** The path field sits inside the address box, after the (token-masked) origin. */
export const PATH_FORM_HTML = `<form id="path-form" class="path-form" autocomplete="off">
<input id="path" class="path" type="text" spellcheck="false" value="/" aria-label="Path in the preview, e.g. /dashboard?x=1" title="Type a path of this preview, e.g. /dashboard?x=1, and press Enter">
</form>`;

export const DEVICE_TOOLS_HTML = `<span class="toolgroup device-tools" id="device-tools">
<select id="device" title="Device size" aria-label="Device size"></select>
<input id="custom-size" class="custom-size" type="text" placeholder="390×844" aria-label="Custom size, WIDTH×HEIGHT" title="WIDTH×HEIGHT in CSS pixels, then Enter" hidden>
<button type="button" id="rotate" class="icon" title="Rotate" aria-label="Rotate" disabled>&#10226;</button>
<span id="frame-size" class="frame-size" aria-live="polite"></span>
</span>`;

export const SHARE_TOOLS_HTML = `<span class="toolgroup share-tools" id="share-tools">
<button type="button" id="share" title="Share a signed link to this preview, with a lifetime you choose">Share…</button>
</span>`;

/** The share sheet: the QR code of the link just made, and the sandbox's shared links with their expiry. */
export const SHARE_SHEET_HTML = `<aside id="share-sheet" class="share-sheet" aria-label="Shared links" hidden>
<header><strong>Shared links</strong><button type="button" id="share-close" class="icon" title="Close" aria-label="Close">&#215;</button></header>
<figure id="share-latest" hidden><img id="share-qr" alt="QR code of the shared link" width="200" height="200"><figcaption id="share-note"></figcaption></figure>
<ul id="share-list"></ul>
<p id="share-empty">No shared links. Share… makes one.</p>
<footer><button type="button" id="share-new">Share another…</button><button type="button" id="share-revoke-all">Revoke all</button></footer>
</aside>`;
