"""A cached property without the per-instance lock of Python 3.11's functools version.

Analysis objects are made by the ten thousand in a batch and are not shared between threads
while their fields are first computed; the lock cost more than most of the fields.
"""

from __future__ import annotations


class cached_property:  # noqa: N801 - reads like functools.cached_property
    """Computed on first access, then kept in the instance's ``__dict__`` (non-data)."""

    def __init__(self, func):
        self.func = func
        self.__doc__ = func.__doc__
        self.name = func.__name__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value
