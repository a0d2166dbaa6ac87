export * from './codec.js';
export { XdrError } from './errors.js';
export { XdrReader, pad4 } from './reader.js';
export { XdrWriter } from './writer.js';
