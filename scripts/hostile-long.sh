#!/usr/bin/env bash
# The hostile-input property tests with many more generated cases per write route, on SQLite and then
# PostgreSQL. Not part of `npm test` (it takes a long while); run it before a release or after changing
# the error handler, a body parser or the route schemas.
#   scripts/hostile-long.sh            # HOSTILE_RUNS=50: ~500 generated cases per route and engine
#   HOSTILE_RUNS=200 HOSTILE_SEED=42 scripts/hostile-long.sh
#   HOSTILE_ONLY=/suggestions scripts/hostile-long.sh   # only routes whose "METHOD /url" contains this
set -euo pipefail
cd "$(dirname "$0")/.."
export HOSTILE_RUNS="${HOSTILE_RUNS:-50}"
FILES=(test/system/hostile-input.api.test.ts test/system/hostile-text.api.test.ts)
echo "== hostile input on SQLite (HOSTILE_RUNS=$HOSTILE_RUNS${HOSTILE_SEED:+, seed $HOSTILE_SEED})"
npx vitest run "${FILES[@]}"
PG_URL="${DATABASE_URL_PG:-postgres://postgres@127.0.0.1:5432/test}"
if node -e "const pg=require('pg');const c=new pg.Client({connectionString:process.argv[1]});c.connect().then(()=>c.end()).catch(()=>process.exit(1))" "$PG_URL"; then
  echo "== hostile input on PostgreSQL"
  DATABASE_URL_PG="$PG_URL" TEST_DB=postgres npx vitest run "${FILES[@]}"
else
  echo "PostgreSQL is not reachable at $PG_URL" >&2; exit 1
fi
