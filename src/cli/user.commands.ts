import type { Command } from 'commander';

/** `renda user create …` — filled in by the users module. */
export function registerUserCommands(program: Command): void {
  program.command('user').description('账号管理 manage accounts');
}
