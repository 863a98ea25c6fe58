// The QR code of a shared preview link, drawn locally by the `qrcode` library (no network) as a PNG data URL the panel
// shows with CSP `img-src data:`. Medium error correction: a phone reads it off a screen at a glance. Imported on
// first use, so activation does not evaluate the library.
export async function qrDataUrl(text: string): Promise<string> {
  const { toDataURL } = await import('qrcode');
  return toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, scale: 5, type: 'image/png' });
}
