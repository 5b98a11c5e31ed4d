import type { AppInfo } from '../../src-shared/contract';

/** The text of Ayuda > Acerca de. */
export function aboutText(info: AppInfo, logFolder: string): string {
  return [
    `Versión de la aplicación: ${info.appVersion}`,
    `Versión de Electron: ${info.electronVersion}`,
    `Servidor Ecuapass: ${info.backendUrl}`,
    `Carpeta de registros (logs): ${logFolder}`,
    `Llavero del sistema: ${info.keychainAvailable ? 'disponible' : 'no disponible (la sesión no se recuerda)'}`,
  ].join('\n');
}
