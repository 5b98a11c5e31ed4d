import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_MESSAGES, ErrorBodySchema, type ErrorBody, type ErrorCode, type FieldErrors } from '../../src-shared/contract';
import { isDatabaseUnavailable, isStorageUnavailable } from '../db/dialect';
import { SERVER_MSG } from '../general-user/messages';
import { AppError } from './app-error';

/** 503 when the database cannot take the write (disk full, read-only, locked too long): the user may retry later. */
export const STORAGE_UNAVAILABLE_MESSAGE =
  'El servidor de Ecuapass no puede guardar datos en este momento. Sus datos no se modificaron; intente nuevamente en unos minutos.';

function errorBody(code: ErrorCode, message: string, fields?: FieldErrors): ErrorBody {
  return ErrorBodySchema.parse({ error: fields ? { code, message, fields } : { code, message } });
}

export function sendError(reply: FastifyReply, status: number, code: ErrorCode, message = ERROR_MESSAGES[code], fields?: FieldErrors) {
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(errorBody(code, message, fields));
}

/**
 * Maps Fastify's own client errors (body parsing, content type, size, bad URL) to contract codes.
 * Anything 4xx that Fastify raises is the client's mistake; only 413 gets its own code.
 */
function clientErrorCode(status: number): ErrorCode {
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 404) return 'NOT_FOUND';
  return 'BAD_REQUEST';
}

function isFastifyClientError(error: unknown): error is FastifyError & { statusCode: number } {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Every error leaves as `{ error: { code, message, fields? } }` (docs/architecture.md §5). A client mistake is
 * never a 500; a real bug is a 500 INTERNAL with a generic Spanish message and a log entry.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      reply.headers(error.headers);
      return sendError(reply, error.status, error.code, error.message, error.fields);
    }
    if (isFastifyClientError(error)) {
      const code = clientErrorCode(error.statusCode);
      request.log.info({ err: { code: error.code, message: error.message } }, 'client error');
      return sendError(reply, code === 'BAD_REQUEST' ? 400 : error.statusCode, code);
    }
    if (isStorageUnavailable(error)) {
      // The operator must see this at once (free disk space, fix permissions); the client just retries later.
      request.log.error({ err: error }, 'database cannot take writes');
      reply.header('retry-after', '5');
      return sendError(reply, 503, 'INTERNAL', STORAGE_UNAVAILABLE_MESSAGE);
    }
    if (isDatabaseUnavailable(error)) {
      // Not a bug and not the client's fault: the database is down or restarting. 503 tells a proxy
      // and the desktop app to try again; the instance stays up and recovers by itself.
      request.log.warn({ err: { code: (error as { code?: unknown }).code, message: (error as Error).message } }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendError(reply, 503, 'INTERNAL', SERVER_MSG.databaseUnavailable);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 500, 'INTERNAL');
  });

  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'NOT_FOUND'));
}

/** Framework errors raised before routing (a malformed URL): the client's mistake, same body shape. */
export function frameworkErrorHandler(_error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  return sendError(reply, 400, 'BAD_REQUEST');
}
