export * from './state';
export * from './store';
export * from './derive';
export * from './hooks';
export * from './url';
export * from './remap';
export { startSync, loadInitial, readStored } from './persist';
export { LaneContext, type Lane } from './lane';
