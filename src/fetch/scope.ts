import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The account whose check is running, so that the archive can name the
 * records behind each verdict without every adapter passing it along.
 */
export const accountScope = new AsyncLocalStorage<string>();
