import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../server/http/errors.ts';
import { exportDraft } from '../server/modules/reports/reports.service.ts';
import { openCliDatabase } from './open-db.ts';

/**
 * `renda report`: a town's work report for any period, drafted from the records with the built-in
 * template (or the town's own, by name) and written as .docx, Markdown or JSON. Nothing is stored.
 */
export function registerReportCommands(program: Command): void {
  program
    .command('report')
    .description('生成乡镇工作总结 draft a town work report from its records')
    .requiredOption('--town <code>', '乡镇编码 town code')
    .requiredOption('--from <date>', '开始日期 YYYY-MM-DD')
    .requiredOption('--to <date>', '结束日期 YYYY-MM-DD')
    .option('--format <format>', 'docx | md | json', 'docx')
    .option('--template <name>', '本镇模板名称（不填用默认模板） the town template to use')
    .requiredOption('--out <file>', '输出文件 output file')
    .action(async (opts: { town: string; from: string; to: string; format: string; template?: string; out: string }) => {
      if (!['docx', 'md', 'json'].includes(opts.format)) {
        console.error('--format 应为 docx、md 或 json');
        process.exit(1);
      }
      for (const d of [opts.from, opts.to]) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`))) {
          console.error(`日期格式应为 YYYY-MM-DD：${d}`);
          process.exit(1);
        }
      }
      const database = await openCliDatabase();
      try {
        const town = await database.db.selectFrom('town').select(['id', 'name']).where('code', '=', opts.town).executeTakeFirst();
        if (!town) throw new AppError('NOT_FOUND', 404, `没有编码为 ${opts.town} 的乡镇`);
        let templateId: string | undefined;
        if (opts.template) {
          const t = await database.db
            .selectFrom('reportTemplate')
            .select('id')
            .where('townId', '=', town.id)
            .where('name', '=', opts.template)
            .executeTakeFirst();
          if (!t) throw new AppError('NOT_FOUND', 404, `${town.name}没有名为“${opts.template}”的模板`);
          templateId = t.id;
        }
        const f = await exportDraft(database.db, town.id, opts.format as 'docx' | 'md' | 'json', opts.from, opts.to, templateId);
        fs.writeFileSync(opts.out, f.data);
        console.error(`已生成 ${town.name} ${opts.from} 至 ${opts.to} 的工作总结：${opts.out}`);
      } catch (err) {
        console.error(err instanceof Error ? err.message : err);
        process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}
