import { useCallback, useEffect, useState } from 'react';
import { ecuadorDateTime, type ContractError, type Result, type SessionList, type SessionView } from '../../../src-shared/contract';
import { useAppStore } from '../../state/app-store';
import { ecuapass } from '../../bridge';
import { ConfirmDialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { useBridgeCall } from '../../hooks/use-bridge-call';

type Pending = { kind: 'one'; session: SessionView } | { kind: 'others' } | null;

/** "Sesiones activas": every live session of this user, "Este equipo" marked; close one, or all the others. */
export function SessionsSection({ onClosed }: { onClosed: () => void }) {
  const [sessions, setSessions] = useState<SessionView[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const { busy, call } = useBridgeCall();

  const apply = useCallback((res: Result<SessionList>) => {
    if (res.ok) {
      setSessions(res.value.sessions);
      setError(null);
    } else if (res.error.code === 'UNAUTHENTICATED') useAppStore.getState().sessionExpired(res.error.message);
    else setError(res.error);
  }, []);
  const load = () => call(() => ecuapass.listSessions()).then(apply);

  useEffect(() => {
    void ecuapass.listSessions().then(apply);
  }, [apply]);

  async function confirm(): Promise<void> {
    const what = pending;
    setPending(null);
    if (!what) return;
    if (what.kind === 'one') {
      const res = await call(() => ecuapass.closeSession({ id: what.session.id }));
      if (!res.ok) return res.error.code === 'UNAUTHENTICATED' ? undefined : setError(res.error);
      setStatus(`Se cerró la sesión de ${what.session.device.host ?? 'un equipo desconocido'}.`);
    } else {
      const res = await call(() => ecuapass.closeOtherSessions());
      if (!res.ok) return res.error.code === 'UNAUTHENTICATED' ? undefined : setError(res.error);
      setStatus(res.value.closed === 1 ? 'Se cerró 1 sesión.' : `Se cerraron ${res.value.closed} sesiones.`);
    }
    onClosed();
    await load();
  }

  const others = sessions?.filter((s) => !s.current).length ?? 0;
  return (
    <section className="account-section" aria-labelledby="mc-sessions-title">
      <h2 id="mc-sessions-title">Sesiones activas</h2>
      <FormAlert>{error?.message}</FormAlert>
      <p className="status-ok" role="status">
        {status}
      </p>
      {sessions === null ? (
        <p aria-busy="true">Cargando…</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Sesiones abiertas con su usuario</caption>
            <thead>
              <tr>
                <th scope="col">Equipo</th>
                <th scope="col">Sistema operativo</th>
                <th scope="col">Versión de la aplicación</th>
                <th scope="col">Dirección IP</th>
                <th scope="col">Inicio</th>
                <th scope="col">Último uso</th>
                <th scope="col">
                  <span className="visually-hidden">Acción</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} className={s.current ? 'row-current' : undefined}>
                  <th scope="row">
                    {s.device.host ?? 'Desconocido'}
                    {s.current && <span className="badge">Este equipo</span>}
                  </th>
                  <td>{s.device.os ?? '—'}</td>
                  <td>{s.device.app ?? '—'}</td>
                  <td>{s.ip ?? '—'}</td>
                  <td>{ecuadorDateTime(s.createdAt)}</td>
                  <td>{ecuadorDateTime(s.lastSeenAt)}</td>
                  <td>
                    {!s.current && (
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        aria-label={`Cerrar sesión de ${s.device.host ?? 'equipo desconocido'}, iniciada ${ecuadorDateTime(s.createdAt)}`}
                        disabled={busy}
                        onClick={() => setPending({ kind: 'one', session: s })}
                      >
                        Cerrar sesión
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void load()}>
          Actualizar
        </button>
        <button type="button" className="btn btn-primary" disabled={busy || others === 0} onClick={() => setPending({ kind: 'others' })}>
          Cerrar las demás sesiones
        </button>
      </div>
      <ConfirmDialog
        open={pending !== null}
        title="Cerrar sesión"
        message={
          pending?.kind === 'one'
            ? `¿Desea cerrar la sesión de ${pending.session.device.host ?? 'un equipo desconocido'}? Ese equipo deberá ingresar nuevamente.`
            : '¿Desea cerrar todas las demás sesiones? Solo seguirá abierta la sesión de este equipo.'
        }
        busy={busy}
        onYes={() => void confirm()}
        onNo={() => setPending(null)}
      />
    </section>
  );
}
