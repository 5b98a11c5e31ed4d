// A login flood in its own thread (issue #11 case 1): `clients` closed-loop clients, each from its own loopback
// address, sending wrong logins for random known and unknown IDs until told to stop. Reports the answers by status.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, sources, knownIds } = workerData;
const target = new URL(`${url}/api/v1/sessions`);
let running = true;
const statuses = {};
let sent = 0;

function post(localAddress, agent, body) {
  return new Promise((resolve) => {
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', localAddress, agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve('error'));
    req.end(body);
  });
}

async function client(localAddress, i) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let n = 0;
  while (running) {
    const known = n % 2 === 0;
    const userId = known ? knownIds[(i + n) % knownIds.length] : `nadie${i}x${n}`;
    const status = await post(localAddress, agent, JSON.stringify({ userId, password: `Incorrecta#${n++}` }));
    sent++;
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  agent.destroy();
}

const done = Promise.all(sources.map((s, i) => client(s, i)));
parentPort.on('message', async (m) => {
  if (m !== 'stop') return;
  running = false;
  await done;
  parentPort.postMessage({ sent, statuses });
});
