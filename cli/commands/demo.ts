import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { demoView } from '../../scenarios/demo-view.ts';
import { formatValue } from '../../scenarios/reporters/reporter.ts';
import { describeStep, runScenario } from '../../scenarios/runner.ts';
import { CliError } from '../cli-error.ts';
import { loadScenarios } from './scenarios.ts';

interface DemoOptions {
  auto?: boolean;
  pace: string;
}

/** Enter on stdin moves to the next step; presses typed ahead are kept, and a closed stdin never waits. */
function enterKey(): { wait(prompt: string): Promise<void>; close(): void } {
  const rl = createInterface({ input: process.stdin });
  let pressed = 0;
  let waiting: (() => void) | undefined;
  let closed = false;
  rl.on('line', () => {
    if (waiting) {
      const w = waiting;
      waiting = undefined;
      w();
    } else pressed++;
  });
  rl.on('close', () => {
    closed = true;
    waiting?.();
  });
  return {
    wait(prompt) {
      process.stdout.write(prompt);
      if (pressed > 0) {
        pressed--;
        process.stdout.write('\n');
        return Promise.resolve();
      }
      if (closed) {
        process.stdout.write('\n');
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    close: () => rl.close(),
  };
}

export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'trainer mode: play one scenario step by step with narration, status and presence (Enter for the next step)',
    )
    .argument('<id>', 'catalog id or scenario file')
    .option('--auto', 'play without waiting for Enter')
    .option('--pace <ms>', 'with --auto: pause between steps (milliseconds of real time)', '1500')
    .action(async (ref: string, opts: DemoOptions) => {
      const [s] = loadScenarios([ref]);
      if (!s) return;
      const pace = Number(opts.pace);
      if (!Number.isInteger(pace) || pace < 0)
        throw new CliError(`--pace must be a number of milliseconds, got "${opts.pace}"`);
      const out = (text: string) => process.stdout.write(`${text}\n`);
      const keys = opts.auto ? undefined : enterKey();
      const pause = async () => {
        if (keys) await keys.wait('  [Enter] next step ');
        else if (pace > 0) await new Promise((r) => setTimeout(r, pace));
      };
      out(`\n=== ${s.title} ===`);
      out(`Section: ${s.section}`);
      out(`Symptom: ${s.symptom}\nCause:   ${s.cause}\nFix:     ${s.fix}\n`);
      try {
        const result = await runScenario(s, {
          ready: async (lab) => {
            out('The lab is up.');
            out(await demoView(lab));
          },
          beforeStep: async (step, index) => {
            await pause();
            out(`\n--- step ${index + 1}/${s.steps.length} ---`);
            out('say' in step ? `>> ${step.say}` : describeStep(step));
          },
          afterStep: async (record, lab) => {
            if (record.kind === 'say') return;
            if (record.outcome) out(`   ${record.outcome}`);
            if (record.error) out(`   ERROR: ${record.error}`);
            for (const c of record.checks ?? [])
              out(
                `   ${c.ok ? 'ok  ' : 'FAIL'} ${c.what}: ${formatValue(c.observed)}${c.ok ? '' : ` (expected ${formatValue(c.expected)})`}`,
              );
            out(await demoView(lab));
          },
        });
        out(`\n${result.ok ? 'Scenario complete: every expectation held.' : 'Scenario FAILED.'}`);
        if (!result.ok) throw new CliError(`scenario ${s.id} failed${result.error ? `: ${result.error}` : ''}`, 1);
      } finally {
        keys?.close();
      }
    });
}
