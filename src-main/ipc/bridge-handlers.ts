import type { BridgeMethodName, BridgeOutput, Result } from '../../src-shared/contract';
import type { bridgeContract } from '../../src-shared/contract';
import type { z } from 'zod';

/** One implementation per bridge method, receiving the payload already validated by its schema. */
export type BridgeHandlers = {
  readonly [M in BridgeMethodName]: (
    input: z.output<(typeof bridgeContract)[M]['input']>,
  ) => Promise<Result<BridgeOutput<M>>>;
};
