"""The cache's column index answers as a plain dictionary of entries would,
through any mix of changes, removals and save/load round trips."""

from __future__ import annotations

import hashlib
import marshal
import os
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from kinerja.adapters.fileindex import NO_STAT, STAT, FileIndex

RELS = [f"pegawai/{2023 + i % 3}/unit{i % 4}/ASN-{i:010X}.yaml" for i in range(5)]


def stat_of(n: int) -> SimpleNamespace:
    """What the index reads of a stat (size, modification time, inode, change time)."""
    return SimpleNamespace(st_size=100 + n, st_mtime_ns=50 + n, st_ino=0, st_ctime_ns=0)


def digest(n: int) -> str:
    return hashlib.sha256(str(n).encode()).hexdigest()


operation = st.one_of(
    st.tuples(
        st.just("put"),
        st.sampled_from(RELS),
        st.integers(0, 5),  # digest and stat seed
        st.booleans(),  # problems
        st.booleans(),  # trusted stat
        st.booleans(),  # has an identity
    ),
    st.tuples(st.just("keep"), st.sets(st.sampled_from(RELS))),
    st.tuples(st.just("save")),
)


@settings(max_examples=examples(1000), deadline=None)
@given(st.lists(operation, max_size=25))
def test_index_behaves_like_a_dictionary(ops: list) -> None:
    index, model = FileIndex("data" + os.sep), {}
    for op in ops:
        if op[0] == "put":
            _, rel, n, bad, trusted, known = op
            problems = [["x", 1, 1, "KODE", "pesan", "saran"]] if bad else []
            ident = [rel[-15:-5], int(rel[8:12])] if known else None
            stat = STAT.pack(100 + n, 50 + n, 0, 0) if trusted else NO_STAT
            index.put(rel, digest(n), problems, ident, stat)
            model[rel] = (digest(n), problems, ident, n if trusted else None)
        elif op[0] == "keep":
            gone = {rel for rel, _ in index.keep_only(op[1])}
            assert gone == {rel for rel in model if rel not in op[1]}
            model = {rel: v for rel, v in model.items() if rel in op[1]}
        else:
            raw = marshal.loads(marshal.dumps(index.to_plain()))
            index = FileIndex.from_plain(raw)
        assert len(index) == len(model)
        for rel in RELS:
            kept = model.get(rel)
            want = None if kept is None else (kept[0], kept[1], kept[2])
            assert index.get(rel) == want
            for n in range(6):
                hit = index.unchanged(rel, stat_of(n))
                assert hit == (want if kept is not None and kept[3] == n else None)


def test_a_misshapen_index_is_refused() -> None:
    plain = FileIndex("r").to_plain()
    plain[2] = b"\0" * 31  # a digest column that does not fit the files
    try:
        FileIndex.from_plain(plain)
    except ValueError:
        return
    raise AssertionError("accepted")
