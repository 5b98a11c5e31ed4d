import { scrypt, type ScryptOptions } from 'node:crypto';

/** Node's scrypt as a promise, with the memory cap the parameters need (128·N·r bytes, doubled for headroom). */
export function scryptKey(input: string, salt: Buffer, keyBytes: number, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const { N, r, p } = params;
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * 2 };
  return new Promise((resolve, reject) => {
    scrypt(input, salt, keyBytes, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}
