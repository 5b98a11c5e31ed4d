/** The one IPC channel of the proxy login window (its own preload; the app's bridge is not there). */
export const PROXY_LOGIN_CHANNEL = 'ecuapass-proxy-login:answer';
