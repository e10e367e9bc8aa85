"""Running learner code in a confined process of its own, and nothing else.

The grading process holds a ``client.Worker``; the worker process runs ``server``. They
speak ``protocol``'s requests and replies, whose values travel as ``wire`` lines. A batch
forks its workers from a ``zygote``. ``launch`` starts and ends these processes; the
worker confines itself with ``sandbox`` (limits, audit hook) and ``kernel`` (Landlock,
seccomp, a PID namespace). ``testfunctions`` are the functions ex06 hands to a learner's
gradient check.

Kept apart from the rest of the package: the worker imports only this subpackage, and
the kernel keeps the rest of the grader unreadable to it.
"""
