#!/usr/bin/python3
"""The benchmark driver: every workload through every contender, side by side, medians.

Started by bench/run once the C origin and nginx listen (run that, not this); the cold Node.js
origin of W1-node it starts itself, a new process for every run. For each repetition it runs
each contender once per workload (the order rotates from one repetition to the next), each
wrapped in /usr/bin/time -v, and checks every run: all URLs answered 200, every byte arrived
(and, when bodies are saved, every file has its size), and in a workload with an HTTP version
every answer came over it. Raw data: bench/out/raw/. Results: bench/RESULTS.md and
bench/results.png.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import ssl
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
NODE_BACKLOG = 511  # Node's own default for server.listen(): the cold origin keeps it

# name, family (serial / pool / async: which engine it is the twin of)
CONTENDERS = [
    ('qcrawl async', 'async'),
    # The same engine with every request through Qt 6.4's own HTTP client (--qt-http): what the
    # libcurl transport gains, measured in the same run.
    ('qcrawl async Qt-HTTP', 'async'),
    # The same engine recording the run in a journal (--journal, a fresh file per run): what
    # crash safety costs (issue: at most 10 % of W2's req/s).
    ('qcrawl async journal', 'async'),
    ('qcrawl pool', 'pool'),
    ('qcrawl serial', 'serial'),
    ('aiohttp', 'async'),
    ('aiohttp streamed', 'async'),  # W3 only: the same engine without the tutorial's read()
    ('requests Pool(4)', 'pool'),
    ('requests serial', 'serial'),
    ('curl --parallel', 'async'),
    # bench/curlbench.c: libcurl's multi_socket API on epoll and nothing else, set up as qcrawl's
    # CurlReply sets up its transfers: what qcrawl costs over the library it stands on.
    ('libcurl (bare C)', 'async'),
]
BASELINE = 'aiohttp'
BARE = 'libcurl (bare C)'
TWINS = {'qcrawl pool': 'requests Pool(4)', 'qcrawl serial': 'requests serial'}
POOL_THREADS = 4
EVERYONE = [c for c, _ in CONTENDERS if c not in ('aiohttp streamed', 'qcrawl async journal')]
# The new origins' workloads: the event-loop contenders and the bare client.
FIVE = ['qcrawl async', 'qcrawl async Qt-HTTP', 'aiohttp', 'curl --parallel', BARE]
NO_H2 = {'aiohttp': 'not applicable: aiohttp (3.8) is an HTTP/1.1 client'}

# n: URLs; scaled: fewer URLs for the one-worker and four-worker contenders where the full list
# would take minutes (W1 serially: 1,000 s); c: requests in flight for the event-loop contenders.
# origin: c (bench/origin.c), nginx (plain http), tls (nginx, https), node (bench/origin.js, a
# fresh process for every run); proto: the HTTP version every response must have come with
# (h1, h2), given to the contenders that can choose it; contenders: who runs it.
WORKLOADS = {
    'W1': dict(title='1,000 pages that each take 1 s to answer', n=1000, path='/delay/1000/{i}',
               size=len('hello 1000'), c=1000, body='read', scaled={'serial': 5, 'pool': 20},
               metric='wall', origin='c', contenders=EVERYONE),
    'W1-node': dict(title='W1 against a cold Node.js origin (bench/origin.js started for the run, '
                          'listen backlog %d)' % NODE_BACKLOG, n=1000, path='/delay/1000/{i}',
                    size=len('hello 1000'), c=1000, body='read', metric='wall', origin='node',
                    contenders=FIVE),
    'W1s': dict(title='1,000 pages that each take 1 s, over HTTPS, HTTP/2 (nginx)', n=1000,
                path='/delay/1000/{i}', size=len('hello 1000'), c=1000, body='read',
                metric='wall', origin='tls', proto='h2', contenders=FIVE),
    'W2': dict(title='20,000 small (1 KiB) immediate pages', n=20000, path='/page/{i}', size=1024,
               c=100, body='read', metric='req/s', origin='c',
               contenders=EVERYONE + ['qcrawl async journal']),
    'W2-nginx': dict(title='W2 against nginx, plain HTTP/1.1', n=20000, path='/page/{i}',
                     size=1024, c=100, body='read', metric='req/s', origin='nginx',
                     proto='h1', contenders=FIVE),
    'W2s-h1': dict(title='20,000 × 1 KiB over HTTPS (TLS 1.3, nginx), HTTP/1.1', n=20000,
                   path='/page/{i}', size=1024, c=100, body='read', metric='req/s',
                   origin='tls', proto='h1', contenders=FIVE),
    'W2s-h2': dict(title='20,000 × 1 KiB over HTTPS (TLS 1.3, nginx), HTTP/2', n=20000,
                   path='/page/{i}', size=1024, c=100, body='read', metric='req/s',
                   origin='tls', proto='h2', contenders=FIVE),
    'W3': dict(title='20 × 64 MiB bodies, counted and discarded', n=20,
               path='/bytes/67108864/{i}', size=64 * MiB, c=20, body='read', metric='MB/s',
               origin='c', contenders=EVERYONE + ['aiohttp streamed']),
    'W3s': dict(title='20 × 64 MiB bodies over HTTPS, HTTP/2 (nginx), counted and discarded',
                n=20, path='/bytes/67108864/{i}', size=64 * MiB, c=20, body='read',
                metric='MB/s', origin='tls', proto='h2', contenders=FIVE),
    'W4': dict(title='10 × 256 MiB bodies saved to files', n=10, path='/bytes/268435456/{i}',
               size=256 * MiB, c=10, body='save', metric='MB/s', origin='c', contenders=EVERYONE),
    'W5': dict(title='the GUI: 10,000 W2-shaped URLs in the running app (offscreen)', n=10000,
               path='/page/{i}', size=1024, c=100, body='read', metric='gui', origin='c',
               contenders=[]),
}
QUICK = {'W1': dict(n=200, scaled={'serial': 3, 'pool': 12}), 'W1-node': dict(n=200),
         'W1s': dict(n=200), 'W2': dict(n=5000), 'W2-nginx': dict(n=5000),
         'W2s-h1': dict(n=2000), 'W2s-h2': dict(n=2000), 'W3': dict(n=6), 'W3s': dict(n=6),
         'W4': dict(n=3), 'W5': dict(n=2000)}
BULK = ('W3', 'W3s', 'W4')
VERSION_NAME = {'h1': '1.1', 'h2': '2'}


def select_workloads(names):
    """W2 selects W2 and W2-nginx, W2s both W2s-h1 and W2s-h2, W2-nginx only itself."""
    chosen = []
    for name in names:
        hits = [w for w in WORKLOADS if w.upper() == name.upper()
                or w.upper().startswith(name.upper() + '-')]
        if not hits:
            return None, name
        chosen += [w for w in hits if w not in chosen]
    return [w for w in WORKLOADS if w in chosen], None


def not_applicable(wl, contender):
    """Why a contender does not run a workload it is listed for, or None."""
    if wl.get('proto') == 'h2':
        return NO_H2.get(contender)
    return None


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


def command(contender, wl, urlfile, c, outdir, args):
    body = wl['body']
    proto = wl.get('proto')
    tls = wl['origin'] == 'tls'

    def transport_flags(proto, tls):
        # qcrawl-cli, curl and curlbench spell these the same (curl's names).
        flags = ['--http1.1' if proto == 'h1' else '--http2'] if proto else []
        return flags + (['--cacert', args.cacert] if tls else [])

    if contender.startswith('qcrawl'):
        mode = contender.split()[1]
        cmd = [args.qcrawl, 'fetch', '-m', mode, '-i', urlfile, '-f', 'jsonl']
        if mode == 'async':
            cmd += ['-c', str(c)]
        if contender.endswith('Qt-HTTP'):
            cmd += ['--qt-http']
        elif contender.endswith('journal'):
            os.makedirs(outdir, exist_ok=True)  # removed with the run's other files
            cmd += ['--journal', os.path.join(outdir, 'journal.db')]
        elif mode == 'pool':
            cmd += ['-t', str(POOL_THREADS)]
        cmd += transport_flags(proto, tls)
        if body == 'save':
            cmd += ['-o', outdir]
        return cmd
    if contender == 'curl --parallel':
        cfg = curl_config(urlfile, outdir if body == 'save' else None)
        cmd = ['curl', '--no-progress-meter', '--parallel', '--parallel-immediate',
               '--parallel-max', str(min(c, CURL_PARALLEL_MAX))]
        cmd += transport_flags(proto, tls)
        return cmd + ['-K', cfg, '-w', '%{http_code} %{size_download} %{http_version}\\n']
    if contender == BARE:
        cmd = [args.curlbench, '-i', urlfile, '-c', str(c)]
        cmd += transport_flags(proto, tls)
        if body == 'save':
            cmd += ['-o', outdir]
        return cmd
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
    if tls:
        cmd += ['--cacert', args.cacert]
    return cmd


# ---------------------------------------------------------------------------------------------
# Checking what a run did

def check_output(contender, stdout_path, stderr_path):
    """Returns (ok, bytes, in-run seconds or None, {HTTP version: answers} or None) as the
    contender itself reports them."""
    with open(stdout_path, errors='replace') as f:
        out = f.read()
    if contender.startswith('qcrawl'):
        ok = nbytes = 0
        end_ms = 0
        versions = {}
        for line in out.splitlines():
            try:
                r = json.loads(line)
            except ValueError:
                continue
            if r.get('status') == 200 and r.get('error') is None:
                ok += 1
                nbytes += r.get('bytes') or 0
                v = r.get('http_version') or '?'
                versions[v] = versions.get(v, 0) + 1
            end_ms = max(end_ms, (r.get('started_ms') or 0) + (r.get('elapsed_ms') or 0))
        return ok, nbytes, end_ms / 1000.0, versions
    if contender.startswith('curl'):
        ok = nbytes = 0
        versions = {}
        for line in out.splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0] == '200':
                ok += 1
                nbytes += int(float(parts[1]))
                v = parts[2] if len(parts) > 2 else '?'
                versions[v] = versions.get(v, 0) + 1
        return ok, nbytes, None, versions
    for line in reversed(out.splitlines()):
        try:
            r = json.loads(line)
        except ValueError:
            continue
        versions = r.get('http_versions')
        if versions is not None:
            versions = {k: v for k, v in versions.items() if v}
        return r.get('ok', 0), r.get('bytes', 0), r.get('elapsed_s'), versions
    return 0, 0, None, None


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


def origin_alive(origin, cacert=None):
    try:
        context = ssl.create_default_context(cafile=cacert) if origin.startswith('https:') else None
        with urllib.request.urlopen(origin + '/health', timeout=5, context=context) as r:
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
# Origins

def origin_base(args, wl):
    return {'c': args.origin, 'nginx': args.nginx_http, 'tls': args.nginx_https,
            'node': 'http://127.0.0.1:%d' % args.node_port}[wl['origin']]


def origin_pids_for(args, wl):
    return {'c': args.origin_pids, 'nginx': args.nginx_pids, 'tls': args.nginx_pids}.get(wl['origin'], [])


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def start_node(args, log_path):
    """A cold Node.js origin for one run: a new process, its JIT and its sockets never used,
    with Node's default listen backlog. Returns the Popen once it listens, or None."""
    with open(log_path, 'wb') as f:
        p = subprocess.Popen(['node', os.path.join(BENCH, 'origin.js'), '--host', '127.0.0.1',
                              '--port', str(args.node_port), '--backlog', str(NODE_BACKLOG)],
                             stdout=f, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        with open(log_path, errors='replace') as f:
            if 'origin listening on' in f.read():
                return p
        if p.poll() is not None:
            break
        time.sleep(0.02)
    stop_node(p)
    return None


def stop_node(p):
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def origins_alive(args, wl_name):
    wl = WORKLOADS[wl_name]
    if wl['origin'] == 'node':
        return True  # started for each run, and not touched before it: it must stay cold
    base = origin_base(args, wl)
    return origin_alive(base, args.cacert)


# ---------------------------------------------------------------------------------------------
# One run

def run_one(args, wl_name, wl, contender, rep, urlfile, n, c):
    tag = '%s-%s-r%d' % (wl_name, re.sub(r'[^a-z0-9]+', '_', contender.lower()).strip('_'), rep)
    outdir = os.path.join(FILES, tag)
    shutil.rmtree(FILES, ignore_errors=True)
    if wl['body'] == 'save':
        os.makedirs(outdir)
        subprocess.run(['sync'])  # the previous run's writeback is not this run's cost
    cmd = command(contender, wl, urlfile, c, outdir, args)
    stdout_path = os.path.join(RAW, tag + '.stdout')
    stderr_path = os.path.join(RAW, tag + '.stderr')
    time_path = os.path.join(RAW, tag + '.time')
    env = {k: v for k, v in os.environ.items() if 'proxy' not in k.lower()}
    env['NO_PROXY'] = env['no_proxy'] = '127.0.0.1,localhost'
    timeout = args.run_timeout
    problems = []
    node = None
    pids = origin_pids_for(args, wl)
    idle_before = wait_quiet(args)
    if wl['origin'] == 'node':
        node = start_node(args, os.path.join(RAW, tag + '.origin.log'))
        if node is None:
            problems.append('the Node.js origin did not start (raw/%s.origin.log)' % tag)
        else:
            pids = [node.pid]
            time.sleep(0.2)  # its start-up's last work (the JIT compiling it) is not the run's
    o0 = origin_cpu(pids)
    m0 = cpu_busy_seconds()
    rc = 'not run'
    t0 = time.monotonic()
    if not problems:
        with open(stdout_path, 'wb') as so, open(stderr_path, 'wb') as se:
            t0 = time.monotonic()
            p = subprocess.Popen(['/usr/bin/time', '-v', '-o', time_path] + cmd, stdout=so,
                                 stderr=se, env=env, cwd=OUT, start_new_session=True)
            try:
                rc = p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                rc = 'timeout'
    else:
        open(stdout_path, 'wb').close()
    wall = time.monotonic() - t0
    o1 = origin_cpu(pids)
    m1 = cpu_busy_seconds()
    if node is not None:
        stop_node(node)
    t = parse_time_v(time_path) if os.path.exists(time_path) else dict(user=0, sys=0, rss_kb=0)
    # The machine's busy CPU time during the run less the client's and the origin's: other
    # processes (another build on a shared machine), in cores.
    others = None
    if o0 is not None and o1 is not None:
        others = max(0.0, (m1[0] - m0[0]) - (t['user'] + t['sys']) - (o1 - o0)) / max(wall, 1e-3)
    ok, nbytes, inrun, versions = check_output(contender, stdout_path, stderr_path)
    saved = None
    if wl['body'] == 'save':
        saved = files_size(outdir)
        shutil.rmtree(FILES, ignore_errors=True)
    expected = n * wl['size']
    if rc != 0:
        problems.append('exit %s' % rc)
    if ok != n:
        problems.append('%d of %d answered 200' % (ok, n))
    if nbytes != expected:
        problems.append('%d of %d bytes' % (nbytes, expected))
    if saved is not None and saved != expected:
        problems.append('%d of %d bytes saved' % (saved, expected))
    want = VERSION_NAME.get(wl.get('proto'))
    if want and versions is not None and versions.get(want, 0) != ok:
        problems.append('%d of %d answers over HTTP/%s (%s)' % (
            versions.get(want, 0), ok, want,
            ', '.join('%s: %d' % kv for kv in sorted(versions.items()))))
    rec = dict(workload=wl_name, contender=contender, rep=rep, n=n, c=c, cmd=cmd, rc=rc,
               wall=wall, inrun=inrun, ok=ok, bytes=nbytes, saved=saved, versions=versions,
               origin_cpu=(o1 - o0) if o0 is not None and o1 is not None else None,
               others=others, busy_before=idle_before,
               valid=not problems, problems=problems, **t)
    with open(os.path.join(RAW, 'runs.jsonl'), 'a') as f:
        f.write(json.dumps(rec) + '\n')
    cpu_us = (t['user'] + t['sys']) / n * 1e6
    log('  %-8s r%d %-20s n=%-6d wall %7.3f s  cpu %6.2f s (%7.1f us/req)  rss %7.1f MB  others %s %s' % (
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


def h2load(url, clients, streams, requests):
    """nghttp2's h2load: the HTTP/2 probes (wrk speaks HTTP/1.1 only). Bounded by a request
    count, one thread."""
    if not shutil.which('h2load'):
        return dict(cmd='h2load (not installed)', rps=None, transfer=None, raw='')
    cmd = ['h2load', '-t1', '-c%d' % clients, '-m%d' % streams, '-n%d' % requests, url]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    except subprocess.TimeoutExpired:
        out = ''
    m = re.search(r'finished in ([\d.]+)(m?s), ([\d.]+) req/s, ([\d.]+\w+)/s', out)
    fail = re.search(r'requests: .* (\d+) succeeded', out)
    lat = re.search(r'time for request:\s+(\S+)\s+(\S+)\s+(\S+)', out)
    return dict(cmd=' '.join(cmd), rps=m.group(3) if m else None,
                transfer=m.group(4) if m else None,
                finished=(m.group(1) + m.group(2)) if m else None,
                succeeded=fail.group(1) if fail else None,
                lat_min=lat.group(1) if lat else None, lat_max=lat.group(2) if lat else None,
                lat_avg=lat.group(3) if lat else None, raw=out)


def origin_ceiling(args, when):
    log('origin ceiling (wrk and h2load, one thread), %s:' % when)
    o = args.origin
    wait_quiet(args)
    for path, conns in (('/page/0', 100), ('/bytes/67108864/0', 4)):  # warm the caches up
        wrk(o + path, conns, 1)
    c = {
        'W2': wrk(o + '/page/0', 100, args.wrk_seconds),
        'W3': wrk(o + '/bytes/67108864/0', 4, args.wrk_seconds),
        'W1': wrk(o + '/delay/1000/0', 1000, max(args.wrk_seconds, 4), latency=True),
    }
    log('  C origin, /page (1 KiB), 100 connections: %s req/s' % c['W2']['rps'])
    log('  C origin, /bytes/64 MiB, 4 connections:   %s/s' % c['W3']['transfer'])
    log('  C origin, /delay/1000, 1000 connections:  latency avg %s, p99 %s, max %s' % (
        c['W1']['lat_avg'], c['W1']['p99'], c['W1']['lat_max']))
    if args.nginx_http:
        h, t = args.nginx_http, args.nginx_https
        wrk(h + '/page/0', 100, 1)
        wait_quiet(args)
        c['W2-nginx'] = wrk(h + '/page/0', 100, args.wrk_seconds)
        c['W2s-h1'] = wrk(t + '/page/0', 100, args.wrk_seconds)
        c['W2s-h2'] = h2load(t + '/page/0', 1, 100, 20000 * args.wrk_seconds)
        c['W3s'] = h2load(t + '/bytes/67108864/0', 1, 20, 20)
        c['W1s'] = h2load(t + '/delay/1000/0', 4, 250, 1000)
        log('  nginx, http /page, 100 connections (wrk):          %s req/s' % c['W2-nginx']['rps'])
        log('  nginx, https /page, HTTP/1.1, 100 connections (wrk): %s req/s' % c['W2s-h1']['rps'])
        log('  nginx, https /page, HTTP/2, 1 x 100 streams (h2load): %s req/s' % c['W2s-h2']['rps'])
        log('  nginx, https /bytes/64 MiB, HTTP/2, 1 x 20 streams:  %s/s' % c['W3s']['transfer'])
        log('  nginx, https /delay/1000, HTTP/2, 4 x 250 streams:   all in %s, request max %s' % (
            c['W1s'].get('finished'), c['W1s'].get('lat_max')))
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
                versions = sorted({v for r in valid for v in (r.get('versions') or {})})
                s['versions'] = versions if any(r.get('versions') is not None for r in valid) else None
            table[(wl_name, contender)] = s
    return table


def fmt(v, digits=0, unit=''):
    if v is None:
        return '—'
    if digits == 0:
        return '{:,.0f}{}'.format(v, unit)
    return '{:,.{d}f}{}'.format(v, unit, d=digits)


def _get(table, wl, c):
    s = table.get((wl, c))
    return s if s and s.get('valid') else None


def _why(table, wl, *contenders):
    for c in contenders:
        s = table.get((wl, c))
        if not s:
            return 'not measured: %s did not run' % c
        if not s.get('valid'):
            return 'not measured: every run of %s failed' % c
    return ''


def _verdict(ok):
    return 'met' if ok else '**missed**'


def issue_targets(table, wls):
    """[(target, measured, verdict)]: the targets of the issue "One transport for http and
    https", from this run's medians. Only the workloads of this run are judged."""
    out = []
    get = lambda wl, c: _get(table, wl, c)
    if 'W2' in wls:
        q, j = get('W2', 'qcrawl async'), get('W2', 'qcrawl async journal')
        t = 'W2: qcrawl async with --journal ≥ 0.9 × without (req/s)'
        if q and j:
            out.append((t, '%s vs %s req/s = %.2f ×' % (fmt(j['rps']), fmt(q['rps']), j['rps'] / q['rps']),
                        _verdict(j['rps'] >= 0.9 * q['rps'])))
        else:
            out.append((t, _why(table, 'W2', 'qcrawl async journal', 'qcrawl async'), '—'))
    for wl, where in (('W2', 'C origin'), ('W2-nginx', 'nginx')):
        if wl not in wls:
            continue
        q, b, c = get(wl, 'qcrawl async'), get(wl, BARE), get(wl, 'curl --parallel')
        t = '%s (plain http, %s): qcrawl async ≥ 0.8 × bare libcurl req/s' % (wl, where)
        if q and b:
            out.append((t, '%s vs %s req/s = %.2f ×' % (fmt(q['rps']), fmt(b['rps']), q['rps'] / b['rps']),
                        _verdict(q['rps'] >= 0.8 * b['rps'])))
        else:
            out.append((t, _why(table, wl, 'qcrawl async', BARE), '—'))
        t = '%s (plain http, %s): qcrawl async ≥ 1.2 × curl --parallel req/s' % (wl, where)
        if q and c:
            out.append((t, '%s vs %s req/s = %.2f ×' % (fmt(q['rps']), fmt(c['rps']), q['rps'] / c['rps']),
                        _verdict(q['rps'] >= 1.2 * c['rps'])))
        else:
            out.append((t, _why(table, wl, 'qcrawl async', 'curl --parallel'), '—'))
    for wl, proto in (('W2s-h1', 'HTTP/1.1'), ('W2s-h2', 'HTTP/2')):
        if wl not in wls:
            continue
        q, b = get(wl, 'qcrawl async'), get(wl, BARE)
        t1 = '%s (https, %s): qcrawl async ≥ 0.8 × bare libcurl req/s' % (wl, proto)
        t2 = '%s (https, %s): CPU per request ≤ 1.25 × bare libcurl\'s' % (wl, proto)
        if q and b:
            out.append((t1, '%s vs %s req/s = %.2f ×' % (fmt(q['rps']), fmt(b['rps']), q['rps'] / b['rps']),
                        _verdict(q['rps'] >= 0.8 * b['rps'])))
            out.append((t2, '%s vs %s µs = %.2f ×' % (fmt(q['cpu_us']), fmt(b['cpu_us']),
                                                      q['cpu_us'] / max(b['cpu_us'], 1e-9)),
                        _verdict(q['cpu_us'] <= 1.25 * b['cpu_us'])))
        else:
            why = _why(table, wl, 'qcrawl async', BARE)
            out += [(t1, why, '—'), (t2, why, '—')]
    if 'W3s' in wls:
        q, b = get('W3s', 'qcrawl async'), get('W3s', BARE)
        t = 'W3s (%s × 64 MiB, HTTP/2): qcrawl async ≥ 0.9 × bare libcurl MB/s' % fmt(WORKLOADS['W3s']['n'])
        if q and b:
            out.append((t, '%s vs %s MB/s = %.2f ×' % (fmt(q['mbps']), fmt(b['mbps']), q['mbps'] / b['mbps']),
                        _verdict(q['mbps'] >= 0.9 * b['mbps'])))
        else:
            out.append((t, _why(table, 'W3s', 'qcrawl async', BARE), '—'))
        t = 'W3s: qcrawl async peak RSS ≤ 64 MiB'
        out.append((t, '%.1f MiB' % q['rss_mb'], _verdict(q['rss_mb'] <= 64)) if q
                   else (t, _why(table, 'W3s', 'qcrawl async'), '—'))
    if 'W1s' in wls:
        q = get('W1s', 'qcrawl async')
        t = 'W1s (%s × 1 s, HTTP/2): qcrawl async ≤ 1.15 s (process wall)' % fmt(WORKLOADS['W1s']['n'])
        out.append((t, '%.3f s' % q['wall'], _verdict(q['wall'] <= 1.15)) if q
                   else (t, _why(table, 'W1s', 'qcrawl async'), '—'))
    for wl, where, limit in (('W1', 'C origin', 1.05), ('W1-node', 'cold Node.js origin', 1.10)):
        if wl not in wls:
            continue
        q, a = get(wl, 'qcrawl async'), get(wl, BASELINE)
        t = '%s (%s × 1 s, %s): qcrawl async ≤ %.2f s (process wall)' % (wl, fmt(WORKLOADS[wl]['n']), where, limit)
        out.append((t, '%.3f s' % q['wall'], _verdict(q['wall'] <= limit)) if q
                   else (t, _why(table, wl, 'qcrawl async'), '—'))
        t = '%s (%s): qcrawl async faster than aiohttp' % (wl, where)
        if q and a:
            out.append((t, '%.3f s vs aiohttp %.3f s' % (q['wall'], a['wall']), _verdict(q['wall'] < a['wall'])))
        else:
            out.append((t, _why(table, wl, 'qcrawl async', BASELINE), '—'))
    if 'W5' in wls:
        g = get('W5', 'qcrawl GUI')
        t = 'W5 (the app, %s rows): longest GUI stall ≤ 16 ms' % fmt(WORKLOADS['W5']['n'])
        if g and g.get('stall_ms') is not None:
            out.append((t, fmt(g['stall_ms'], 1, ' ms'), _verdict(g['stall_ms'] <= 16)))
        else:
            out.append((t, 'not measured: ' + ('GUI bench not built' if not table.get(('W5', 'qcrawl GUI'))
                                               else 'runs failed'), '—'))
    return out


def earlier_targets(table, wls):
    """[(target, measured, verdict)] of the first benchmark issue (plain http, C origin)."""
    out = []
    get = lambda wl, c: _get(table, wl, c)
    if 'W1' in wls:
        q = get('W1', 'qcrawl async')
        if q:
            out.append(('W1: qcrawl async ≤ 1.05 × the 1 s ideal (process wall)',
                        '%.3f s = %.2f × ideal' % (q['wall'], q['wall']), _verdict(q['wall'] <= 1.05)))
    if 'W2' in wls:
        q, a = get('W2', 'qcrawl async'), get('W2', BASELINE)
        if q and a:
            out.append(('W2: ≥ 1.5 × aiohttp req/s', '%s vs %s req/s = %.2f ×' % (
                fmt(q['rps']), fmt(a['rps']), q['rps'] / a['rps']), _verdict(q['rps'] >= 1.5 * a['rps'])))
        if q:
            out.append(('W2: ≥ 10,000 req/s', fmt(q['rps']) + ' req/s', _verdict(q['rps'] >= 10000)))
            out.append(('CPU per request ≤ 150 µs (W2, user + sys, client)', fmt(q['cpu_us'], 0, ' µs'),
                        _verdict(q['cpu_us'] <= 150)))
    for wl, gbps in (('W3', 3.0), ('W4', 1.0)):
        if wl in wls:
            q = get(wl, 'qcrawl async')
            if q:
                out.append(('%s: ≥ %g GB/s' % (wl, gbps), '%.2f GB/s' % (q['mbps'] / 1000),
                            _verdict(q['mbps'] >= gbps * 1000)))
                out.append(('%s: peak RSS ≤ 64 MiB' % wl, '%.1f MiB' % q['rss_mb'],
                            _verdict(q['rss_mb'] <= 64)))
    if 'W5' in wls:
        g = get('W5', 'qcrawl GUI')
        q2 = get('W2', 'qcrawl async')
        if g:
            out.append(('W5: longest GUI stall < 50 ms', fmt(g['stall_ms'], 1, ' ms'),
                        _verdict(g['stall_ms'] is not None and g['stall_ms'] < 50)))
            if q2:
                cli = q2['wall'] * g['n'] / q2['n']
                out.append(('W5: all rows done ≤ 1.5 × the CLI time for as many W2 URLs',
                            '%.2f s vs 1.5 × %.2f s' % (g['inrun'] or g['wall'], cli),
                            _verdict((g['inrun'] or g['wall']) <= 1.5 * cli)))
    for wl in [w for w in wls if w != 'W5']:
        for mine, twin in TWINS.items():
            q, t = get(wl, mine), get(wl, twin)
            if q and t:
                out.append(('%s: %s at least as fast as %s' % (wl, mine, twin),
                            '%s vs %s req/s' % (fmt(q['rps'], 1 if q['rps'] < 100 else 0),
                                                fmt(t['rps'], 1 if t['rps'] < 100 else 0)),
                            _verdict(q['rps'] >= t['rps'])))
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
        ('curl, libcurl', sh('curl --version | head -1')),
        ('libcurl (bare C)', 'bench/curlbench.c, compiled by bench/run: `cc -O2 -o bench/out/curlbench bench/curlbench.c -lcurl`'),
        ('OpenSSL', sh('openssl version')),
        ('wrk', sh('wrk --version 2>&1 | head -1')),
        ('h2load', sh('h2load --version 2>&1 | head -1') if shutil.which('h2load') else 'not installed'),
        # bench/run names the origin it started (C or Node.js); older raw data did not.
        ('origin (W1–W5)', args.origin_desc if args.origin_desc.startswith(('C,', 'Node.js'))
         else 'Node.js %s, bench/origin.js, %s' % (sh('node --version'), args.origin_desc)),
        ('nginx origin (W2-nginx, W2s, W3s, W1s)', getattr(args, 'nginx_desc', '') or '—'),
        ('cold Node.js origin (W1-node)', 'Node.js %s, bench/origin.js --backlog %d, a new process '
         'for every run' % (sh('node --version'), NODE_BACKLOG)),
    ]
    return facts


def inflight_of(contender, family, s):
    """Requests in flight at most (over HTTP/2 they share connections)."""
    if contender.startswith('curl'):
        return min(s['c'], CURL_PARALLEL_MAX, s['n'])
    return min({'serial': 1, 'pool': POOL_THREADS}.get(family, s['c']), s['n'])


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
    w('## The origins\' ceilings (wrk and h2load, one thread, before and after the workloads)')
    w('')
    if ceiling:
        b, a = ceiling['before'], ceiling.get('after') or {}
        g = lambda d, k, f: (d.get(k) or {}).get(f) or '—'
        w('| probe | before | after |')
        w('|---|---|---|')
        w('| C origin, `/page/0` (1 KiB), 100 connections | %s req/s | %s req/s |' % (
            g(b, 'W2', 'rps'), g(a, 'W2', 'rps')))
        w('| C origin, `/bytes/67108864/0` (64 MiB), 4 connections | %s/s | %s/s |' % (
            g(b, 'W3', 'transfer'), g(a, 'W3', 'transfer')))
        w('| C origin, `/delay/1000/0`, 1,000 connections: latency avg / p99 / max | %s / %s / %s | %s / %s / %s |' % (
            g(b, 'W1', 'lat_avg'), g(b, 'W1', 'p99'), g(b, 'W1', 'lat_max'),
            g(a, 'W1', 'lat_avg'), g(a, 'W1', 'p99'), g(a, 'W1', 'lat_max')))
        if 'W2-nginx' in b:
            w('| nginx, http `/page/0`, 100 connections (wrk) | %s req/s | %s req/s |' % (
                g(b, 'W2-nginx', 'rps'), g(a, 'W2-nginx', 'rps')))
            w('| nginx, https `/page/0`, HTTP/1.1, 100 connections (wrk) | %s req/s | %s req/s |' % (
                g(b, 'W2s-h1', 'rps'), g(a, 'W2s-h1', 'rps')))
            w('| nginx, https `/page/0`, HTTP/2, 1 connection × 100 streams (h2load) | %s req/s | %s req/s |' % (
                g(b, 'W2s-h2', 'rps'), g(a, 'W2s-h2', 'rps')))
            w('| nginx, https `/bytes/67108864/0`, HTTP/2, 20 × 64 MiB on 1 connection (h2load) | %s/s | %s/s |' % (
                g(b, 'W3s', 'transfer'), g(a, 'W3s', 'transfer')))
            w('| nginx, https `/delay/1000/0`, HTTP/2, 1,000 on 4 connections × 250 streams (h2load): all done in / slowest request | %s / %s | %s / %s |' % (
                g(b, 'W1s', 'finished'), g(b, 'W1s', 'lat_max'), g(a, 'W1s', 'finished'), g(a, 'W1s', 'lat_max')))
        w('')
        w('The probes share the 2 cores with the origin as every contender does. "origin busy" in '
          'the tables is the origin\'s CPU time during a run over the run\'s wall time: near 100 % '
          'the one-process origin (C, one nginx worker, Node.js), not the client, would be the '
          'limit. The probes load both cores, so they also drop when something else runs on the '
          'machine: a lower "after" than "before" means the machine was busier then, not that '
          'the origin changed.')
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
      'the same workload; **× libcurl**: over the bare libcurl client\'s (`bench/curlbench.c`, '
      'the library qcrawl\'s transport stands on, with nothing around it); above 1 is faster.')
    w('- **HTTP**: the versions the answers came with, as the contender reports them (qcrawl\'s '
      '`http_version`, curl\'s `%{http_version}`, libcurl\'s `CURLINFO_HTTP_VERSION`; aiohttp '
      'does not say, it speaks HTTP/1.1 only). In a workload with a version (W2-nginx, W2s, W3s, '
      'W1s) every contender that can choose is told it (`--http1.1` / `--http2`) and a run with '
      'any answer over another version fails the check.')
    w('- Every run is checked: each URL answered 200 and every byte arrived (W4: and every file '
      'has its size); a run that fails the check is left out of the medians and reported. '
      '"n/a": the contender cannot do that workload at all.')
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
        base = _get(table, wl_name, BASELINE)
        bare = _get(table, wl_name, BARE)
        notes = []
        bulk = wl_name in BULK
        w('| contender | URLs | in flight | wall (s) | wall min–max | in-run (s) | req/s | MB/s | peak RSS (MiB) | CPU µs/req |%s × aiohttp | × libcurl | HTTP | origin busy | others (max) | valid |'
          % (' CPU s/GB |' if bulk else ''))
        w('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|%s---:|---:|---|---:|---:|---:|' % ('---:|' if bulk else ''))
        empty = ' |' * (13 if bulk else 12)
        for contender, family in CONTENDERS:
            if contender not in wl['contenders']:
                continue
            na = not_applicable(wl, contender)
            if na:
                w('| %s | — | — | %s |%s' % (contender, na, empty))
                continue
            s = table.get((wl_name, contender))
            if not s:
                continue
            inflight = inflight_of(contender, family, s)
            if not s.get('valid'):
                w('| %s | %s | %s | failed: %s |%s 0/%d |' % (
                    contender, fmt(s['n']), fmt(inflight), '; '.join(s['problems'])[:300],
                    ' |' * (12 if bulk else 11), s['runs']))
                continue
            ratio = (s['rps'] / base['rps']) if base else None
            bare_ratio = (s['rps'] / bare['rps']) if bare else None
            rps_digits = 1 if s['rps'] < 100 else 0
            cpu_gb = (' %s |' % fmt(s['cpu'] / (s['n'] * wl['size'] / 1e9), 2)) if bulk else ''
            w('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%s %s | %s | %s | %s | %s | %d/%d |' % (
                contender, fmt(s['n']), fmt(inflight), fmt(s['wall'], 3),
                '%.3f–%.3f' % (min(s['walls']), max(s['walls'])), fmt(s['inrun'], 3),
                fmt(s['rps'], rps_digits), fmt(s['mbps'], 1 if s['mbps'] < 100 else 0),
                fmt(s['rss_mb'], 1),
                fmt(s['cpu_us']) if s['cpu'] >= 0.1 else '(%.2f s)' % s['cpu'], cpu_gb,
                fmt(ratio, 2, ' ×'), fmt(bare_ratio, 2, ' ×'),
                ', '.join(s['versions']) if s.get('versions') else '—',
                fmt(s['origin_busy'] * 100 if s['origin_busy'] is not None else None, 0, ' %'),
                fmt(s['others'], 2) if s.get('others') is not None else '—',
                s['valid'], s['runs']))
        w('')
        if wl['metric'] == 'wall':
            notes.append('CPU in parentheses: under 0.1 s in all, too little for `time`\'s 10 ms '
                         'resolution to give a per-request figure.')
            notes.append('curl caps `--parallel-max` at 300, so it cannot have 1,000 in flight: '
                         'its 1,000 pages take about 4 rounds of 1 s.')
        if wl_name == 'W1':
            scaled = wl.get('scaled', {})
            notes.insert(0, 'The serial contenders get %d URLs and the pools %d, not %s: each page '
                         'takes 1 s, so one worker does 1 page/s and four do 4 (all %s would take '
                         '%s s and %s s). Their req/s compares; their wall time does not.' % (
                             scaled.get('serial', 0), scaled.get('pool', 0), fmt(wl['n']),
                             fmt(wl['n']), fmt(wl['n']), fmt(wl['n'] / POOL_THREADS)))
            notes.append('requests Pool(4) takes 6 s for 20 pages, not 5: `Pool.map` hands its '
                         'workers chunks of 2 URLs, so the 20 pages make 10 chunks over 4 '
                         'workers, 3 rounds of 2 s (the tutorial\'s idiom, kept).')
        if wl_name == 'W1-node':
            notes.append('The origin is `node bench/origin.js --backlog %d` (Node\'s own default '
                         'backlog), started afresh for every run and not sent a single request '
                         'before it: its JIT is cold, and 1,000 connections arriving at once '
                         'meet a listen queue of %d. "origin busy" is that process\'s CPU from '
                         'after it listens to the end of the run.' % (NODE_BACKLOG, NODE_BACKLOG))
        if wl.get('proto') == 'h2':
            notes.append('HTTP/2 over TLS 1.3 (ALPN) from one nginx worker that allows 256 '
                         'streams per connection (`http2_max_concurrent_streams 256`): how many '
                         'connections a contender opens for its requests in flight is its own '
                         'choice (libcurl: a new one when the open ones are full; `CURLOPT_PIPEWAIT` '
                         'makes new transfers wait for one that can multiplex).')
        if wl['origin'] in ('nginx', 'tls'):
            notes.append('nginx serves `/page` and `/bytes` from static files in '
                         'bench/out/nginx/html (the C origin\'s bytes) and `/delay` with the echo '
                         'module\'s `echo_sleep`; `keepalive_requests` is raised so that no '
                         'connection is closed (HTTP/1.1) or sent GOAWAY (HTTP/2) in the middle '
                         'of a run.')
        if wl['origin'] == 'tls':
            notes.append('The certificate (ECDSA P-256, for 127.0.0.1 and localhost) and its test '
                         'CA are made by bench/run with `openssl` for the run; every contender '
                         'checks it against that CA: qcrawl and curl with `--cacert`, aiohttp with '
                         'an `ssl.SSLContext(cafile=…)`, the bare client with `CURLOPT_CAINFO`.')
        if wl_name == 'W3':
            notes.append('"aiohttp" and the requests contenders use the tutorial\'s idiom, the '
                         'whole body in memory (`await response.read()` / `.content`), counted '
                         'and dropped; "aiohttp streamed" reads the same bodies in 1 MiB chunks '
                         '(`iter_chunked`), to tell the idiom\'s cost from the library\'s. '
                         'qcrawl keeps a 64 KiB preview per body and discards the rest as it '
                         'arrives; curl writes to /dev/null; the bare client counts.')
        if wl_name == 'W3s':
            notes.append('qcrawl keeps a 64 KiB preview per body and discards the rest; curl '
                         'writes to /dev/null; the bare client counts. All 20 bodies are in '
                         'flight at once, multiplexed.')
        if wl_name == 'W4':
            notes.append('Every contender streams to files (Python: 1 MiB chunks, '
                         '`iter_content` / `iter_chunked` + `write`; qcrawl: `-o DIR`, '
                         '`.part` then rename; curl: `output =` per URL; the bare client: '
                         '`fwrite` from its write callback). The files go to '
                         'bench/out/files on the same disk and are removed after each run (not '
                         'timed); `sync` runs before each run so one run\'s writeback is not '
                         'the next one\'s cost.')
        for note in dict.fromkeys(notes):
            w('- ' + note)
        if notes:
            w('')
    # qcrawl over the library it stands on
    rows = [wl for wl in wls if wl != 'W5' and BARE in WORKLOADS[wl]['contenders']]
    if rows:
        w('## qcrawl over bare libcurl')
        w('')
        w('qcrawl async (the default transport, libcurl\'s multi_socket API on Qt\'s event loop) '
          'against `bench/curlbench.c` (the same API on a bare epoll loop, the same easy '
          'options; over HTTP/2 it also allows 256 streams per connection and opens at most '
          'ceil(in flight / 256) connections, which qcrawl does not set), workload by workload. '
          'Ratios are qcrawl\'s over the bare client\'s: throughput above 1 is faster, CPU and '
          'RSS above 1 is more.')
        w('')
        w('| workload | qcrawl req/s | bare req/s | req/s ratio | qcrawl CPU µs/req | bare CPU µs/req | CPU/request ratio | qcrawl MB/s | bare MB/s | qcrawl peak RSS (MiB) | bare peak RSS (MiB) |')
        w('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
        for wl in rows:
            q, b = _get(table, wl, 'qcrawl async'), _get(table, wl, BARE)
            if not (q and b):
                w('| %s | %s |%s' % (wl, _why(table, wl, 'qcrawl async', BARE), ' |' * 9))
                continue
            small = q['cpu'] < 0.1 or b['cpu'] < 0.1
            digits = lambda v: 1 if v < 100 else 0
            w('| %s | %s | %s | %.2f × | %s | %s | %s | %s | %s | %s | %s |' % (
                wl, fmt(q['rps'], digits(q['rps'])), fmt(b['rps'], digits(b['rps'])),
                q['rps'] / b['rps'],
                fmt(q['cpu_us']) if q['cpu'] >= 0.1 else '(%.2f s)' % q['cpu'],
                fmt(b['cpu_us']) if b['cpu'] >= 0.1 else '(%.2f s)' % b['cpu'],
                '—' if small else '%.2f ×' % (q['cpu_us'] / b['cpu_us']),
                fmt(q['mbps'], 1 if q['mbps'] < 100 else 0), fmt(b['mbps'], 1 if b['mbps'] < 100 else 0),
                fmt(q['rss_mb'], 1), fmt(b['rss_mb'], 1)))
        w('')
        w('"—" in the CPU ratio: one of the two used under 0.1 s in all, below `time`\'s resolution.')
        w('')
    w('## Targets of "One transport for http and https" (this run\'s medians)')
    w('')
    w('| target | measured | verdict |')
    w('|---|---|---|')
    for t, m, v in issue_targets(table, wls):
        w('| %s | %s | %s |' % (t, m, v))
    w('')
    earlier = earlier_targets(table, wls)
    if earlier:
        w('## The first benchmark\'s targets (this run\'s medians)')
        w('')
        w('| target | measured | verdict |')
        w('|---|---|---|')
        for t, m, v in earlier:
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

    shown = [w for w in wls if w != 'W5' and any((w, c) in table for c, _ in CONTENDERS)]
    if not shown:
        return
    colors = {'qcrawl': '#1f5fa8', 'aiohttp': '#e08a1e', 'requests': '#c8b43c', 'curl': '#7f7f7f',
              'libcurl': '#2f9e44'}

    def human(v):
        for div, suffix in ((1e6, 'M'), (1e3, 'k')):
            if v >= 10 * div:
                return '{:,.0f}{}'.format(v / div, suffix)
        return '{:,.0f}'.format(v) if v >= 10 else '{:.2f}'.format(v)

    # One row per workload, one column per measure.
    fig, axes = plt.subplots(len(shown), 3, figsize=(13, 2.1 * len(shown) + 0.9), squeeze=False)
    for row, wl_name in enumerate(shown):
        names = [c for c, _ in CONTENDERS if (wl_name, c) in table]
        cs = [colors[n.split()[0]] for n in names]
        bulk = wl_name in BULK
        cols = [('MB/s' if bulk else 'req/s', 'mbps' if bulk else 'rps'),
                ('CPU s per GB' if bulk else 'CPU µs per request', 'cpu_gb' if bulk else 'cpu_us'),
                ('peak RSS (MiB)', 'rss_mb')]
        for col, (label, key) in enumerate(cols):
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
            ax.set_yticklabels(names if col == 0 else [''] * len(names), fontsize=7)
            ax.invert_yaxis()
            positive = [v for v in vals if v > 0]
            if positive and max(positive) / min(positive) > 50:
                ax.set_xscale('log')
            for i, v in enumerate(vals):
                if v > 0:
                    ax.text(v, i, ' ' + human(v), va='center', fontsize=6.5)
            ax.set_title('%s — %s' % (wl_name, label), fontsize=8)
            ax.tick_params(axis='x', labelsize=6.5)
            ax.margins(x=0.3)
    fig.suptitle("qcrawl vs the tutorial's approaches, curl and bare libcurl, medians of one run "
                 "(left: more is better; CPU and RSS: less is better)", fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.5 / (2.1 * len(shown) + 0.9)))
    fig.savefig(path, dpi=90)
    plt.close(fig)
    log('wrote %s' % os.path.relpath(path, ROOT))


# ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('workloads', nargs='*',
                    help='%s (default: all; W2 means W2 and W2-nginx, W2s both W2s-h1 and W2s-h2)'
                         % ', '.join(WORKLOADS))
    ap.add_argument('--origin', default='', help='the C origin (W1-W5)')
    ap.add_argument('--origin-pids', default='', help='pids whose CPU time is the origin\'s')
    ap.add_argument('--origin-desc', default='')
    ap.add_argument('--nginx-http', default='', help='nginx, plain http (W2-nginx)')
    ap.add_argument('--nginx-https', default='', help='nginx, https (W2s, W3s, W1s)')
    ap.add_argument('--nginx-pids', default='', help='nginx\'s master and worker pids')
    ap.add_argument('--nginx-desc', default='')
    ap.add_argument('--cacert', default='', help='the test CA of the https origin (PEM)')
    ap.add_argument('--curlbench', default='', help='bench/curlbench.c, compiled')
    ap.add_argument('--qcrawl', default='')
    ap.add_argument('--guibench', default='')
    ap.add_argument('--source', default='')
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--quick', action='store_true', help='smaller counts (see QUICK)')
    ap.add_argument('--contenders', default='', help='comma-separated names (default: all)')
    ap.add_argument('--no-ceiling', action='store_true', help='skip the wrk and h2load probes')
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
    args.nginx_pids = [int(p) for p in args.nginx_pids.split(',') if p]
    wls, unknown = select_workloads(args.workloads) if args.workloads else (list(WORKLOADS), None)
    if unknown:
        ap.error('unknown workload %s (one of: %s)' % (unknown, ', '.join(WORKLOADS)))
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
    need = {WORKLOADS[w]['origin'] for w in wls}
    if need & {'nginx', 'tls'} and not (args.nginx_http and args.nginx_https and args.cacert):
        ap.error('%s need the nginx origin: --nginx-http, --nginx-https, --cacert (bench/run passes them)'
                 % ', '.join(w for w in wls if WORKLOADS[w]['origin'] in ('nginx', 'tls')))
    if 'node' in need and not shutil.which('node'):
        ap.error('W1-node needs node (Debian: nodejs)')
    if any(BARE in WORKLOADS[w]['contenders'] for w in wls) and (not wanted or BARE in wanted) \
            and not (args.curlbench and os.access(args.curlbench, os.X_OK)):
        ap.error('the bare libcurl client is needed: --curlbench (bench/run compiles bench/curlbench.c)')
    shutil.rmtree(RAW, ignore_errors=True)
    os.makedirs(RAW)
    started = datetime.datetime.utcnow()
    args.node_port = free_port()
    for name in dict.fromkeys(WORKLOADS[w]['origin'] for w in wls):
        wl = next(WORKLOADS[w] for w in wls if WORKLOADS[w]['origin'] == name)
        if name != 'node' and not origin_alive(origin_base(args, wl), args.cacert):
            log('the %s origin does not answer at %s' % (name, origin_base(args, wl)))
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
            if contender not in wl['contenders'] or (wanted and contender not in wanted):
                continue
            if not_applicable(wl, contender):
                continue
            n = wl.get('scaled', {}).get(family, wl['n'])
            plans.append((wl_name, contender, n, url_list(origin_base(args, wl), wl_name, wl, n)))

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
                    log('  W5       skipped: GUI not built yet (no qcrawl-guibench)')
                continue
            mine = [p for p in plans if p[0] == wl_name]
            k = (rep - 1) % max(1, len(mine))
            for _, contender, n, urlfile in mine[k:] + mine[:k]:  # rotate the order per repetition
                if not origins_alive(args, wl_name):
                    log('the origin of %s stopped answering; giving up' % wl_name)
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
                source=args.source, origin_desc=args.origin_desc, nginx_desc=args.nginx_desc,
                qcrawl=args.qcrawl, quiet_wait=args.quiet_wait,
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
    for k in ('argv', 'quick', 'reps', 'source', 'origin_desc', 'nginx_desc', 'qcrawl', 'quiet_wait'):
        if k in meta:
            setattr(args, k, meta[k])
    for w, wl in meta['workloads'].items():
        WORKLOADS.setdefault(w, {}).update(wl)
        WORKLOADS[w].setdefault('origin', 'c')
        WORKLOADS[w].setdefault('contenders', EVERYONE + (['aiohttp streamed'] if w == 'W3' else []))
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
    for t, m, v in issue_targets(table, wls) + earlier_targets(table, wls):
        log('%-78s %-44s %s' % (t, m, v.replace('*', '')))
    return 0


if __name__ == '__main__':
    sys.exit(main())
