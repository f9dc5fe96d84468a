import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, fstatSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  /** The mount point: a tmpfs of the asked size. */
  readonly dir: string;
  /** Fills the disk, then frees about `bytes` (whole pages), so the next writes run out of space. */
  fillLeaving(bytes: number): void;
  unmount(): void;
}

/**
 * Mounts a small tmpfs for a full-disk test. Needs root (the tests and CI run as root); when the
 * mount fails the test fails with the reason, never skips.
 * @example const disk = mountSmallDisk(64); disk.fillLeaving(4096); ... disk.unmount();
 */
export function mountSmallDisk(sizeKb: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error);
    throw new Error(
      `Failed to mount a ${sizeKb} KB tmpfs at ${dir} for the full-disk test: ${stderr}. Run the tests as root (CI does), or where mount -t tmpfs is allowed.`,
    );
  }
  return {
    dir,
    fillLeaving(bytes) {
      const filler = join(dir, 'filler');
      const fd = openSync(filler, 'w');
      const block = Buffer.alloc(4096, 0x2e);
      try {
        for (;;) writeSync(fd, block);
      } catch (error) {
        if ((error as { code?: string }).code !== 'ENOSPC') throw error;
      }
      ftruncateSync(fd, Math.max(0, fstatSync(fd).size - bytes));
      closeSync(fd);
    },
    unmount() {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
