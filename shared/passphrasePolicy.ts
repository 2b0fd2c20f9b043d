/**
 * Minimum strength for a workspace passphrase. The passphrase is the only thing standing between a
 * copied file and the restricted data in it, so length matters more than symbol rules: a long
 * phrase of words passes, a short mixed-case password does not.
 */
export const MIN_PASSPHRASE_LENGTH = 12;

export type PassphraseCheck = { ok: true } | { ok: false; message: string };

export function checkPassphraseStrength(passphrase: string): PassphraseCheck {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    return { ok: false, message: `Use at least ${MIN_PASSPHRASE_LENGTH} characters (a short phrase of words is easiest).` };
  }
  if (new Set(passphrase).size < 6) {
    return { ok: false, message: 'Use a passphrase with more variety than a repeated character or two.' };
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(passphrase)).length;
  if (passphrase.length < 20 && classes < 2) {
    return { ok: false, message: 'Mix letters with digits, capitals or spaces, or use 20 characters or more.' };
  }
  return { ok: true };
}

export function checkNewPassphrase(passphrase: string, confirmation: string): PassphraseCheck {
  if (passphrase !== confirmation) return { ok: false, message: 'The two passphrases do not match.' };
  return checkPassphraseStrength(passphrase);
}
