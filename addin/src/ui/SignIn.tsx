import {
  Body1,
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  OptionGroup,
  Spinner,
  Subtitle1,
  tokens,
} from '@fluentui/react-components';
import { PersonRegular, ShieldCheckmarkRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useState } from 'react';
import type { LocalUser } from '../auth/local.js';
import { ROLE_LABELS } from './labels.js';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
  },
  hero: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    marginTop: tokens.spacingVerticalL,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  full: { width: '100%', minWidth: 0 },
});

export interface SignInProps {
  mode: 'local' | 'entra';
  /** Local mode: the demo users of the dev server; null when it offers none (paste a token instead). */
  localUsers: LocalUser[] | null | 'loading';
  onLocal(user: { id?: string; token: string }): Promise<void>;
  onEntra(): Promise<void>;
  error: string | null;
}

export function SignIn({ mode, localUsers, onLocal, onEntra, error }: SignInProps) {
  const s = useStyles();
  const [chosen, setChosen] = useState<string>('');
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);
  const users = Array.isArray(localUsers) ? localUsers : [];
  useEffect(() => {
    if (!chosen && users.length) setChosen(users.find((u) => u.role === 'officer')?.id ?? users[0]!.id);
  }, [users, chosen]);
  const groups = useMemo(() => {
    const byRole = new Map<string, LocalUser[]>();
    for (const u of users) byRole.set(u.role, [...(byRole.get(u.role) ?? []), u]);
    return [...byRole.entries()];
  }, [users]);
  const label = (u: LocalUser): string => `${u.name || u.id}（${u.id}）`;
  const current = users.find((u) => u.id === chosen);

  const go = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={s.root}>
      <div className={s.hero}>
        <Subtitle1>工会台账</Subtitle1>
        <Body1 className={s.muted}>登录后即可校验、同步本工作表的台账，并生成年度汇总。</Body1>
      </div>
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {mode === 'entra' ? (
        <Button
          appearance="primary"
          icon={<ShieldCheckmarkRegular />}
          disabled={busy}
          onClick={() => void go(onEntra)}
        >
          使用学校 Microsoft 账号登录
        </Button>
      ) : localUsers === 'loading' ? (
        <Spinner size="small" label="正在读取演示账号…" />
      ) : users.length ? (
        <>
          <Field label="演示账号（本地模式）">
            <Dropdown
              className={s.full}
              aria-label="演示账号"
              value={current ? `${ROLE_LABELS[current.role]} · ${current.id}` : ''}
              selectedOptions={chosen ? [chosen] : []}
              onOptionSelect={(_e, d) => setChosen(d.optionValue ?? '')}
            >
              {groups.map(([role, list]) => (
                <OptionGroup key={role} label={ROLE_LABELS[role as LocalUser['role']]}>
                  {list.map((u) => (
                    <Option key={u.id} value={u.id} text={label(u)}>
                      {label(u)}
                    </Option>
                  ))}
                </OptionGroup>
              ))}
            </Dropdown>
          </Field>
          <Button
            appearance="primary"
            icon={<PersonRegular />}
            disabled={busy || !current}
            onClick={() => current && void go(() => onLocal({ id: current.id, token: current.token }))}
          >
            登录
          </Button>
          <Caption1 className={s.muted}>
            本地模式的账号由本机服务（npm start）提供，仅用于开发和演示。
          </Caption1>
        </>
      ) : (
        <>
          <Field
            label="访问令牌"
            hint="npm start 启动时会打印各演示账号的令牌，也可用 union-ledger token --user 生成"
          >
            <Input className={s.full} value={pasted} onChange={(_e, d) => setPasted(d.value.trim())} />
          </Field>
          <Button
            appearance="primary"
            disabled={busy || !pasted}
            onClick={() => void go(() => onLocal({ token: pasted }))}
          >
            登录
          </Button>
        </>
      )}
      {busy && <Spinner size="tiny" label="正在登录…" />}
    </div>
  );
}
