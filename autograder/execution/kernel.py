"""Confinement that the Linux kernel enforces on a worker, whatever its Python code does.

A worker calls confine() after its own imports and before any learner code runs: no new
privileges and no capabilities, even as root; Landlock, which lets it read Python's standard
library, numpy and the system's libraries, and read and write its own folder, and nothing
else (from ABI 6, no signal outside the worker either); seccomp (libseccomp, by pyseccomp),
which lets it make the calls _ALLOWED names and no other (EPERM; ENOSYS for those C libraries
replace with older ones, and for calls newer than the list's review). A zygote also moves the
workers it forks into a PID namespace of their own (own_pid_namespace), and each worker's
folder is a tmpfs of a set size that only it sees (own_folder), where the kernel allows it.
docs/security.md says what each of these defends.

missing() says which of these a machine lacks: `grade --hidden` refuses to run without
Landlock and seccomp unless told --weak-isolation (docs/security.md).
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import os
import re
import select
import signal
import sys

from autograder.execution import launch

# Landlock (linux/landlock.h); the syscall numbers are the same on every architecture.
_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446
_RULESET_VERSION = 1 << 0
_PATH_BENEATH = 1
_READ_FILE, _READ_DIR, _WRITE_FILE = 1 << 2, 1 << 3, 1 << 1
_ABI_RIGHTS = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}
_FOLDER_RIGHTS = (_READ_FILE | _READ_DIR | _WRITE_FILE | 1 << 4 | 1 << 5 | 1 << 7 | 1 << 8  # remove, make dir/file
                  | 1 << 13 | 1 << 14)  # refer (rename within), truncate
_SCOPE_SIGNAL = 1 << 1  # ABI 6
_PR_SET_NO_NEW_PRIVS = 38
_CLONE_NEWUSER, _CLONE_NEWPID, _CLONE_NEWNS, _CLONE_NEWIPC = 0x10000000, 0x20000000, 0x00020000, 0x08000000
_CLONE_THREAD = 0x00010000
_MS_NOSUID, _MS_NODEV, _MS_NOEXEC, _MS_REC, _MS_PRIVATE = 1 << 1, 1 << 2, 1 << 3, 1 << 14, 1 << 18
_FOLDER_FILES = 4096  # files and folders a worker may make there: each costs the kernel memory
_NAMESPACE_PIDS = 512  # processes and threads of a zygote's namespace, where one worker runs at a time
_INT = 0xFFFFFFFF  # an argument the kernel reads as an int: its upper bits must not hide a value
_SYSTEM_LIBRARIES = ("/usr/lib", "/usr/lib64", "/lib", "/lib64")

# The calls a worker may make: what Python, numpy and the C library do with files (Landlock says
# which), memory, threads, time and its own identity (measured: 54 calls across the test suite's
# 1,100 workers on Python 3.10, 3.11 and 3.13; the rest are their other forms, on other C libraries).
# Any other call fails with EPERM: processes, signals to others, sockets, namespaces, mounts,
# io_uring, System V IPC, memfd, owners, permissions, attributes and times of files, other
# processes' scheduling, watching, leasing and locking files, page-cache and disk-flush calls...
_ALLOWED = (
    "read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "pwritev", "lseek",
    "close", "close_range", "newfstatat", "fstat", "stat", "lstat", "statx", "access", "faccessat",
    "faccessat2", "getdents64", "getcwd", "readlink", "readlinkat", "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat",
    "rename", "renameat", "link", "linkat", "truncate", "ftruncate", "statfs", "fstatfs", "dup", "dup2",
    "dup3", "pipe", "pipe2", "sendfile", "copy_file_range", "umask", "select", "pselect6", "poll", "ppoll",
    "munmap", "mprotect", "mremap", "brk", "mbind", "get_mempolicy",
    "futex", "set_robust_list", "rseq", "set_tid_address", "gettid", "exit", "exit_group", "sched_yield",
    "sched_getaffinity", "sched_getparam", "sched_getscheduler", "getcpu",
    "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigpending", "rt_sigsuspend", "rt_sigtimedwait",
    "sigaltstack", "restart_syscall", "alarm", "setitimer", "getitimer", "pause",
    "getpid", "getppid", "getuid", "geteuid", "getgid", "getegid", "getresuid", "getresgid", "getgroups", "getpgid",
    "getpgrp", "getsid", "uname", "sysinfo", "getrusage", "times", "getrlimit", "getpriority",
    "clock_gettime", "clock_getres", "gettimeofday", "time", "nanosleep", "clock_nanosleep", "getrandom",
)
# Calls that C libraries try first and, where the kernel lacks them (ENOSYS), replace with one
# above: clone3 (whose flags a filter cannot read: glibc then uses clone), and newer ones. By
# number, alike on every architecture from Linux 5.1 on (424 and up): an older libseccomp
# cannot name the newest (Debian 12's, mseal).
_FALLBACK = {"clone3": 435, "openat2": 437, "epoll_pwait2": 441, "futex_waitv": 449, "map_shadow_stack": 453,
             "mseal": 462}
_URETPROBE = 335  # x86_64's: a tracer's return probe in a library calls it; Linux 6.11 to 6.13 filter it
# Calls newer than those this list was reviewed against (Linux 6.18's last is 470) fail as a
# kernel without them fails (ENOSYS, which C libraries fall back from) until they are reviewed.
_UNREVIEWED = range(471, 511)
# Commands allowed of three calls whose commands differ in kind (their other commands: EPERM).
# fcntl: F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_DUPFD_CLOEXEC, F_GETPIPE_SZ (no lease, lock, owner or hint),
# and F_SETFL without O_DIRECT (_UNCACHED);
# ioctl: TCGETS, TIOCGWINSZ, FIONREAD, FIONBIO, FIONCLEX, FIOCLEX (no file system's command);
# prctl: PR_SET_NAME, PR_GET_NAME, PR_SET_VMA (glibc's names for its mappings).
_COMMANDS = {"fcntl": (1, (0, 1, 2, 3, 1030, 1032)), "ioctl": (1, (0x5401, 0x5413, 0x541B, 0x5421, 0x5450, 0x5451)),
             "prctl": (0, (15, 16, 0x53564D41))}
# Opening a file to read or write it past the page cache (O_DIRECT), or to have each write reach the disk
# (O_DSYNC, and O_SYNC, which holds it): the worker's output file is on the machine's disk, where O_DIRECT
# rewrites of one block made 62,000 disk writes a second; pwritev2's RWF_DSYNC and RWF_SYNC flushed the disk's
# cache 20,000 times a second, past the fsync that seccomp answers; preadv2's and pwritev2's RWF_DONTCACHE
# (Linux 6.14) sent each read of a library and each write of the output to the disk, 7,000 and 11,000 a second.
# Allowed only without these flags.
_UNCACHED = os.O_DIRECT | os.O_DSYNC if sys.platform.startswith("linux") else 0
_DONTCACHE = 0x80  # RWF_DONTCACHE
_TO_DISK = 2 | 4 | _DONTCACHE  # RWF_DSYNC, RWF_SYNC, RWF_DONTCACHE
_WHITEOUT = 1 << 2  # renameat2's RENAME_WHITEOUT: a character device (0, 0) left behind, which Landlock lets by
_MS_SYNC = 4  # msync's flag that waits for the disk
_HUGE_PAGES = 0x40000  # mmap's MAP_HUGETLB: the machine's pool of huge pages, which a database may need, is shared
_OPEN_FLAGS = {"open": 1, "openat": 2}  # the flags' argument
# madvise's advice: what the C library, Python, numpy and their allocators give (from normal to
# dontneed; free, remove, dontfork, dofork; hugepage to keeponfork; populate; guard pages), not
# MADV_COLD or MADV_PAGEOUT, which evict the page cache of a file the worker maps, one root owns
# (as posix_fadvise's DONTNEED did), nor KSM's merging, a synchronous collapse or poisoning.
_ADVICE = (0, 1, 2, 3, 4, 8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 22, 23, 24, 102, 103)
_SIGNALS = ("kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo")  # their first argument: a pid


class KernelError(RuntimeError):
    """The kernel refused a confinement this worker was told it must have."""


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _syscall(number: int, *args) -> int:
    libc = launch.libc()
    libc.syscall.restype = ctypes.c_long
    return libc.syscall(number, *args)


@functools.lru_cache(maxsize=1)
def landlock_abi() -> int:
    """The Landlock ABI version of the running kernel; 0 without Landlock."""
    if not sys.platform.startswith("linux"):
        return 0
    return max(0, _syscall(_CREATE_RULESET, None, ctypes.c_size_t(0), _RULESET_VERSION))


@functools.lru_cache(maxsize=1)
def _seccomp():
    """The pyseccomp module, or None where it or libseccomp is missing."""
    try:
        import pyseccomp
    except (ImportError, OSError, RuntimeError):  # no libseccomp.so.2 on this machine
        return None
    return pyseccomp


def missing() -> list[str]:
    """What this machine lacks of the confinement above: empty when it has it all."""
    lacking = []
    if not landlock_abi():
        lacking.append("Landlock (Linux 5.13 or newer, with Landlock enabled)")
    if _seccomp() is None:
        lacking.append("seccomp through libseccomp (Debian's libseccomp2, and pyseccomp)")
    return lacking


# ------------------------------------------------------------------------ preparing

@functools.lru_cache(maxsize=8)
def _read_grants(excluded: tuple) -> tuple:
    """(path, rights) of what a worker may read, found once per process (a zygote's workers
    inherit them): no grant holds an excluded path, such as the grader's package."""
    import numpy

    stdlib = os.path.dirname(os.__file__)  # sysconfig's "stdlib" path, without importing sysconfig
    places = [entry.path for entry in os.scandir(stdlib) if entry.name not in ("site-packages", "dist-packages")]
    places += [os.path.dirname(numpy.__file__), os.path.dirname(numpy.__file__) + ".libs", *_SYSTEM_LIBRARIES]
    opened = []
    for place in places:
        real = os.path.realpath(place)
        if not os.path.exists(real) or any(within(path, real) for path in excluded):
            continue
        opened.append((real, _READ_FILE | (_READ_DIR if os.path.isdir(real) else 0)))
    return (*opened, ("/dev/null", _READ_FILE | _WRITE_FILE), ("/dev/urandom", _READ_FILE),
            ("/dev/zero", _READ_FILE), (stdlib, _READ_DIR))  # names in the library: importers list them


@functools.lru_cache(maxsize=1)
def _filter_without_signals():
    """The seccomp filter, but for its rules on signals, which name the worker's own pid:
    built once per process, finished and loaded by each worker."""
    seccomp = _seccomp()
    allow, missing = seccomp.ALLOW, seccomp.ERRNO(errno.ENOSYS)
    built = seccomp.SyscallFilter(seccomp.ERRNO(errno.EPERM))
    for name in _ALLOWED:
        with contextlib.suppress(OSError, ValueError, RuntimeError):  # a call this architecture lacks: arm64's open
            built.add_rule(allow, name)
    for number in (*_FALLBACK.values(), *_UNREVIEWED):
        built.add_rule(missing, number)
    if os.uname().machine == "x86_64":
        built.add_rule(allow, _URETPROBE)
    # fsync and fdatasync of any file it may read, root's own: on ext4 each flushes the disk's cache (75,000 in 2 s).
    # What the worker may write is in memory (its folder's tmpfs) or its output, which need no flush: they return 0.
    for name in ("fsync", "fdatasync"):
        built.add_rule(seccomp.ERRNO(0), name)
    # msync's MS_SYNC of a file mapped shared is fdatasync: 18,752 disk flushes in 2 s where the folder is on the disk
    built.add_rule(allow, "msync", seccomp.Arg(2, seccomp.MASKED_EQ, _MS_SYNC, 0))
    built.add_rule(seccomp.ERRNO(0), "msync", seccomp.Arg(2, seccomp.MASKED_EQ, _MS_SYNC, _MS_SYNC))
    built.add_rule(allow, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, _CLONE_THREAD, _CLONE_THREAD))  # threads only
    built.add_rule(allow, "prlimit64", seccomp.Arg(2, seccomp.EQ, 0))  # reading a limit, not setting one
    # fallocate's mode 0 stays within RLIMIT_FSIZE; its other modes reserve blocks past it (KEEP_SIZE)
    built.add_rule(allow, "fallocate", seccomp.Arg(1, seccomp.EQ, 0))
    for name, position in _OPEN_FLAGS.items():
        with contextlib.suppress(OSError, ValueError, RuntimeError):  # arm64 has no open
            built.add_rule(allow, name, seccomp.Arg(position, seccomp.MASKED_EQ, _UNCACHED, 0))
    built.add_rule(allow, "fcntl", seccomp.Arg(1, seccomp.MASKED_EQ, _INT, 4),  # F_SETFL
                   seccomp.Arg(2, seccomp.MASKED_EQ, _UNCACHED, 0))
    built.add_rule(allow, "pwritev2", seccomp.Arg(5, seccomp.MASKED_EQ, _TO_DISK, 0))
    built.add_rule(allow, "preadv2", seccomp.Arg(5, seccomp.MASKED_EQ, _DONTCACHE, 0))
    built.add_rule(allow, "mmap", seccomp.Arg(3, seccomp.MASKED_EQ, _HUGE_PAGES, 0))
    built.add_rule(allow, "renameat2", seccomp.Arg(4, seccomp.MASKED_EQ, _WHITEOUT, 0))  # no device made
    for advice in _ADVICE:
        built.add_rule(allow, "madvise", seccomp.Arg(2, seccomp.MASKED_EQ, _INT, advice))
    for name, (position, commands) in _COMMANDS.items():
        for command in commands:
            built.add_rule(allow, name, seccomp.Arg(position, seccomp.MASKED_EQ, _INT, command))
    return built


def prepare(excluded: tuple) -> None:
    """Do now, once, what every worker of this process will need (a zygote, before forking)."""
    if landlock_abi():
        _read_grants(excluded)
    if _seccomp() is not None:
        _filter_without_signals()


# ------------------------------------------------------------------------ confining

def confine(folder: str, excluded: tuple, required: bool) -> str:
    """Confine this process as the module's docstring says; what it got, in words. With
    required, a confinement the kernel refuses raises KernelError instead of being left out."""
    got = []
    prepare(excluded)  # what Landlock would keep it from reading afterwards: pyseccomp, say
    if launch.libc().prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 and required:
        raise KernelError("no_new_privs was refused")
    # no capability left, effective, permitted or inheritable: root is an ordinary user
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    launch.libc().capset(header, (ctypes.c_uint32 * 6)())
    for name, step in (("Landlock", _landlock), ("seccomp", _seccomp_filter)):
        try:
            got.append(step(folder, excluded))
        except (OSError, KernelError) as exc:
            if required:
                raise KernelError(f"{name}: {exc}") from None
    if os.getppid() == 0:  # its parent is outside its PID namespace: a zygote's own namespace
        got.append("PID namespace")
    strong = any(g.startswith("Landlock") for g in got) and "seccomp" in got
    return ", ".join(got) if strong else "weak: " + (", ".join(got) or "nothing from the kernel")


def _landlock(folder: str, excluded: tuple) -> str:
    abi = landlock_abi()
    if not abi:
        raise KernelError("this kernel has no Landlock")
    rights = _ABI_RIGHTS[max(v for v in _ABI_RIGHTS if v <= abi)]
    attr = _RulesetAttr(rights, 0, _SCOPE_SIGNAL if abi >= 6 else 0)
    ruleset = _syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)), 0)
    if ruleset < 0:
        raise KernelError(f"landlock_create_ruleset failed: {os.strerror(ctypes.get_errno())}")
    try:  # each place opened here and closed before learner code runs: a zygote's would be inherited
        own = ((folder, _FOLDER_RIGHTS), ("/proc/self", _READ_FILE | _READ_DIR))
        for place, allowed in (*_read_grants(excluded), *own):
            fd = os.open(place, os.O_PATH | os.O_CLOEXEC)
            rule = _PathBeneath(allowed & rights, fd)
            added = _syscall(_ADD_RULE, ruleset, _PATH_BENEATH, ctypes.byref(rule), 0)
            os.close(fd)
            if added != 0:
                raise KernelError(f"landlock_add_rule failed: {os.strerror(ctypes.get_errno())}")
        if _syscall(_RESTRICT_SELF, ruleset, 0) != 0:
            raise KernelError(f"landlock_restrict_self failed: {os.strerror(ctypes.get_errno())}")
    finally:
        os.close(ruleset)
    return f"Landlock {abi}"


def _seccomp_filter(folder: str, excluded: tuple) -> str:
    seccomp = _seccomp()
    if seccomp is None:
        raise KernelError("libseccomp or pyseccomp is missing")
    built, pid = _filter_without_signals(), os.getpid()
    for name in _SIGNALS:  # to itself only
        built.add_rule(seccomp.ALLOW, name, seccomp.Arg(0, seccomp.EQ, pid))
    built.load()
    return "seccomp"


# ----------------------------------------------------------------------- namespaces

def own_real_uid() -> bool:
    """Where this process runs as root, give it a real uid no other process has. The kernel
    counts RLIMIT_NPROC by real uid and never holds uid 0 to it, so a root worker's threads
    are otherwise bounded only by the machine's pids. The effective and file uids stay 0:
    what it may read and write does not change. Call it before confine(), which takes
    away the capability it needs."""
    if os.getuid() != 0:
        return False
    try:
        with open("/proc/self/uid_map") as mapping:  # a container's user namespace maps fewer than 2**32
            first, _, count = max((tuple(map(int, line.split())) for line in mapping), key=lambda r: r[2])
        if count < 1024:
            return False
        spread = min(count // 2, 1 << 24)  # high in the range, away from the system's users, at random
        os.setresuid(first + count - 3 - int.from_bytes(os.urandom(4), "big") % spread, 0, 0)
    except (OSError, ValueError):  # no /proc, an empty map
        return False
    return True


def own_pid_namespace() -> bool:
    """Put this process's children from now on in a PID namespace of their own, where the
    kernel allows it (as root, or through a user namespace). Its first process, forked here,
    only reaps; it dies with this process, and the kernel then kills the whole namespace."""
    try:  # ends readable when this process ends, seen from any namespace: what getppid() cannot say there
        ended = os.pidfd_open(os.getpid())
    except (AttributeError, OSError):
        return False
    if not _unshare(_CLONE_NEWPID):
        os.close(ended)
        return False
    parent, (ready, told) = os.getpid(), os.pipe()
    if os.fork() == 0:
        os.close(ready)
        _namespace_init(parent, ended, told)
    os.close(told)
    os.read(ready, 1)  # once the namespace's first process has limited its pids: no worker before
    os.close(ready)
    os.close(ended)
    return True


def own_folder(folder: str, max_bytes: int) -> bool:
    """Mount a tmpfs of max_bytes on folder that only this process sees (a mount namespace
    of its own), where the kernel allows it: what learner code writes there is bounded in
    all, held in memory, and gone with the process. Call it before moving into folder. An
    IPC namespace of its own comes with it, gone with the process too."""
    libc = launch.libc()
    if not _unshare(_CLONE_NEWNS | _CLONE_NEWIPC) or libc.mount(None, b"/", None, _MS_REC | _MS_PRIVATE, None) != 0:
        return False  # (private: no mount made here shows outside)
    options = f"size={max_bytes},nr_inodes={_FOLDER_FILES},mode=0700".encode()
    return libc.mount(b"tmpfs", os.fsencode(folder), b"tmpfs", _MS_NOSUID | _MS_NODEV | _MS_NOEXEC, options) == 0


def _unshare(flags: int) -> bool:
    """unshare(flags), inside a user namespace of its own (the same user inside as outside)
    where this process may not do it outside one."""
    libc, uid, gid = launch.libc(), os.getuid(), os.getgid()
    if libc.unshare(flags) == 0:
        return True
    if libc.unshare(_CLONE_NEWUSER | flags) != 0:
        return False
    try:
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w") as mapping:
                mapping.write(text)
    except OSError:
        return False
    return True


def _namespace_init(parent: int, ended: int, told: int) -> None:
    """The namespace's process 1: limit its pids, then reap what is orphaned there, until
    the parent ends."""
    try:
        launch.die_with_parent(parent)
        if select.select([ended], [], [], 0)[0]:  # the parent ended before it could be asked to
            return  # kill this process with it: getppid() is 0 here either way
        # Hold the namespace to _NAMESPACE_PIDS pids, where Linux keeps pid_max for each
        # namespace (6.14 and newer): RLIMIT_NPROC does not hold root, so a worker's threads
        # could otherwise take every pid of the machine. Never on an older kernel, where
        # pid_max is the machine's own setting.
        if tuple(int(n) for n in re.findall(r"\d+", os.uname().release)[:2]) >= (6, 14):
            with contextlib.suppress(OSError), open("/proc/sys/kernel/pid_max", "w") as setting:
                setting.write(str(_NAMESPACE_PIDS))
        os.write(told, b"1")
        os.closerange(3, 65536)
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGCHLD])
        while True:
            signal.sigwait([signal.SIGCHLD])
            with contextlib.suppress(ChildProcessError):
                while os.waitpid(-1, os.WNOHANG)[0]:
                    pass
    finally:
        os._exit(0)


def within(path: str, folder: str) -> bool:
    """Whether path is folder or lies inside it (both real paths)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
