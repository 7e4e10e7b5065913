import { open } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

const endOfDirectory = 0x06054b50;
const directoryHeader = 0x02014b50;
const localHeader = 0x04034b50;
// The end-of-directory record (22 bytes) may be followed by a comment of up to 65,535 bytes.
const tailBytes = 22 + 65_535;

/**
 * One entry of a zip archive, found through the archive's central directory (read from the end
 * of the file) rather than by streaming it from the start: a streamed read can end before the
 * last entry, which is where some writers put an .xlsx workbook's `xl/workbook.xml`.
 * Returns null when the archive has no such entry; throws on a file that is not a zip archive.
 */
export async function readZipEntry(path: string, name: string): Promise<Buffer | null> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, tailBytes);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let at = tailLength - 22; at >= 0; at--)
      if (tail.readUInt32LE(at) === endOfDirectory) {
        end = at;
        break;
      }
    if (end < 0) throw new Error('not a zip archive (no central directory)');
    const entries = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryOffset);
    let at = 0;
    for (let e = 0; e < entries && at + 46 <= directory.length; e++) {
      if (directory.readUInt32LE(at) !== directoryHeader) throw new Error('damaged zip directory');
      const method = directory.readUInt16LE(at + 10);
      const compressedSize = directory.readUInt32LE(at + 20);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const headerOffset = directory.readUInt32LE(at + 42);
      const entryName = directory.toString('utf8', at + 46, at + 46 + nameLength);
      at += 46 + nameLength + extraLength + commentLength;
      if (entryName !== name) continue;
      const header = Buffer.alloc(30);
      await file.read(header, 0, 30, headerOffset);
      if (header.readUInt32LE(0) !== localHeader) throw new Error('damaged zip entry');
      const dataOffset = headerOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      const data = Buffer.alloc(compressedSize);
      await file.read(data, 0, compressedSize, dataOffset);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new Error(`zip entry ${name} uses an unsupported compression method (${method})`);
    }
    return null;
  } finally {
    await file.close();
  }
}
