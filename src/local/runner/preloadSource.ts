// The Node preload injected into every process of an UNISOLATED sandbox (NODE_OPTIONS=--require; isolated
// sandboxes have a network of their own and need none) so that two sandboxes can
// both serve "port 3000" on one host. A listen on TCP port P really listens on 127.0.0.1 with an ephemeral
// port; P → actual is recorded as `<P>.json` in FORGE_PORT_MAP_DIR (atomic rename; removed on close), and
// server.address() reports P so dev servers print the port they were asked for. Loopback connects to a mapped
// P from inside the sandbox are redirected to the actual port. Kept as a string so it survives bundling; plain
// CommonJS, defensive everywhere: it must never break the process it is loaded into.
export const PRELOAD_SOURCE = String.raw`'use strict';
(function () {
  var dir = process.env.FORGE_PORT_MAP_DIR;
  if (!dir) return;
  var net, fs, pathMod;
  try { net = require('net'); fs = require('fs'); pathMod = require('path'); if (!fs.statSync(dir).isDirectory()) return; } catch (e) { return; }
  if (net.Server.prototype.__forgePortMap) return;
  try { Object.defineProperty(net.Server.prototype, '__forgePortMap', { value: true }); } catch (e) { return; }

  var owned = new Map();
  function isLoopback(host) { return host === 'localhost' || host === '::1' || /^127\./.test(String(host)); }
  function isPort(v) { var n = Number(v); return (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v))) && n > 0 && n < 65536; }
  function file(p) { return pathMod.join(dir, p + '.json'); }
  function readEntry(p) { try { return JSON.parse(fs.readFileSync(file(p), 'utf8')); } catch (e) { return undefined; } }
  function writeEntry(p, entry) {
    try { var tmp = file(p) + '.' + process.pid + '.' + Date.now() + '.tmp'; fs.writeFileSync(tmp, JSON.stringify(entry)); fs.renameSync(tmp, file(p)); } catch (e) {}
  }
  function removeEntry(p, actual) {
    try { var e = readEntry(p); if (e && e.actualPort === actual) fs.unlinkSync(file(p)); } catch (e) {}
  }
  function inUse(p, host) {
    var addr = host == null ? '::' : host;
    var err = new Error('listen EADDRINUSE: address already in use ' + addr + ':' + p);
    err.code = 'EADDRINUSE'; err.errno = -98; err.syscall = 'listen'; err.address = addr; err.port = p;
    return err;
  }
  function probe(port, done) {
    var finished = false;
    function finish(ok) { if (!finished) { finished = true; try { s.destroy(); } catch (e) {} done(ok); } }
    var s = origConnect.call(new net.Socket(), { port: port, host: '127.0.0.1' });
    s.once('connect', function () { finish(true); });
    s.once('error', function () { finish(false); });
    s.setTimeout(1000, function () { finish(false); });
  }
  function parseListen(args) {
    var a0 = args[0], cb = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
    if (a0 !== null && typeof a0 === 'object' && !Array.isArray(a0)) {
      if (a0.path != null || a0.fd != null || a0.handle != null || a0._handle != null || !isPort(a0.port)) return undefined;
      return { port: Number(a0.port), host: a0.host, args: [Object.assign({}, a0, { port: 0, host: '127.0.0.1', ipv6Only: false })].concat(cb ? [cb] : []) };
    }
    if (!isPort(a0)) return undefined;
    var host = typeof args[1] === 'string' ? args[1] : undefined;
    var backlog = typeof args[1] === 'number' ? args[1] : typeof args[2] === 'number' ? args[2] : undefined;
    var out = [0, '127.0.0.1'];
    if (backlog !== undefined) out.push(backlog);
    if (cb) out.push(cb);
    return { port: Number(a0), host: host, args: out };
  }

  var origListen = net.Server.prototype.listen;
  var origAddress = net.Server.prototype.address;
  var origConnect = net.Socket.prototype.connect;

  net.Server.prototype.listen = function () {
    var args = Array.prototype.slice.call(arguments);
    var req;
    try { req = parseListen(args); } catch (e) { req = undefined; }
    if (!req) return origListen.apply(this, args);
    var server = this;
    try {
      var mine = owned.get(req.port);
      if (mine && mine !== server) {
        process.nextTick(function () { server.emit('error', inUse(req.port, req.host)); });
        return server;
      }
      var existing = readEntry(req.port);
      if (existing && existing.actualPort) {
        probe(existing.actualPort, function (busy) {
          if (busy) server.emit('error', inUse(req.port, req.host));
          else start();
        });
        return server;
      }
    } catch (e) {}
    return start();

    function start() {
      owned.set(req.port, server);
      var actual;
      function release() {
        if (owned.get(req.port) === server) owned.delete(req.port);
        if (actual !== undefined) removeEntry(req.port, actual);
      }
      // Before the application's own listeners: a port probe (Vite 8) closes the server inside its
      // 'listening' handler, after which address() is null. Release on close and on a failed listen too.
      server.prependOnceListener('listening', function () {
        try {
          var addr = origAddress.call(server);
          if (!addr || typeof addr !== 'object') return;
          actual = addr.port;
          server.__forgeMapping = { requested: req.port, actual: addr.port, host: req.host };
          writeEntry(req.port, { port: req.port, actualPort: addr.port, host: req.host == null ? null : String(req.host), loopbackOnly: req.host != null && isLoopback(req.host), pid: process.pid, updatedAt: Date.now() });
        } catch (e) {}
      });
      server.once('close', release);
      server.once('error', function () { if (!server.listening) release(); });
      return origListen.apply(server, req.args);
    }
  };

  net.Server.prototype.address = function () {
    var a = origAddress.apply(this, arguments);
    try {
      var m = this.__forgeMapping;
      if (m && a && typeof a === 'object' && a.port === m.actual) {
        var host = m.host == null ? '::' : m.host === 'localhost' ? '127.0.0.1' : String(m.host);
        return { address: host, family: host.indexOf(':') >= 0 ? 'IPv6' : 'IPv4', port: m.requested };
      }
    } catch (e) {}
    return a;
  };

  function remapped(port, host) {
    if (host != null && host !== '' && !isLoopback(host)) return undefined;
    if (!isPort(port)) return undefined;
    var p = Number(port);
    var mine = owned.get(p);
    if (mine && mine.__forgeMapping) return mine.__forgeMapping.actual;
    var e = readEntry(p);
    return e && e.actualPort && e.actualPort !== p ? e.actualPort : undefined;
  }

  net.Socket.prototype.connect = function () {
    var args = Array.prototype.slice.call(arguments);
    try {
      var a0 = args[0];
      var opts = Array.isArray(a0) ? a0[0] : a0;
      if (opts !== null && typeof opts === 'object' && opts.path == null) {
        var t = remapped(opts.port, opts.host);
        if (t) { opts.port = t; opts.host = '127.0.0.1'; }
      } else if (isPort(a0)) {
        var host = typeof args[1] === 'string' ? args[1] : undefined;
        var t2 = remapped(a0, host);
        if (t2) {
          var cb = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
          args = [{ port: t2, host: '127.0.0.1' }].concat(cb ? [cb] : []);
        }
      }
    } catch (e) {}
    return origConnect.apply(this, args);
  };

  process.on('exit', function () {
    owned.forEach(function (server, port) {
      try { var m = server.__forgeMapping; if (m) removeEntry(port, m.actual); } catch (e) {}
    });
  });
})();
`;
