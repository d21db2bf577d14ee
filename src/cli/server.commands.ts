import type { Command } from 'commander';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/kysely.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { startServer } from '../server/main.ts';
import { seedDemo } from '../server/modules/demo/demo.seed.ts';

export function registerServerCommands(program: Command): void {
  program
    .command('serve')
    .description('启动服务（网页与接口） start the web app and API')
    .action(async () => {
      await startServer();
    });

  program
    .command('migrate')
    .description('升级数据库结构 apply pending database migrations')
    .action(async () => {
      const config = loadConfig();
      const database = openDatabase(config.databaseUrl);
      try {
        const applied = await migrateToLatest(database.db);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date (已是最新)');
      } finally {
        await database.close();
      }
    });

  program
    .command('seed-demo')
    .description('载入演示数据 load the demo county (only into an empty database)')
    .action(async () => {
      const config = loadConfig();
      const database = openDatabase(config.databaseUrl);
      try {
        await migrateToLatest(database.db);
        const logins = await seedDemo(database.db);
        console.log('demo data loaded (演示数据已载入). Logins:');
        for (const l of logins) console.log(`  ${l.role.padEnd(13)} ${l.username.padEnd(16)} ${l.password}  ${l.note}`);
      } finally {
        await database.close();
      }
    });
}
