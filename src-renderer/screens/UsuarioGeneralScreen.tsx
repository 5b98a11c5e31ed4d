import { useEffect, useState } from 'react';
import type { ContractError } from '../../src-shared/contract';
import { countryName } from '../../src-shared/catalog/countries';
import { findCanton, findProvince } from '../../src-shared/catalog/ecuador-divisions';
import { MOBILE_CARRIERS } from '../../src-shared/catalog/mobile-carriers';
import { ecuapass } from '../bridge';
import { useAppStore } from '../state/app-store';
import { TextField } from '../components/TextField';

/**
 * "Modificar información de registro para Usuario General" (instructivo §5.5): every field of the
 * instructivo with its label, showing the stored registration.
 */
export function UsuarioGeneralScreen() {
  const registration = useAppStore((s) => s.registration);
  const [error, setError] = useState<ContractError | null>(null);

  useEffect(() => {
    void ecuapass.getRegistration().then((res) => {
      if (res.ok) useAppStore.getState().setRegistration(res.value);
      else if (res.error.code === 'UNAUTHENTICATED') useAppStore.getState().signedOut(res.error.message);
      else setError(res.error);
    });
  }, []);

  return (
    <main className="screen" aria-labelledby="ug-title">
      <h1 id="ug-title">Modificar información de registro para Usuario General</h1>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {!registration && !error && <p aria-busy="true">Cargando datos de registro…</p>}
      {registration && (
        <form className="registration-form" aria-labelledby="ug-title" onSubmit={(e) => e.preventDefault()}>
          <fieldset className="form-section">
            <legend>Datos del usuario</legend>
            <TextField id="ug-userId" label="ID.usuario" value={registration.userId} readOnly required />
            <TextField id="ug-idDocument" label="Doc. Identificación" value={registration.idDocument} readOnly required />
            <TextField id="ug-name" label="Nombre de Usuario" value={registration.name} readOnly required />
          </fieldset>
          <fieldset className="form-section">
            <legend>Contraseña</legend>
            <TextField id="ug-currentPassword" label="Contraseña anterior" type="password" value="" disabled />
            <TextField id="ug-newPassword" label="Contraseña" type="password" value="" disabled />
            <TextField id="ug-passwordConfirmation" label="Confirmación de contraseña" type="password" value="" disabled />
          </fieldset>
          <fieldset className="form-section">
            <legend>Ubicación y contacto</legend>
            <TextField id="ug-country" label="País" value={countryName(registration.country) ?? registration.country} readOnly required />
            <TextField id="ug-province" label="Provincia" value={registration.province ? (findProvince(registration.province)?.name ?? registration.province) : ''} readOnly />
            <TextField id="ug-city" label="Ciudad" value={registration.city ? (findCanton(registration.city)?.name ?? registration.city) : ''} readOnly />
            <TextField id="ug-phone1" label="Teléfono1" value={registration.phone1} readOnly required />
            <TextField id="ug-phone2" label="Teléfono2" value={registration.phone2 ?? ''} readOnly />
            <TextField id="ug-carrier" label="Operador" value={MOBILE_CARRIERS.find((c) => c.code === registration.mobile.carrier)?.label ?? ''} readOnly required />
            <TextField id="ug-mobile" label="Celular" value={registration.mobile.number} readOnly required />
            <TextField id="ug-fax" label="Fax" value={registration.fax ?? ''} readOnly />
          </fieldset>
          <fieldset className="form-section">
            <legend>Correo electrónico</legend>
            <TextField id="ug-email" label="Correo electrónico" value={registration.email} readOnly required />
            <TextField id="ug-senaeEmail" label="Senae correo electrónico" value={registration.senaeEmail} readOnly />
          </fieldset>
        </form>
      )}
    </main>
  );
}
