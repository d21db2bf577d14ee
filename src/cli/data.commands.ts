import type { Command } from 'commander';

/** `renda import FILE` and `renda export --town CODE` — filled in by the workbook module. */
export function registerDataCommands(_program: Command): void {}
