import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPrivatePostgres, type PrivatePostgres } from '../../scripts/private-postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's private PostgreSQL server (test/integration/server/test-database.ts reads it). */
    ecuapassPg: { adminUrl: string; dataDir: string; port: number };
  }
}

let server: PrivatePostgres | undefined;

/**
 * Global setup of the PostgreSQL test projects: one private server for the whole run (each test
 * backend gets its own database on it), stopped and its folder removed at the end. Handed to the
 * tests with provide/inject, so a SQLite project in the same run is not affected.
 */
export async function setup(project: TestProject): Promise<void> {
  // The multi-instance tests run what ships: the tsc build of the server (out/server), made once
  // here so that parallel test files never build into the same folder at the same time.
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.server.json'], { cwd: root, stdio: 'pipe' });
  server = await startPrivatePostgres();
  project.provide('ecuapassPg', { adminUrl: server.urlFor('postgres'), dataDir: server.dataDir, port: server.port });
}

export function teardown(): void {
  server?.stop();
}
