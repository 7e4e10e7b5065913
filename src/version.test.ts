import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sijilVersion } from './version.js';

describe('sijilVersion', () => {
  it('is the version package.json gives', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(sijilVersion).toBe(pkg.version);
  });
});
