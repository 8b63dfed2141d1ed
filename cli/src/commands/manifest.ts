import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { deployedBase, productionManifest } from '../manifest/productionManifest.js';
import { formatProblems, REPO_ROOT, SCHEMA_DIR, validateManifest } from '../manifest/validateManifest.js';
import { UserError } from '../userError.js';

interface ManifestOptions {
  url: string;
  out: string;
  from: string;
  schemas: string;
}

/**
 * `union-ledger manifest --url https://host/ [--out manifest.prod.xml]`: the production
 * manifest, pointing at the deployed task pane, validated against the XSDs before it is written.
 */
export function registerManifest(program: Command): void {
  program
    .command('manifest')
    .description('生成指向已部署任务窗格的生产环境加载项清单（manifest.xml），并按架构校验')
    .requiredOption('--url <url>', '任务窗格部署后的网址（https），如 https://ledger.example.edu.cn/')
    .option('--out <file>', '输出文件', 'manifest.prod.xml')
    .option('--from <file>', '开发清单', path.join(REPO_ROOT, 'manifest.xml'))
    .option('--schemas <dir>', '清单 XSD 架构目录', SCHEMA_DIR)
    .action(async (opts: ManifestOptions) => {
      const base = deployedBase(opts.url);
      let dev: string;
      try {
        dev = await readFile(opts.from, 'utf8');
      } catch {
        throw new UserError(`读不到开发清单：${opts.from}`);
      }
      const prod = productionManifest(dev, base);
      let checked;
      try {
        checked = await validateManifest(prod, {
          schemaDir: opts.schemas,
          fileName: path.basename(opts.out),
        });
      } catch (e) {
        throw new UserError(e instanceof Error ? e.message : String(e));
      }
      if (!checked.valid)
        throw new UserError(`生成的清单未通过架构校验，未写入：\n${formatProblems(checked.problems)}`);
      await writeFile(opts.out, prod, 'utf8');
      process.stdout.write(`已写入 ${opts.out}：任务窗格 ${base}taskpane.html，已通过清单架构校验。\n`);
    });
}
