import type { ShBlock } from './markdown-sh-blocks.ts';

/** One command of a block: what bash runs, and the output the page says it gives. */
export interface ShCommand {
  line: number;
  text: string;
  /** Ends in `&`: started in the background, ready before the next command runs, stopped at the block's end. */
  background: boolean;
  /** Each `# -> TEXT` (trailing the command, or on the lines right after it), in order. */
  expect: string[];
}

const ARROW = /^#\s*->\s?(.*)$/;

/** Split a block into commands: `\` continues a line, `# ->` lines are expected output, other `#` lines are prose. */
export function shCommands(block: ShBlock): ShCommand[] {
  const commands: ShCommand[] = [];
  for (let i = 0; i < block.lines.length; i++) {
    const raw = (block.lines[i] ?? '').trim();
    if (raw === '') continue;
    const arrow = ARROW.exec(raw);
    if (arrow) {
      const last = commands.at(-1);
      if (!last) throw new Error(`${block.file}:${block.line + i}: "# ->" output before any command`);
      last.expect.push((arrow[1] ?? '').trim());
      continue;
    }
    if (raw.startsWith('#')) continue;
    const line = block.line + i;
    let text = raw;
    while (text.endsWith('\\') && i + 1 < block.lines.length)
      text = `${text.slice(0, -1).trimEnd()} ${(block.lines[++i] ?? '').trim()}`;
    const expect: string[] = [];
    const trailing = /\s#\s*->\s?(.*)$/.exec(text);
    if (trailing) {
      expect.push((trailing[1] ?? '').trim());
      text = text.slice(0, trailing.index).trimEnd();
    }
    const background = /&\s*(#.*)?$/.test(text) && !/&&\s*(#.*)?$/.test(text);
    if (background) text = text.replace(/\s*&\s*(#.*)?$/, '');
    commands.push({ line, text, background, expect });
  }
  return commands;
}
