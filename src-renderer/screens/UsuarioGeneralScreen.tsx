import { useEffect, useState } from 'react';
import type { ContractError } from '../../src-shared/contract';
import { ecuapass } from '../bridge';
import { useAppStore } from '../state/app-store';
import { UsuarioGeneralForm } from './usuario-general/UsuarioGeneralForm';

/** "Modificar información de registro para Usuario General" (instructivo §5.5): loads, then the form. */
export function UsuarioGeneralScreen() {
  const registration = useAppStore((s) => s.registration);
  const session = useAppStore((s) => s.session);
  const [error, setError] = useState<ContractError | null>(null);

  useEffect(() => {
    if (registration) return;
    void ecuapass.getRegistration().then((res) => {
      if (res.ok) useAppStore.getState().setRegistration(res.value);
      else if (res.error.code === 'UNAUTHENTICATED') useAppStore.getState().sessionExpired(res.error.message);
      else setError(res.error);
    });
  }, [registration]);

  return (
    <main className="screen" aria-labelledby="ug-title">
      <h1 id="ug-title">Modificar información de registro para Usuario General</h1>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {!registration && !error && <p aria-busy="true">Cargando datos de registro…</p>}
      {registration && session && <UsuarioGeneralForm key={registration.userId} registration={registration} />}
    </main>
  );
}
