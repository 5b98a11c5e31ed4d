import { app } from 'electron';
import type { AppInfo } from '../src-shared/contract';

export function appInfo(backendUrl: string, keychainAvailable: boolean): AppInfo {
  return {
    appVersion: app.getVersion(),
    electronVersion: process.versions.electron ?? 'desconocida',
    backendUrl,
    keychainAvailable,
  };
}
