// Loaded into the web process (`--import`, set by scripts/supervisor.ts) before Next starts.
// `next start` keeps a client's X-Forwarded-For untouched and records the socket's address only when
// the header is absent (next/dist/server/base-server.js: `x-forwarded-for ??= remoteAddress`), so a
// client could name any address it likes. Like a reverse proxy, this appends the address of the
// socket the server accepted to every request's X-Forwarded-For: the last entry is then always a
// fact, and lib/net/client-address.ts reads from the right, believing only TRUSTED_PROXIES hops.
import http from "node:http";
import https from "node:https";

function appendPeerAddress(listener) {
  return function onRequest(req, res) {
    const peer = req.socket.remoteAddress;
    if (peer) {
      const prior = req.headers["x-forwarded-for"];
      req.headers["x-forwarded-for"] = prior ? `${prior}, ${peer}` : peer;
    }
    return listener.call(this, req, res);
  };
}

for (const mod of [http, https]) {
  const createServer = mod.createServer;
  mod.createServer = function createServerWithPeerAddress(...args) {
    const at = args.findIndex((arg) => typeof arg === "function");
    if (at !== -1) args[at] = appendPeerAddress(args[at]);
    return createServer.apply(this, args);
  };
}
