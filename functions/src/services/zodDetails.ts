import { z } from 'zod';

/** zod issues as error `details`: where (a dotted path) and what, in the locale the schema was parsed with. */
export interface InputProblem {
  path: string;
  message: string;
}

export function zodDetails(error: z.ZodError): { problems: InputProblem[] } {
  return {
    problems: error.issues
      .slice(0, 50)
      .map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}

/** Chinese zod messages for one parse, without changing zod's global configuration. */
export const zhErrorMap = z.locales.zhCN().localeError;
