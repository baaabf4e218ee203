"""The policy files the loader read from a data folder, before any check.

A plain container, so the checks can be given documents made in memory
(tests, the importer) exactly as if they came from disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kinerja.checks.problems import Problem
from kinerja.checks.schemacheck import Schemas
from kinerja.checks.yamlsource import Document


@dataclass
class Loaded:
    data_dir: Path
    schema_dir: Path
    schemas: Schemas
    units: Document | None = None
    standards: Document | None = None
    data_source: Document | None = None
    glossary: Document | None = None
    releases: Document | None = None  # data/rilis.yaml, optional
    methodologies: list[Document] = field(default_factory=list)
    indicators: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def files(self) -> int:
        fixed = [
            d
            for d in (self.units, self.standards, self.data_source, self.glossary, self.releases)
            if d is not None
        ]
        return len(fixed) + len(self.methodologies) + len(self.indicators)
