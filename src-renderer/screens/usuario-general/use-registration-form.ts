import { useCallback, useMemo, useRef, useState, type ChangeEvent } from 'react';
import type { Registration } from '../../../src-shared/contract';
import { useAppStore } from '../../state/app-store';
import { validateForm, type FormContext, type FormErrors } from './form-rules';
import { FIELD_ORDER, SECRET_FIELDS, valuesFromRegistration, type FieldName, type FormValues } from './form-values';

type Flags = Partial<Record<FieldName, boolean>>;

/**
 * The form's state over the shared rules. A field shows its error once the user has left it
 * (then on every keystroke), every field after "Modificar"; an error from the backend stays at
 * its field until that field changes. Validation is synchronous, so what is shown is always the
 * verdict on what is on screen.
 */
export function useRegistrationForm(
  registration: Registration,
  context: Pick<FormContext, 'emailVerified' | 'passwordVerified'>,
) {
  const { initial, restoredFromMemory } = useMemo(() => {
    const base = valuesFromRegistration(registration);
    const draft = useAppStore.getState().draft;
    if (!draft || draft.userId !== registration.userId) return { initial: base, restoredFromMemory: false };
    const restored = { ...base, ...draft.values } as FormValues;
    for (const secret of SECRET_FIELDS) (restored as unknown as Record<string, string>)[secret] = '';
    return { initial: restored, restoredFromMemory: true };
  }, [registration]);

  const [values, setValues] = useState<FormValues>(initial);
  const [touched, setTouched] = useState<Flags>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const elements = useRef(new Map<FieldName, HTMLElement>());

  const ctx: FormContext = {
    userId: registration.userId,
    currentName: registration.name,
    currentEmail: registration.email,
    version: registration.version,
    ...context,
  };
  const ruleErrors = validateForm(values, ctx);

  const errorOf = (name: FieldName): string | undefined =>
    serverErrors[name] ?? (submitted || touched[name] ? ruleErrors[name] : undefined);

  const setValue = useCallback((name: FieldName, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setServerErrors((e) => {
      if (!(name in e)) return e;
      const rest = { ...e };
      delete rest[name];
      return rest;
    });
  }, []);

  const setFocus = useCallback((name: FieldName) => {
    // After the render that may have just enabled the control.
    setTimeout(() => elements.current.get(name)?.focus(), 0);
  }, []);

  /** Props for a text input or select bound to one field. */
  function field(name: FieldName) {
    return {
      name,
      value: values[name],
      ref: (el: HTMLInputElement | HTMLSelectElement | null) => {
        if (el) elements.current.set(name, el);
        else elements.current.delete(name);
      },
      onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValue(name, e.target.value),
      onBlur: () => setTouched((t) => (t[name] ? t : { ...t, [name]: true })),
      error: errorOf(name),
    };
  }

  /** "Modificar": every rule; false (and the first field in error focused) when any fails. */
  function validateAll(): boolean {
    setSubmitted(true);
    const all = { ...ruleErrors, ...serverErrors };
    const first = FIELD_ORDER.find((f) => all[f] !== undefined);
    if (first) setFocus(first);
    return first === undefined;
  }

  function setFieldErrors(errors: FormErrors) {
    setServerErrors((e) => ({ ...e, ...errors }));
    const first = FIELD_ORDER.find((f) => errors[f] !== undefined);
    if (first) setFocus(first);
  }

  function clearFieldErrors(names: FieldName[]) {
    setServerErrors((e) => {
      const rest = { ...e };
      for (const n of names) delete rest[n];
      return rest;
    });
    setTouched((t) => {
      const rest = { ...t };
      for (const n of names) delete rest[n];
      return rest;
    });
  }

  /** After a successful save: the stored values, nothing touched, no errors. */
  function reset(next: FormValues) {
    setValues(next);
    setTouched({});
    setSubmitted(false);
    setServerErrors({});
  }

  return { values, field, errorOf, setValue, setFocus, validateAll, setFieldErrors, clearFieldErrors, reset, restoredFromMemory };
}

export type RegistrationFormApi = ReturnType<typeof useRegistrationForm>;
