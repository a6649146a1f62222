export type * from './call-options';
export type * from './config';
export * from './error-type';
export type * from './events';
export type * from './health-store';
export type * from './result-check';
export type * from './results';
export type * from './telemetry';
