import { Command, InvalidArgumentError } from 'commander';
import { openDatabase, storeOptionsFromEnv } from '../../db/open-database.js';
import { isRegisterEmpty } from '../../services/demo/load-demo.js';
import { ensureFirstAdmin } from '../../services/users/users-service.js';
import { buildServer } from '../../server/app.js';
import { say } from '../context.js';
import { loadDemoWithProgress } from './store-commands.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the register over HTTP')
    .option('-p, --port <port>', 'port (env PORT)', port, port(process.env.PORT ?? '8080'))
    .option('--host <address>', 'address to listen on (env HOST)', process.env.HOST ?? '127.0.0.1')
    .option('--demo', 'load the demo register first if the register is empty')
    .action(async (flags: { port: number; host: string; demo?: boolean }) => {
      const db = await openDatabase(storeOptionsFromEnv());
      try {
        if (flags.demo && (await isRegisterEmpty(db))) {
          say(
            'The register is empty: loading the demo register (public Gaza Ministry of Health lists).',
          );
          await loadDemoWithProgress(db);
        }
      } catch (error) {
        await db.close();
        throw error;
      }
      const firstAdminToken = await ensureFirstAdmin(
        db,
        process.env.SIJIL_ADMIN_EMAIL ?? 'admin@sijil.invalid',
      );
      const app = await buildServer({
        db,
        logger: process.env.SIJIL_LOG !== 'off',
        trustProxy: process.env.SIJIL_TRUST_PROXY || false,
      });
      const close = async () => {
        await app.close();
        await db.close();
      };
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          close().then(
            () => process.exit(0),
            () => process.exit(1),
          );
        });
      }
      const address = await app.listen({ port: flags.port, host: flags.host });
      say(`Sijil is serving ${address} (store: ${db.kind} at ${db.location}).`);
      if (firstAdminToken) {
        say(
          'There is no administrator yet. Open this one-time link within 72 hours to set the admin password',
        );
        say(
          `(it is shown only now; \`sijil user reset EMAIL\` issues a new one): ${address}/setup#${firstAdminToken}`,
        );
      }
    });
}
