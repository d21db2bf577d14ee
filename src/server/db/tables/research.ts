/*
 * Tables of one area, merged into the app's DB type in ../schema.ts. Table names are camelCase here
 * (the CamelCasePlugin maps them to snake_case in SQL).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the area's first migration
export interface ResearchTables {}
