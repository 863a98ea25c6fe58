// The device sizes of the preview panel's device menu, and the arithmetic of fitting one into the panel. Pure:
// the webview script and the unit tests both use it. Sizes are CSS pixels in portrait (the usual viewport of each
// device in its browser), rotate swaps them.

export interface Device {
  readonly id: string;
  readonly label: string;
  readonly width: number;
  readonly height: number;
}

export const DEVICES: readonly Device[] = [
  { id: 'iphone-se', label: 'iPhone SE', width: 375, height: 667 },
  { id: 'iphone-14', label: 'iPhone 14', width: 390, height: 844 },
  { id: 'iphone-14-pro-max', label: 'iPhone 14 Pro Max', width: 430, height: 932 },
  { id: 'pixel-7', label: 'Pixel 7', width: 412, height: 915 },
  { id: 'galaxy-s20', label: 'Galaxy S20', width: 360, height: 800 },
  { id: 'ipad-mini', label: 'iPad mini', width: 768, height: 1024 },
  { id: 'ipad-air', label: 'iPad Air', width: 820, height: 1180 },
  { id: 'ipad-pro-12', label: 'iPad Pro 12.9″', width: 1024, height: 1366 },
];

/** Custom sizes outside this range are refused: smaller is no page, larger no screen. */
export const MIN_SIDE = 120;
export const MAX_SIDE = 4096;

/** What the menu is set to: fill the panel, a listed device, or a size the user typed. */
export type DeviceChoice =
  | { readonly kind: 'responsive' }
  | { readonly kind: 'device'; readonly id: string; readonly rotated: boolean }
  | { readonly kind: 'custom'; readonly width: number; readonly height: number; readonly rotated: boolean };

export const RESPONSIVE: DeviceChoice = { kind: 'responsive' };

/** The frame's size in CSS pixels, or undefined for responsive (the frame fills the panel). */
export function sizeOf(choice: DeviceChoice): { readonly width: number; readonly height: number } | undefined {
  let size: { width: number; height: number } | undefined;
  if (choice.kind === 'device') {
    const device = DEVICES.find((d) => d.id === choice.id);
    size = device && { width: device.width, height: device.height };
  } else if (choice.kind === 'custom') {
    size = { width: choice.width, height: choice.height };
  }
  if (!size || choice.kind === 'responsive') return undefined;
  return choice.rotated ? { width: size.height, height: size.width } : size;
}

/** The same choice turned a quarter (responsive has no orientation). */
export function rotate(choice: DeviceChoice): DeviceChoice {
  return choice.kind === 'responsive' ? choice : { ...choice, rotated: !choice.rotated };
}

/** "390 × 844", "1366 × 1024", "390x844" → a size; otherwise a sentence saying what is expected. */
export function parseCustomSize(text: string): { readonly width: number; readonly height: number } | string {
  const match = /^\s*(\d{1,5})\s*[x×*,]\s*(\d{1,5})\s*$/i.exec(text);
  if (!match) return 'Type a size as WIDTH×HEIGHT in CSS pixels, e.g. 390×844.';
  const width = Number(match[1]);
  const height = Number(match[2]);
  if (!inRange(width) || !inRange(height)) return `Each side must be from ${MIN_SIDE} to ${MAX_SIDE} pixels.`;
  return { width, height };
}

/** How much to shrink a frame of `size` so it fits in `room` (never enlarged). */
export function fitScale(size: { readonly width: number; readonly height: number }, room: { readonly width: number; readonly height: number }): number {
  if (room.width <= 0 || room.height <= 0) return 1;
  return Math.min(1, room.width / size.width, room.height / size.height);
}

/** "390 × 844 · 72%" for the toolbar. */
export function sizeLabel(size: { readonly width: number; readonly height: number } | undefined, scale: number): string {
  if (!size) return 'fills the panel';
  const percent = Math.round(scale * 100);
  return `${size.width} × ${size.height}${percent < 100 ? ` · ${percent}%` : ''}`;
}

/** The choice stored in the webview's state, or undefined when it is not one we wrote (old or altered state). */
export function parseDeviceChoice(value: unknown): DeviceChoice | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const rotated = v['rotated'] === true;
  if (v['kind'] === 'responsive') return RESPONSIVE;
  if (v['kind'] === 'device' && typeof v['id'] === 'string' && DEVICES.some((d) => d.id === v['id'])) return { kind: 'device', id: v['id'], rotated };
  if (v['kind'] === 'custom' && inRange(v['width']) && inRange(v['height'])) return { kind: 'custom', width: v['width'], height: v['height'], rotated };
  return undefined;
}

function inRange(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_SIDE && value <= MAX_SIDE;
}
