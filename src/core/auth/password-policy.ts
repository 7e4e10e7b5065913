/**
 * Passwords guard lists that can get people hurt: long enough to resist guessing, and not one of
 * the passwords every attacker tries first. Length beats composition rules (NIST SP 800-63B).
 */
const minLength = 12;
const maxLength = 256;
const common = new Set([
  'password1234',
  'passwordpassword',
  '123456789012',
  '1234567890123',
  'qwertyuiopas',
  'qwerty123456',
  'iloveyou1234',
  'adminadmin12',
  'administrator',
  'welcome12345',
  'letmein12345',
  'changeme1234',
  'sijilsijil12',
  'palestine1234',
  'freepalestine',
  'syria1234567',
]);

/** Null when the password is acceptable, else the reason, in words a person can act on. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < minLength) return `a password needs at least ${minLength} characters`;
  if (password.length > maxLength) return `a password may have at most ${maxLength} characters`;
  const lower = password.toLowerCase();
  if (common.has(lower) || /^(.)\1+$/.test(password))
    return 'this password is among the first any attacker tries';
  if (email && lower.includes(email.split('@')[0]!.toLowerCase()))
    return 'a password must not contain your email name';
  return null;
}
