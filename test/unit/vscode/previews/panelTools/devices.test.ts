import * as assert from 'node:assert/strict';
import { DEVICES, MAX_SIDE, MIN_SIDE, RESPONSIVE, fitScale, parseCustomSize, parseDeviceChoice, rotate, sizeLabel, sizeOf } from '../../../../../src/vscode/previews/panelTools/devices';

describe('panel device sizes', () => {
  it('lists phones and tablets with unique ids, portrait sizes, the iPhone 14 at 390×844', () => {
    assert.equal(new Set(DEVICES.map((d) => d.id)).size, DEVICES.length);
    for (const d of DEVICES) assert.ok(d.width < d.height, `${d.label} is portrait`);
    assert.deepEqual(sizeOf({ kind: 'device', id: 'iphone-14', rotated: false }), { width: 390, height: 844 });
    assert.ok(DEVICES.some((d) => d.width >= 768), 'a tablet is listed');
  });

  it('rotates by swapping the sides; responsive has no size and no rotation', () => {
    const phone = { kind: 'device', id: 'iphone-14', rotated: false } as const;
    assert.deepEqual(sizeOf(rotate(phone)), { width: 844, height: 390 });
    assert.deepEqual(sizeOf(rotate(rotate(phone))), { width: 390, height: 844 });
    assert.deepEqual(sizeOf(rotate({ kind: 'custom', width: 500, height: 300, rotated: false })), { width: 300, height: 500 });
    assert.equal(sizeOf(RESPONSIVE), undefined);
    assert.equal(rotate(RESPONSIVE), RESPONSIVE);
    assert.equal(sizeOf({ kind: 'device', id: 'no-such-phone', rotated: false }), undefined);
  });

  it('parses custom W×H and refuses sizes out of range or malformed, with a sentence', () => {
    assert.deepEqual(parseCustomSize('390×844'), { width: 390, height: 844 });
    assert.deepEqual(parseCustomSize(' 1280 x 720 '), { width: 1280, height: 720 });
    assert.match(parseCustomSize(`${MIN_SIDE - 1}x500`) as string, /from 120 to 4096/);
    assert.match(parseCustomSize(`500x${MAX_SIDE + 1}`) as string, /from 120 to 4096/);
    for (const bad of ['', '390', '390×', 'wide', '-390x844', '390.5x844']) assert.equal(typeof parseCustomSize(bad), 'string', bad);
  });

  it('scales a frame down to fit, never up, and labels size and scale', () => {
    assert.equal(fitScale({ width: 390, height: 844 }, { width: 1000, height: 1000 }), 1);
    assert.equal(fitScale({ width: 390, height: 844 }, { width: 1000, height: 422 }), 0.5);
    assert.equal(fitScale({ width: 1000, height: 500 }, { width: 250, height: 2000 }), 0.25);
    assert.equal(fitScale({ width: 390, height: 844 }, { width: 0, height: 0 }), 1);
    assert.equal(sizeLabel({ width: 390, height: 844 }, 1), '390 × 844');
    assert.equal(sizeLabel({ width: 390, height: 844 }, 0.5), '390 × 844 · 50%');
    assert.equal(sizeLabel(undefined, 1), 'fills the panel');
  });

  it('restores only choices it could have written', () => {
    assert.deepEqual(parseDeviceChoice({ kind: 'device', id: 'pixel-7', rotated: true }), { kind: 'device', id: 'pixel-7', rotated: true });
    assert.deepEqual(parseDeviceChoice({ kind: 'custom', width: 600, height: 900, rotated: false }), { kind: 'custom', width: 600, height: 900, rotated: false });
    assert.deepEqual(parseDeviceChoice({ kind: 'responsive' }), RESPONSIVE);
    for (const bad of [null, 'iphone-14', { kind: 'device', id: 'toaster' }, { kind: 'custom', width: 1e9, height: 900 }, { kind: 'custom', width: '600', height: 900 }]) {
      assert.equal(parseDeviceChoice(bad), undefined, JSON.stringify(bad));
    }
  });
});
