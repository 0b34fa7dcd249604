export * from './campaigns.ts';
export * from './common.ts';
export * from './events.ts';
export * from './leads.ts';
export * from './lookup.ts';
export * from './me.ts';
export * from './talking-points.ts';
