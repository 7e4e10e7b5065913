/** Sijil's version, as package.json gives it (a test keeps the two equal). */
export const sijilVersion = '0.1.0';
