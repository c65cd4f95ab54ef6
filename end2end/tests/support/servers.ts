// Where the servers under test listen; read by the config and the specs alike.

/**
 * The server a spec runs against, for this viewport project. scripts/test seeds one server per
 * moment of the year *and per project* (INOVASI_<KIND>_URLS = "portrait,landscape"), so the two
 * projects never share state and may run side by side.
 */
export function serverUrl(kind: 'submission' | 'judging' | 'setup' | 'next_year' | 'results' | 'published' | 'presentation' | 'field', project: string): string {
  const fallback: Record<string, string> = {
    submission: 'http://127.0.0.1:3000,http://127.0.0.1:3000',
    judging: 'http://127.0.0.1:3001,http://127.0.0.1:3001',
    setup: 'http://127.0.0.1:3002,http://127.0.0.1:3003',
    next_year: 'http://127.0.0.1:3004,http://127.0.0.1:3005',
    results: 'http://127.0.0.1:3006,http://127.0.0.1:3007',
    published: 'http://127.0.0.1:3008,http://127.0.0.1:3009',
    presentation: 'http://127.0.0.1:3010,http://127.0.0.1:3011',
    field: 'http://127.0.0.1:3012,http://127.0.0.1:3013',
  };
  const [portrait, landscape] = (process.env[`INOVASI_${kind.toUpperCase()}_URLS`] ?? fallback[kind]).split(',');
  return project === 'tablet-portrait' ? portrait : landscape;
}

/**
 * Where the mail sink of a server writes what it e-mailed (one `<n>.eml` per message), for the
 * servers scripts/test gives one (the organisers' flow, `setup`).
 */
export function mailDir(kind: 'setup', project: string): string {
  const dirs = process.env[`INOVASI_${kind.toUpperCase()}_MAIL_DIRS`];
  if (!dirs) throw new Error(`no mail sink for the ${kind} servers: run the suite through scripts/test`);
  const [portrait, landscape] = dirs.split(',');
  return project === 'tablet-portrait' ? portrait : landscape;
}
