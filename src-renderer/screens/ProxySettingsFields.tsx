import { MANAGED_BY_ORGANIZATION, type ProxySettings } from '../../src-shared/contract';
import { managedField } from '../components/managed-field';
import { TextField } from '../components/TextField';

const MODES: Array<{ value: ProxySettings['mode']; label: string }> = [
  { value: 'system', label: 'Sistema' },
  { value: 'manual', label: 'Manual' },
  { value: 'pac', label: 'Automática (archivo PAC)' },
];

/** The proxy part of "Configuración de conexión": how requests reach the backend. No password here: see the proxy login. */
export function ProxySettingsFields({ value, onChange, errors, managed }: {
  value: ProxySettings;
  onChange: (next: ProxySettings) => void;
  errors: Record<string, string>;
  managed: boolean;
}) {
  const set = (patch: Partial<ProxySettings>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="form-section">
      <legend>Proxy</legend>
      <fieldset className="radio-group" role="radiogroup" aria-describedby="proxy-mode-hint">
        <legend>Conexión a través de un proxy</legend>
        <div className="radio-options">
          {MODES.map((m) => (
            <label key={m.value}>
              <input type="radio" name="proxyMode" value={m.value} checked={value.mode === m.value} disabled={managed}
                onChange={() => set({ mode: m.value })} />
              {m.label}
            </label>
          ))}
        </div>
        <p className="field-hint" id="proxy-mode-hint">
          {managed ? MANAGED_BY_ORGANIZATION : 'Sistema usa la configuración de proxy de este equipo.'}
        </p>
      </fieldset>
      {value.mode === 'manual' && (
        <>
          <TextField id="settings-proxy-server" label="Servidor proxy (host:puerto)" required value={value.server ?? ''}
            onValueChange={(server) => set({ server })} error={errors['proxy.server']} 
            {...managedField(managed, 'Por ejemplo proxy.empresa.local:8080.')} />
          <TextField id="settings-proxy-bypass" label="Excepciones (sin proxy)" value={value.bypass ?? ''}
            onValueChange={(bypass) => set({ bypass })} error={errors['proxy.bypass']} 
            {...managedField(managed, 'Equipos que se conectan directamente, separados por comas (por ejemplo *.empresa.local, <local>).')} />
        </>
      )}
      {value.mode === 'pac' && (
        <TextField id="settings-proxy-pac" label="Dirección del archivo PAC" required type="url" value={value.pacUrl ?? ''}
          onValueChange={(pacUrl) => set({ pacUrl })} error={errors['proxy.pacUrl']} 
          {...managedField(managed, 'http:// o https:// del archivo de configuración automática de su organización.')} />
      )}
    </fieldset>
  );
}

/** Only the keys of the chosen mode are sent (a hidden field's old text must not fail validation). */
export function proxyForMode(p: ProxySettings): ProxySettings {
  if (p.mode === 'manual') return { mode: 'manual', server: p.server ?? '', ...(p.bypass?.trim() ? { bypass: p.bypass } : {}) };
  if (p.mode === 'pac') return { mode: 'pac', pacUrl: p.pacUrl ?? '' };
  return { mode: 'system' };
}
