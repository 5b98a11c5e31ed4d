import type { FastifyInstance } from 'fastify';

/** Largest accepted request body (docs/architecture.md §5); bigger bodies get 413 PAYLOAD_TOO_LARGE. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The API speaks JSON only: Fastify's built-in text/plain parser goes, so a text body is refused
 * (415 inside Fastify, mapped to 400 BAD_REQUEST by the error handler) instead of reaching a route.
 */
export function acceptJsonOnly(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
}
