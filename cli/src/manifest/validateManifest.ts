import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

/**
 * Offline validation of an add-in manifest against Microsoft's XSDs (OfficeAppManifestV1_1 and
 * the files it imports), kept beside the repository in ../shared/office-manifest-schemas — read
 * from there, never copied in. Used by `union-ledger manifest` and by test/manifest.
 */

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SCHEMA_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'office-manifest-schemas');
export const MAIN_SCHEMA = 'OfficeAppManifestV1_1.xsd';

export interface ManifestProblem {
  /** xmllint's message without the file name, e.g. "Element '…': This element is not expected." */
  message: string;
  line: number | null;
}

export interface ManifestValidation {
  valid: boolean;
  problems: ManifestProblem[];
}

export interface Schemas {
  main: { fileName: string; contents: string };
  imports: { fileName: string; contents: string }[];
}

const cache = new Map<string, Promise<Schemas>>();

/** The XSD files of `dir`, the main schema first; read once per directory. */
export function loadSchemas(dir: string = SCHEMA_DIR): Promise<Schemas> {
  let loaded = cache.get(dir);
  if (!loaded) {
    loaded = readSchemas(dir);
    cache.set(dir, loaded);
    loaded.catch(() => cache.delete(dir));
  }
  return loaded;
}

async function readSchemas(dir: string): Promise<Schemas> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.xsd')).sort();
  } catch {
    throw new Error(`找不到清单架构目录：${dir}（应为仓库旁的 shared/office-manifest-schemas）`);
  }
  if (!names.includes(MAIN_SCHEMA)) throw new Error(`清单架构目录中没有 ${MAIN_SCHEMA}：${dir}`);
  const files = await Promise.all(
    names.map(async (fileName) => ({ fileName, contents: await readFile(path.join(dir, fileName), 'utf8') })),
  );
  return {
    main: files.find((f) => f.fileName === MAIN_SCHEMA)!,
    imports: files.filter((f) => f.fileName !== MAIN_SCHEMA),
  };
}

/** Validates manifest XML (a string) against the schemas; never throws for an invalid manifest. */
export async function validateManifest(
  xml: string,
  opts: { schemaDir?: string; fileName?: string } = {},
): Promise<ManifestValidation> {
  const schemas = await loadSchemas(opts.schemaDir);
  const fileName = opts.fileName ?? 'manifest.xml';
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [schemas.main],
    preload: schemas.imports,
  });
  const problems = result.errors.map((e) => ({ message: e.message, line: e.loc?.lineNumber ?? null }));
  if (!result.valid && problems.length === 0)
    problems.push({ message: result.rawOutput.trim() || 'xmllint rejected the manifest', line: null });
  return { valid: result.valid, problems };
}

/** One line per problem, for messages and test failures. */
export function formatProblems(problems: readonly ManifestProblem[]): string {
  return problems.map((p) => (p.line === null ? p.message : `第 ${p.line} 行：${p.message}`)).join('\n');
}
