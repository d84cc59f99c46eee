/** The account and session API for routes and hooks; import from `$lib/server/auth`. */
export * from './accounts';
export * from './api-tokens';
export * from './cookies';
export * from './csrf';
export * from './guard';
export * from './handle-auth';
export * from './password';
export * from './session';
export * from './throttle';
export * from './validation';
export type * from './types';
