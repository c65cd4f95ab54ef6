// A mail server for the browser tests: accepts every message on a free port of 127.0.0.1 and
// writes each, as received, to <dir>/<n>.eml, so a spec can read what Inovasi e-mailed. Speaks
// just enough of RFC 5321 for lettre (no TLS, no authentication). Writes its port to <port-file>
// once listening.
//   node scripts/smtp-sink.mjs <dir> <port-file>
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const [dir, portFile] = process.argv.slice(2);
fs.mkdirSync(dir, { recursive: true });
let count = 0;

const server = net.createServer((socket) => {
  socket.setEncoding('utf8');
  socket.on('error', () => {});
  socket.write('220 sink ESMTP\r\n');
  let pending = '';
  let data = null;
  socket.on('data', (chunk) => {
    pending += chunk;
    let end;
    while ((end = pending.indexOf('\r\n')) >= 0) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 2);
      if (data !== null) {
        if (line === '.') {
          count += 1;
          fs.writeFileSync(path.join(dir, `${count}.eml`), data);
          data = null;
          socket.write('250 queued\r\n');
        } else {
          data += (line.startsWith('..') ? line.slice(1) : line) + '\n';
        }
        continue;
      }
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') socket.write('250-sink\r\n250 8BITMIME\r\n');
      else if (verb === 'DATA') {
        data = '';
        socket.write('354 go ahead\r\n');
      } else if (verb === 'QUIT') socket.end('221 bye\r\n');
      else socket.write('250 ok\r\n');
    }
  });
});
server.listen(0, '127.0.0.1', () => fs.writeFileSync(portFile, String(server.address().port)));
