// The QR code of a shared link, drawn locally by the `qrcode` library (no network) as a PNG data URL the panel
// shows with CSP `img-src data:`. Medium error correction: a phone reads it off a screen at a glance.
import { toDataURL } from 'qrcode';

export function qrDataUrl(text: string): Promise<string> {
  return toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, scale: 5, type: 'image/png' });
}
