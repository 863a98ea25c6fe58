// The address bar (issue 19): a path field, back and forward over the paths the panel navigated to. The frame is
// cross-origin, so its own navigation (links clicked in the app) cannot be read: the history is the panel's.
// Everything typed or restored goes through parseAddressInput, and the frame's URL is always built on the signed
// URL's origin (frameUrlFor), so no input can point the frame at another site or at `javascript:`.
import { FrameHistory, parseAddressInput } from '../../src/vscode/previews/panelTools/framePath';
import { element } from './dom';

export interface AddressBar {
  readonly history: FrameHistory;
  restore(history: FrameHistory): void;
}

export function setUpAddressBar(navigate: (path: string) => void, onChange: (history: FrameHistory) => void): AddressBar {
  const form = element<HTMLFormElement>('path-form');
  const input = element<HTMLInputElement>('path');
  const back = element<HTMLButtonElement>('back');
  const forward = element<HTMLButtonElement>('forward');
  let history = FrameHistory.start();

  const render = (): void => {
    input.value = history.current;
    input.setCustomValidity('');
    back.disabled = !history.canGoBack;
    forward.disabled = !history.canGoForward;
  };
  const go = (path: string): void => {
    render();
    navigate(path);
    onChange(history);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = parseAddressInput(input.value);
    if ('error' in parsed) {
      input.setCustomValidity(parsed.error);
      input.title = parsed.error;
      input.reportValidity();
      return;
    }
    history.push(parsed.path);
    go(parsed.path);
  });
  input.addEventListener('input', () => input.setCustomValidity(''));
  back.addEventListener('click', () => go(history.back()));
  forward.addEventListener('click', () => go(history.forward()));
  render();

  return {
    get history() {
      return history;
    },
    restore(next: FrameHistory) {
      history = next;
      render();
    },
  };
}
