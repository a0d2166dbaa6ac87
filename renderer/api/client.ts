/** The typed call: every backend read and write goes through here. */
import { methods, type MethodInput, type MethodName, type MethodOutput } from '../../shared/api';
import { getBridge } from './bridge';
import { ApiError } from './errors';

export async function invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  let result;
  try {
    result = await getBridge().invoke(method, input);
  } catch (e) {
    throw ApiError.fromUnknown(e, method);
  }
  if (!result.ok) throw ApiError.fromUnknown(result.error, method);
  const parsed = methods[method].output.safeParse(result.value);
  if (!parsed.success) {
    throw new ApiError({
      code: 'internal',
      message: `The backend's answer to ${method} does not match the contract.`,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data as MethodOutput<M>;
}
