/** A fenced `sh` block of a Markdown page, as the doc test reads it. */
export interface ShBlock {
  file: string;
  /** 1-based line of the first line inside the fence. */
  line: number;
  lines: string[];
  /** Set when the page marks the block as not run by the doc test; the reason readers see. */
  notRunnable?: string;
}

/** The visible mark, on its own line before the fence: *(not run by the doc test: needs Docker)* */
export const NOT_RUNNABLE_MARK = /^\*\(not run by the doc test: (.+)\)\*\s*$/;

/** Every ```sh fence of `text`, with the not-runnable mark of the nearest non-blank line above it. */
export function shBlocks(file: string, text: string): ShBlock[] {
  const lines = text.split('\n');
  const at = (n: number) => lines[n] ?? '';
  const blocks: ShBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*(\S*)/.exec(at(i));
    if (!open) continue;
    const fence = open[1] ?? '```';
    let end = i + 1;
    while (end < lines.length && !at(end).startsWith(fence)) end++;
    if (open[2] === 'sh') {
      let above = i - 1;
      while (above >= 0 && at(above).trim() === '') above--;
      const mark = NOT_RUNNABLE_MARK.exec(at(above).trim());
      blocks.push({ file, line: i + 2, lines: lines.slice(i + 1, end), notRunnable: mark?.[1] });
    }
    i = end;
  }
  return blocks;
}
