// The device menu (issue 19): responsive, the listed phones and tablets, a custom W×H, rotate. The frame gets the
// device's CSS size and is scaled down to fit the stage; the toolbar shows size and scale.
import { DEVICES, RESPONSIVE, fitScale, parseCustomSize, rotate, sizeLabel, sizeOf, type DeviceChoice } from '../../src/vscode/previews/panelTools/devices';
import { element } from './dom';

export interface DeviceMenu {
  readonly choice: DeviceChoice;
  apply(choice: DeviceChoice): void;
}

export function setUpDeviceMenu(frame: HTMLIFrameElement, onChange: (choice: DeviceChoice) => void): DeviceMenu {
  const select = element<HTMLSelectElement>('device');
  const custom = element<HTMLInputElement>('custom-size');
  const rotateButton = element<HTMLButtonElement>('rotate');
  const label = element('frame-size');
  const stage = element('stage');
  let choice: DeviceChoice = RESPONSIVE;

  select.append(new Option('Responsive', 'responsive'));
  for (const d of DEVICES) select.append(new Option(d.label, d.id)); // the size shows beside the menu
  select.append(new Option('Custom…', 'custom'));

  const apply = (next: DeviceChoice): void => {
    choice = next;
    select.value = next.kind === 'device' ? next.id : next.kind;
    custom.hidden = next.kind !== 'custom';
    if (next.kind === 'custom') custom.value = `${next.width}×${next.height}`;
    rotateButton.disabled = next.kind === 'responsive';
    layout();
  };

  const layout = (): void => {
    const size = sizeOf(choice);
    stage.classList.toggle('device', size !== undefined);
    if (!size) {
      for (const p of ['width', 'height', 'transform'] as const) frame.style.removeProperty(p);
      frame.style.removeProperty('margin');
      label.textContent = '';
      return;
    }
    const gap = 16; // room around the device so its edge shows
    const scale = fitScale(size, { width: stage.clientWidth - gap, height: stage.clientHeight - gap });
    frame.style.width = `${size.width}px`;
    frame.style.height = `${size.height}px`;
    frame.style.transform = `scale(${scale})`;
    // A transform does not shrink the layout box: pull the space it no longer takes back in, to center the frame.
    frame.style.margin = `${gap / 2}px ${(size.width * (scale - 1)) / 2}px ${size.height * (scale - 1)}px`;
    label.textContent = sizeLabel(size, scale);
    label.title = `The frame is ${size.width}×${size.height} CSS pixels${scale < 1 ? `, shown at ${Math.round(scale * 100)}%` : ''}`;
  };

  const change = (next: DeviceChoice): void => {
    apply(next);
    onChange(next);
  };

  select.addEventListener('change', () => {
    const value = select.value;
    if (value === 'responsive') return change(RESPONSIVE);
    if (value === 'custom') {
      const size = sizeOf(choice) ?? { width: 390, height: 844 };
      change({ kind: 'custom', width: size.width, height: size.height, rotated: false });
      custom.focus();
      custom.select();
      return;
    }
    change({ kind: 'device', id: value, rotated: false });
  });
  custom.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    const size = parseCustomSize(custom.value);
    custom.setCustomValidity(typeof size === 'string' ? size : '');
    custom.title = typeof size === 'string' ? size : 'WIDTH×HEIGHT in CSS pixels, then Enter';
    if (typeof size !== 'string') change({ kind: 'custom', ...size, rotated: false });
    else custom.reportValidity();
  });
  rotateButton.addEventListener('click', () => change(rotate(choice)));
  new ResizeObserver(layout).observe(stage);

  return {
    get choice() {
      return choice;
    },
    apply,
  };
}
