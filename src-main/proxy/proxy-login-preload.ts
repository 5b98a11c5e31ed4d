import { ipcRenderer } from 'electron';
import { PROXY_LOGIN_CHANNEL } from './proxy-login-channel';

// The proxy login window's page has no script of its own (its CSP allows none): this preload, in its isolated
// world, wires the static form and sends the answer straight to the main process. Nothing is exposed to the page.
window.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('proxy-login') as HTMLFormElement | null;
  const user = document.getElementById('proxy-user') as HTMLInputElement | null;
  const pass = document.getElementById('proxy-password') as HTMLInputElement | null;
  const remember = document.getElementById('proxy-remember') as HTMLInputElement | null;
  const cancel = document.getElementById('proxy-cancel');
  const error = document.getElementById('proxy-user-error');
  if (!form || !user || !pass || !remember || !cancel || !error) return;
  const sendCancel = () => ipcRenderer.send(PROXY_LOGIN_CHANNEL, { cancel: true });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (user.value.trim() === '') {
      user.setAttribute('aria-invalid', 'true');
      error.textContent = 'Ingrese el usuario del proxy.';
      user.focus();
      return;
    }
    ipcRenderer.send(PROXY_LOGIN_CHANNEL, { username: user.value.trim(), password: pass.value, remember: remember.checked });
    pass.value = '';
  });
  cancel.addEventListener('click', sendCancel);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') sendCancel();
  });
  user.focus();
});
