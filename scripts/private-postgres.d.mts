export interface PrivatePostgres {
  host: string;
  port: number;
  dataDir: string;
  logFile: string;
  urlFor(database: string): string;
  createDatabase(name: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  pause(): void;
  startAgain(): void;
  stop(): void;
}
export function postgresBinDir(): string;
export function startPrivatePostgres(options?: { durable?: boolean }): Promise<PrivatePostgres>;
