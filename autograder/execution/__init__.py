"""Running learner code in a confined process of its own, and nothing else.

CONTRIBUTING.md's map says what each module here does. Kept apart from the rest of the
package: the worker imports only this subpackage, and the kernel keeps the rest of the
grader unreadable to it.
"""
