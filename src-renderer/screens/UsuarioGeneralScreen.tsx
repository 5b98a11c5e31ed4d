import { useEffect, useState } from 'react';
import type { ContractError } from '../../src-shared/contract';
import { ecuapass } from '../bridge';
import { useAppStore } from '../state/app-store';
import { UsuarioGeneralForm } from './usuario-general/UsuarioGeneralForm';
import { FormAlert } from '../components/FormAlert';
import { useBridgeCall } from '../hooks/use-bridge-call';

/** "Modificar información de registro para Usuario General" (instructivo §5.5): loads, then the form. */
export function UsuarioGeneralScreen() {
  const registration = useAppStore((s) => s.registration);
  const session = useAppStore((s) => s.session);
  const [error, setError] = useState<ContractError | null>(null);
  const { call } = useBridgeCall();

  useEffect(() => {
    if (registration) return;
    void call(() => ecuapass.getRegistration()).then((res) => {
      if (res.ok) useAppStore.getState().setRegistration(res.value);
      else if (res.error.code !== 'UNAUTHENTICATED') setError(res.error);
    });
  }, [registration, call]);

  return (
    <main className="screen" aria-labelledby="ug-title">
      <h1 id="ug-title">Modificar información de registro para Usuario General</h1>
      <FormAlert>{error?.message}</FormAlert>
      {!registration && !error && <p aria-busy="true">Cargando datos de registro…</p>}
      {registration && session && <UsuarioGeneralForm key={registration.userId} registration={registration} />}
    </main>
  );
}
