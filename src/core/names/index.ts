/** Name normalisation and structure: Arabic, Latin and the cross-script key. */
export * from './arabic-normalise.js';
export * from './latin-normalise.js';
export * from './phonetic-skeleton.js';
export * from './name-parts.js';
export * from './person-name.js';
export * from './bounded-memo.js';
