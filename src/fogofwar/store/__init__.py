"""Storage: DuckDB (embedded default). Every fact row keeps its document id and character span."""

from fogofwar.store.duck import DEFAULT_DB, RunCounters, Store, version_key

__all__ = ["DEFAULT_DB", "RunCounters", "Store", "version_key"]
