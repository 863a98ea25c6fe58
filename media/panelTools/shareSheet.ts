// The share sheet (issue 19): the QR code of the link just shared (drawn by the extension with a QR library, sent
// as a PNG data URL; CSP img-src allows data:), and the sandbox's shared links with expiry and Revoke. The sheet
// sends the extension only opaque ids, never a URL.
import type { SharesMessage } from '../../src/vscode/previews/panelTools/shareMessages';
import { expiryText } from '../../src/vscode/previews/signedAddress';
import type { WebviewMessage } from '../../src/vscode/previews/messages';
import { element } from './dom';

export interface ShareSheet {
  show(message: SharesMessage): void;
  renderExpiry(): void;
}

export function setUpShareSheet(post: (message: WebviewMessage) => void): ShareSheet {
  const sheet = element('share-sheet');
  const latest = element('share-latest');
  const qr = element<HTMLImageElement>('share-qr');
  const note = element('share-note');
  const list = element<HTMLUListElement>('share-list');
  const empty = element('share-empty');
  let rows: SharesMessage['links'] = [];

  element('share').addEventListener('click', () => post({ type: 'share' }));
  element('share-new').addEventListener('click', () => post({ type: 'share' }));
  element('share-revoke-all').addEventListener('click', () => post({ type: 'revokeAllShares' }));
  element('share-close').addEventListener('click', () => {
    sheet.hidden = true;
  });

  const renderList = (): void => {
    list.replaceChildren(
      ...rows.map((row) => {
        const item = document.createElement('li');
        const text = document.createElement('span');
        text.textContent = `${row.display} · ${expiryText(row.expiresAt, Date.now())}`;
        text.title = new Date(row.expiresAt).toLocaleString();
        const revoke = document.createElement('button');
        revoke.type = 'button';
        revoke.textContent = 'Revoke';
        revoke.dataset['shareId'] = row.id;
        revoke.addEventListener('click', () => post({ type: 'revokeShare', id: row.id }));
        item.append(text, revoke);
        return item;
      }),
    );
    empty.hidden = rows.length > 0;
    element<HTMLButtonElement>('share-revoke-all').disabled = rows.length === 0;
  };

  return {
    show(message) {
      rows = message.links;
      if (message.latest) {
        qr.src = message.latest.qr;
        qr.dataset['shareId'] = message.latest.id;
        note.textContent = message.latest.note;
        latest.hidden = false;
        sheet.hidden = false;
      } else if (!rows.some((r) => r.id === qr.dataset['shareId'])) {
        // The QR stays only while its link is alive: a revoked link's code must not be left to scan.
        qr.removeAttribute('src');
        delete qr.dataset['shareId'];
        latest.hidden = true;
      }
      renderList();
    },
    renderExpiry: renderList,
  };
}
