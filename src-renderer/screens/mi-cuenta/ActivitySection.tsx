import { useCallback, useEffect, useState } from 'react';
import { AUDIT_ACTIONS, ecuadorDateTime, type ActivityEvent, type ActivityPage, type AuditAction, type ContractError, type Result } from '../../../src-shared/contract';
import { useAppStore } from '../../state/app-store';
import { ecuapass } from '../../bridge';
import { FormAlert } from '../../components/FormAlert';
import { SelectField } from '../../components/SelectField';
import { useBridgeCall } from '../../hooks/use-bridge-call';
import { ACTION_LABELS, describeEvent, deviceLabel } from './labels';

const PAGE = 50;
const TYPE_OPTIONS = AUDIT_ACTIONS.map((a) => ({ value: a, label: ACTION_LABELS[a] }));

const page = (before: string | null, filter: AuditAction | '') =>
  ecuapass.getActivity({ limit: PAGE, ...(before ? { before } : {}), ...(filter ? { type: filter } : {}) });

/** "Actividad de la cuenta": the audit trail, newest first, 50 at a time ("Ver más"), filtered by type. */
export function ActivitySection({ refresh }: { refresh: number }) {
  const [type, setType] = useState<AuditAction | ''>('');
  const [events, setEvents] = useState<ActivityEvent[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const { busy, call } = useBridgeCall();

  const apply = useCallback((res: Result<ActivityPage>, appended: boolean) => {
    if (!res.ok) {
      if (res.error.code === 'UNAUTHENTICATED') useAppStore.getState().sessionExpired(res.error.message);
      else setError(res.error);
      return;
    }
    setError(null);
    setEvents((prev) => (appended && prev ? [...prev, ...res.value.events] : res.value.events));
    setCursor(res.value.nextCursor);
  }, []);
  const more = (before: string) => call(() => page(before, type)).then((res) => apply(res, true));

  // The first page, again whenever the filter changes or the screen says the trail grew.
  useEffect(() => {
    void page(null, type).then((res) => apply(res, false));
  }, [apply, type, refresh]);

  return (
    <section className="account-section" aria-labelledby="mc-activity-title">
      <h2 id="mc-activity-title">Actividad de la cuenta</h2>
      <div className="activity-filter">
        <SelectField
          id="mc-activity-type"
          label="Tipo de evento"
          placeholder="Todos los eventos"
          options={TYPE_OPTIONS}
          value={type}
          onChange={(e) => setType(e.target.value as AuditAction | '')}
        />
      </div>
      <FormAlert>{error?.message}</FormAlert>
      {events === null ? (
        <p aria-busy="true">Cargando…</p>
      ) : events.length === 0 ? (
        <p>No hay eventos{type ? ' de este tipo' : ''}.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Eventos de su cuenta, del más reciente al más antiguo (hora de Ecuador)</caption>
            <thead>
              <tr>
                <th scope="col">Fecha y hora</th>
                <th scope="col">Evento</th>
                <th scope="col">Equipo</th>
                <th scope="col">Dirección IP</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>{ecuadorDateTime(e.at)}</td>
                  <td>{describeEvent(e)}</td>
                  <td>{deviceLabel(e.device)}</td>
                  <td>{e.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="field-hint">Fechas y horas de Ecuador (America/Guayaquil).</p>
      {cursor && (
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void more(cursor)}>
            Ver más eventos
          </button>
        </div>
      )}
    </section>
  );
}
