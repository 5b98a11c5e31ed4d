export interface E2eLayout {
  source: string;
  target: string;
  fuseTarget: string;
  executable: string;
  resources: string;
}
export function e2eLayout(platform?: NodeJS.Platform, exists?: (path: string) => boolean): E2eLayout;
