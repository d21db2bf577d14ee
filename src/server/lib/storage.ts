import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded files' bytes live. The database keeps what a file is (name, type, size, sha256, town);
 * the store keeps only bytes under an opaque key. The default is a local folder (FILES_DIR, ./data/files);
 * an object store (S3/OSS/MinIO) for multi-server deployments implements the same three calls.
 */
export interface FileStore {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or null when the key is unknown. */
  get(key: string): Promise<Buffer | null>;
  remove(key: string): Promise<void>;
}

const KEY = /^[0-9A-Za-z_-]{8,64}$/;

/** Files in a folder, two levels of 2-character shards so no folder grows past a few thousand entries. */
export class LocalFileStore implements FileStore {
  constructor(private readonly dir: string) {}

  private pathOf(key: string): string {
    // Keys are made by the app (ULIDs); the check keeps a bad key from ever naming a path outside the folder.
    if (!KEY.test(key)) throw new Error(`invalid storage key: ${key}`);
    return path.join(this.dir, key.slice(-2), key.slice(-4, -2), key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a crash leaves either no file or the whole file, never half of one.
    const tmp = `${file}.${randomUUID()}.tmp`;
    await fs.writeFile(tmp, bytes, { flag: 'wx' });
    await fs.rename(tmp, file);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}
