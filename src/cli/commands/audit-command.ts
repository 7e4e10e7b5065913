import type { Command } from 'commander';
import { verifyAudit } from '../../services/audit/verify-audit.js';
import { say, withDatabase } from '../context.js';

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('the audit trail of every change');
  audit
    .command('verify')
    .description('check that no audit event was edited, removed or inserted')
    .action(async () => {
      const result = await withDatabase((db) => verifyAudit(db));
      if (result.ok)
        say(`The audit chain holds: ${result.events.toLocaleString('en')} events verified.`);
      else {
        say(
          `The audit chain is broken at event ${result.brokenAt}: ${result.reason}. ${result.events} events before it verified.`,
        );
        process.exitCode = 3;
      }
    });
}
