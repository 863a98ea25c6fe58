import * as assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { qrDataUrl } from '../../../src/core/qrCode';

describe('shared link QR code', () => {
  it('draws a PNG data URL that a QR decoder reads back as the link', async () => {
    const link = 'http://127.0.0.1:41234/?DAYTONA_SANDBOX_AUTH_KEY=k3q9zt2m8xw4v7pa0123456789abcdef';
    const url = await qrDataUrl(link);
    assert.match(url, /^data:image\/png;base64,/);
    const png = PNG.sync.read(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
    assert.equal(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data, link);
  });
});
