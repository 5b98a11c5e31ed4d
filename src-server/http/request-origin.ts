import type { FastifyRequest } from 'fastify';
import { DEVICE_HEADER, parseDeviceHeader, type DeviceInfo } from '../../src-shared/contract/device';

/**
 * Where a request came from, as recorded with sessions and audit rows: the workstation the app describes in
 * X-Ecuapass-Device (length-limited, shown to the user, never trusted for anything else) and the client's IP.
 */
export interface RequestOrigin {
  device: DeviceInfo;
  ip: string;
}

export function originOf(request: FastifyRequest): RequestOrigin {
  const raw = request.headers[DEVICE_HEADER.toLowerCase()];
  return { device: parseDeviceHeader(typeof raw === 'string' ? raw : undefined), ip: request.ip };
}
