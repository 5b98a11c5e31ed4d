import { useState, type RefObject } from 'react';
import type { z } from 'zod';
import { fieldErrorsFrom, type ContractError, type Result } from '../../src-shared/contract';
import { useBridgeCall } from './use-bridge-call';

type Checked<T> = { success: true; data: T } | { success: false; error: z.ZodError };

/**
 * A form checked as typed (the shared zod schema), then sent through the bridge: the field messages, the form's
 * alert, the busy flag and the focus on the first field in error, the same way on every screen that uses it.
 */
export function useCheckedForm() {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<ContractError | null>(null);
  const { busy, call } = useBridgeCall();

  /** The valid values, or null after showing each field's message and focusing the first field in error (`order`). */
  function checked<T>(parsed: Checked<T>, order: readonly (readonly [string, RefObject<HTMLElement | null>])[]): T | null {
    if (parsed.success) return parsed.data;
    const found = fieldErrorsFrom(parsed.error);
    setFields(found);
    (order.find(([field]) => found[field]) ?? order.at(-1))?.[1].current?.focus();
    return null;
  }

  /** Sends the checked values; a refusal shows its field messages and its alert, and yields undefined. */
  async function send<T>(run: () => Promise<Result<T>>): Promise<{ value: T } | undefined> {
    setFields({});
    setError(null);
    const res = await call(run);
    if (res.ok) return { value: res.value };
    setFields(res.error.fields ?? {});
    setError(res.error);
    return undefined;
  }

  return { fields, error, busy, checked, send };
}
