import { Menu, dialog, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

/**
 * The Spanish application menu. No "Recargar": reloading the page would drop what the user typed.
 */
export function buildAppMenu(getWindow: () => BrowserWindow | null, about: () => string): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Archivo',
      submenu: [isMac ? { role: 'close', label: 'Cerrar ventana' } : { role: 'quit', label: 'Salir' }],
    },
    {
      label: 'Editar',
      submenu: [
        { role: 'undo', label: 'Deshacer' },
        { role: 'redo', label: 'Rehacer' },
        { type: 'separator' },
        { role: 'cut', label: 'Cortar' },
        { role: 'copy', label: 'Copiar' },
        { role: 'paste', label: 'Pegar' },
        { role: 'selectAll', label: 'Seleccionar todo' },
      ],
    },
    {
      label: 'Ver',
      submenu: [
        { role: 'resetZoom', label: 'Tamaño real' },
        { role: 'zoomIn', label: 'Acercar' },
        { role: 'zoomOut', label: 'Alejar' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Pantalla completa' },
      ],
    },
    {
      label: 'Ayuda',
      submenu: [
        {
          label: 'Acerca de Ecuapass Desktop',
          click: () => {
            const win = getWindow();
            const options = { type: 'info' as const, title: 'Acerca de Ecuapass Desktop', message: 'Ecuapass Desktop', detail: about(), buttons: ['Aceptar'] };
            void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
          },
        },
      ],
    },
  ];
  if (isMac) template.unshift({ label: 'Ecuapass Desktop', submenu: [{ role: 'quit', label: 'Salir de Ecuapass Desktop' }] });
  return Menu.buildFromTemplate(template);
}
