import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIRED_EXCEL_API } from '../../addin/src/excel/host.js';
import {
  formatProblems,
  REPO_ROOT,
  SCHEMA_DIR,
  validateManifest,
} from '../../cli/src/manifest/validateManifest.js';
import { ICON_SIZES, iconFileName, iconPng } from './icons.js';
import { readPng } from './png.js';

/**
 * manifest.xml against Microsoft's XSDs (read from ../shared/office-manifest-schemas, never
 * copied in) with xmllint-wasm, and the facts the schema cannot check: the icons exist at the
 * sizes the manifest claims, the URLs, the requirement set, every resource id resolves.
 */

const MANIFEST = path.join(REPO_ROOT, 'manifest.xml');
const ASSETS = path.join(REPO_ROOT, 'addin', 'assets');
const DEV = 'https://localhost:3000/';
const xml = readFileSync(MANIFEST, 'utf8');

const all = (re: RegExp): RegExpExecArray[] => [...xml.matchAll(new RegExp(re.source, 'g'))];
const one = (re: RegExp): string => {
  const m = re.exec(xml);
  if (!m) throw new Error(`not in manifest.xml: ${re.source}`);
  return m[1]!;
};
/** The file behind a development URL (the dev server serves addin/assets at /assets/). */
const assetFile = (url: string): string => {
  expect(url.startsWith(`${DEV}assets/`)).toBe(true);
  return path.join(ASSETS, url.slice(`${DEV}assets/`.length));
};

describe('manifest.xml against the XSD', () => {
  it('the schemas are beside the repository', () => {
    expect(existsSync(path.join(SCHEMA_DIR, 'OfficeAppManifestV1_1.xsd'))).toBe(true);
    expect(path.relative(REPO_ROOT, SCHEMA_DIR).startsWith('..')).toBe(true);
  });

  it('is valid', async () => {
    const result = await validateManifest(xml);
    expect(formatProblems(result.problems)).toBe('');
    expect(result.valid).toBe(true);
  });

  it.each([
    [
      'a permission that does not exist',
      (s: string) => s.replace('>ReadWriteDocument<', '>Everything<'),
      'Permissions',
    ],
    [
      'no DefaultSettings',
      (s: string) => s.replace(/<DefaultSettings>[\s\S]*?<\/DefaultSettings>/, ''),
      'Permissions',
    ],
    [
      'elements out of order',
      (s: string) => s.replace(/(<Id>.*<\/Id>)\s*(<Version>.*<\/Version>)/, '$2$1'),
      'Version',
    ],
    ['an unknown button type', (s: string) => s.replace('xsi:type="Button"', 'xsi:type="Knob"'), 'Knob'],
    ['not well-formed', (s: string) => s.replace('</OfficeApp>', ''), ''],
  ])('a broken manifest fails: %s', async (_name, breakIt, mentions) => {
    const broken = breakIt(xml);
    expect(broken).not.toBe(xml);
    const result = await validateManifest(broken);
    expect(result.valid).toBe(false);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(formatProblems(result.problems)).toContain(mentions);
  });
});

describe('manifest.xml content', () => {
  it('is the Excel task pane 工会台账, zh-CN, read-write, with a fixed GUID', () => {
    expect(one(/<Id>([^<]+)<\/Id>/)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(xml).toContain('xsi:type="TaskPaneApp"');
    expect(one(/<DefaultLocale>([^<]+)</)).toBe('zh-CN');
    expect(one(/<DisplayName DefaultValue="([^"]+)"/)).toBe('工会台账');
    expect(one(/<Description DefaultValue="([^"]+)"/)).toMatch(/[\u4e00-\u9fff]{10}/);
    expect(one(/<Host Name="([^"]+)"\/>/)).toBe('Workbook');
    expect(one(/<Permissions>([^<]+)</)).toBe('ReadWriteDocument');
  });

  it('loads the pane from https://localhost:3000/taskpane.html', () => {
    expect(one(/<DefaultSettings>\s*<SourceLocation DefaultValue="([^"]+)"/)).toBe(`${DEV}taskpane.html`);
    expect(one(/<bt:Url id="Taskpane.Url" DefaultValue="([^"]+)"/)).toBe(`${DEV}taskpane.html`);
    for (const [, url] of all(/(?:DefaultValue|<AppDomain>)"?(https?:\/\/[^"<]+)/))
      expect(url).toMatch(/^https:\/\//);
  });

  it('asks for the ExcelApi set the adapter needs, and no more', () => {
    expect(one(/<Set Name="ExcelApi" MinVersion="([^"]+)"/)).toBe(REQUIRED_EXCEL_API);
  });

  it('puts a button that shows the task pane in a group on the Home tab', () => {
    expect(xml).toMatch(
      /<ExtensionPoint xsi:type="PrimaryCommandSurface">\s*<OfficeTab id="TabHome">\s*<Group /,
    );
    expect(xml).toMatch(/<Control xsi:type="Button"[\s\S]*<Action xsi:type="ShowTaskpane">/);
  });

  it('defines every resource it references', () => {
    const defined = new Set(all(/<bt:(?:Image|Url|String) id="([^"]+)"/).map((m) => m[1]));
    const used = all(/resid="([^"]+)"/).map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(5);
    for (const id of used) expect(defined.has(id), id).toBe(true);
    for (const id of defined) expect(id!.length).toBeLessThanOrEqual(32);
  });

  it('has a support page', () => {
    const url = one(/<SupportUrl DefaultValue="([^"]+)"/);
    expect(readFileSync(assetFile(url), 'utf8')).toContain('工会台账');
  });
});

describe('icons', () => {
  it.each([
    ['IconUrl', one(/<IconUrl DefaultValue="([^"]+)"/), 32],
    ['HighResolutionIconUrl', one(/<HighResolutionIconUrl DefaultValue="([^"]+)"/), 64],
    ...all(/<bt:Image id="([^"]+)" DefaultValue="([^"]+)"/).map(
      (m) => [m[1]!, m[2]!, Number(/(\d+)x\1/.exec(m[1]!)?.[1])] as [string, string, number],
    ),
  ])('%s is a valid PNG file of the right size', (_id, url, size) => {
    const info = readPng(readFileSync(assetFile(url)));
    expect([info.width, info.height]).toEqual([size, size]);
    expect([info.bitDepth, info.colourType]).toEqual([8, 6]);
    expect(info.dataLength).toBe((size * 4 + 1) * size);
  });

  it('the ribbon has 16, 32 and 80 px images', () => {
    const sizes = all(/<bt:Image size="(\d+)"/).map((m) => Number(m[1]));
    expect(new Set(sizes)).toEqual(new Set([16, 32, 80]));
  });

  it('the committed files are what test/manifest/icons.ts draws', () => {
    for (const size of ICON_SIZES)
      expect(readFileSync(path.join(ASSETS, iconFileName(size))).equals(iconPng(size)), `${size}px`).toBe(
        true,
      );
  });

  it('a corrupted PNG is refused', () => {
    const png = Buffer.from(iconPng(16));
    png[20] = png[20]! ^ 0xff; // inside IHDR: its CRC no longer matches
    expect(() => readPng(png)).toThrow(/CRC/);
  });
});
