import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/kysely.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loggerOptions } from './http/logging.ts';
import { seedDemoIfEmpty } from './modules/demo/demo.seed.ts';
import { startScheduledBackups } from './modules/backup/backup.schedule.ts';
import { startDailyReminders } from './modules/notifications/scheduler.ts';

/** read config -> open db -> migrate -> (demo data on first start) -> listen; close cleanly on SIGTERM. */
export async function startServer(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  const app = await buildApp(
    { db: database.db, engine: database.engine, config },
    // No bodies, query values hidden unless plain, errors without driver details, phone/ID numbers scrubbed.
    { logger: loggerOptions(config.logLevel) },
  );
  if (config.seedDemo === 'auto') {
    const logins = await seedDemoIfEmpty(database.db);
    if (logins) {
      app.log.info('demo data loaded (演示数据已载入)');
      printLogins(logins);
    }
  }
  let closing = false;
  let stopReminders = () => {};
  let stopBackups = () => {};
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    stopReminders();
    stopBackups();
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // app.close() stops accepting, waits for in-flight requests, then we close the database.
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  // Due-soon/overdue reminders once a day (and reminder e-mail when SMTP is set); safe on several processes.
  stopReminders = startDailyReminders({ db: database.db, config, log: app.log });
  // A daily backup into BACKUP_DIR with retention, when set; one process of several does it (docs/deploy.md).
  stopBackups = startScheduledBackups({ db: database.db, config, log: app.log });
  console.log(`\n人大工作台 Renda Workbench: http://localhost:${config.port}  (db: ${database.engine})`);
}

function printLogins(logins: { role: string; username: string; password: string; note: string }[]): void {
  console.log('\n演示账号 Demo logins:');
  for (const l of logins) console.log(`  ${l.role.padEnd(13)} ${l.username.padEnd(16)} ${l.password.padEnd(14)} ${l.note}`);
}
