export const FILE_PROTOCOL_FUSE_ELECTRON: number;
export function fileProtocolFuseStep(electronVersion: string | undefined, fuseCount: number): 'flip' | 'absent';
export default function afterPack(context: unknown): Promise<void>;
