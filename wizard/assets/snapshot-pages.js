// Recourse wizard: the engine snapshot's storage format, kept in Cache Storage by the worker (worker.js).
//
// A memory snapshot of the started interpreter is about 31 MB, half of it pages of zeros. Pyodide needs the whole
// snapshot before it can even start compiling its WebAssembly, so on a return visit the time spent turning the
// stored copy back into bytes is spent waiting. Gzip made the copy 6 MB, but inflating it took 150 to 600 ms of
// the worker's thread (measured in Chromium on the 2-core benchmark machine); leaving out the pages of zeros makes
// it 15 MB that is read back in about 40 ms. Nothing else is changed: the kept pages are the snapshot's own bytes.
//
// Layout (little-endian 32-bit words, then bytes):
//   MAGIC, FORMAT, length, count, page number × count, then each listed page's bytes in that order
// Every page is PAGE_BYTES long except the snapshot's last, which is cut at `length`.

const MAGIC = 0x50414e53; // "SNAP" read as a little-endian word
const FORMAT = 1;
export const PAGE_BYTES = 4096;
const HEADER_WORDS = 4;

/**
 * Whether a page of `bytes` holds only zeros (read a word at a time where the page allows it).
 * @param {Uint8Array} bytes
 * @param {number} start
 * @param {number} end
 * @returns {boolean}
 */
function isZero(bytes, start, end) {
  const aligned = (bytes.byteOffset + start) % 4 === 0 && (end - start) % 4 === 0;
  if (aligned) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + start, (end - start) / 4);
    for (let index = 0; index < words.length; index++) if (words[index] !== 0) return false;
    return true;
  }
  for (let index = start; index < end; index++) if (bytes[index] !== 0) return false;
  return true;
}

/**
 * The snapshot packed for storage: its pages that are not all zeros, with their numbers.
 * @param {Uint8Array<ArrayBuffer>} bytes
 * @returns {Blob}
 */
export function packPages(bytes) {
  /** @type {number[]} */
  const kept = [];
  for (let start = 0, page = 0; start < bytes.length; start += PAGE_BYTES, page++) {
    if (!isZero(bytes, start, Math.min(start + PAGE_BYTES, bytes.length))) kept.push(page);
  }
  const header = new DataView(new ArrayBuffer(4 * (HEADER_WORDS + kept.length)));
  [MAGIC, FORMAT, bytes.length, kept.length, ...kept].forEach((word, index) => header.setUint32(4 * index, word, true));
  /** @type {BlobPart[]} */
  const parts = [header.buffer];
  for (const page of kept) parts.push(bytes.subarray(page * PAGE_BYTES, Math.min((page + 1) * PAGE_BYTES, bytes.length)));
  return new Blob(parts);
}

/**
 * The snapshot back from its stored form. Throws on anything that is not a whole copy in this format (another
 * format, a copy cut short or padded), so that the worker starts from scratch rather than from damaged memory.
 * @param {ArrayBuffer} packed
 * @returns {Uint8Array}
 */
export function unpackPages(packed) {
  const view = new DataView(packed);
  const word = (/** @type {number} */ index) => view.getUint32(4 * index, true);
  if (packed.byteLength < 4 * HEADER_WORDS || word(0) !== MAGIC || word(1) !== FORMAT) {
    throw new Error("the kept snapshot is not in this worker's format");
  }
  const length = word(2);
  const count = word(3);
  const pageCount = Math.ceil(length / PAGE_BYTES);
  const dataStart = 4 * (HEADER_WORDS + count);
  if (count > pageCount || packed.byteLength < dataStart) throw new Error("the kept snapshot is cut short");
  const bytes = new Uint8Array(length);
  let offset = dataStart;
  let previous = -1;
  for (let index = 0; index < count; index++) {
    const page = word(HEADER_WORDS + index);
    // Pages are listed in increasing order: anything else is not a copy this module wrote.
    if (page <= previous || page >= pageCount) throw new Error("the kept snapshot lists a page it cannot hold");
    previous = page;
    const size = Math.min(PAGE_BYTES, length - page * PAGE_BYTES);
    if (offset + size > packed.byteLength) throw new Error("the kept snapshot is cut short");
    bytes.set(new Uint8Array(packed, offset, size), page * PAGE_BYTES);
    offset += size;
  }
  if (offset !== packed.byteLength) throw new Error("the kept snapshot has bytes after its last page");
  return bytes;
}
