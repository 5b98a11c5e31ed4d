import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Draft, Registration } from '../../../src-shared/contract';
import { ecuapass } from '../../bridge';
import { useLeaveGuard } from '../../state/leave-guard';
import { draftValuesOf, FIELD_LABELS, hasChanges, restoredValues } from './draft-values';
import { valuesFromRegistration, type FormValues } from './form-values';

/** At most this long between a keystroke and the draft on disk (the issue allows a second). */
const SAVE_DELAY_MS = 400;

export type DraftOffer =
  | { kind: 'none' }
  | { kind: 'offer'; draft: Draft }
  /** The draft file could not be read and was set aside. */
  | { kind: 'setAside' }
  /** Restored over newer server data: the fields the server changed. */
  | { kind: 'merged'; labels: string[] };

/**
 * The form's durable draft (issue 9): every change is written (debounced) to the main process's
 * draft file; when the form opens with a draft from an earlier run, it is offered (Restaurar /
 * Descartar). Also tells the unsaved-changes guard whether the form has changes.
 */
export function useDurableDraft(
  registration: Registration,
  values: FormValues,
  replaceValues: (next: FormValues) => void,
  /** The values came back from memory (same user after an expired session): nothing to offer. */
  restoredFromMemory: boolean,
) {
  const stored = useMemo(() => valuesFromRegistration(registration), [registration]);
  const dirty = hasChanges(values, stored);
  const [offer, setOffer] = useState<DraftOffer>({ kind: 'none' });
  // Until the offer is answered the draft on disk is the user's older work: do not overwrite it.
  const [decided, setDecided] = useState(restoredFromMemory);
  const saved = useRef(false);
  const latest = useRef({ values, stored, version: registration.version, dirty });
  useEffect(() => {
    latest.current = { values, stored, version: registration.version, dirty };
  });

  useEffect(() => {
    if (restoredFromMemory) return;
    let cancelled = false;
    void ecuapass.loadDraft().then((res) => {
      if (cancelled) return;
      if (res.ok && res.value.draft) setOffer({ kind: 'offer', draft: res.value.draft });
      else {
        if (res.ok && res.value.setAside) setOffer({ kind: 'setAside' });
        setDecided(true);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [restoredFromMemory]);

  const saveNow = useCallback(() => {
    const { values: v, stored: s, version, dirty: d } = latest.current;
    if (d) {
      saved.current = true;
      void ecuapass.saveDraft({ version, base: draftValuesOf(s), values: draftValuesOf(v) });
    } else if (saved.current) {
      // Back to what is stored: no draft to keep.
      saved.current = false;
      void ecuapass.discardDraft();
    }
  }, []);

  useEffect(() => {
    useLeaveGuard.getState().setUnsaved(dirty);
  }, [dirty]);

  useEffect(() => {
    if (!decided) return;
    const timer = setTimeout(saveNow, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [values, decided, saveNow]);

  useEffect(() => {
    useLeaveGuard.getState().setFlush(() => {
      if (decided) saveNow();
    });
  }, [decided, saveNow]);

  useEffect(
    () => () => {
      useLeaveGuard.getState().setUnsaved(false);
      useLeaveGuard.getState().setFlush(null);
    },
    [],
  );

  function restore() {
    if (offer.kind !== 'offer') return;
    const { values: next, serverChanged } = restoredValues(offer.draft, stored, registration.version);
    replaceValues(next);
    setOffer(serverChanged.length ? { kind: 'merged', labels: serverChanged.map((f) => FIELD_LABELS[f as keyof typeof FIELD_LABELS]) } : { kind: 'none' });
    setDecided(true);
  }

  function discard() {
    void ecuapass.discardDraft();
    setOffer({ kind: 'none' });
    setDecided(true);
  }

  return { offer, restore, discard, dismiss: () => setOffer({ kind: 'none' }) };
}
