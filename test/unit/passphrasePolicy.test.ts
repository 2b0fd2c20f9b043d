import { describe, expect, it } from 'vitest';
import { checkNewPassphrase, checkPassphraseStrength, MIN_PASSPHRASE_LENGTH } from '../../shared/workspace/passphrasePolicy';

/**
 * Issue 17.5: the review found `password1234`, `Password1234` and `qwertyuiop12` accepted. The
 * check now asks an offline estimator (zxcvbn-ts with its common and English dictionaries) how
 * many guesses a passphrase would take, refuses the guessable ones saying why, and says how strong
 * an accepted one is.
 */
describe('checkPassphraseStrength', () => {
  it('refuses common and keyboard passwords padded to length, saying why and how strong', () => {
    for (const weak of ['password1234', 'Password1234', 'qwertyuiop12', 'iloveyou2013', 'abcdefghijkl', '123456789012', 'P@ssw0rd2024!']) {
      const check = checkPassphraseStrength(weak);
      expect(check.ok, weak).toBe(false);
      if (check.ok) continue;
      expect(check.message, weak).toMatch(/^Too easy to guess \(strength [0-3] of 4, about 10\^\d+ guesses; 4 of 4 is needed\)\. \S/);
      expect(check.strength?.score, weak).toBeLessThan(4);
    }
    const common = checkPassphraseStrength('password1234');
    expect(!common.ok && common.message).toContain('similar to a commonly used password');
  });

  it('refuses a passphrase built from the workspace name', () => {
    const check = checkPassphraseStrength('Barnet IOM expansion', ['Barnet IOM expansion']);
    expect(check.ok).toBe(false);
  });

  it('accepts a phrase of uncommon words and says how strong it is', () => {
    for (const strong of ['correct horse battery 42', 'a long passphrase of words', 'velvet tractor sings 1987']) {
      const check = checkPassphraseStrength(strong);
      expect(check.ok, strong).toBe(true);
      if (!check.ok) continue;
      expect(check.strength.score).toBe(4);
      expect(check.strength.summary).toMatch(/^Strength 4 of 4: about 10\^\d+ guesses/);
    }
  });

  it('still asks for the minimum length first, and matching confirmations', () => {
    const short = checkPassphraseStrength('Xq7#vLp2');
    expect(short).toMatchObject({ ok: false, message: `Use at least ${MIN_PASSPHRASE_LENGTH} characters (a short phrase of words is easiest).` });
    expect(checkNewPassphrase('correct horse battery 42', 'correct horse battery 43')).toMatchObject({ ok: false, message: 'The two passphrases do not match.' });
  });
});
