import { Hono } from 'hono';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Coalface console</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; color: #1f2328; }
  code { background: #f3f4f6; padding: 0.1rem 0.3rem; border-radius: 4px; }
</style>
</head>
<body>
<h1>Coalface</h1>
<p>The marketer console is coming; the API is at <code>/v1</code>.</p>
<p>Until then, marketers can push campaigns and talking points with a marketer token:
<code>POST /v1/campaigns</code> and <code>POST /v1/talking-points</code>.</p>
</body>
</html>
`;

export function consoleRoutes() {
  const app = new Hono();
  app.get('/', (c) => {
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    c.header('X-Content-Type-Options', 'nosniff');
    return c.html(PAGE);
  });
  return app;
}
