// The "Reload preview" page over the frame when its link expired or the frame was sent to another origin (an
// expired Daytona link redirects to a sign-in page the CSP blocks: otherwise a blank frame). Built here, so the
// page's HTML stays as it is.
import type { WebviewMessage } from '../../src/vscode/previews/messages';
import { expiredLinkText, LinkExpiry, type ExpiredReason } from '../../src/vscode/previews/panelTools/linkExpiry';
import { element } from './dom';

export interface ExpiredLinkPage {
  /** A new link is in the frame: hide the page, watch the link's expiry. */
  shown(expiresAt: number): void;
  /** The frame loads again (Reload): hide the page. */
  reloading(): void;
}

export function setUpExpiredLink(frame: HTMLIFrameElement, post: (message: WebviewMessage) => void): ExpiredLinkPage {
  const page = document.createElement('div');
  page.id = 'expired';
  page.className = 'overlay expired';
  page.setAttribute('role', 'alert');
  page.hidden = true;
  const text = document.createElement('p');
  text.id = 'expired-text';
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'reload-preview';
  button.textContent = 'Reload preview';
  page.append(text, button);
  element('stage').append(page);

  const show = (reason: ExpiredReason): void => {
    text.textContent = expiredLinkText(reason);
    page.hidden = false;
    button.disabled = false;
    frame.style.visibility = 'hidden';
  };
  const hide = (): void => {
    page.hidden = true;
    frame.style.visibility = '';
  };
  const expiry = new LinkExpiry(show, { now: () => Date.now(), setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as number) });

  button.addEventListener('click', () => {
    button.disabled = true;
    post({ type: 'renewLink' });
  });
  // The frame was navigated to an origin the CSP's frame-src does not allow: the frame is blank.
  document.addEventListener('securitypolicyviolation', (event) => {
    if (event.effectiveDirective === 'frame-src' || event.violatedDirective.startsWith('frame-src')) show('left-origin');
  });
  // Timers wait while the machine sleeps: look at the clock as soon as the panel is seen again.
  document.addEventListener('visibilitychange', () => expiry.check());
  window.addEventListener('focus', () => expiry.check());

  return {
    shown: (expiresAt) => {
      hide();
      expiry.watch(expiresAt);
    },
    reloading: hide,
  };
}
