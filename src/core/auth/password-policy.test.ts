import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it('accepts a long passphrase, in any script', () => {
    expect(passwordProblem('olive trees by the sea')).toBeNull();
    expect(passwordProblem('شجرة زيتون قرب البحر')).toBeNull();
  });

  it('refuses short, common, repeated and email-derived passwords', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('FreePalestine')).toMatch(/first any attacker tries/);
    expect(passwordProblem('aaaaaaaaaaaaaa')).toMatch(/first any attacker tries/);
    expect(passwordProblem('layla.documents-2024', 'layla.documents@example.org')).toMatch(
      /email name/,
    );
  });
});
