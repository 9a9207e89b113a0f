// The report: one comparison table, one targets table. Plain fixed-width text (also valid Markdown).
import type { Plan } from './plan';
import type { PhaseResult } from './runner';
import type { Summary } from './stats';
import type { SuiteResult } from './suite';

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? 'n/a' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const rate = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(v < 100 ? 1 : 0));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !(b > 0) ? 'n/a' : (a / b).toFixed(2));

function render(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`, ...rows.map(line)].join('\n');
}

interface Row {
  label: string;
  ours?: Summary;
  etcd?: Summary;
  note: string;
}

function rowsOf(plan: Plan, ours: SuiteResult, etcd?: SuiteResult): Row[] {
  const p = (r: PhaseResult | undefined, extra = '') => `${r?.errors ? `${r.errors} errors ` : ''}${extra}`.trim();
  const rows: Row[] = [
    { label: `create (${plan.concurrency} clients)`, ours: ours.create.summary, etcd: etcd?.create.summary, note: p(ours.create, 'etcd: put') },
    { label: `get (${plan.concurrency} clients)`, ours: ours.get.summary, etcd: etcd?.get.summary, note: p(ours.get, 'etcd: range 1 key') },
    { label: `update (${plan.concurrency} clients)`, ours: ours.update.summary, etcd: etcd?.update.summary, note: p(ours.update, 'PUT w/ rv; etcd: txn mod_rev') },
    { label: `list ${plan.smallList.toLocaleString('en-US')} pods`, ours: ours.listSmall.summary, etcd: etcd?.listSmall.summary, note: p(ours.listSmall, 'time to last byte; etcd: prefix range') },
    { label: `list ${plan.bigList.toLocaleString('en-US')} pods`, ours: ours.listBig.summary, etcd: etcd?.listBig.summary, note: p(ours.listBig, 'time to last byte; etcd: prefix range') },
  ];
  ours.watches.forEach((w, i) => {
    const e = etcd?.watches[i];
    const lost = `lost ${w.lost}/${w.expected}${e ? ` (etcd ${e.lost}/${e.expected})` : ''}`;
    const resp = `after response p50/p99 ${ms(w.afterResponse.p50)}/${ms(w.afterResponse.p99)}${e ? ` (etcd ${ms(e.afterResponse.p50)}/${ms(e.afterResponse.p99)})` : ''}`;
    rows.push({ label: `write→event, ${w.watchers} watcher${w.watchers > 1 ? 's' : ''}`, ours: w.summary, etcd: e?.summary, note: `${lost}; ${resp}; /s = deliveries` });
  });
  return rows;
}

export function comparisonTable(plan: Plan, ours: SuiteResult, etcd?: SuiteResult): string {
  const header = ['operation', 'ours p50 ms', 'ours p99 ms', 'ours /s', 'etcd p50 ms', 'etcd p99 ms', 'etcd /s', 'p50 ours/etcd', 'p99 ours/etcd', 'n (ours)', 'notes'];
  const rows = rowsOf(plan, ours, etcd).map((r) => [
    r.label,
    ms(r.ours?.p50),
    ms(r.ours?.p99),
    rate(r.ours?.rate),
    ms(r.etcd?.p50),
    ms(r.etcd?.p99),
    rate(r.etcd?.rate),
    ratio(r.ours?.p50, r.etcd?.p50),
    ratio(r.ours?.p99, r.etcd?.p99),
    String(r.ours?.n ?? 'n/a'),
    r.note,
  ]);
  return render(header, rows);
}

export function targetsTable(plan: Plan, ours: SuiteResult, etcd?: SuiteResult): string {
  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'FAIL');
  const rows: string[][] = [];
  const createRatio = etcd ? ours.create.summary.p99 / etcd.create.summary.p99 : undefined;
  rows.push([`create p99 (${plan.concurrency} clients) ≤ 2x etcd put p99`, createRatio === undefined ? 'n/a' : `${createRatio.toFixed(2)}x`, '≤ 2.00x', verdict(createRatio === undefined ? undefined : createRatio <= 2)]);
  const listP50 = etcd ? ours.listSmall.summary.p50 / etcd.listSmall.summary.p50 : undefined;
  const listP99 = etcd ? ours.listSmall.summary.p99 / etcd.listSmall.summary.p99 : undefined;
  rows.push([
    `list ${plan.smallList.toLocaleString('en-US')} pods no slower than etcd range (p50)`,
    listP50 === undefined ? 'n/a' : `${listP50.toFixed(2)}x (p99 ${listP99?.toFixed(2)}x)`,
    '≤ 1.00x',
    verdict(listP50 === undefined ? undefined : listP50 <= 1),
  ]);
  rows.push([`list ${plan.bigList.toLocaleString('en-US')} pods p99`, `${ms(ours.listBig.summary.p99)} ms`, '≤ 1000 ms', verdict(ours.listBig.summary.p99 <= 1000)]);
  const limits: Record<number, number> = { 100: 50, 1000: 250 };
  for (const w of ours.watches) {
    const limit = limits[w.watchers];
    if (limit === undefined) continue;
    rows.push([`write→event p99, ${w.watchers} watchers`, `${ms(w.summary.p99)} ms`, `≤ ${limit} ms`, verdict(w.summary.p99 <= limit)]);
  }
  const lost = ours.watches.reduce((a, w) => a + w.lost, 0);
  const expected = ours.watches.reduce((a, w) => a + w.expected, 0);
  const dup = ours.watches.reduce((a, w) => a + w.duplicates, 0);
  rows.push(['lost watch events (all watch runs)', `${lost} of ${expected} (dup ${dup})`, '0', verdict(lost === 0)]);
  const errs = [ours.create, ours.get, ours.update, ours.listSmall, ours.listBig].reduce((a, r) => a + r.errors, 0);
  rows.push(['failed requests (ours)', String(errs), '0', verdict(errs === 0)]);
  return render(['target', 'measured', 'limit', 'result'], rows);
}
