#!/usr/bin/python3
"""The benchmark driver: every workload through every contender, side by side, medians.

Started by bench/run once the origin listens (run that, not this). For each repetition it runs
each contender once per workload (the order rotates from one repetition to the next), each
wrapped in /usr/bin/time -v, and checks every run: all URLs answered 200 and every byte arrived
(and, when bodies are saved, every file has its size). Raw data: bench/out/raw/. Results:
bench/RESULTS.md and bench/results.png.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
OUT = os.path.join(BENCH, 'out')
RAW = os.path.join(OUT, 'raw')
URLS = os.path.join(OUT, 'urls')
FILES = os.path.join(OUT, 'files')  # W4's saved bodies, removed after every run
PY = '/usr/bin/python3'  # Debian's, with python3-requests and python3-aiohttp
MiB = 1024 * 1024
CURL_PARALLEL_MAX = 300  # curl 7.88 refuses --parallel-max above 300

# n: URLs; scaled: fewer URLs for the one-worker and four-worker contenders where the full list
# would take minutes (W1 serially: 1,000 s); c: requests in flight for the event-loop contenders.
WORKLOADS = {
    'W1': dict(title='1,000 pages that each take 1 s to answer', n=1000, path='/delay/1000/{i}',
               size=len('hello 1000'), c=1000, body='read', scaled={'serial': 5, 'pool': 20},
               metric='wall'),
    'W2': dict(title='20,000 small (1 KiB) immediate pages', n=20000, path='/page/{i}', size=1024,
               c=100, body='read', metric='req/s'),
    'W3': dict(title='20 × 64 MiB bodies, counted and discarded', n=20,
               path='/bytes/67108864/{i}', size=64 * MiB, c=20, body='read', metric='MB/s'),
    'W4': dict(title='10 × 256 MiB bodies saved to files', n=10, path='/bytes/268435456/{i}',
               size=256 * MiB, c=10, body='save', metric='MB/s'),
    'W5': dict(title='the GUI: 10,000 W2-shaped URLs in the running app (offscreen)', n=10000,
               path='/page/{i}', size=1024, c=100, body='read', metric='gui'),
}
QUICK = {'W1': dict(n=200, scaled={'serial': 3, 'pool': 12}), 'W2': dict(n=5000),
         'W3': dict(n=6), 'W4': dict(n=3), 'W5': dict(n=2000)}

# name, family (serial / pool / async: which engine it is the twin of), runner
CONTENDERS = [
    ('qcrawl async', 'async'),
    # The same engine with every request through Qt 6.4's own HTTP client (--qt-http): what the
    # HTTP/1.1 fast path gains, measured in the same run.
    ('qcrawl async Qt-HTTP', 'async'),
    ('qcrawl pool', 'pool'),
    ('qcrawl serial', 'serial'),
    ('aiohttp', 'async'),
    ('aiohttp streamed', 'async'),  # W3 only: the same engine without the tutorial's read()
    ('requests Pool(4)', 'pool'),
    ('requests serial', 'serial'),
    ('curl --parallel', 'async'),
]
BASELINE = 'aiohttp'
TWINS = {'qcrawl pool': 'requests Pool(4)', 'qcrawl serial': 'requests serial'}
POOL_THREADS = 4


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception as e:  # a missing tool: say so in the report
        return 'unknown (%s)' % e


# ---------------------------------------------------------------------------------------------
# URL lists and commands

def url_list(origin, wl_name, wl, n):
    os.makedirs(URLS, exist_ok=True)
    path = os.path.join(URLS, '%s-%d.txt' % (wl_name, n))
    with open(path, 'w') as f:
        for i in range(n):
            f.write(origin + wl['path'].format(i=i) + '\n')
    return path


def curl_config(urlfile, outdir):
    path = urlfile.replace('.txt', '.curl' if not outdir else '.save.curl')
    with open(urlfile) as f, open(path, 'w') as out:
        for i, url in enumerate(line.strip() for line in f):
            target = os.path.join(outdir, 'body-%05d.bin' % i) if outdir else '/dev/null'
            out.write('url = "%s"\noutput = "%s"\n' % (url, target))
    return path


def command(contender, wl, urlfile, c, outdir, qcrawl):
    body = wl['body']
    if contender.startswith('qcrawl'):
        mode = contender.split()[1]
        cmd = [qcrawl, 'fetch', '-m', mode, '-i', urlfile, '-f', 'jsonl']
        if mode == 'async':
            cmd += ['-c', str(c)]
        if contender.endswith('Qt-HTTP'):
            cmd += ['--qt-http']
        elif mode == 'pool':
            cmd += ['-t', str(POOL_THREADS)]
        if body == 'save':
            cmd += ['-o', outdir]
        return cmd
    if contender == 'curl --parallel':
        cfg = curl_config(urlfile, outdir if body == 'save' else None)
        return ['curl', '--no-progress-meter', '--parallel', '--parallel-immediate',
                '--parallel-max', str(min(c, CURL_PARALLEL_MAX)), '-K', cfg,
                '-w', '%{http_code} %{size_download}\\n']
    script = {'aiohttp': 'tutorial_aiohttp.py', 'aiohttp streamed': 'tutorial_aiohttp.py',
              'requests Pool(4)': 'tutorial_pool.py', 'requests serial': 'tutorial_serial.py'}[contender]
    cmd = [PY, os.path.join(BENCH, 'contenders', script), '-i', urlfile]
    if contender == 'aiohttp streamed':
        body = 'stream'
    cmd += ['--body', body]
    if body == 'save':
        cmd += ['-o', outdir]
    if contender.startswith('aiohttp'):
        cmd += ['-c', str(c)]
    elif contender == 'requests Pool(4)':
        cmd += ['-c', str(POOL_THREADS)]
    return cmd


# ---------------------------------------------------------------------------------------------
# Checking what a run did

def check_output(contender, stdout_path, stderr_path):
    """Returns (ok, bytes, in-run seconds or None) as the contender itself reports them."""
    with open(stdout_path, errors='replace') as f:
        out = f.read()
    if contender.startswith('qcrawl'):
        ok = nbytes = 0
        end_ms = 0
        for line in out.splitlines():
            try:
                r = json.loads(line)
            except ValueError:
                continue
            if r.get('status') == 200 and r.get('error') is None:
                ok += 1
                nbytes += r.get('bytes') or 0
            end_ms = max(end_ms, (r.get('started_ms') or 0) + (r.get('elapsed_ms') or 0))
        return ok, nbytes, end_ms / 1000.0
    if contender.startswith('curl'):
        ok = nbytes = 0
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == '200':
                ok += 1
                nbytes += int(float(parts[1]))
        return ok, nbytes, None
    for line in reversed(out.splitlines()):
        try:
            r = json.loads(line)
        except ValueError:
            continue
        return r.get('ok', 0), r.get('bytes', 0), r.get('elapsed_s')
    return 0, 0, None


def parse_time_v(path):
    d = {}
    with open(path, errors='replace') as f:
        for line in f:
            k, _, v = line.strip().rpartition(': ')
            d[k] = v
    def num(key, default=0.0):
        try:
            return float(d.get(key, default))
        except ValueError:
            return default
    return dict(user=num('User time (seconds)'), sys=num('System time (seconds)'),
                rss_kb=num('Maximum resident set size (kbytes)'),
                vol_cs=num('Voluntary context switches'),
                invol_cs=num('Involuntary context switches'))


def proc_cpu_seconds(pid):
    """utime + stime of a process and its reaped children (the origin's workers)."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            fields = f.read().rsplit(')', 1)[1].split()
        tck = os.sysconf('SC_CLK_TCK')
        return sum(int(x) for x in fields[11:15]) / tck
    except (OSError, ValueError, IndexError):
        return None


def origin_cpu(pids):
    total = 0.0
    for pid in pids:
        v = proc_cpu_seconds(pid)
        if v is None:
            return None
        total += v
    return total


def cpu_busy_seconds():
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat. Busy is user +
    nice + system, what processes are charged with (softirq time, much of it the loopback's
    packets, is nobody's)."""
    with open('/proc/stat') as f:
        v = [int(x) for x in f.readline().split()[1:]]
    tck = os.sysconf('SC_CLK_TCK')
    return (v[0] + v[1] + v[2]) / tck, sum(v[:8]) / tck


def wait_quiet(args):
    """Waits (at most --quiet-wait seconds) until the machine is nearly idle: other people's
    builds on a shared machine would otherwise land in one contender's run. Returns the busy
    fraction of the last sample."""
    deadline = time.monotonic() + args.quiet_wait
    while True:
        b0, t0 = cpu_busy_seconds()
        time.sleep(0.5)
        b1, t1 = cpu_busy_seconds()
        busy = (b1 - b0) / max(t1 - t0, 1e-9)
        if busy < 0.15 or time.monotonic() >= deadline:
            return busy
        time.sleep(1)


def origin_alive(origin):
    try:
        with urllib.request.urlopen(origin + '/health', timeout=5) as r:
            return r.status == 200
    except Exception:
        return False


def files_size(path):
    total = 0
    for entry in os.scandir(path):
        if entry.is_file():
            total += entry.stat().st_size
    return total


# ---------------------------------------------------------------------------------------------
# One run

def run_one(args, wl_name, wl, contender, rep, urlfile, n, c):
    tag = '%s-%s-r%d' % (wl_name, re.sub(r'[^a-z0-9]+', '_', contender.lower()).strip('_'), rep)
    outdir = os.path.join(FILES, tag)
    shutil.rmtree(FILES, ignore_errors=True)
    if wl['body'] == 'save':
        os.makedirs(outdir)
        subprocess.run(['sync'])  # the previous run's writeback is not this run's cost
    cmd = command(contender, wl, urlfile, c, outdir, args.qcrawl)
    stdout_path = os.path.join(RAW, tag + '.stdout')
    stderr_path = os.path.join(RAW, tag + '.stderr')
    time_path = os.path.join(RAW, tag + '.time')
    env = {k: v for k, v in os.environ.items() if 'proxy' not in k.lower()}
    env['NO_PROXY'] = env['no_proxy'] = '127.0.0.1,localhost'
    timeout = args.run_timeout
    idle_before = wait_quiet(args)
    o0 = origin_cpu(args.origin_pids)
    m0 = cpu_busy_seconds()
    with open(stdout_path, 'wb') as so, open(stderr_path, 'wb') as se:
        t0 = time.monotonic()
        p = subprocess.Popen(['/usr/bin/time', '-v', '-o', time_path] + cmd, stdout=so, stderr=se,
                             env=env, cwd=OUT, start_new_session=True)
        try:
            rc = p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            rc = 'timeout'
        wall = time.monotonic() - t0
    o1 = origin_cpu(args.origin_pids)
    m1 = cpu_busy_seconds()
    t = parse_time_v(time_path) if os.path.exists(time_path) else dict(user=0, sys=0, rss_kb=0)
    # The machine's busy CPU time during the run less the client's and the origin's: other
    # processes (another build on a shared machine), in cores.
    others = None
    if o0 is not None and o1 is not None:
        others = max(0.0, (m1[0] - m0[0]) - (t['user'] + t['sys']) - (o1 - o0)) / wall
    ok, nbytes, inrun = check_output(contender, stdout_path, stderr_path)
    saved = None
    if wl['body'] == 'save':
        saved = files_size(outdir)
        shutil.rmtree(FILES, ignore_errors=True)
    expected = n * wl['size']
    problems = []
    if rc != 0:
        problems.append('exit %s' % rc)
    if ok != n:
        problems.append('%d of %d answered 200' % (ok, n))
    if nbytes != expected:
        problems.append('%d of %d bytes' % (nbytes, expected))
    if saved is not None and saved != expected:
        problems.append('%d of %d bytes saved' % (saved, expected))
    rec = dict(workload=wl_name, contender=contender, rep=rep, n=n, c=c, cmd=cmd, rc=rc,
               wall=wall, inrun=inrun, ok=ok, bytes=nbytes, saved=saved,
               origin_cpu=(o1 - o0) if o0 is not None and o1 is not None else None,
               others=others, busy_before=idle_before,
               valid=not problems, problems=problems, **t)
    with open(os.path.join(RAW, 'runs.jsonl'), 'a') as f:
        f.write(json.dumps(rec) + '\n')
    cpu_us = (t['user'] + t['sys']) / n * 1e6
    log('  %-4s r%d %-18s n=%-6d wall %7.3f s  cpu %6.2f s (%7.1f us/req)  rss %7.1f MB  others %s %s' % (
        wl_name, rep, contender, n, wall, t['user'] + t['sys'], cpu_us, t['rss_kb'] / 1024,
        '%.2f' % others if others is not None else '?',
        'ok' if not problems else 'INVALID: ' + '; '.join(problems)))
    time.sleep(args.pause)
    return rec


def run_gui(args, wl, rep, urlfile, n, c):
    """W5 hook. The GUI bench is a program (see bench/README.md) that loads the URL list into the
    running app's window under QT_QPA_PLATFORM=offscreen, starts the fetch, waits until every row
    is done and prints one JSON line: {"rows": N, "ok": N, "rows_done_s": S,
    "longest_stall_ms": MS}. Skipped while no such program is built."""
    binary = args.guibench
    tag = 'W5-gui-r%d' % rep
    stdout_path = os.path.join(RAW, tag + '.stdout')
    time_path = os.path.join(RAW, tag + '.time')
    env = dict(os.environ, QT_QPA_PLATFORM='offscreen')
    cmd = [binary, '-i', urlfile, '-c', str(c)]
    with open(stdout_path, 'wb') as so, open(os.path.join(RAW, tag + '.stderr'), 'wb') as se:
        t0 = time.monotonic()
        p = subprocess.Popen(['/usr/bin/time', '-v', '-o', time_path] + cmd, stdout=so, stderr=se,
                             env=env, cwd=OUT, start_new_session=True)
        try:
            rc = p.wait(timeout=args.run_timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            rc = 'timeout'
        wall = time.monotonic() - t0
    t = parse_time_v(time_path)
    report = {}
    with open(stdout_path, errors='replace') as f:
        for line in f:
            try:
                report = json.loads(line)
            except ValueError:
                pass
    problems = []
    if rc != 0:
        problems.append('exit %s' % rc)
    if report.get('ok') != n:
        problems.append('%s of %d rows ok' % (report.get('ok'), n))
    rec = dict(workload='W5', contender='qcrawl GUI', rep=rep, n=n, c=c, cmd=cmd, rc=rc,
               wall=wall, inrun=report.get('rows_done_s'), ok=report.get('ok', 0),
               bytes=n * wl['size'], stall_ms=report.get('longest_stall_ms'),
               valid=not problems, problems=problems, **t)
    with open(os.path.join(RAW, 'runs.jsonl'), 'a') as f:
        f.write(json.dumps(rec) + '\n')
    log('  W5   r%d qcrawl GUI  rows done %s s, longest stall %s ms, rss %.1f MB %s' % (
        rep, rec['inrun'], rec['stall_ms'], t['rss_kb'] / 1024, 'ok' if not problems else problems))
    return rec


# ---------------------------------------------------------------------------------------------
# The origin's ceiling

def wrk(url, conns, seconds, latency=False):
    cmd = ['wrk', '-t1', '-c%d' % conns, '-d%ds' % seconds, '--timeout', '10s']
    if latency:
        cmd.append('--latency')
    out = subprocess.run(cmd + [url], capture_output=True, text=True,
                         timeout=seconds + 60).stdout
    def grab(pattern):
        m = re.search(pattern, out)
        return m.group(1) if m else None
    return dict(cmd=' '.join(cmd + [url]), rps=grab(r'Requests/sec:\s+([\d.]+)'),
                transfer=grab(r'Transfer/sec:\s+([\d.]+\w+)'),
                lat_avg=grab(r'Latency\s+([\d.]+\w+)'), lat_max=grab(r'Latency\s+\S+\s+\S+\s+([\d.]+\w+)'),
                p99=grab(r'99%\s+([\d.]+\w+)'), raw=out)


def origin_ceiling(args, when):
    log('origin ceiling (wrk, one thread), %s:' % when)
    o = args.origin
    wait_quiet(args)
    for path, conns in (('/page/0', 100), ('/bytes/67108864/0', 4)):  # warm the JIT up
        wrk(o + path, conns, 1)
    c = {
        'W2': wrk(o + '/page/0', 100, args.wrk_seconds),
        'W3': wrk(o + '/bytes/67108864/0', 4, args.wrk_seconds),
        'W1': wrk(o + '/delay/1000/0', 1000, max(args.wrk_seconds, 4), latency=True),
    }
    log('  /page (1 KiB), 100 connections: %s req/s' % c['W2']['rps'])
    log('  /bytes/64 MiB, 4 connections:   %s/s' % c['W3']['transfer'])
    log('  /delay/1000, 1000 connections:  latency avg %s, p99 %s, max %s' % (
        c['W1']['lat_avg'], c['W1']['p99'], c['W1']['lat_max']))
    return c


# ---------------------------------------------------------------------------------------------
# Summaries

def summarize(records, wls):
    table = {}
    for wl_name in wls:
        for contender, _ in CONTENDERS + [('qcrawl GUI', 'gui')]:
            runs = [r for r in records if r['workload'] == wl_name and r['contender'] == contender]
            if not runs:
                continue
            valid = [r for r in runs if r['valid']]
            s = dict(runs=len(runs), valid=len(valid), n=runs[0]['n'], c=runs[0]['c'],
                     problems=sorted({p for r in runs for p in r['problems']}))
            if valid:
                n = s['n']
                size = WORKLOADS[wl_name]['size']
                s['wall'] = statistics.median(r['wall'] for r in valid)
                inr = [r['inrun'] for r in valid if r.get('inrun') is not None]
                s['inrun'] = statistics.median(inr) if inr else None
                s['cpu'] = statistics.median(r['user'] + r['sys'] for r in valid)
                s['user'] = statistics.median(r['user'] for r in valid)
                s['sys'] = statistics.median(r['sys'] for r in valid)
                s['rss_mb'] = statistics.median(r['rss_kb'] for r in valid) / 1024
                s['rps'] = n / s['wall']
                s['mbps'] = n * size / s['wall'] / 1e6
                s['cpu_us'] = s['cpu'] / n * 1e6
                oc = [r['origin_cpu'] / r['wall'] for r in valid if r.get('origin_cpu') is not None]
                s['origin_busy'] = statistics.median(oc) if oc else None
                s['walls'] = [r['wall'] for r in valid]
                ot = [r['others'] for r in valid if r.get('others') is not None]
                s['others'] = max(ot) if ot else None
                st = [r['stall_ms'] for r in valid if r.get('stall_ms') is not None]
                s['stall_ms'] = statistics.median(st) if st else None
            table[(wl_name, contender)] = s
    return table


def fmt(v, digits=0, unit=''):
    if v is None:
        return '—'
    if digits == 0:
        return '{:,.0f}{}'.format(v, unit)
    return '{:,.{d}f}{}'.format(v, unit, d=digits)


def targets(table, wls):
    """[(target, measured, verdict)] for what the issue asks, from this run's medians."""
    out = []
    def get(wl, c):
        s = table.get((wl, c))
        return s if s and s.get('valid') else None
    def verdict(ok):
        return 'met' if ok else '**missed**'
    if 'W1' in wls:
        q, a = get('W1', 'qcrawl async'), get('W1', BASELINE)
        if q:
            ideal = 1.0
            out.append(('W1: qcrawl async ≤ 1.05 × the 1 s ideal (process wall)',
                        '%.3f s = %.2f × ideal' % (q['wall'], q['wall'] / ideal),
                        verdict(q['wall'] <= 1.05 * ideal)))
            if a:
                out.append(('W1: faster than aiohttp', '%.3f s vs aiohttp %.3f s' % (q['wall'], a['wall']),
                            verdict(q['wall'] < a['wall'])))
    if 'W2' in wls:
        q, a = get('W2', 'qcrawl async'), get('W2', BASELINE)
        if q and a:
            out.append(('W2: ≥ 1.5 × aiohttp req/s', '%s vs %s req/s = %.2f ×' % (
                fmt(q['rps']), fmt(a['rps']), q['rps'] / a['rps']), verdict(q['rps'] >= 1.5 * a['rps'])))
        if q:
            out.append(('W2: ≥ 10,000 req/s', fmt(q['rps']) + ' req/s', verdict(q['rps'] >= 10000)))
            out.append(('CPU per request ≤ 150 µs (W2, user + sys, client)', fmt(q['cpu_us'], 0, ' µs'),
                        verdict(q['cpu_us'] <= 150)))
    for wl, gbps in (('W3', 3.0), ('W4', 1.0)):
        if wl in wls:
            q = get(wl, 'qcrawl async')
            if q:
                out.append(('%s: ≥ %g GB/s' % (wl, gbps), '%.2f GB/s' % (q['mbps'] / 1000),
                            verdict(q['mbps'] >= gbps * 1000)))
                out.append(('%s: peak RSS ≤ 64 MiB' % wl, '%.1f MiB' % q['rss_mb'],
                            verdict(q['rss_mb'] <= 64)))
    if 'W5' in wls:
        g = get('W5', 'qcrawl GUI')
        q2 = get('W2', 'qcrawl async')
        if not g:
            out.append(('W5: longest GUI stall < 50 ms; rows done ≤ 1.5 × CLI time', 'not measured: '
                        + ('GUI bench not built yet' if not table.get(('W5', 'qcrawl GUI')) else 'runs failed'),
                        '—'))
        else:
            out.append(('W5: longest GUI stall < 50 ms', fmt(g['stall_ms'], 1, ' ms'),
                        verdict(g['stall_ms'] is not None and g['stall_ms'] < 50)))
            if q2:
                cli = q2['wall'] * g['n'] / q2['n']
                out.append(('W5: all rows done ≤ 1.5 × the CLI time for as many W2 URLs',
                            '%.2f s vs 1.5 × %.2f s' % (g['inrun'] or g['wall'], cli),
                            verdict((g['inrun'] or g['wall']) <= 1.5 * cli)))
    for wl in [w for w in wls if w != 'W5']:
        for mine, twin in TWINS.items():
            q, t = get(wl, mine), get(wl, twin)
            if q and t:
                out.append(('%s: %s at least as fast as %s' % (wl, mine, twin),
                            '%s vs %s req/s' % (fmt(q['rps'], 1 if q['rps'] < 100 else 0),
                                                fmt(t['rps'], 1 if t['rps'] < 100 else 0)),
                            verdict(q['rps'] >= t['rps'])))
    return out


def machine_facts(args):
    cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
    qt = sh("dpkg-query -W -f='${Version}' libqt6core6") or sh('qmake6 -query QT_VERSION')
    facts = [
        ('CPU', '%s, %s cores (nproc)' % (cpu, sh('nproc'))),
        ('memory', sh("free -g | awk '/Mem:/{print $2\" GiB\"}'")),
        ('kernel', platform.release()),
        ('OS', sh(". /etc/os-release && echo $PRETTY_NAME")),
        ('Qt', qt),
        ('compiler', sh('c++ --version | head -1')),
        ('qcrawl', '%s, Release build in bench/out/build (%s)' % (
            sh('%s --version' % args.qcrawl), args.source)),
        ('Python', sh(PY + ' --version')),
        ('aiohttp / requests', sh(PY + " -c 'import aiohttp, requests; print(aiohttp.__version__, \"/\", requests.__version__)'")),
        ('curl', sh('curl --version | head -1')),
        ('wrk', sh('wrk --version 2>&1 | head -1')),
        # bench/run names the origin it started (C or Node.js); older raw data did not.
        ('origin', args.origin_desc if args.origin_desc.startswith(('C,', 'Node.js'))
         else 'Node.js %s, bench/origin.js, %s' % (sh('node --version'), args.origin_desc)),
    ]
    return facts


def write_results(args, table, records, wls, ceiling, started, finished, dest):
    lines = []
    w = lines.append
    w('# qcrawl benchmark results')
    w('')
    w('Generated by `bench/run%s` on %s (UTC), %.1f minutes. Every figure in the tables and in the '
      'chart comes from this one run; each is the median of %d repetition(s) of a contender, '
      'the contenders interleaved. Do not edit by hand: the analysis at the end comes from '
      '`bench/analysis.md`.' % ((' ' + ' '.join(args.argv)) if args.argv else '',
                                started.strftime('%Y-%m-%d %H:%M'),
                                (finished - started).total_seconds() / 60, args.reps))
    if args.quick:
        w('')
        w('**Quick run (`--quick`): reduced counts, not the issue\'s workloads.**')
    w('')
    w('![results](results.png)')
    w('')
    w('## Machine')
    w('')
    w('| | |')
    w('|---|---|')
    for k, v in machine_facts(args):
        w('| %s | %s |' % (k, v.replace('|', '/')))
    w('')
    w('## The origin\'s ceiling (wrk, one thread, before and after the workloads)')
    w('')
    if ceiling:
        b, a = ceiling['before'], ceiling.get('after') or {}
        g = lambda d, k, f: d.get(k, {}).get(f) or '—'
        w('| probe | before | after |')
        w('|---|---|---|')
        w('| `/page/0` (1 KiB), 100 connections | %s req/s | %s req/s |' % (
            g(b, 'W2', 'rps'), g(a, 'W2', 'rps')))
        w('| `/bytes/67108864/0` (64 MiB), 4 connections | %s/s | %s/s |' % (
            g(b, 'W3', 'transfer'), g(a, 'W3', 'transfer')))
        w('| `/delay/1000/0`, 1,000 connections: latency avg / p99 / max | %s / %s / %s | %s / %s / %s |' % (
            g(b, 'W1', 'lat_avg'), g(b, 'W1', 'p99'), g(b, 'W1', 'lat_max'),
            g(a, 'W1', 'lat_avg'), g(a, 'W1', 'p99'), g(a, 'W1', 'lat_max')))
        w('')
        w('wrk shares the 2 cores with the origin as every contender does. "origin busy" in the '
          'tables is the origin\'s CPU time during a run over the run\'s wall time: near 100 % the '
          'one-process origin, not the client, would be the limit. The probes load both cores, so they also drop when '
          'something else runs on the machine: a lower "after" than "before" means the machine '
          'was busier then, not that the origin changed.')
    else:
        w('(skipped)')
    w('')
    w('## How to read the tables')
    w('')
    w('- **wall**: the contender\'s process from exec to exit, measured by the driver (startup, '
      'reading the list and writing results included). **in-run**: the time the contender itself '
      'reports from its first request to its last answer (qcrawl: the latest row\'s end; curl '
      'reports none).')
    w('- **req/s** = URLs / wall; **MB/s** = body bytes / wall, decimal (1 GB/s = 1,000 MB/s).')
    w('- **peak RSS**: "Maximum resident set size" of `/usr/bin/time -v`; **CPU**: user + sys of the '
      'client process, as µs per request (= ms per 1,000 requests).')
    w('- **wall min–max**: the spread of the valid repetitions. **others (max)**: the CPU the rest '
      'of the machine used during the run (all busy time less the client\'s and the origin\'s), in '
      'cores, the worst repetition: this machine may be shared, and before each run the driver '
      'waits up to %d s for it to be idle. A row with others well above 0.1 was disturbed.' % args.quiet_wait)
    w('- **× aiohttp**: the row\'s throughput over aiohttp\'s (the tutorial\'s recommended way) in '
      'the same workload; above 1 is faster.')
    w('- Every run is checked: each URL answered 200 and every byte arrived (W4: and every file '
      'has its size); a run that fails the check is left out of the medians and reported.')
    w('')
    for wl_name in wls:
        wl = WORKLOADS[wl_name]
        w('## %s — %s' % (wl_name, wl['title']))
        w('')
        if wl_name == 'W5':
            g = table.get(('W5', 'qcrawl GUI'))
            if not g:
                w('**Not measured: GUI not built yet.** The hook in `bench/driver.py` (`run_gui`) runs '
                  '`qcrawl-guibench` from the build when it exists; see bench/README.md for what '
                  'it must print.')
                w('')
                continue
            w('| contender | URLs | rows done (s) | longest GUI stall (ms) | wall (s) | peak RSS (MiB) | CPU µs/req | valid runs |')
            w('|---|---:|---:|---:|---:|---:|---:|---:|')
            if g.get('valid'):
                w('| qcrawl GUI | %s | %s | %s | %s | %s | %s | %d/%d |' % (
                    fmt(g['n']), fmt(g['inrun'], 2), fmt(g['stall_ms'], 1), fmt(g['wall'], 2),
                    fmt(g['rss_mb'], 1), fmt(g['cpu_us']), g['valid'], g['runs']))
            else:
                w('| qcrawl GUI | %s | all runs failed: %s |' % (fmt(g['n']), '; '.join(g['problems'])))
            w('')
            continue
        base = table.get((wl_name, BASELINE))
        notes = []
        bulk = wl_name in ('W3', 'W4')
        w('| contender | URLs | in flight | wall (s) | wall min–max | in-run (s) | req/s | MB/s | peak RSS (MiB) | CPU µs/req |%s × aiohttp | origin busy | others (max) | valid |'
          % (' CPU s/GB |' if bulk else ''))
        w('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|%s---:|---:|---:|---:|' % ('---:|' if bulk else ''))
        for contender, family in CONTENDERS:
            s = table.get((wl_name, contender))
            if not s:
                continue
            inflight = {'serial': 1, 'pool': POOL_THREADS}.get(family, s['c'])
            if contender.startswith('curl'):
                inflight = min(s['c'], CURL_PARALLEL_MAX)
            if not s.get('valid'):
                w('| %s | %s | %s | failed: %s | | | | | | |%s | | | | 0/%d |' % (
                    contender, fmt(s['n']), inflight, '; '.join(s['problems'])[:200],
                    ' |' if bulk else '', s['runs']))
                continue
            ratio = (s['rps'] / base['rps']) if base and base.get('valid') else None
            rps_digits = 1 if s['rps'] < 100 else 0
            cpu_gb = (' %s |' % fmt(s['cpu'] / (s['n'] * wl['size'] / 1e9), 2)) if bulk else ''
            w('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%s %s | %s | %s | %d/%d |' % (
                contender, fmt(s['n']), fmt(inflight), fmt(s['wall'], 3),
                '%.3f–%.3f' % (min(s['walls']), max(s['walls'])), fmt(s['inrun'], 3),
                fmt(s['rps'], rps_digits), fmt(s['mbps'], 1 if s['mbps'] < 100 else 0),
                fmt(s['rss_mb'], 1),
                fmt(s['cpu_us']) if s['cpu'] >= 0.1 else '(%.2f s)' % s['cpu'], cpu_gb, fmt(ratio, 2, ' ×'),
                fmt(s['origin_busy'] * 100 if s['origin_busy'] is not None else None, 0, ' %'),
                fmt(s['others'], 2) if s.get('others') is not None else '—',
                s['valid'], s['runs']))
        w('')
        if wl_name == 'W1':
            scaled = wl.get('scaled', {})
            notes.append('The serial contenders get %d URLs and the pools %d, not %s: each page '
                         'takes 1 s, so one worker does 1 page/s and four do 4 (all %s would take '
                         '%s s and %s s). Their req/s compares; their wall time does not.' % (
                             scaled.get('serial', 0), scaled.get('pool', 0), fmt(wl['n']),
                             fmt(wl['n']), fmt(wl['n']), fmt(wl['n'] / POOL_THREADS)))
            notes.append('CPU in parentheses: under 0.1 s in all, too little for `time`\'s 10 ms '
                         'resolution to give a per-request figure.')
            notes.append('requests Pool(4) takes 6 s for 20 pages, not 5: `Pool.map` hands its '
                         'workers chunks of 2 URLs, so the 20 pages make 10 chunks over 4 '
                         'workers, 3 rounds of 2 s (the tutorial\'s idiom, kept).')
            notes.append('curl caps `--parallel-max` at 300, so it cannot have 1,000 in flight: '
                         'its 1,000 pages take about 4 rounds of 1 s.')
        if wl_name == 'W3':
            notes.append('"aiohttp" and the requests contenders use the tutorial\'s idiom, the '
                         'whole body in memory (`await response.read()` / `.content`), counted '
                         'and dropped; "aiohttp streamed" reads the same bodies in 1 MiB chunks '
                         '(`iter_chunked`), to tell the idiom\'s cost from the library\'s. '
                         'qcrawl keeps a 64 KiB preview per body and discards the rest as it '
                         'arrives; curl writes to /dev/null.')
        if wl_name == 'W4':
            notes.append('Every contender streams to files (Python: 1 MiB chunks, '
                         '`iter_content` / `iter_chunked` + `write`; qcrawl: `-o DIR`, '
                         '`.part` then rename; curl: `output =` per URL). The files go to '
                         'bench/out/files on the same disk and are removed after each run (not '
                         'timed); `sync` runs before each run so one run\'s writeback is not '
                         'the next one\'s cost.')
        for note in dict.fromkeys(notes):
            w('- ' + note)
        if notes:
            w('')
    w('## Targets (this run\'s medians)')
    w('')
    w('| target | measured | verdict |')
    w('|---|---|---|')
    for t, m, v in targets(table, wls):
        w('| %s | %s | %s |' % (t, m, v))
    w('')
    w('## Commands')
    w('')
    w('Each contender, as run (URL list, config and output paths relative to bench/out/):')
    w('')
    seen = set()
    for r in records:
        key = (r['workload'], r['contender'])
        if key in seen:
            continue
        seen.add(key)
        cmd = ' '.join(os.path.relpath(x, OUT) if x.startswith(ROOT) else x for x in r['cmd'])
        w('- %s, %s: `%s`' % (r['workload'], r['contender'], cmd))
    w('')
    analysis = os.path.join(BENCH, 'analysis.md')
    if os.path.exists(analysis):
        with open(analysis) as f:
            w(f.read().rstrip())
        w('')
    path = os.path.join(dest, 'RESULTS.md')
    with open(path, 'w') as f:
        f.write('\n'.join(lines))
    log('wrote %s' % os.path.relpath(path, ROOT))


def write_chart(table, wls, path):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    shown = [w for w in wls if w != 'W5']
    if not shown:
        return
    names = [c for c, _ in CONTENDERS if any((w, c) in table for w in shown)]
    colors = {'qcrawl': '#1f5fa8', 'aiohttp': '#e08a1e', 'requests': '#c8b43c', 'curl': '#7f7f7f'}
    cs = [colors[n.split()[0]] for n in names]

    def human(v):
        for div, suffix in ((1e6, 'M'), (1e3, 'k')):
            if v >= 10 * div:
                return '{:,.0f}{}'.format(v / div, suffix)
        return '{:,.0f}'.format(v) if v >= 10 else '{:.2f}'.format(v)

    fig, axes = plt.subplots(3, len(shown), figsize=(3.4 * len(shown) + 1.4, 9.5), squeeze=False)
    for col, wl_name in enumerate(shown):
        bulk = wl_name in ('W3', 'W4')
        rows = [('MB/s' if bulk else 'req/s', 'mbps' if bulk else 'rps'),
                ('CPU s per GB' if bulk else 'CPU µs per request', 'cpu_gb' if bulk else 'cpu_us'),
                ('peak RSS (MiB)', 'rss_mb')]
        for row, (label, key) in enumerate(rows):
            ax = axes[row][col]
            vals = []
            for n in names:
                s = table.get((wl_name, n))
                if not s or not s.get('valid'):
                    vals.append(0)
                elif key in ('cpu_gb', 'cpu_us') and s['cpu'] < 0.1:
                    vals.append(0)  # below time's resolution
                elif key == 'cpu_gb':
                    vals.append(s['cpu'] / (s['n'] * WORKLOADS[wl_name]['size'] / 1e9))
                else:
                    vals.append(s[key])
            ax.barh(range(len(names)), vals, color=cs)
            ax.set_yticks(range(len(names)))
            ax.set_yticklabels(names if col == 0 else [''] * len(names), fontsize=8)
            ax.invert_yaxis()
            positive = [v for v in vals if v > 0]
            if positive and max(positive) / min(positive) > 50:
                ax.set_xscale('log')
            for i, v in enumerate(vals):
                if v > 0:
                    ax.text(v, i, ' ' + human(v), va='center', fontsize=7)
            ax.set_title('%s — %s' % (wl_name, label), fontsize=9)
            ax.tick_params(axis='x', labelsize=7)
            ax.margins(x=0.3)
    fig.suptitle("qcrawl vs the tutorial's approaches and curl, medians of one run "
                 "(top row: more is better; CPU and RSS: less is better)", fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 0.96))
    fig.savefig(path, dpi=90)
    log('wrote %s' % os.path.relpath(path, ROOT))


# ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('workloads', nargs='*', help='W1 … W5 (default: all)')
    ap.add_argument('--origin', default='')
    ap.add_argument('--origin-pids', default='', help='pids whose CPU time is the origin\'s')
    ap.add_argument('--origin-desc', default='')
    ap.add_argument('--qcrawl', default='')
    ap.add_argument('--guibench', default='')
    ap.add_argument('--source', default='')
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--quick', action='store_true', help='smaller counts (see QUICK)')
    ap.add_argument('--contenders', default='', help='comma-separated names (default: all)')
    ap.add_argument('--no-ceiling', action='store_true', help='skip the wrk probes')
    ap.add_argument('--wrk-seconds', type=int, default=5)
    ap.add_argument('--quiet-wait', type=float, default=20,
                    help='before each run, wait at most this many seconds for the machine to be idle')
    ap.add_argument('--pause', type=float, default=0.5, help='seconds between runs')
    ap.add_argument('--run-timeout', type=float, default=600)
    ap.add_argument('--report-only', action='store_true',
                    help='no runs: rewrite the results from the last run\'s raw data (bench/out/raw), '
                         'e.g. after editing bench/analysis.md')
    ap.add_argument('--publish', action='store_true',
                    help='write bench/RESULTS.md and bench/results.png even for a partial run')
    args = ap.parse_args()
    args.argv = os.environ.get('QCRAWL_BENCH_ARGV', '').split()
    args.origin_pids = [int(p) for p in args.origin_pids.split(',') if p]
    wls = [w.upper() for w in args.workloads] or list(WORKLOADS)
    for w in wls:
        if w not in WORKLOADS:
            ap.error('unknown workload %s' % w)
    wanted = [c.strip() for c in args.contenders.split(',') if c.strip()]
    for c in wanted:
        if c not in dict(CONTENDERS):
            ap.error('unknown contender %r (one of: %s)' % (c, ', '.join(n for n, _ in CONTENDERS)))
    if args.reps < 1:
        ap.error('--reps wants at least 1')

    if args.report_only:
        return report_only(args)
    if not args.origin or not args.qcrawl:
        ap.error('--origin and --qcrawl are needed (bench/run passes them)')
    shutil.rmtree(RAW, ignore_errors=True)
    os.makedirs(RAW)
    started = datetime.datetime.utcnow()
    if not origin_alive(args.origin):
        log('the origin does not answer at %s' % args.origin)
        return 1
    ceiling = None if args.no_ceiling else {'before': origin_ceiling(args, 'before the runs')}

    plans = []  # (workload, contender, n, urlfile)
    for wl_name in wls:
        wl = dict(WORKLOADS[wl_name])
        if args.quick:
            wl.update(QUICK[wl_name])
        WORKLOADS[wl_name] = wl
        if wl_name == 'W5':
            continue
        for contender, family in CONTENDERS:
            if wanted and contender not in wanted:
                continue
            if contender == 'aiohttp streamed' and wl_name != 'W3':
                continue
            n = wl.get('scaled', {}).get(family, wl['n'])
            plans.append((wl_name, contender, n, url_list(args.origin, wl_name, wl, n)))

    records = []
    for rep in range(1, args.reps + 1):
        log('repetition %d of %d' % (rep, args.reps))
        for wl_name in wls:
            wl = WORKLOADS[wl_name]
            if wl_name == 'W5':
                if args.guibench and os.access(args.guibench, os.X_OK):
                    records.append(run_gui(args, wl, rep, url_list(args.origin, 'W5', wl, wl['n']),
                                           wl['n'], wl['c']))
                elif rep == 1:
                    log('  W5   skipped: GUI not built yet (no qcrawl-guibench)')
                continue
            mine = [p for p in plans if p[0] == wl_name]
            k = (rep - 1) % max(1, len(mine))
            for _, contender, n, urlfile in mine[k:] + mine[:k]:  # rotate the order per repetition
                if not origin_alive(args.origin):
                    log('the origin stopped answering; giving up')
                    return 1
                records.append(run_one(args, wl_name, wl, contender, rep, urlfile, n, wl['c']))

    if ceiling:
        ceiling['after'] = origin_ceiling(args, 'after the runs')
        with open(os.path.join(RAW, 'ceiling.json'), 'w') as f:
            json.dump(ceiling, f, indent=1)
    finished = datetime.datetime.utcnow()
    # Only a full run (every workload and contender, >= 3 repetitions, full counts) replaces the
    # published bench/RESULTS.md; partial and quick runs write to bench/out/ unless --publish.
    full = (not args.quick and not wanted and set(wls) == set(WORKLOADS) and args.reps >= 3
            and ceiling is not None)
    meta = dict(argv=args.argv, quick=args.quick, reps=args.reps, wls=wls, wanted=wanted,
                started=started.isoformat(), finished=finished.isoformat(), full=full,
                source=args.source, origin_desc=args.origin_desc, qcrawl=args.qcrawl,
                quiet_wait=args.quiet_wait,
                workloads={w: WORKLOADS[w] for w in wls})
    with open(os.path.join(RAW, 'meta.json'), 'w') as f:
        json.dump(meta, f, indent=1)
    return report(args, records, ceiling, meta)


def report_only(args):
    with open(os.path.join(RAW, 'meta.json')) as f:
        meta = json.load(f)
    with open(os.path.join(RAW, 'runs.jsonl')) as f:
        records = [json.loads(line) for line in f if line.strip()]
    ceiling = None
    if os.path.exists(os.path.join(RAW, 'ceiling.json')):
        with open(os.path.join(RAW, 'ceiling.json')) as f:
            ceiling = json.load(f)
    for k in ('argv', 'quick', 'reps', 'source', 'origin_desc', 'qcrawl', 'quiet_wait'):
        if k in meta:
            setattr(args, k, meta[k])
    WORKLOADS.update(meta['workloads'])
    return report(args, records, ceiling, meta)


def report(args, records, ceiling, meta):
    wls = meta['wls']
    started = datetime.datetime.fromisoformat(meta['started'])
    finished = datetime.datetime.fromisoformat(meta['finished'])
    table = summarize(records, wls)
    with open(os.path.join(OUT, 'summary.json'), 'w') as f:
        json.dump({'%s|%s' % k: v for k, v in table.items()}, f, indent=1)
    dest = BENCH if meta['full'] or args.publish else OUT
    write_chart(table, wls, os.path.join(dest, 'results.png'))
    write_results(args, table, records, wls, ceiling, started, finished, dest)
    for t, m, v in targets(table, wls):
        log('%-70s %-40s %s' % (t, m, v.replace('*', '')))
    return 0


if __name__ == '__main__':
    sys.exit(main())
