import type { WorkbookActor } from '../../server/modules/workbook/workbook.import.ts';

/** Who the import bench's imports are audited as (the loader's own actor is private to load.ts). */
export const BENCH_ACTOR_IMPORT: WorkbookActor = { userId: 'bench', username: 'bench', displayName: '基准测试数据', role: 'county_admin' };
