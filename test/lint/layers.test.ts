/** The layering rules in eslint.config.js fail on forbidden imports, and only on those. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rules', () => {
  it.each([
    ['electron/backend/hosts/x.ts', "import { app } from 'electron';\nexport const a = app;\n", /Only electron\/main.ts/],
    [
      'electron/libvirt/rpc/x.ts',
      "import { createBackend } from '../../backend/api.js';\nexport const a = createBackend;\n",
      /protocol layer/,
    ],
    ['electron/libvirt/api/x.ts', "import { methods } from '../../../shared/api.js';\nexport const a = methods;\n", /protocol layer/],
    [
      'renderer/features/X/X.ts',
      "import { LibvirtClient } from '../../../electron/libvirt/client.js';\nexport const a = LibvirtClient;\n",
      /only through the shared contract/,
    ],
    ['renderer/features/X/X.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", /no Node modules/],
    ['shared/x.ts', "import { join } from 'node:path';\nexport const a = join;\n", /no Node built-ins/],
    [
      'electron/backend/x.ts',
      "import { startServer } from '../server/server.js';\nexport const a = startServer;\n",
      /do not know which shell/,
    ],
    // The libvirt layer is entered through its index only.
    [
      'electron/backend/vms/x.ts',
      "import { listAllDomains } from '../../libvirt/api/domains.js';\nexport const a = listAllDomains;\n",
      /through electron\/libvirt\/index.js/,
    ],
    [
      'electron/backend/x.ts',
      "import { LibvirtConnection } from '../libvirt/connection.js';\nexport const a = LibvirtConnection;\n",
      /through electron\/libvirt\/index.js/,
    ],
    [
      'electron/cli/commands/x.ts',
      "import type { RpcCaller } from '../../libvirt/rpc/types.js';\nexport type A = RpcCaller;\n",
      /through electron\/libvirt\/index.js/,
    ],
    [
      'bench/x.ts',
      "import { getAllDomainStats } from '../electron/libvirt/api/domain-stats.js';\nexport const a = getAllDomainStats;\n",
      /through electron\/libvirt\/index.js/,
    ],
    [
      'test/cli/x.test.ts',
      "import { XdrError } from '../../electron/libvirt/xdr/index.js';\nexport const a = XdrError;\n",
      /through electron\/libvirt\/index.js/,
    ],
  ])('%s: refuses %s', async (file, code, why) => {
    const messages = await restrictedImports(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(why);
  });

  it.each([
    ['electron/main.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    [
      'electron/backend/x.ts',
      "import { listAllDomains } from '../libvirt/index.js';\nimport { methods } from '../../shared/api.js';\nexport const a = [listAllDomains, methods];\n",
    ],
    ['electron/cli/commands/x.ts', "import { getHostname } from '../../libvirt/index.js';\nexport const a = getHostname;\n"],
    ['bench/x.ts', "import { LibvirtClient } from '../electron/libvirt/index.js';\nexport const a = LibvirtClient;\n"],
    // Test helpers under test/libvirt/ are not the layer: other tests may use them.
    ['test/monitoring/x.test.ts', "import { throwaway } from '../libvirt/api/throwaway.js';\nexport const a = throwaway;\n"],
    // The layer's own files, and the tests of its internals, reach inside.
    ['electron/libvirt/api/x.ts', "import { XdrError } from '../xdr/index.js';\nexport const a = XdrError;\n"],
    [
      'test/libvirt/rpc/x.test.ts',
      "import { RpcSession } from '../../../electron/libvirt/rpc/session.js';\nexport const a = RpcSession;\n",
    ],
    ['renderer/features/X/X.ts', "import { methods } from '../../../shared/api.js';\nexport const a = methods;\n"],
  ])('%s: allows what the layering permits', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
