import JSZip from 'jszip';

/**
 * The parts of an OOXML package (an .xlsx or .xlsm is a zip of XML parts). A part the CLI
 * does not change is written back from its original compressed bytes (JSZip copies a part's
 * compressed data when its compression is unchanged), so it comes back byte-identical; only the
 * parts set here are compressed anew.
 */
export class ZipPackage {
  private readonly changed = new Set<string>();

  private constructor(private readonly zip: JSZip) {}

  static async load(bytes: Uint8Array): Promise<ZipPackage> {
    return new ZipPackage(await JSZip.loadAsync(bytes, { checkCRC32: false }));
  }

  static empty(): ZipPackage {
    return new ZipPackage(new JSZip());
  }

  names(): string[] {
    return Object.values(this.zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name);
  }

  has(name: string): boolean {
    return this.find(name) !== null;
  }

  async text(name: string): Promise<string | null> {
    const f = this.find(name);
    if (!f) return null;
    const bytes = await f.async('uint8array');
    return new TextDecoder('utf-8').decode(bytes);
  }

  async bytes(name: string): Promise<Uint8Array | null> {
    return (await this.find(name)?.async('uint8array')) ?? null;
  }

  set(name: string, content: string | Uint8Array): void {
    const existing = this.find(name);
    this.zip.file(existing?.name ?? name, content, { createFolders: false });
    this.changed.add(existing?.name ?? name);
  }

  remove(name: string): void {
    const existing = this.find(name);
    if (existing) this.zip.remove(existing.name);
  }

  /** The parts set since loading: what a write-back owns. */
  changedParts(): string[] {
    return [...this.changed];
  }

  async toBuffer(): Promise<Buffer> {
    return this.zip.generateAsync({
      type: 'nodebuffer',
      compression: 'DEFLATE',
      compressionOptions: { level: 6 },
      // Office writes no folder entries; neither do we.
      createFolders: false,
    } as JSZip.JSZipGeneratorOptions<'nodebuffer'>);
  }

  /** Part names are case-insensitive in OPC; zips from some tools differ in case from their rels. */
  private find(name: string): JSZip.JSZipObject | null {
    const exact = this.zip.file(name.replace(/^\//, ''));
    if (exact) return exact;
    const lower = name.replace(/^\//, '').toLowerCase();
    return Object.values(this.zip.files).find((f) => !f.dir && f.name.toLowerCase() === lower) ?? null;
  }
}
