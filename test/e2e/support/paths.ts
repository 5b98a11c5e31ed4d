import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const SCREENS_DIR = path.join(REPO_ROOT, 'test-results', 'screens');
export const DEMO_USERS_FILE = path.join(REPO_ROOT, 'src-server/sandbox/demo-users.json');
