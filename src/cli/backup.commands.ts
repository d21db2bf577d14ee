import readline from 'node:readline/promises';
import type { Command } from 'commander';
import { loadConfig } from '../server/config.ts';
import type { CountRow } from '../server/modules/backup/backup.rules.ts';
import { createBackup, restoreBackup, verifyBackup } from '../server/modules/backup/backup.service.ts';

/** `renda backup` and `renda restore` (docs/deploy.md "Backups"). Both work on DATABASE_URL and FILES_DIR. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('备份数据库和上传文件（服务运行时也可以） back up the database and uploaded files into renda-backup-YYYYMMDD-HHMMSS/')
    .option('--dir <dir>', '放备份的文件夹（默认 BACKUP_DIR，未设置时 ./backups）')
    .action(async (opts: { dir?: string }) => {
      const config = loadConfig();
      const dir = opts.dir ?? config.backup?.dir ?? 'backups';
      const { path, manifest } = await createBackup({ databaseUrl: config.databaseUrl, filesDir: config.filesDir, dir });
      const rows = Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0);
      const files = Object.keys(manifest.sha256).filter((f) => f.startsWith('files/')).length;
      console.log(`备份完成 ${path}`);
      console.log(
        `  ${manifest.engine}，迁移 ${manifest.latestMigration ?? '-'}，${Object.keys(manifest.rowCounts).length} 张表 ${rows} 行，${files} 个上传文件`,
      );
    });

  program
    .command('restore')
    .description('从备份恢复（先核对校验和；SQLite 须先停止服务） restore a backup folder over the database and files')
    .argument('<dir>', '备份文件夹 renda-backup-…')
    .option('--yes', '不再询问，直接恢复')
    .action(async (dir: string, opts: { yes?: boolean }) => {
      const config = loadConfig();
      // Checked here first so that a damaged backup is refused before the question is even asked.
      const m = await verifyBackup(dir);
      console.log(
        `备份 ${dir}：${m.createdAt}，renda ${m.version}，${m.engine}${m.pgSchema ? ` 模式 ${m.pgSchema}` : ''}，迁移 ${m.latestMigration ?? '-'}，校验和无误`,
      );
      if (!opts.yes) {
        if (!process.stdin.isTTY) throw new Error('恢复会覆盖当前数据库和上传文件；确认请加 --yes');
        const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
        const answer = await rl.question(`将覆盖 ${config.databaseUrl.replace(/:[^:@/]*@/, ':***@')} 和 ${config.filesDir}，输入 yes 继续：`);
        rl.close();
        if (answer.trim() !== 'yes') throw new Error('已取消，未做任何改动');
      }
      const { counts } = await restoreBackup({ databaseUrl: config.databaseUrl, filesDir: config.filesDir, dir });
      printCounts(counts);
      const off = counts.filter((c) => !c.same);
      if (off.length) {
        process.exitCode = 1;
        console.error(`恢复后有 ${off.length} 张表的行数与备份清单不同`);
      } else console.log('恢复完成，各表行数与备份清单一致');
    });
}

function printCounts(rows: CountRow[]): void {
  const w = Math.max(8, ...rows.map((r) => r.table.length));
  console.log(`${'表'.padEnd(w)}  ${'备份'.padStart(8)}  ${'恢复后'.padStart(8)}`);
  for (const r of rows)
    console.log(`${r.table.padEnd(w)}  ${String(r.expected ?? '-').padStart(8)}  ${String(r.actual ?? '-').padStart(8)}${r.same ? '' : '  ≠'}`);
}
