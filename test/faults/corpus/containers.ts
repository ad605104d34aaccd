import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Byte-level builders for the containers ExcelJS cannot be made to write wrongly: a zip that is
 * valid but holds no workbook, and OLE compound files (what Excel 97–2003 saves, and what Excel wraps
 * a password-protected .xlsx in). Both follow their published layouts (PKWARE APPNOTE; MS-CFB).
 */

/** A zip archive of stored (uncompressed) entries, with fixed timestamps. */
export function storedZip(entries: Record<string, string>): Buffer {
  return zipOf(entries, false);
}

/** The same with every entry deflated, as Excel writes them: text that repeats shrinks a thousandfold (a zip bomb). */
export function deflatedZip(entries: Record<string, string>): Buffer {
  return zipOf(entries, true);
}

function zipOf(entries: Record<string, string>, deflate: boolean): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const plain = Buffer.from(text, 'utf8');
    const data = deflate ? deflateRawSync(plain, { level: 9 }) : plain;
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(plain);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt16LE(0x0021, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(plain.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt16LE(0x0021, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(plain.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;

/**
 * A version-3 compound file (512-byte sectors): header, one FAT sector, one directory sector with a
 * root entry and the named empty streams. Enough for anything that reads the directory.
 */
export function compoundFile(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // 512-byte sectors
  header.writeUInt16LE(6, 32); // 64-byte mini sectors
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(1, 48); // directory starts at sector 1
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeUInt32LE(END_OF_CHAIN, 60); // no mini FAT
  header.writeUInt32LE(END_OF_CHAIN, 68); // no DIFAT sectors
  header.writeUInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREE, 76 + i * 4);
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(FAT_SECTOR, 0);
  fat.writeUInt32LE(END_OF_CHAIN, 4);
  const directory = Buffer.alloc(512);
  const names = ['Root Entry', ...streams];
  if (names.length > 4) throw new Error('one directory sector holds four entries');
  names.forEach((name, i) => {
    const entry = directory.subarray(i * 128, (i + 1) * 128);
    entry.write(name, 0, 'utf16le');
    entry.writeUInt16LE((name.length + 1) * 2, 64);
    entry.writeUInt8(i === 0 ? 5 : 2, 66); // root storage, else stream
    entry.writeUInt8(1, 67); // black
    entry.writeUInt32LE(FREE, 68); // left sibling
    entry.writeUInt32LE(i > 0 && i < names.length - 1 ? i + 1 : FREE, 72); // right sibling: a chain of the streams
    entry.writeUInt32LE(i === 0 && names.length > 1 ? 1 : FREE, 76); // child of the root
    entry.writeUInt32LE(END_OF_CHAIN, 116); // empty stream
  });
  return Buffer.concat([header, fat, directory]);
}
