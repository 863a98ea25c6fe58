// The preview webview's script (bundled by esbuild into dist/webview/preview.js). It owns the toolbar and the
// frame; the extension decides everything else. Data arrives only by postMessage after the `ready` handshake,
// so the page's HTML holds no URL and no token.
import { parsePanelMessage, type PanelMessage, type WebviewMessage } from '../src/vscode/previews/messages';
import { expiryText } from '../src/vscode/previews/signedAddress';
import { parseDeviceChoice, type DeviceChoice } from '../src/vscode/previews/panelTools/devices';
import { FrameHistory, frameUrlFor } from '../src/vscode/previews/panelTools/framePath';
import { setUpAddressBar } from './panelTools/addressBar';
import { setUpDeviceMenu } from './panelTools/deviceMenu';
import { setUpExpiredLink } from './panelTools/expiredLink';
import { watchToolbarFit } from './panelTools/toolbarFit';
import { element as domElement } from './panelTools/dom';
import { setUpShareSheet } from './panelTools/shareSheet';

/** What VS Code keeps for this panel across reloads; the serializer reads `sandboxId`/`folderKey`. */
interface PanelState {
  readonly sandboxId?: string;
  readonly folderKey?: string;
  readonly device?: DeviceChoice;
  readonly history?: ReturnType<FrameHistory['toState']>;
}

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type StatusMessage = Extract<PanelMessage, { type: 'status' }>;

const vscode = acquireVsCodeApi();
const frame = element<HTMLIFrameElement>('app');
const address = element('address');
const expiry = element('expiry');
const notice = element('notice');
const pill = element('status');
const overlay = element('overlay');
const overlayText = element('overlay-text');

let url: string | undefined;
let expiresAt: number | undefined;
let status: StatusMessage = { type: 'status', phase: 'setting-up', words: 'setting up', sync: 'off' };
let noticeTimer: ReturnType<typeof setTimeout> | undefined;
let saved: PanelState = readState(vscode.getState());

const devices = setUpDeviceMenu(frame, (device) => saveState({ device }));
const addressBar = setUpAddressBar(() => reloadFrame(), (history) => saveState({ history: history.toState() }));
const shareSheet = setUpShareSheet((message) => vscode.postMessage(message));
const expiredLink = setUpExpiredLink(frame, (message) => vscode.postMessage(message));
watchToolbarFit(document.querySelector<HTMLElement>('header.toolbar') ?? document.body);
restoreView(saved);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  // The app in the frame can post to its parent too: only the webview host (same origin as this page) speaks.
  if (event.source === frame.contentWindow || event.origin !== window.origin) return;
  const message = parsePanelMessage(event.data);
  if (message) handle(message);
});

element('reload').addEventListener('click', () => {
  reloadFrame();
  vscode.postMessage({ type: 'reloaded' });
});
element('open').addEventListener('click', () => vscode.postMessage({ type: 'openInBrowser' }));
element('copy').addEventListener('click', () => vscode.postMessage({ type: 'copyLink' }));
element('terminal').addEventListener('click', () => vscode.postMessage({ type: 'openTerminal' }));
// The stopped page: one button that starts the sandbox (the panel reloads itself once the preview answers).
const startReload = element<HTMLButtonElement>('start-reload');
startReload.addEventListener('click', () => {
  startReload.disabled = true;
  vscode.postMessage({ type: 'startAndReload' });
});
setInterval(() => {
  renderExpiry();
  shareSheet.renderExpiry();
}, 15_000);
vscode.postMessage({ type: 'ready' });

function handle(message: PanelMessage): void {
  switch (message.type) {
    case 'init':
      // A panel the serializer revived gets its device and history from the extension when the page has none.
      if (saved.device === undefined && saved.history === undefined && message.restore) restoreView(readState(message.restore));
      saveState({ sandboxId: message.sandboxId, folderKey: message.folderKey }); // what the panel serializer restores from
      frame.title = message.title;
      break;
    case 'show':
      url = message.url;
      expiresAt = message.expiresAt;
      address.textContent = message.display;
      address.title = message.display;
      frame.src = frameUrlFor(message.url, addressBar.history.current);
      expiredLink.shown(message.expiresAt);
      renderExpiry();
      renderStatus();
      break;
    case 'status': {
      const wasReady = status.phase === 'ready';
      status = message;
      renderStatus();
      // Back to ready (a restart, a start, a pull): the frame may hold the proxy's 502 page; load the new server.
      if (!wasReady && status.phase === 'ready') reloadFrame();
      break;
    }
    case 'reload':
      reloadFrame();
      break;
    case 'notice':
      showNotice(message.text);
      break;
    case 'shares':
      shareSheet.show(message);
      break;
  }
}

/** Setting `src` again navigates even when it is unchanged; a cross-origin frame offers no reload() to us. */
function reloadFrame(): void {
  if (url === undefined) return;
  expiredLink.reloading();
  frame.src = frameUrlFor(url, addressBar.history.current);
}

function saveState(change: PanelState): void {
  saved = { ...saved, ...change };
  vscode.setState(saved);
  // Mirrored for the integration tests, which cannot call getState(): ids, device and paths only, no URL or token.
  document.body.dataset['forgeState'] = JSON.stringify(saved);
}

/** The stored state, each part checked again: what is not one we wrote is dropped. */
function readState(value: unknown): PanelState {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const device = parseDeviceChoice(v['device']);
  const history = v['history'] === undefined ? undefined : FrameHistory.restore(v['history']).toState();
  return {
    ...(typeof v['sandboxId'] === 'string' ? { sandboxId: v['sandboxId'] } : {}),
    ...(typeof v['folderKey'] === 'string' ? { folderKey: v['folderKey'] } : {}),
    ...(device ? { device } : {}),
    ...(history ? { history } : {}),
  };
}

function restoreView(state: PanelState): void {
  if (state.device) devices.apply(state.device);
  if (state.history) addressBar.restore(FrameHistory.restore(state.history));
  saveState({ ...(state.device ? { device: state.device } : {}), ...(state.history ? { history: state.history } : {}) });
}

function renderStatus(): void {
  const sync = status.sync === 'off' ? '' : ` · ${status.sync.replace(/-/g, ' ')}`;
  pill.textContent = `${status.words}${sync}`;
  pill.className = `pill phase-${status.phase} sync-${status.sync}`;
  pill.title = status.message ?? status.words;
  const live = status.phase === 'ready';
  for (const id of ['open', 'copy', 'share']) (element<HTMLButtonElement>(id)).disabled = !live;
  const text = overlayMessage();
  overlay.hidden = text === undefined;
  frame.hidden = text !== undefined;
  overlayText.textContent = text ?? '';
  startReload.hidden = status.phase !== 'stopped';
  startReload.disabled = false;
}

/** What covers the frame (the state's sentence from the extension), or undefined to show the app. */
function overlayMessage(): string | undefined {
  if (status.phase === 'ready') return url === undefined ? 'Opening the preview…' : undefined;
  return status.message ?? status.words;
}

function renderExpiry(): void {
  expiry.textContent = expiresAt === undefined ? '' : `signed · ${expiryText(expiresAt, Date.now())}`;
}

function showNotice(text: string): void {
  notice.textContent = text;
  if (noticeTimer !== undefined) clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => {
    notice.textContent = '';
  }, 4_000);
}

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  return domElement<T>(id);
}
