#!/usr/bin/env node
// The executable shim: everything lives in dist/cli.js (built by `npm run build`, which `npm ci` runs).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
