export * from './error-codes';
export * from './error-messages';
export * from './http';
export * from './bridge';
export * from './bridge-methods';
export * from './field-errors';
export * from './policy';
export * from './drafts';
