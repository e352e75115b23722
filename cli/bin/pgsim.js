#!/usr/bin/env node
// Runs the TypeScript CLI directly: no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../cli.ts');
await runCli(process.argv);
