import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../db/database.js';
import { AuthError } from '../../../services/users/auth-error.js';
import { setPasswordWithToken } from '../../../services/users/users-service.js';
import { escapeHtml as e } from '../../html.js';

// The token travels in the link's fragment (#…), which browsers never send to servers or write to
// logs; this script moves it into the form and wipes it from the address bar.
const setupScript = `const f=document.getElementById('token');if(f&&location.hash.length>1){f.value=location.hash.slice(1);history.replaceState(null,'',location.pathname);}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)} · Sijil</title>
<style>body{font-family:system-ui,"Noto Sans Arabic",sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font-size:1rem}button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem}.error{color:#a00}</style>
</head><body><h1>${e(title)}</h1>${body}</body></html>`;
}

function form(error?: string): string {
  return page(
    'Set your password',
    `${error ? `<p class="error" role="alert">${e(error)}</p>` : ''}
<p>Choose a password of at least 12 characters. A sentence in any language is a good password.</p>
<form method="post" action="/setup">
<input type="hidden" name="token" id="token">
<label for="password">New password</label><input type="password" id="password" name="password" autocomplete="new-password" required minlength="12">
<label for="confirm">The same password again</label><input type="password" id="confirm" name="confirm" autocomplete="new-password" required minlength="12">
<button type="submit">Set password</button>
</form><script src="/assets/setup.js"></script>`,
  );
}

/** GET/POST /setup: where a one-time link lets a new user set a password, without JavaScript apps. */
export const setupRoutes: FastifyPluginAsync<{ db: Database; authAttemptsPerMinute: number }> = (
  app,
  { db, authAttemptsPerMinute },
) => {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  app.get('/assets/setup.js', { config: { public: true } }, (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(setupScript),
  );
  app.get('/setup', { config: { public: true } }, (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(form()),
  );
  app.post(
    '/setup',
    { config: { public: true, rateLimit: { max: authAttemptsPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, string | undefined>;
      const html = (status: number, content: string) =>
        reply.code(status).type('text/html; charset=utf-8').send(content);
      if (!body.token)
        return html(
          400,
          form('This page needs the link you were given, with everything after its #.'),
        );
      if (body.password !== body.confirm) return html(400, form('The two passwords differ.'));
      try {
        const user = await setPasswordWithToken(db, body.token, body.password ?? '');
        return html(
          200,
          page(
            'Password set',
            `<p>The password for ${e(user.email)} is set. You can now sign in.</p>`,
          ),
        );
      } catch (error) {
        if (error instanceof AuthError) return html(400, form(error.message));
        throw error;
      }
    },
  );
  return Promise.resolve();
};
