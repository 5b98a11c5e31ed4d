import type { Socket } from 'node:net';
import { ERROR_MESSAGES } from '../../src-shared/contract';

/**
 * Bytes that are not valid HTTP never reach a route: Node's parser rejects them. They still get
 * the contract's error body (400 BAD_REQUEST) instead of Fastify's default one.
 */
export function clientErrorHandler(_error: Error, socket: Socket): void {
  if (!socket.writable) return;
  const body = JSON.stringify({ error: { code: 'BAD_REQUEST', message: ERROR_MESSAGES.BAD_REQUEST } });
  socket.end(
    'HTTP/1.1 400 Bad Request\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
