import type { AwaitedAnswer, CapturedAnswer, PageCapture } from '../platforms/adapter.js';

/**
 * Keeps the first answer of its name that is about the account asked for; one
 * about another account is counted and passed over (proof rule 1).
 */
export function keepIfAbout(captured: PageCapture, wanted: AwaitedAnswer, answer: CapturedAnswer): void {
  if (captured.answers[wanted.name]) return;
  if (wanted.about && !wanted.about(answer)) {
    captured.passedOver = { ...captured.passedOver, [wanted.name]: (captured.passedOver?.[wanted.name] ?? 0) + 1 };
    return;
  }
  captured.answers[wanted.name] = answer;
}
