import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError, fieldLabel } from '../server/http/errors.ts';
import { exportWorkbook, serializeWorkbook } from '../server/modules/workbook/workbook.export.ts';
import { CLI_ACTOR, type ImportResult, WorkbookError, importWorkbook, readWorkbookText } from '../server/modules/workbook/workbook.import.ts';
import { SECTIONS } from '../server/modules/workbook/workbook.sections.ts';
import { openCliDatabase } from './open-db.ts';

const STATUS = { created: '新建', updated: '已修改', unchanged: '未变' } as const;
const MAX_ISSUES_SHOWN = 200;

/** The import summary a person reads: one line per section. */
export function formatImportResult(r: ImportResult): string {
  const lines = [`县 ${r.county.code} ${r.county.name}：${STATUS[r.county.status]}`, `乡镇 ${r.town.code} ${r.town.name}：${STATUS[r.town.status]}`];
  for (const s of SECTIONS) {
    const c = r.sections[s.key];
    lines.push(
      `${s.key.padEnd(15)} ${s.label.padEnd(6, '　')} 新增 ${String(c.created).padStart(5)}  修改 ${String(c.updated).padStart(5)}  未变 ${String(c.unchanged).padStart(5)}`,
    );
  }
  return lines.join('\n');
}

function fail(err: unknown): never {
  if (err instanceof WorkbookError) {
    console.error(err.message);
    for (const i of err.issues.slice(0, MAX_ISSUES_SHOWN)) {
      console.error(`  ${i.field || '(文件)'}  ${i.field ? `${fieldLabel(i.field)}：` : ''}${i.message}`);
    }
    if (err.issues.length > MAX_ISSUES_SHOWN) console.error(`  …另有 ${err.issues.length - MAX_ISSUES_SHOWN} 处`);
  } else if (err instanceof AppError) {
    console.error(err.message);
  } else {
    console.error(err instanceof Error ? err.message : err);
  }
  process.exit(1);
}

/**
 * `renda export` and `renda import`: the town workbook (docs/workbook.md). The export writes only the
 * document to stdout, so `renda export --town CODE > town.json` gives a clean file; everything
 * else goes to stderr.
 */
export function registerDataCommands(program: Command): void {
  program
    .command('export')
    .description('导出一个乡镇的工作簿（JSON） export one town as a workbook document')
    .requiredOption('--town <code>', '乡镇编码 town code')
    .option('--include-password-hashes', '同时导出账号密码哈希（整体迁移时使用，文件须妥善保管） include password hashes')
    .option('--out <file>', '写入文件而不是标准输出 write to a file instead of stdout')
    .action(async (opts: { town: string; includePasswordHashes?: boolean; out?: string }) => {
      const database = await openCliDatabase();
      try {
        const doc = await exportWorkbook(database.db, { townCode: opts.town, includePasswordHashes: opts.includePasswordHashes === true });
        const text = serializeWorkbook(doc);
        if (opts.out) {
          // A file with password hashes is readable by its owner only.
          fs.writeFileSync(opts.out, text, { mode: opts.includePasswordHashes ? 0o600 : 0o644 });
          console.error(`已导出 ${opts.town} 到 ${opts.out}`);
        } else {
          process.stdout.write(text);
        }
      } catch (err) {
        await database.close();
        fail(err);
      }
      await database.close();
    });

  program
    .command('import')
    .description('导入工作簿（按编码新增或更新，不删除；出错时不写入任何数据） import a workbook: upsert by external key, all or nothing')
    .argument('<file>', '工作簿 JSON 文件，- 表示标准输入 workbook file, - for stdin')
    .action(async (file: string) => {
      let input: unknown;
      try {
        input = readWorkbookText(fs.readFileSync(file === '-' ? 0 : file, 'utf8'));
      } catch (err) {
        fail(err);
      }
      const database = await openCliDatabase();
      try {
        const result = await importWorkbook(database.db, input, CLI_ACTOR);
        console.log(formatImportResult(result));
      } catch (err) {
        await database.close();
        fail(err);
      }
      await database.close();
    });
}
