import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

/**
 * Minimum strength for a workspace passphrase. The passphrase is the only thing standing between a
 * copied file and the restricted data in it, and whoever copies the file can guess offline for as
 * long as they like, so the test is how many guesses it would take: zxcvbn-ts (offline, with its
 * common-password, name, word-frequency and keyboard-pattern dictionaries) estimates that, and
 * anything under 10^10 guesses (its top score, 4 of 4) is refused. Length alone is not enough:
 * "password1234" and "qwertyuiop12" are 12 characters and among the first guesses tried.
 */
export const MIN_PASSPHRASE_LENGTH = 12;
/** zxcvbn's score 4: at least 10^10 guesses. */
export const MIN_PASSPHRASE_SCORE = 4;

export interface PassphraseStrength {
  /** 0 (guessable in a handful of tries) to 4 (at least 10^10 guesses). */
  score: 0 | 1 | 2 | 3 | 4;
  guessesLog10: number;
  /** "Strength 4 of 4: about 10^17 guesses …", for the screen and the CLI. */
  summary: string;
}

export type PassphraseCheck = { ok: true; strength: PassphraseStrength } | { ok: false; message: string; strength?: PassphraseStrength };

let estimator: ZxcvbnFactory | null = null;

/** Built on first use: ranking the dictionaries takes a moment that only a passphrase check needs. */
function passphraseEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ translations, graphs: adjacencyGraphs, dictionary: { ...commonDictionary, ...englishDictionary } });
  return estimator;
}

/**
 * What the estimator makes of a passphrase; `context` holds words an attacker would try first
 * (the workspace name, the user's login), which count as known.
 */
export function estimatePassphraseStrength(passphrase: string, context: readonly string[] = []): PassphraseStrength & { warning: string | null; suggestions: string[] } {
  const result = passphraseEstimator().check(passphrase, context.filter((word) => word.trim() !== ''));
  const exponent = Math.floor(result.guessesLog10);
  return {
    score: result.score,
    guessesLog10: result.guessesLog10,
    summary: `Strength ${result.score} of 4: about 10^${exponent} guesses to find it`,
    warning: result.feedback.warning,
    suggestions: result.feedback.suggestions,
  };
}

export function checkPassphraseStrength(passphrase: string, context: readonly string[] = []): PassphraseCheck {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    return { ok: false, message: `Use at least ${MIN_PASSPHRASE_LENGTH} characters (a short phrase of words is easiest).` };
  }
  const { warning, suggestions, ...strength } = estimatePassphraseStrength(passphrase, context);
  if (strength.score < MIN_PASSPHRASE_SCORE) {
    const why = [warning, ...suggestions].filter((text): text is string => Boolean(text)).map((text) => text.replace(/\.?$/, '.'));
    const advice = why.length ? why.join(' ') : 'Add more words that are less common.';
    return {
      ok: false,
      message: `Too easy to guess (strength ${strength.score} of 4, about 10^${Math.floor(strength.guessesLog10)} guesses; 4 of 4 is needed). ${advice}`,
      strength,
    };
  }
  return { ok: true, strength: { ...strength, summary: `${strength.summary}.` } };
}

export function checkNewPassphrase(passphrase: string, confirmation: string, context: readonly string[] = []): PassphraseCheck {
  if (passphrase !== confirmation) return { ok: false, message: 'The two passphrases do not match.' };
  return checkPassphraseStrength(passphrase, context);
}
