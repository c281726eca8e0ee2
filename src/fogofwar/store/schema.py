"""The database schema, in one place, as numbered migrations.

A database records the migrations applied to it in ``schema_migrations``; opening it
applies the missing ones in order, so a file made by an older fogofwar keeps working.
Later capabilities add tables by appending a migration, never by editing an old one.
Every fact table carries ``doc_id`` and the character span that supports the fact.
"""

from __future__ import annotations

from dataclasses import dataclass

# The per-document fact tables, in export order. The column lists mirror the fields of
# the dataclasses in fogofwar.models (a test keeps the two in step); ``ord`` keeps the
# order in which the pipeline produced the rows, so an export is byte-for-byte stable.


@dataclass(frozen=True, slots=True)
class FactTable:
    name: str  # table name, also the key of the export record
    model: str  # dataclass name in fogofwar.models
    columns: tuple[tuple[str, str], ...]  # (column, SQL type); JSON columns are stored as text

    @property
    def json_columns(self) -> tuple[str, ...]:
        return tuple(c for c, t in self.columns if t == "JSON")


FACT_TABLES: tuple[FactTable, ...] = (
    FactTable("segments", "Segment", (
        ("id", "VARCHAR"), ("kind", "VARCHAR"), ("char_start", "BIGINT"), ("char_end", "BIGINT"),
        ("author", "VARCHAR"), ("published", "VARCHAR"), ("title", "VARCHAR"), ("outlet", "VARCHAR"),
        ("in_reply_to", "VARCHAR"),
    )),
    FactTable("actors", "Actor", (
        ("id", "VARCHAR"), ("canonical", "VARCHAR"), ("type", "VARCHAR"), ("country", "VARCHAR"),
        ("wikidata", "VARCHAR"), ("parent", "VARCHAR"), ("local", "BOOLEAN"),
    )),
    FactTable("places", "Place", (
        ("id", "VARCHAR"), ("name", "VARCHAR"), ("geonameid", "BIGINT"), ("feature", "VARCHAR"),
        ("country", "VARCHAR"), ("admin1", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
        ("gazetteer_name", "VARCHAR"), ("within", "VARCHAR"),
    )),
    FactTable("mentions", "Mention", (
        ("kind", "VARCHAR"), ("text", "VARCHAR"), ("char_start", "BIGINT"), ("char_end", "BIGINT"),
        ("ref", "VARCHAR"), ("detail", "JSON"),
    )),
    FactTable("events", "Event", (
        ("id", "VARCHAR"), ("type", "VARCHAR"), ("mode", "VARCHAR"), ("acled_event_type", "VARCHAR"),
        ("acled_sub_event_type", "VARCHAR"), ("char_start", "BIGINT"), ("char_end", "BIGINT"),
        ("segment", "VARCHAR"), ("actor1", "VARCHAR"), ("actor2", "VARCHAR"), ("place", "VARCHAR"),
        ("date", "VARCHAR"), ("date_precision", "VARCHAR"), ("date_inferred", "BOOLEAN"),
        ("place_precision", "VARCHAR"), ("counts", "JSON"), ("reported_by", "VARCHAR"),
        ("factuality", "VARCHAR"), ("confidence", "DOUBLE"), ("trigger", "VARCHAR"), ("action", "VARCHAR"),
    )),
    FactTable("quotes", "Quote", (
        ("id", "VARCHAR"), ("speaker", "VARCHAR"), ("kind", "VARCHAR"), ("cue", "VARCHAR"),
        ("char_start", "BIGINT"), ("char_end", "BIGINT"), ("content_start", "BIGINT"), ("content_end", "BIGINT"),
        ("date", "VARCHAR"), ("speaker_kind", "VARCHAR"), ("segment", "VARCHAR"),
    )),
    FactTable("quantities", "Quantity", (
        ("id", "VARCHAR"), ("value", "DOUBLE"), ("approx", "VARCHAR"), ("unit", "VARCHAR"),
        ("counts_what", "VARCHAR"), ("belongs_to", "VARCHAR"), ("char_start", "BIGINT"), ("char_end", "BIGINT"),
        ("high", "DOUBLE"),
    )),
    FactTable("claims", "Claim", (
        ("id", "VARCHAR"), ("text", "VARCHAR"), ("char_start", "BIGINT"), ("char_end", "BIGINT"),
        ("claimant", "VARCHAR"), ("factuality", "VARCHAR"), ("cluster", "VARCHAR"),
    )),
    FactTable("predictions", "Prediction", (
        ("id", "VARCHAR"), ("predictor", "VARCHAR"), ("char_start", "BIGINT"), ("char_end", "BIGINT"),
        ("horizon", "VARCHAR"), ("text", "VARCHAR"),
    )),
)

DOCUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("doc_id", "VARCHAR PRIMARY KEY"), ("source_path", "VARCHAR"), ("source_id", "VARCHAR"),
    ("url", "VARCHAR"), ("title", "VARCHAR"), ("outlet", "VARCHAR"), ("author", "VARCHAR"),
    ("published", "VARCHAR"), ("format", "VARCHAR"), ("encoding", "VARCHAR"), ("text", "VARCHAR"),
    ("n_chars", "BIGINT"), ("version_key", "VARCHAR"), ("version", "INTEGER"), ("run_id", "BIGINT"),
    ("analysed_at", "TIMESTAMP"), ("stage_errors", "JSON"),
)


# columns that later migrations add to a fact table: a released migration must create what it always created
_ADDED_LATER = {("places", "within"): 2}


def _fact_ddl(table: FactTable) -> str:
    cols = ", ".join(f'"{c}" {t}' for c, t in table.columns if (table.name, c) not in _ADDED_LATER)
    return (f"CREATE TABLE {table.name} (doc_id VARCHAR NOT NULL, ord INTEGER NOT NULL, {cols}, "
            "PRIMARY KEY (doc_id, ord))")


_V1 = [
    "CREATE TABLE documents (" + ", ".join(f'"{c}" {t}' for c, t in DOCUMENT_COLUMNS) + ")",
    "CREATE INDEX documents_version ON documents (version_key)",
    *(_fact_ddl(t) for t in FACT_TABLES),
    """CREATE TABLE runs (
        run_id BIGINT PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, args VARCHAR,
        inputs_seen BIGINT DEFAULT 0, inputs_skipped BIGINT DEFAULT 0, documents_new BIGINT DEFAULT 0,
        documents_known BIGINT DEFAULT 0, succeeded BIGINT DEFAULT 0, failed BIGINT DEFAULT 0,
        duration_s DOUBLE, status VARCHAR)""",
    """CREATE TABLE errors (
        run_id BIGINT, path VARCHAR, record VARCHAR, reason VARCHAR, hint VARCHAR, occurred_at TIMESTAMP)""",
    # what was read from each input file, so an unchanged file is skipped without reading it
    """CREATE TABLE inputs (
        path VARCHAR PRIMARY KEY, size BIGINT, mtime_ns BIGINT, documents BIGINT, errors BIGINT,
        run_id BIGINT, read_at TIMESTAMP)""",
]

# (version, description, statements). Append; never edit a released migration.
MIGRATIONS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (1, "documents, segments, actors, places, mentions, events, quotes, quantities, claims, "
        "predictions, runs, errors, inputs", tuple(_V1)),
    (2, "places.within: the place whose point a street or building the gazetteer lacks takes",
     ("ALTER TABLE places ADD COLUMN within VARCHAR",)),
)

SCHEMA_VERSION = MIGRATIONS[-1][0]
