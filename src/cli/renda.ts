import { Command } from 'commander';
import { VERSION } from '../server/version.ts';
import { registerAuditCommands } from './audit.commands.ts';
import { registerBackupCommands } from './backup.commands.ts';
import { registerBenchCommands } from './bench.commands.ts';
import { registerDataCommands } from './data.commands.ts';
import { registerReportCommands } from './report.commands.ts';
import { registerServerCommands } from './server.commands.ts';
import { registerStressCommands } from './stress.commands.ts';
import { registerUserCommands } from './user.commands.ts';

/** `renda`: the operator's command. Each group of subcommands lives in its own file. */
const program = new Command();
program.name('renda').description('人大工作台 Renda Workbench').version(VERSION);
registerServerCommands(program);
registerUserCommands(program);
registerDataCommands(program);
registerBenchCommands(program);
registerReportCommands(program);
registerStressCommands(program);
registerBackupCommands(program);
registerAuditCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
