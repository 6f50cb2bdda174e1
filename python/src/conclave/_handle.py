"""What every handle class shares, and the conversions at the C boundary."""

from __future__ import annotations

import ctypes
from typing import Any, Callable, Optional, Sequence, TypeVar, Union

from ._native import Buffer, invalid_argument, lib
from .errors import ConclaveError, Status

BytesLike = Union[bytes, bytearray, memoryview]
H = TypeVar("H", bound="Handle")


class Handle:
    """An owned C handle. close() frees it (again: nothing); a closed handle
    reaches the library as NULL, which refuses it with INVALID_HANDLE.
    Freeing in any order is safe: the library keeps what one object needs of
    another alive. A handle is used by one thread at a time."""

    _free_function: str = ""

    def __init__(self, raw: int) -> None:
        self._raw: Optional[int] = raw
        super().__init__()  # the mixins' state (the frame buffers)

    @classmethod
    def _made_by(cls: type[H], function: Callable[..., Any], *arguments: Any) -> H:
        """A handle of this class from a C constructor whose last argument is the handle output."""
        out = ctypes.c_void_p()
        function(*arguments, ctypes.byref(out))
        return cls(out.value or 0)

    @property
    def _as_parameter_(self) -> Optional[int]:
        return self._raw

    @property
    def closed(self) -> bool:
        """Whether close() was called."""
        return self._raw is None

    def close(self) -> None:
        """Frees the handle; closing again does nothing."""
        raw, self._raw = self._raw, None
        if raw is not None:
            getattr(lib, self._free_function)(raw)

    def __enter__(self: H) -> H:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone
            pass


def data(value: Optional[BytesLike]) -> bytes:
    """Required input bytes: None is refused as the C API refuses NULL."""
    if value is None:
        raise invalid_argument()
    return value if isinstance(value, bytes) else bytes(value)


def optional_data(value: Optional[BytesLike]) -> bytes:
    """Optional input bytes: None is empty."""
    return b"" if value is None else data(value)


def text(value: Optional[str]) -> bytes:
    """A required string, NUL-terminated UTF-8 on the C side."""
    if value is None:
        raise invalid_argument()
    return value.encode()


def optional_text(value: Optional[str]) -> Optional[bytes]:
    """An optional string: None is NULL."""
    return None if value is None else value.encode()


def copy(buffer: Buffer) -> bytes:
    """The bytes of a library buffer."""
    return ctypes.string_at(buffer.data, buffer.size) if buffer.size else b""


def take(buffer: Buffer) -> bytes:
    """The bytes of a library buffer, which is then wiped and freed."""
    try:
        return copy(buffer)
    finally:
        lib.conclave_buffer_free(ctypes.byref(buffer))


def buffer_result(function: Callable[..., Any], *arguments: Any) -> bytes:
    """The bytes a C function puts in its last argument, a conclave_buffer."""
    buffer = Buffer()
    function(*arguments, ctypes.byref(buffer))
    return take(buffer)


def scalar_result(function: Callable[..., Any], ctype: Any, *arguments: Any) -> Any:
    """The value a C function writes to its last argument, a pointer to `ctype`."""
    out = ctype()
    function(*arguments, ctypes.byref(out))
    return out.value


def fixed_result(function: Callable[..., Any], capacity: int, *arguments: Any) -> bytes:
    """The bytes a C function copies into a caller buffer (out, capacity, written)."""
    out = (ctypes.c_uint8 * capacity)()
    written = ctypes.c_size_t()
    function(*arguments, out, capacity, ctypes.byref(written))
    return ctypes.string_at(out, written.value)


def leaves_result(fill: Callable[[Any, int], Any], count: ctypes.c_size_t) -> list[int]:
    """The leaf indices `fill(leaves, capacity)` copies into a caller array, which
    grows while the C function answers BUFFER_TOO_SMALL with the count needed in `count`."""
    capacity = 64
    while True:
        leaves = (ctypes.c_uint32 * capacity)()
        try:
            fill(leaves, capacity)
            return list(leaves[:count.value])
        except ConclaveError as failure:
            if failure.status is not Status.BUFFER_TOO_SMALL:
                raise
            capacity = max(count.value, 2 * capacity)


def leaf_array(leaves: Optional[Sequence[int]]) -> Any:
    """Required leaf indices as a C uint32_t array: None is refused as the C API refuses NULL."""
    if leaves is None:
        raise invalid_argument()
    return (ctypes.c_uint32 * len(leaves))(*leaves)
