import { EXIT } from '../errors.js';

/**
 * Ctrl-C or SIGTERM once: `onStop` (the scan winds down and writes what it
 * has). Twice: quit at once; the journal already holds every finished account.
 * Returns a function that removes the handlers.
 */
export function onStopSignals(onStop: () => void): () => void {
  let stopping = false;
  const handler = () => {
    if (stopping) process.exit(EXIT.interrupted);
    stopping = true;
    onStop();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
