import * as assert from 'node:assert/strict';
import { chooseBrowserTarget, unmappedSpelling } from '../../../../src/vscode/previews/browserChoice';

describe('Open in Browser: which address', () => {
  it('opens the link itself where the host leaves it alone (desktop VS Code, Daytona links)', () => {
    assert.deepEqual(chooseBrowserTarget('http://127.0.0.1:41234/', 'http://127.0.0.1:41234/'), { kind: 'signed', url: 'http://127.0.0.1:41234/' });
    assert.deepEqual(chooseBrowserTarget('https://3000-tok.proxy.daytona.works/', 'https://3000-tok.proxy.daytona.works/'), { kind: 'signed', url: 'https://3000-tok.proxy.daytona.works/' });
  });

  it("takes the host's mapping when it is a root origin of its own (SSH port forwarding, a proxy domain)", () => {
    assert.deepEqual(chooseBrowserTarget('http://127.0.0.1:41234/', 'http://localhost:52001/'), { kind: 'external', url: 'http://localhost:52001/' });
    assert.deepEqual(chooseBrowserTarget('http://127.0.0.1:41234/', 'https://41234.cs.example.com/'), { kind: 'external', url: 'https://41234.cs.example.com/' });
  });

  it("refuses code-server's /proxy/<port>/ and /absproxy/ (absolute asset paths would 404) and spells the link so it is not mapped again", () => {
    assert.deepEqual(chooseBrowserTarget('http://127.0.0.1:41234/', 'http://127.0.0.1:8080/proxy/41234/'), { kind: 'signed', url: 'http://127.0.0.1.:41234/' });
    assert.deepEqual(chooseBrowserTarget('http://127.0.0.1:41234/', 'https://code.example.com/absproxy/41234/'), { kind: 'signed', url: 'http://127.0.0.1.:41234/' });
  });

  it('writes an IPv4 loopback host with a trailing dot that a browser reads as the same origin', () => {
    assert.equal(unmappedSpelling('http://127.0.0.1:41234/a?b=1'), 'http://127.0.0.1.:41234/a?b=1');
    assert.equal(unmappedSpelling('http://localhost:3000/'), 'http://localhost:3000/', '`localhost.` would be another origin');
    assert.equal(unmappedSpelling('https://3000-tok.proxy.daytona.works/'), 'https://3000-tok.proxy.daytona.works/');
    // The browser's URL parser takes it back to the very origin the panel's frame uses.
    assert.equal(new URL(unmappedSpelling('http://127.0.0.1:41234/')).origin, 'http://127.0.0.1:41234');
  });
});
