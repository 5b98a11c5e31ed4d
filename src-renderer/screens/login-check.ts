// The login's own check, loaded on first use rather than with the first screen (issue #15): the login paints
// without zod and the shared schemas, which come in while the user types.
export { LoginRequestSchema } from '../../src-shared/contract/http';
export { fieldErrorsFrom } from '../../src-shared/contract/field-errors';

export { verificationCodeField } from '../../src-shared/contract/account-security';
