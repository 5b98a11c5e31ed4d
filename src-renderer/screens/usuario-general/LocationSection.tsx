import { useMemo } from 'react';
import { COUNTRIES, ECUADOR } from '../../../src-shared/catalog/countries';
import { PROVINCES, cantonsOf } from '../../../src-shared/catalog/ecuador-divisions';
import { MOBILE_CARRIERS } from '../../../src-shared/catalog/mobile-carriers';
import { SelectField } from '../../components/SelectField';
import { BoundText } from './BoundText';
import type { RegistrationFormApi } from './use-registration-form';

const COUNTRY_OPTIONS = COUNTRIES.map((c) => ({ value: c.code, label: c.name }));
const PROVINCE_OPTIONS = [...PROVINCES]
  .sort((a, b) => a.name.localeCompare(b.name, 'es'))
  .map((p) => ({ value: p.code, label: p.name }));
const CARRIER_OPTIONS = MOBILE_CARRIERS.map((c) => ({ value: c.code, label: c.label }));

/** País, Provincia, Ciudad (Ecuador only; Ciudad lists the cantons of the chosen Provincia), phones. */
export function LocationSection({ form }: { form: RegistrationFormApi }) {
  const { values, field, setValue } = form;
  const country = values.country;
  const province = values.province;
  const inEcuador = country === ECUADOR;
  const cityOptions = useMemo(
    () => cantonsOf(province).map((c) => ({ value: c.code, label: c.name })),
    [province],
  );

  const countryField = field('country');
  const provinceField = field('province');

  return (
    <fieldset className="form-section">
      <legend>Ubicación y contacto</legend>
      <SelectField
        id="ug-country"
        label="País"
        required
        options={COUNTRY_OPTIONS}
        placeholder="Seleccione el país…"
        hint="Escriba las primeras letras para buscar."
        {...countryField}
        onChange={(e) => {
          countryField.onChange(e);
          // Provincia and Ciudad exist only in Ecuador.
          if (e.target.value !== ECUADOR) {
            setValue('province', '');
            setValue('city', '');
          }
        }}
      />
      <SelectField
        id="ug-province"
        label="Provincia"
        required={inEcuador}
        disabled={!inEcuador}
        options={PROVINCE_OPTIONS}
        placeholder={inEcuador ? 'Seleccione la provincia…' : 'Solo para Ecuador'}
        {...provinceField}
        onChange={(e) => {
          provinceField.onChange(e);
          // Ciudad lists the cantons of the chosen Provincia: a new Provincia clears it.
          setValue('city', '');
        }}
      />
      <SelectField
        id="ug-city"
        label="Ciudad"
        required={inEcuador}
        disabled={!inEcuador || province === ''}
        options={cityOptions}
        placeholder={!inEcuador ? 'Solo para Ecuador' : province === '' ? 'Primero elija la Provincia' : 'Seleccione la ciudad…'}
        {...field('city')}
      />
      <BoundText form={form} name="phone1" id="ug-phone1" label="Teléfono1" required inputMode="numeric" maxLength={14}
        autoComplete="tel" hint={inEcuador ? 'Formato 0XXXXXXXX, con el código de área.' : 'Solo números, empezando con 0 y el código de área.'} />
      <BoundText form={form} name="phone2" id="ug-phone2" label="Teléfono2" inputMode="numeric" maxLength={14} />
      <SelectField
        id="ug-carrier"
        label="Operador"
        required
        options={CARRIER_OPTIONS}
        placeholder="Seleccione el operador…"
        {...field('carrier')}
      />
      <BoundText form={form} name="mobileNumber" id="ug-mobile" label="Celular" required inputMode="numeric" maxLength={14}
        autoComplete="tel" hint={inEcuador ? 'Formato 09XXXXXXXX.' : undefined} />
      <BoundText form={form} name="fax" id="ug-fax" label="Fax" inputMode="numeric" maxLength={14} />
    </fieldset>
  );
}
