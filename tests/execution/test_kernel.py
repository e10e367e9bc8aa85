"""The kernel's confinement of a worker (autograder/execution/kernel.py), on this machine's real kernel.

kernel.confine is tried in a forked child of the test, with no audit hook in the way, so
that each refusal seen is the kernel's; then in real workers, started and forked. The attack
suite (tests/security/test_hostile.py) grades hostile submissions through the whole grader.
"""
import errno
import json
import os
import socket
import subprocess
import sys
import time

from autograder import cli
from autograder.execution import kernel
from autograder.execution.client import Worker
from autograder.execution.zygote import Zygote
from conftest import ROOT

PROBES = {
    "fork": lambda: os.fork(),
    "signal to the parent": lambda: os.kill(os.getppid(), 0),
    "pidfd of the parent": lambda: os.pidfd_open(os.getppid()),
    "a socket": lambda: socket.socket(),
    "a raised limit": lambda: __import__("resource").setrlimit(__import__("resource").RLIMIT_NOFILE, (4096, 4096)),
    "chmod": lambda: os.chmod(".", 0o777),
    "read the solutions": lambda: open(ROOT / "solutions" / "ex03_weight_gradients.py").read(),
    "read the grader": lambda: open(ROOT / "autograder" / "grading.py").read(),
    "read /etc/passwd": lambda: open("/etc/passwd").read(),
    "the parent's memory": lambda: open(f"/proc/{os.getppid()}/mem", "rb").read(1),
    "list /proc": lambda: os.listdir("/proc"),
    "write in /tmp": lambda: open("/tmp/backprop-forged-by-kernel-test", "w").write("x"),
    "a FIFO in its folder": lambda: os.mkfifo("fifo"),
    "a link in its folder": lambda: os.symlink("/etc", "etc"),
    # RENAME_WHITEOUT leaves a character device (0, 0) where the file was: Landlock lets it by, unprivileged since 5.8
    "a whiteout, a device, in its folder": lambda: _on_own_file(
        lambda fd: _libc("renameat2", -100, b"mine-to-lock", -100, b"mine-renamed", 4)),
    "System V shared memory": lambda: _libc("shmget", 0, 4096, 0o1600),  # IPC_PRIVATE, IPC_CREAT: outlives it
    "a System V message queue": lambda: _libc("msgget", 0, 0o1600),
    "a memfd": lambda: os.memfd_create("beyond-its-limits"),
    "blocks reserved past the file size limit": lambda: _fallocate_keeping_size("reserved"),
    "a larger pipe buffer": lambda: __import__("fcntl").fcntl(os.pipe()[1], 1031, 2**20),  # F_SETPIPE_SZ
    "a larger pipe buffer, upper bits set": lambda: _syscall(72, os.pipe()[1], 2**32 + 1031, 2**20),  # fcntl
    # ../outside.txt: the test's file, beside the folder; Landlock alone would let these by
    "an extended attribute outside": lambda: os.setxattr("../outside.txt", "user.note", b"a channel"),
    "an ACL outside, which is a chmod": lambda: os.setxattr("../outside.txt", "system.posix_acl_access", ACL),
    "an attribute removed outside": lambda: os.removexattr("../outside.txt", "user.note"),
    "a file's times outside": lambda: os.utime("../outside.txt", (0, 0)),
    "a file's flags": lambda: _set_flags("mine-flags"),
    "a process's priority": lambda: os.setpriority(os.PRIO_USER, 0, os.getpriority(os.PRIO_PROCESS, 0)),
    "a process's CPUs": lambda: os.sched_setaffinity(0, os.sched_getaffinity(0)),
    "a process's scheduler": lambda: os.sched_setscheduler(0, os.SCHED_OTHER, os.sched_param(0)),
    "a lease, which holds up others' opens": lambda: _on_own_file(lambda fd: __import__("fcntl").fcntl(fd, 1024, 0)),
    "directory notices": lambda: _on_own_file(lambda fd: __import__("fcntl").fcntl(os.open(".", os.O_RDONLY), 1026, 1)),
    "a lock (flock)": lambda: _on_own_file(lambda fd: __import__("fcntl").flock(fd, __import__("fcntl").LOCK_SH)),
    "a lock (fcntl)": lambda: _on_own_file(lambda fd: __import__("fcntl").lockf(fd, __import__("fcntl").LOCK_SH)),
    "an inotify instance": lambda: _libc("inotify_init1", 0),
    # calls an older libseccomp cannot name, refused by number; zeros, which the kernel itself would refuse otherwise
    "setxattrat, by number": lambda: _syscall(463, 0, 0, 0, 0, 0, 0),
    "removexattrat, by number": lambda: _syscall(466, 0, 0, 0, 0),
    "file_setattr, by number": lambda: _syscall(469, 0, 0, 0, 0, 0),
    "an asynchronous I/O context, a machine-wide count": lambda: _libc("syscall", 206, 1, __import__("ctypes").byref(
        __import__("ctypes").c_ulong(0))),  # io_setup
    "no death signal when the grader ends": lambda: _libc("prctl", 1, 0, 0, 0, 0),
    "ext4's own number for a file's version": lambda: _on_own_file(
        lambda fd: __import__("fcntl").ioctl(fd, 0x40086604, __import__("struct").pack("l", 0))),
    "a descriptor that signals another process": lambda: __import__("fcntl").fcntl(os.pipe()[0], 8, os.getppid()),
    "the signal a descriptor sends": lambda: __import__("fcntl").fcntl(os.pipe()[0], 10, 9),  # F_SETSIG, SIGKILL
    "a POSIX timer, one of the user's queued signals": lambda: _libc("syscall", 222, 1, 0, __import__("ctypes").byref(
        __import__("ctypes").c_int(0))),  # timer_create(CLOCK_MONOTONIC, NULL, &id)
    "a file's version (the inode's generation)": lambda: _on_own_file(
        lambda fd: __import__("fcntl").ioctl(fd, 0x40087602, __import__("struct").pack("l", 0))),
    "a fanotify group": lambda: _libc("fanotify_init", 0, 0),
    "flushing every disk of the machine": lambda: _syscall(162),  # sync: the C library's sync() hides errors
    "flushing the disk of a file it may read": lambda: _syscall(306, os.open("/usr/lib", os.O_RDONLY)),  # syncfs
    # Q_SYNC of the file system holding /usr/lib (an O_PATH descriptor will do): a journal commit and a disk flush
    "a quota sync, by descriptor": lambda: _syscall(443, os.open("/usr/lib", os.O_PATH), 0x800001 << 8, 0, 0),
    "the x86 local descriptor table": lambda: _syscall(154, 0, 0, 0),  # modify_ldt, reading it
    # btrfs's own: where / is btrfs, a subvolume made in /usr/lib, which Landlock never sees, as root owns it
    "a btrfs subvolume made": lambda: __import__("fcntl").ioctl(os.open(".", os.O_RDONLY), 0x5000940E, bytearray(4096)),
    "a btrfs sync": lambda: _on_own_file(lambda fd: __import__("fcntl").ioctl(fd, 0x9408)),  # BTRFS_IOC_SYNC
    # the disk reached at will: the worker's output file is on it (a disk flush, a disk write, a disk read each)
    "a write that flushes the disk (RWF_DSYNC)": lambda: _on_own_file(
        lambda fd: os.pwritev(fd, [b"x"], 0, os.RWF_DSYNC), os.O_WRONLY),
    "a write that flushes the disk (RWF_SYNC)": lambda: _on_own_file(
        lambda fd: os.pwritev(fd, [b"x"], 0, os.RWF_SYNC), os.O_WRONLY),
    "writes past the page cache (F_SETFL O_DIRECT)": lambda: _on_own_file(
        lambda fd: __import__("fcntl").fcntl(fd, __import__("fcntl").F_SETFL, os.O_DIRECT)),
    "reads past the page cache (O_DIRECT)": lambda: os.open(os.__file__, os.O_RDONLY | os.O_DIRECT),
    "each write flushed (O_DSYNC)": lambda: os.open("mine-synced", os.O_WRONLY | os.O_CREAT | os.O_DSYNC),
    "each write flushed (O_SYNC), by openat": lambda: os.open("mine-synced", os.O_WRONLY | os.O_CREAT | os.O_SYNC,
                                                              dir_fd=os.open(".", os.O_RDONLY)),
    # a file root owns, mapped here only: its page cache evicted, as posix_fadvise's DONTNEED did
    "the page cache of a file evicted (MADV_PAGEOUT)": lambda: _advise_on(os.__file__, 21),
    "the page cache of a file deactivated (MADV_COLD)": lambda: _advise_on(os.__file__, 20),
    "pages merged with other processes' (MADV_MERGEABLE)": lambda: _advise_on(None, 12),
    # the machine's pool of huge pages, reserved for whoever configured it (empty here: ENOMEM before)
    "huge pages taken from the machine's pool (MAP_HUGETLB)": lambda: __import__("mmap").mmap(
        -1, 2 << 20, flags=__import__("mmap").MAP_PRIVATE | __import__("mmap").MAP_ANONYMOUS | 0x40000),
}
ACL = b"\x02\x00\x00\x00" + b"".join(  # version 2; user::rwx, group::r-x, other::r-x: a chmod to 755
    tag.to_bytes(2, "little") + perm.to_bytes(2, "little") + (2**32 - 1).to_bytes(4, "little")
    for tag, perm in ((1, 7), (4, 5), (32, 5)))
ALLOWED = {
    "write in its folder": lambda: open("mine.txt", "w").write("x") and open("mine.txt").read(),
    "numpy": lambda: __import__("numpy").linalg.norm(__import__("numpy").ones(3)),
    "a stdlib module not imported yet": lambda: __import__("statistics").mean([1, 2]),
    "a thread": lambda: _thread_runs(),
    "its own /proc": lambda: open("/proc/self/status").read(),
    "signal itself": lambda: os.kill(os.getpid(), 0),
    "fsync of its own file": lambda: _on_own_file(os.fsync),
    # answered 0 by seccomp, never the file system (a disk flush each, on a file root owns): a bad descriptor too
    "fsync, answered without the disk": lambda: _syscall(74, -1),  # fsync(-1): EBADF from the kernel
    "fdatasync, answered without the disk": lambda: _syscall(75, -1),
    # msync(MS_SYNC) of a file it mapped shared is fdatasync: 18,752 disk flushes in 2 s of its folder's file where
    # that folder is on the disk (no mount namespace); answered 0 too (an unaligned address: EINVAL from the kernel)
    "msync, answered without the disk": lambda: _syscall(26, 1, 4096, 4),
    "a mapped file flushed (numpy's memmap)": lambda: __import__("numpy").memmap("mapped", "f8", "w+", shape=4).flush(),
    # what learners' code and numpy do, which the allow-list must let by
    "a sleep": lambda: time.sleep(0.001),
    "numpy's own files": lambda: __import__("numpy").save("a.npy", [1.0]) or __import__("numpy").load("a.npy"),
    "a temporary file, renamed": lambda: os.rename(__import__("tempfile").mkstemp(dir=".")[1], "renamed"),
    "random bytes": lambda: os.urandom(16),
    "its CPUs and the time it used": lambda: (os.sched_getaffinity(0), os.times(), __import__("resource").getrusage(0)),
    "a terminal asked about": lambda: (os.isatty(1), __import__("shutil").get_terminal_size()),
    "a descriptor duplicated, not inherited, not blocking": lambda: (os.set_inheritable(os.dup(1), False),
                                                                     os.set_blocking(os.pipe()[0], False)),
    "its folder listed and walked": lambda: (os.listdir("."), list(os.walk("."))),
    "a write of two buffers, without flags": lambda: _on_own_file(lambda fd: os.pwritev(fd, [b"x", b"y"], 0, 0),
                                                                  os.O_WRONLY),
    "a descriptor made to append": lambda: _on_own_file(
        lambda fd: __import__("fcntl").fcntl(fd, __import__("fcntl").F_SETFL, os.O_APPEND), os.O_WRONLY),
    "memory advised as the allocators do": lambda: [_advise_on(None, advice) for advice in (4, 14, 15)],
    "a file's pages advised to be read ahead": lambda: _advise_on(os.__file__, 3),  # MADV_WILLNEED
    "files renamed and swapped (renameat2 NOREPLACE, EXCHANGE)": lambda: _on_own_file(lambda fd: (
        _libc("renameat2", -100, b"mine-to-lock", -100, b"mine-moved", 1), open("mine-to-lock", "w").close(),
        _libc("renameat2", -100, b"mine-to-lock", -100, b"mine-moved", 2))),
}


def _libc(name, *args):
    """A C library call that raises OSError as Python's own calls do."""
    import ctypes

    if getattr(ctypes.CDLL(None, use_errno=True), name)(*args) == -1:
        raise OSError(ctypes.get_errno(), name)


def _syscall(number, *args):
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.syscall(ctypes.c_long(number), *(ctypes.c_long(a) for a in args)) == -1:
        raise OSError(ctypes.get_errno(), f"syscall {number}")


def _on_own_file(call, flags=os.O_RDONLY):
    """call(fd) on a file of the worker's own folder, opened for reading (or with flags)."""
    with open("mine-to-lock", "w"):
        pass
    fd = os.open("mine-to-lock", flags)
    try:
        call(fd)
    finally:
        os.close(fd)


def _advise_on(path, advice):
    """madvise(advice) on a file mapped for reading, its pages read first, or on memory of its own."""
    import mmap

    if path is None:
        mapped = mmap.mmap(-1, 2 * mmap.PAGESIZE)  # shared: no MADV_FREE, which wants private memory
    else:
        with open(path, "rb") as file:
            mapped = mmap.mmap(file.fileno(), 0, prot=mmap.PROT_READ)
        bytes(mapped)
    try:
        mapped.madvise(advice)
    finally:
        mapped.close()


def _set_flags(name):
    """ioctl(FS_IOC_SETFLAGS) on a file of its own: the call is refused whatever the file."""
    import fcntl
    import struct

    with open(name, "w") as made:
        fcntl.ioctl(made.fileno(), 0x40086602, struct.pack("l", 0))


def _fallocate_keeping_size(name):
    """fallocate(FALLOC_FL_KEEP_SIZE) of 1 GiB: blocks that RLIMIT_FSIZE does not count."""
    import ctypes

    fd = os.open(name, os.O_WRONLY | os.O_CREAT)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.fallocate(fd, 1, ctypes.c_long(0), ctypes.c_long(2**30)) == -1:
        raise OSError(ctypes.get_errno(), "fallocate")


def _thread_runs():
    import threading

    done = []
    thread = threading.Thread(target=done.append, args=(1,))
    thread.start()
    thread.join()
    return done == [1]


def _confined_child(folder):
    """Fork; the child confines itself as a worker does, tries every probe and reports."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        outcome = {}
        try:
            os.chdir(folder)
            outcome["isolation"] = kernel.confine(folder, (str(ROOT),), required=True)
            for name, probe in {**PROBES, **ALLOWED}.items():
                try:
                    probe()
                    outcome[name] = "allowed"
                except OSError as exc:
                    outcome[name] = errno.errorcode.get(exc.errno, str(exc.errno))
                except ValueError as exc:  # setrlimit's EPERM, as Python words it
                    outcome[name] = "EPERM" if "not allowed" in str(exc) else repr(exc)
        except BaseException as exc:  # noqa: BLE001 -- reported to the test
            outcome["failure"] = repr(exc)
        os.write(write, json.dumps(outcome).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as reader:
        outcome = json.loads(reader.read())
    os.waitpid(pid, 0)
    return outcome


def test_the_filter_allows_the_calls_it_names_and_refuses_every_other(tmp_path):
    """The filter as libseccomp writes it out (PFC text), not the lists it was built from: each
    call allowed is one _ALLOWED names (or clone, prlimit64, fallocate, fcntl, ioctl, prctl, open,
    openat, preadv2, pwritev2, madvise, mmap, msync and renameat2, by their arguments); every other fails with EPERM,
    but those C libraries replace with older ones and those newer than the review, which fail as on a
    kernel without them (ENOSYS)."""
    import re

    with open(tmp_path / "filter.pfc", "w+") as pfc:
        kernel._filter_without_signals().export_pfc(pfc)
        pfc.seek(0)
        text = pfc.read()
    blocks = re.findall(r'# filter for syscall "(\w+)" \((\d+)\)(.*?)(?=# filter for syscall|# default action)', text, re.S)
    rules = [(name, number, " ".join(re.findall(r"action (\S+);", block))) for name, number, block in blocks]
    allowed = {name if name != "UNKNOWN" else int(number) for name, number, actions in rules if "ALLOW" in actions}
    extra = {"clone", "prlimit64", "fallocate", *kernel._COMMANDS, *kernel._OPEN_FLAGS, "preadv2", "pwritev2",
             "madvise", "mmap", "renameat2", "msync", 335}  # by argument; 335: uretprobe, by number
    assert allowed <= {*kernel._ALLOWED, *extra}, allowed
    assert {"openat", "mmap", "futex", "read", "write", "clone"} <= allowed
    assert not allowed & {"fork", "vfork", "execve", "socket", "ptrace", "kill", "mount", "unshare", "chmod",
                          "fchmodat", "setxattr", "utimensat", "fadvise64", "membarrier", "quotactl_fd", "splice"}
    assert re.search(r"# default action\n\s*action ERRNO\(1\);", text)  # EPERM
    missing = {int(number) for _, number, actions in rules if actions == "ERRNO(38)"}  # ENOSYS
    assert set(kernel._UNREVIEWED) <= missing and {435, 462} <= missing  # clone3; mseal, which libseccomp 2.5 lacks


def test_this_machine_has_what_kernel_confinement_needs():
    """CI runs the attack suite against the kernel's confinement, not without it."""
    assert kernel.missing() == []
    assert kernel.landlock_abi() >= 1


def test_the_kernel_refuses_each_way_out_and_allows_ordinary_work(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("the grader's\n")
    os.chmod(outside, 0o600)
    before = os.stat(outside)
    (tmp_path / "folder").mkdir()
    outcome = _confined_child(str(tmp_path / "folder"))  # in a folder that pytest removes, whatever the probes left
    assert "failure" not in outcome, outcome
    after = os.stat(outside)
    assert (after.st_mode, after.st_mtime_ns) == (before.st_mode, before.st_mtime_ns) and not os.listxattr(outside)
    assert outcome["isolation"].startswith("Landlock") and "seccomp" in outcome["isolation"]
    refused = {name: outcome[name] for name in PROBES}
    assert all(why in ("EPERM", "EACCES") for why in refused.values()), refused
    assert {name: outcome[name] for name in ALLOWED} == {name: "allowed" for name in ALLOWED}
    assert not os.path.exists("/tmp/backprop-forged-by-kernel-test")


def test_every_worker_says_how_the_kernel_confines_it():
    with Worker() as started:
        assert started.ping().ok
        assert started.isolation.startswith("Landlock") and started.isolation.endswith("seccomp, a 64 MiB folder")
    with Zygote() as zygote, Worker(zygote=zygote) as forked:
        assert forked.ping().ok
        assert forked.isolation.endswith("seccomp, PID namespace, a 64 MiB folder")  # the zygote's own namespace


def test_a_forked_worker_sees_no_process_outside_its_namespace():
    code = "import os\ndef where():\n    return [os.getpid(), os.getppid()]\n"
    with Zygote() as zygote, Worker(zygote=zygote) as forked:
        assert forked.load("probe", code, "probe.py").ok
        pid, parent = forked.call("probe", "where").value
    assert pid < 10 and parent == 0  # the zygote, outside the namespace, has no pid inside it


def test_a_namespace_ends_with_a_parent_killed_before_its_first_process_could_ask_to():
    """The first process of a zygote's PID namespace sees getppid() 0 whether or not the
    zygote lives: killed before that process asked the kernel to end it with the zygote
    (here it is made to ask late), the zygote must still take the namespace with it."""
    code = ("import os, sys, time\n"
            "from autograder.execution import kernel, launch\n"
            "asked = launch.die_with_parent\n"
            "launch.die_with_parent = lambda parent: (time.sleep(0.5), asked(parent))\n"
            "print('ready', flush=True)\n"
            "kernel.own_pid_namespace()\n"
            "time.sleep(30)\n")
    command = [sys.executable, "-c", code]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    time.sleep(0.25)  # the namespace is made and its first process forked; it sleeps
    process.kill()  # before it asks (that namespaces are made here, the test above shows)
    process.wait()
    time.sleep(1.5)
    left = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if cmdline.read().split(b"\0")[:3] == [c.encode() for c in command]:
                    left.append(int(entry))
        except OSError:
            continue
    assert left == []


def test_the_worker_holds_no_module_of_the_grader_but_its_own():
    code = ("import sys\ndef modules():\n    return sorted(m for m in sys.modules if m.startswith('autograder'))\n"
            "def oracle():\n    import autograder.rules.ex03_weight_gradients\n")
    with Worker() as worker:
        assert worker.load("probe", code, "probe.py").ok
        held = worker.call("probe", "modules").value
        refused = worker.call("probe", "oracle")
    server_side = {"server", "protocol", "wire", "testfunctions", "sandbox", "kernel", "launch", "zygote"}
    assert "autograder.execution.server" in held
    assert set(held) <= {"autograder", "autograder.execution"} | {f"autograder.execution.{m}" for m in server_side}, held
    assert not refused.ok and refused.error.type in ("PermissionError", "ModuleNotFoundError")


def _spend_landlock_layers():
    """Stack the 16 Landlock layers a process may have, each allowing everything it handles:
    the kernel then refuses a worker's own layer (E2BIG), as a kernel without Landlock would."""
    import ctypes

    for _ in range(16):
        attr = kernel._RulesetAttr(1 << 2, 0, 0)  # reading files, allowed below "/"
        ruleset = kernel._syscall(444, ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)), 0)
        root = os.open("/", os.O_PATH)
        kernel._syscall(445, ruleset, 1, ctypes.byref(kernel._PathBeneath(1 << 2, root)), 0)
        kernel.launch.libc().prctl(38, 1, 0, 0, 0)
        assert kernel._syscall(446, ruleset, 0) == 0
        os.close(root)
        os.close(ruleset)


def test_a_worker_the_kernel_must_confine_and_does_not_runs_no_learner_code(tmp_path):
    from autograder.execution import sandbox, server, wire

    requests, replies = os.pipe(), os.pipe()
    pid = os.fork()
    if pid == 0:  # a worker whose own Landlock layer the kernel will refuse
        try:
            os.close(requests[1])  # so that the worker sees the end of its requests
            os.close(replies[0])
            _spend_landlock_layers()
            settings = sandbox.Settings(folder=str(tmp_path), require_kernel=True)
            server.serve(requests[0], replies[1], settings)
        finally:
            os._exit(0)
    os.write(requests[1], wire.dumps({"op": "loads", "modules": [["probe", "open('ran', 'w')", "probe.py"]], "id": 1}))
    os.close(requests[1])
    with os.fdopen(replies[0], "rb") as answers:
        os.close(replies[1])
        reply = wire.loads(answers.readline())
    os.waitpid(pid, 0)
    assert reply["ok"] is False and reply["error"]["type"] == "Unconfined"
    assert "the kernel could not confine the worker (Landlock: " in reply["error"]["message"]
    assert not (tmp_path / "ran").exists()  # the learner's code never ran


def test_grade_hidden_refuses_without_the_kernels_confinement(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BACKPROP_COURSE_SECRET", "0" * 32)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(kernel, "missing", lambda: ["Landlock (for this test)"])
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / "notes.txt").write_text("")  # no exercise file, but not an empty folder, which grade refuses
    assert cli.main(["grade", "ada", "--hidden"]) == 2
    assert "cannot confine learner code" in capsys.readouterr().err
    assert cli.main(["grade", "ada", "--hidden", "--weak-isolation", "--json", "r.json"]) == 0
    assert json.loads((tmp_path / "r.json").read_text())["submission"] == "ada"


def test_a_short_course_secret_draws_a_warning(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BACKPROP_COURSE_SECRET", "short")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / "notes.txt").write_text("")  # no exercise file, but not an empty folder, which grade refuses
    assert cli.main(["grade", "ada", "--hidden"]) == 0
    assert "Warning: the course secret has 5 characters" in capsys.readouterr().err


def test_a_workers_threads_are_bounded_though_the_grader_is_root():
    """The kernel never holds uid 0 to RLIMIT_NPROC: a worker run as root takes a real uid of
    its own, so a started worker, with no PID namespace, is held to its own threads and 64
    more, as a forked one is. Its effective uid stays the grader's."""
    code = ("import os, threading\n"
            "def spawn():\n"
            "    threading.stack_size(32768)\n"
            "    done, made = threading.Event(), 0\n"
            "    try:\n"
            "        while made < 2000:\n"
            "            threading.Thread(target=done.wait).start()\n"
            "            made += 1\n"
            "    except RuntimeError:\n"
            "        pass\n"
            "    done.set()\n"
            "    return made, os.geteuid()\n")
    with Zygote() as zygote:
        for worker in (Worker(), Worker(zygote=zygote)):
            with worker as w:
                assert w.load("threads", code, "threads.py").ok
                made, uid = w.call("threads", "spawn").value
                assert 56 <= made <= 64 and uid == os.geteuid(), made  # other users' processes come and go


def test_a_forked_worker_holds_no_descriptor_of_the_zygotes_earlier_workers(tmp_path):
    """A zygote kept open what it had opened for its workers' Landlock rules, so that a worker
    protecting other files than the last inherited about 200 descriptors more, until one met
    its limit of 256 and did not start."""
    code = "import os\ndef held():\n    return len(os.listdir('/proc/self/fd'))\n"
    held = []
    with Zygote() as zygote:
        for more in ((), (str(tmp_path),), (str(tmp_path / "a"),), ()):
            with Worker(zygote=zygote) as w:
                w.protected += more
                assert w.load("fds", code, "fds.py").ok
                held.append(w.call("fds", "held").value)
    assert len(set(held)) == 1 and held[0] < 16, held


def test_a_worker_can_leave_neither_its_process_group_nor_its_session():
    """The grader kills a worker by its process group. A worker leads a session of its own,
    so the kernel refuses it another group (the grader's included) or session: setpgid and
    setsid need no rule in the seccomp filter."""
    code = ("import errno, os\n"
            "def move(group):\n"
            "    refused = []\n"
            "    for call in (lambda: os.setpgid(0, group), lambda: os.setpgid(0, 0), os.setsid):\n"
            "        try:\n"
            "            call()\n"
            "        except OSError as exc:\n"
            "            refused.append(exc.errno == errno.EPERM)\n"
            "    return refused, os.getpgid(0) == os.getpid()\n")
    with Zygote() as zygote:
        for worker in (Worker(), Worker(zygote=zygote)):
            with worker as w:
                assert w.load("groups", code, "groups.py").ok
                assert w.call("groups", "move", [os.getpgid(0)]).value == ([True] * 3, True)
