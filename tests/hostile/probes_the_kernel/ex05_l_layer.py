# Hostile case 'probes_the_kernel': update_parameters tries the primitives the audit hook never sees, past it.
# Appended to solutions/ex05_l_layer.py by tests/security/test_hostile.py, which says what it must get.
import ctypes
import errno
import os
import platform
import sys

_reference = update_parameters
_NUMBERS = {"x86_64": {"userfaultfd": 323, "migrate_pages": 256, "memfd_create": 319, "fadvise64": 221, "membarrier": 324},
            "aarch64": {"userfaultfd": 282, "migrate_pages": 238, "memfd_create": 279, "fadvise64": 223,
                        "membarrier": 283}}[platform.machine()]
_CLONE_THREAD_AND_NAMESPACE = 0x00010000 | 0x800 | 0x100 | 0x00020000  # a thread of its own mount namespace


def _tries(libc):
    """Each primitive, called as the C library or the kernel takes it: what it returned."""
    nodes = ctypes.c_ulong(1)
    yield "memfd_create", libc.syscall(_NUMBERS["memfd_create"], b"code", 0)  # hostile: code to exec, memory past RLIMIT_AS
    yield "io_uring_setup", libc.syscall(425, 8, ctypes.create_string_buffer(120))  # hostile: I/O no seccomp rule sees
    yield "userfaultfd", libc.syscall(_NUMBERS["userfaultfd"], 0)  # hostile: stalls the kernel at will
    yield "ptrace", libc.ptrace(16, 1, None, None)  # hostile: PTRACE_ATTACH, pid 1 of its namespace or the machine
    yield "migrate_pages", libc.syscall(_NUMBERS["migrate_pages"], 1, 64, ctypes.byref(nodes), ctypes.byref(nodes))
    yield "personality", libc.personality(0x0040000)  # hostile: READ_IMPLIES_EXEC
    yield "unshare", libc.unshare(0x10000000)  # hostile: a user namespace, where it would be root
    yield "clone", libc.syscall(56 if platform.machine() == "x86_64" else 220, _CLONE_THREAD_AND_NAMESPACE, 0, 0, 0, 0)
    yield "PR_SET_MM", libc.prctl(35, 8, 0, 0, 0)  # hostile: rewrites what /proc says of it
    yield "PR_SET_PDEATHSIG", libc.prctl(1, 0, 0, 0, 0)  # hostile: to outlive the grader
    yield "/proc/self/mem", libc.open(b"/proc/self/mem", os.O_RDWR)  # hostile: a write past every page's protection
    yield "its output reopened", libc.open(b"/proc/self/fd/1", os.O_WRONLY | os.O_TRUNC)  # hostile: a file outside
    yield "/proc/self/root", libc.open(b"/proc/self/root/tmp/backprop-forged-root", os.O_WRONLY | os.O_CREAT, 0o600)
    system = os.open(os.__file__, os.O_RDONLY)  # a file root owns, which the worker may read
    yield "fadvise64", libc.syscall(_NUMBERS["fadvise64"], system, 0, 0, 4)  # hostile: DONTNEED, others' cache
    yield "membarrier", libc.syscall(_NUMBERS["membarrier"], 1, 0, 0)  # hostile: GLOBAL, a wait on every core
    yield "F_SET_RW_HINT", libc.fcntl(system, 1036, ctypes.byref(ctypes.c_uint64(2)))  # hostile: its inode's hint
    yield "ext4's _IO('f') ioctl", libc.ioctl(system, 0x6612)  # hostile: an owner's command with no direction bits
    folder = libc.open(b"/usr/lib", os.O_PATH)  # not os.open, whose event the hook refuses for a folder
    yield "quotactl_fd", libc.syscall(443, folder, 0x800001 << 8, 0, 0)  # hostile: Q_SYNC; 443 on every architecture
    open("whited-out", "w").close()  # in its own folder, where it may rename: the whiteout left behind is a device
    yield "RENAME_WHITEOUT", libc.renameat2(-100, b"whited-out", -100, b"renamed", 4)  # hostile: a device (0, 0)
    one = ctypes.create_string_buffer(1)
    iovec = (ctypes.c_void_p * 2)(ctypes.addressof(one), 1)  # {base, length}
    # hostile: RWF_DONTCACHE sends each read of root's file, and each write to its output, to the disk
    yield "preadv2's RWF_DONTCACHE", libc.preadv2(system, iovec, 1, ctypes.c_long(0), 0x80)
    yield "pwritev2's RWF_DONTCACHE", libc.pwritev2(1, iovec, 0, ctypes.c_long(0), 0x80)  # none of its iovec written


def update_parameters(parameters, grads, learning_rate):
    sys.modules["autograder.execution.sandbox"]._FORBIDDEN.clear()  # hostile: the hook lets ctypes by
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    said = []
    for name, returned in _tries(libc):
        said.append(f"{name} {errno.errorcode.get(ctypes.get_errno(), '?') if returned < 0 else 'ALLOWED'}")
    raise PermissionError("the kernel said: " + ", ".join(said))
