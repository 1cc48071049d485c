"""Where ``pipeline.analyze_batch`` runs: in this process, in local worker processes, or on Ray.

The engine only decides *where* the same stage function executes; reading inputs and
writing the store stay in the calling process (the store has one writer), and results are
taken back in submission order, so every engine yields the same database.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from eventledger.errors import ConfigError

logger = logging.getLogger(__name__)

ENGINES = ("local", "ray")


class Engine(Protocol):
    """Submit a call now, collect its result later (in the order of submission)."""

    parallel: int

    def submit(self, fn: Callable[..., Any], arg: Any) -> Any: ...

    def result(self, handle: Any) -> Any: ...


class InlineEngine:
    """No parallelism: the call runs at submit time; the default and the reference."""

    parallel = 1

    def submit(self, fn: Callable[..., Any], arg: Any) -> Any:
        """Start ``fn(arg)``; returns a handle for ``result``."""
        return fn(arg)

    def result(self, handle: Any) -> Any:
        """Wait for a handle's value (re-raising the task's exception)."""
        return handle


class PoolEngine:
    """Local worker processes, started with `spawn` so no parent state leaks into them."""

    def __init__(self, pool: Any, workers: int) -> None:
        self.pool, self.parallel = pool, workers

    def submit(self, fn: Callable[..., Any], arg: Any) -> Any:
        """Start ``fn(arg)``; returns a handle for ``result``."""
        return self.pool.apply_async(fn, (arg,))

    def result(self, handle: Any) -> Any:
        """Wait for a handle's value (re-raising the task's exception)."""
        return handle.get()


class RayEngine:
    """Ray tasks; `ray.init()` starts a local cluster unless an address names a real one."""

    def __init__(self, ray: Any, workers: int) -> None:
        self.ray, self.parallel = ray, workers
        self._remote: dict[Any, Any] = {}

    def submit(self, fn: Callable[..., Any], arg: Any) -> Any:
        """Start ``fn(arg)``; returns a handle for ``result``."""
        remote = self._remote.get(fn)
        if remote is None:
            remote = self._remote[fn] = self.ray.remote(fn)
        return remote.remote(arg)

    def result(self, handle: Any) -> Any:
        """Wait for a handle's value (re-raising the task's exception)."""
        return self.ray.get(handle)


@contextmanager
def open_engine(engine: str = "local", workers: int = 1, address: str | None = None) -> Iterator[Engine]:
    """The engine named by ``--engine`` with ``workers`` workers, as a context manager."""
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    if engine == "ray":
        yield from _ray(workers, address)
    elif workers <= 1:
        yield InlineEngine()
    else:
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            yield PoolEngine(pool, workers)


def _ray(workers: int, address: str | None) -> Iterator[Engine]:
    try:
        import ray
    except ImportError as exc:
        raise ConfigError("the Ray engine needs the `ray` package: pip install 'eventledger[ray]'") from exc
    started = not ray.is_initialized()
    if started:
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.WARNING}
        if address:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=max(1, workers), **options)
    try:
        yield RayEngine(ray, max(1, workers))
    finally:
        if started:
            ray.shutdown()


def ordered(
    engine: Engine, fn: Callable[[Any], Any], items: Iterable[Any], arg: Callable[[Any], Any] = lambda x: x
) -> Iterator[tuple[Any, Any]]:
    """Yield ``(item, fn(arg(item)))`` in input order.

    At most two calls per parallel slot are in flight: enough to keep every worker busy,
    few enough that memory stays flat however many inputs there are.
    """
    window = max(1, engine.parallel * 2)
    pending: deque[tuple[Any, Any]] = deque()
    for item in items:
        pending.append((item, engine.submit(fn, arg(item))))
        if len(pending) >= window:
            first, handle = pending.popleft()
            yield first, engine.result(handle)
    while pending:
        item, handle = pending.popleft()
        yield item, engine.result(handle)
