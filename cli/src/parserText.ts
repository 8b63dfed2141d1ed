import { Command, Help, type Argument, type Option } from 'commander';

/**
 * The argument parser speaks Chinese (issue 18): officers read its help and its usage errors.
 * Commander builds both from a few overridable pieces — the Help class (titles, terms, usage)
 * and the Command methods that report a usage error — so they are replaced here, once, for the
 * program and every command created from it. Commands keep their English placeholders in code
 * (`--year <year>`); what is shown is translated by PLACEHOLDERS.
 */

/** Placeholder names shown in help and errors. An unknown one is shown as written. */
export const PLACEHOLDERS: Readonly<Record<string, string>> = {
  files: '文件',
  file: '文件',
  dir: '目录',
  year: '年度',
  kind: '台账类型',
  id: '编号',
  url: '地址',
  host: '主机',
  port: '端口',
  n: '数量',
  token: '令牌',
  command: '命令',
  options: '选项',
};

const TITLES: Readonly<Record<string, string>> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Global Options:': '全局选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
};

/** `--year <year>` → `--year <年度>`, `[options]` → `[选项]`, `<files...>` → `<文件...>`. */
export function translateTerms(text: string): string {
  return text.replace(
    /([<[])([A-Za-z-]+)((?:\.\.\.)?[>\]])/g,
    (all, open: string, word: string, close: string) => {
      const zh = PLACEHOLDERS[word];
      return zh ? `${open}${zh}${close}` : all;
    },
  );
}

const EXTRA_INFO: readonly (readonly [RegExp, string])[] = [
  [/\(default: /g, '（默认：'],
  [/\(choices: /g, '（可选：'],
  [/\(preset: /g, '（预设：'],
  [/\(env: /g, '（环境变量：'],
];

function translateExtra(text: string): string {
  let out = text;
  for (const [from, to] of EXTRA_INFO) out = out.replace(from, to);
  // Commander closes the extra info it opened; only those parentheses are made full-width.
  return out.includes('（') ? out.replace(/\)$/, '）') : out;
}

// CJK and full-width characters take two columns in a terminal; help aligns on columns.
const WIDE =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/gu;
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[\\d*(?:;\\d+)*m`, 'g');

export class ChineseHelp extends Help {
  override displayWidth(str: string): number {
    const plain = str.replace(COLOUR, '');
    return [...plain].length + (plain.match(WIDE)?.length ?? 0);
  }

  override styleTitle(str: string): string {
    return TITLES[str] ?? str;
  }

  override commandUsage(cmd: Command): string {
    return translateTerms(super.commandUsage(cmd));
  }

  override subcommandTerm(cmd: Command): string {
    return translateTerms(super.subcommandTerm(cmd));
  }

  override optionTerm(option: Option): string {
    return translateTerms(super.optionTerm(option));
  }

  override argumentTerm(argument: Argument): string {
    const name = super.argumentTerm(argument);
    return PLACEHOLDERS[name] ?? translateTerms(name);
  }

  override optionDescription(option: Option): string {
    return translateExtra(super.optionDescription(option));
  }

  override argumentDescription(argument: Argument): string {
    return translateExtra(super.argumentDescription(argument));
  }
}

const HELP_HINT = '（用 --help 查看用法）';

/** Commander's own switches that its error methods consult first (not in its typings). */
interface Flags {
  _allowUnknownOption?: boolean;
  _allowExcessArguments?: boolean;
}

/**
 * A Command whose usage errors are Chinese. The methods overridden are the ones commander calls
 * to report each kind of usage error; each ends in `this.error`, which throws a CommanderError
 * (the program runs with exitOverride) carrying the same code as commander's own.
 */
export class ChineseCommand extends Command {
  override createCommand(name?: string): Command {
    return new ChineseCommand(name);
  }

  override createHelp(): Help {
    return Object.assign(new ChineseHelp(), this.configureHelp());
  }

  missingArgument(name: string): never {
    return this.error(`错误：缺少参数 ${translateTerms(`<${name}>`)}${HELP_HINT}`, {
      code: 'commander.missingArgument',
    });
  }

  optionMissingArgument(option: Option): never {
    return this.error(`错误：选项 ${translateTerms(option.flags)} 需要一个值${HELP_HINT}`, {
      code: 'commander.optionMissingArgument',
    });
  }

  missingMandatoryOptionValue(option: Option): never {
    return this.error(`错误：缺少必填选项 ${translateTerms(option.flags)}${HELP_HINT}`, {
      code: 'commander.missingMandatoryOptionValue',
    });
  }

  unknownOption(flag: string): void {
    if ((this as unknown as Flags)._allowUnknownOption) return;
    this.error(`错误：未知选项 ${flag}${HELP_HINT}`, { code: 'commander.unknownOption' });
  }

  unknownCommand(): void {
    const name = this.args[0] ?? '';
    const known = this.commands.map((c) => c.name()).join('、');
    this.error(`错误：未知命令 ${name}（可用命令：${known}）`, { code: 'commander.unknownCommand' });
  }

  _excessArguments(received: string[]): void {
    if ((this as unknown as Flags)._allowExcessArguments) return;
    const expected = this.registeredArguments.length;
    this.error(
      `错误：参数过多：「${this.name()}」需要 ${expected} 个参数，收到 ${received.length} 个${HELP_HINT}`,
      {
        code: 'commander.excessArguments',
      },
    );
  }

  _conflictingOption(option: Option, other: Option): void {
    this.error(`错误：选项 ${translateTerms(option.flags)} 不能与 ${translateTerms(other.flags)} 同时使用`, {
      code: 'commander.conflictingOption',
    });
  }
}

/** The program: Chinese help, version and help options, the `help` command. */
export function chineseProgram(name: string, version: string): Command {
  return new ChineseCommand(name)
    .version(version, '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助');
}
