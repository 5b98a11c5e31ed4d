// Process-tree memory from /proc (Linux): the main pid and every descendant.
import { readFileSync, readdirSync } from 'node:fs';

function ppidOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ..." — comm may contain spaces and parentheses: split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[1]);
  } catch {
    return -1;
  }
}

/** The pid itself and all its descendants that are alive now. */
export function processTree(rootPid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const ppid = ppidOf(pid);
    if (ppid < 0) continue;
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const tree = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift();
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function statusKb(pid, field) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function pssKb(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Summed VmRSS (and, for reference, PSS, which counts shared pages once) of a process tree, in KiB. */
export function treeMemory(rootPid) {
  const pids = processTree(rootPid);
  let rssKb = 0;
  let pss = 0;
  const perProcess = [];
  for (const pid of pids) {
    const rss = statusKb(pid, 'VmRSS');
    const p = pssKb(pid);
    rssKb += rss;
    pss += p;
    let cmd = '';
    try {
      // Chromium children rewrite their argv into one string: search the whole command line.
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').match(/--type=(\S+)/)?.[1] ?? 'main';
    } catch {
      /* gone */
    }
    perProcess.push({ pid, type: cmd, rssKb: rss, pssKb: p });
  }
  return { processes: pids.length, rssKb, pssKb: pss, perProcess };
}

/** CPU time (user + system) one process has used so far, in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
export function cpuTimeMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime) are rest[11] and rest[12]; USER_HZ is 100 on Linux.
  return (Number(rest[11]) + Number(rest[12])) * 10;
}
