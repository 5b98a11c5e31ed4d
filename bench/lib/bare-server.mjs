// Baseline for the backend benchmark: a bare Fastify server on the same machine answering constant JSON of the
// same size as the real answers (GET and PUT), with the same logger level as the backend. No auth, no database.
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';

const bodies = JSON.parse(readFileSync(process.env.BARE_BODIES, 'utf8'));
const level = process.env.LOG_LEVEL || 'info';
const app = Fastify({ logger: level === 'silent' ? false : { level } });
const json = (reply, text) => reply.header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store').send(text);

app.get('/health', async () => ({ status: 'ok' }));
app.get('/api/v1/general-user/registration', async (_req, reply) => json(reply, bodies.get));
app.put('/api/v1/general-user/registration', async (_req, reply) => json(reply, bodies.put));

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
const stop = () => app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
