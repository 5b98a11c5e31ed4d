import { useEffect, useState, type FormEvent } from 'react';
import { ERROR_MESSAGES, SYSTEM_PROXY, SettingsUpdateSchema, fieldErrorsFrom, type ContractError, type ProxySettings, type SettingsView } from '../../src-shared/contract';
import { ecuapass } from '../bridge';
import { useAppStore } from '../state/app-store';
import { TextField } from '../components/TextField';
import { managedField } from '../components/managed-field';
import { DraftStorageNotice } from '../components/DraftStorageNotice';
import { useBridgeCall } from '../hooks/use-bridge-call';
import { FormAlert } from '../components/FormAlert';
import { ProxySettingsFields, proxyForMode } from './ProxySettingsFields';

/** "Configuración de conexión": the backend URL (validated, tested) and the idle lock. */
export function ConfiguracionScreen() {
  const signedIn = useAppStore((s) => s.session !== null);
  const [view, setView] = useState<SettingsView | null>(null);
  const [backendUrl, setBackendUrl] = useState('');
  const [idleMinutes, setIdleMinutes] = useState('');
  const [proxy, setProxy] = useState<ProxySettings>(SYSTEM_PROXY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<ContractError | null>(null);
  const { busy, call } = useBridgeCall();

  useEffect(() => {
    void ecuapass.getSettings().then((res) => {
      if (!res.ok) return setFailure(res.error);
      setView(res.value);
      setBackendUrl(res.value.backendUrl);
      setIdleMinutes(String(res.value.idleLockMinutes));
      setProxy(res.value.proxy);
    });
  }, []);

  // Machine policy (issue 10): what the organisation fixes is shown read-only and never sent.
  const urlManaged = view?.policy.fixed.includes('backendUrl') ?? false;
  const idleManaged = view?.policy.fixed.includes('idleLockMinutes') ?? false;
  const proxyManaged = view?.policy.fixed.includes('proxy') ?? false;

  function parse() {
    const parsed = SettingsUpdateSchema.safeParse({
      backendUrl: urlManaged ? undefined : backendUrl,
      idleLockMinutes: idleManaged || idleMinutes.trim() === '' ? undefined : Number(idleMinutes),
      proxy: proxyManaged ? undefined : proxyForMode(proxy),
    });
    setErrors(parsed.success ? {} : fieldErrorsFrom(parsed.error));
    return parsed.success ? parsed.data : null;
  }

  async function test() {
    setStatus(null);
    setFailure(null);
    setErrors({});
    const proxyChoice = proxyForMode(proxy);
    if (!proxyManaged) {
      const checked = SettingsUpdateSchema.safeParse({ proxy: proxyChoice });
      if (!checked.success) return setErrors(fieldErrorsFrom(checked.error));
    }
    // The URL and proxy on screen, saved or not (a policy's proxy is always the one main tests).
    const res = await call(() => ecuapass.testConnection({ backendUrl, ...(proxyManaged ? {} : { proxy: proxyChoice }) }));
    if (res.ok) setStatus('Conexión correcta: el servidor de Ecuapass respondió.');
    else {
      setFailure(res.error);
      if (res.error.fields) setErrors(res.error.fields);
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setStatus(null);
    setFailure(null);
    const update = parse();
    if (!update) return;
    const res = await call(() => ecuapass.updateSettings(update));
    if (!res.ok) {
      setFailure(res.error);
      if (res.error.fields) setErrors(res.error.fields);
      return;
    }
    setView(res.value);
    setStatus('Configuración guardada.');
  }

  function back() {
    const store = useAppStore.getState();
    if (store.session) store.goTo('portal');
    else store.goTo('login');
  }

  return (
    <main className={signedIn ? 'screen' : 'login-page'} aria-labelledby="settings-title">
      <form className={signedIn ? 'settings-form' : 'login-card settings-card'} onSubmit={(e) => void save(e)} noValidate>
        <h1 id="settings-title">Configuración de conexión</h1>
        <DraftStorageNotice />
        {status && (
          <p className="notice" role="status">
            {status}
          </p>
        )}
        <FormAlert>{failure?.message}</FormAlert>
        {view?.policy.status === 'invalid' && <FormAlert>{ERROR_MESSAGES.POLICY_INVALID}</FormAlert>}
        {view?.backendUrlSource === 'env' && (
          <p className="notice">
            La variable de entorno ECUAPASS_API_URL fija la dirección del servidor: lo guardado aquí se usará cuando no esté definida.
          </p>
        )}
        <TextField id="settings-url" label="Dirección del servidor Ecuapass" required type="url" value={backendUrl} onValueChange={setBackendUrl}
          error={errors.backendUrl} {...managedField(urlManaged, 'https://… (http solo para un servidor en este mismo equipo).')} />
        <button type="button" className="btn btn-secondary" onClick={() => void test()} disabled={busy}>
          Probar conexión
        </button>
        <TextField id="settings-idle" label="Bloqueo por inactividad (minutos)" required inputMode="numeric" value={idleMinutes} onValueChange={setIdleMinutes}
          error={errors.idleLockMinutes} {...managedField(idleManaged, 'Tras este tiempo sin uso, la sesión se cierra (equipos compartidos).')} />
        <ProxySettingsFields value={proxy} onChange={setProxy} errors={errors} managed={proxyManaged} />
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" onClick={back}>
            Volver
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || (urlManaged && idleManaged && proxyManaged)}>
            Guardar
          </button>
        </div>
      </form>
    </main>
  );
}
