/**
 * The main process's one import of axios: its platform-neutral CommonJS build (`dist/browser/axios.cjs`, exported by
 * the package for this use). The default Node entry brings axios's http adapter and with it follow-redirects,
 * form-data, proxy-from-env, https-proxy-agent and node:http/https/http2/zlib/stream, none of which the app runs:
 * every backend call goes through the app's own adapter on Electron's net.request (net-request-adapter.ts), and plain
 * Node (the integration tests) uses axios's fetch adapter, which this build has. Loading it runs nothing but
 * definitions: no FinalizationRegistry, no Request (the fetch adapter's feature checks wait for its first use, which
 * the app never makes).
 */
import axios from 'axios/dist/browser/axios.cjs';
import type * as Types from 'axios';

export default axios;

export const AxiosError = axios.AxiosError;
export type AxiosError<T = unknown> = Types.AxiosError<T>;
export const AxiosHeaders = axios.AxiosHeaders;
export type AxiosHeaders = Types.AxiosHeaders;
export const CanceledError = axios.CanceledError;
export const isAxiosError = axios.isAxiosError;
