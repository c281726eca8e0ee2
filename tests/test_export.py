"""The export contract: every line validates, spans hold, writers produce what they promise."""

from __future__ import annotations

import csv
import io
import json

import pytest

from fogofwar.export import (
    ACLED_COLUMNS,
    check_record,
    load_schema,
    to_record,
    write_acled_csv,
    write_geojson,
    write_jsonl,
)
from fogofwar.pipeline import analyze_text

TEXT = (
    "BAGHDAD (Reuters) - Iraqi troops recaptured the town of Qaraqosh near Mosul on Tuesday, "
    "killing 15 Islamic State fighters, a spokesman for the Joint Operations Command said.\n\n"
    "\"The town is now under our full control,\" he told reporters."
)


@pytest.fixture(scope="module")
def analysis(nlp):
    return analyze_text(TEXT, published="2016-10-20", nlp=nlp, source_path="demo.txt")


def test_export_record_validates_against_the_shipped_schema(analysis):
    record = to_record(analysis)
    assert record["schema"] == "fogofwar.export/1" == load_schema()["$id"]
    assert check_record(record) == []
    assert json.loads(json.dumps(record)) == record  # plain JSON, nothing exotic


def test_check_record_catches_broken_spans_and_fields(analysis):
    record = to_record(analysis)
    record["segments"] = [dict(record["segments"][0], char_end=len(record["text"]) + 5)]
    record["mentions"] = [{"kind": "place", "text": "Nowhere", "char_start": 0, "char_end": 7, "ref": "p1"}]
    record["published"] = "20 October"
    problems = check_record(record)
    assert any("outside text" in p for p in problems)
    assert any("is not what the span holds" in p for p in problems)
    assert any(p.startswith("published") for p in problems)


def test_write_jsonl_one_line_per_document(analysis):
    buf = io.StringIO()
    assert write_jsonl([analysis, analysis], buf) == 2
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["text"] == TEXT


def test_write_geojson_points_carry_their_evidence(analysis):
    buf = io.StringIO()
    n = write_geojson([analysis], buf)
    assert n > 0  # Qaraqosh and Mosul at least
    collection = json.loads(buf.getvalue())
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == n
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        if feature["properties"]["kind"] == "place":
            for start, end, text in feature["properties"]["mentions"]:
                assert TEXT[start:end] == text


def test_write_acled_csv_has_acleds_columns(analysis):
    buf = io.StringIO()
    n = write_acled_csv([analysis], buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS if rows else buf.getvalue().startswith("event_date,")
    assert len(rows) == n
