"""Pengaturan produksi: URL kanonik, Open Graph, peta situs."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("KINERJA_SITEURL", "https://bkpsdm-kepahiang.github.io/portal-kinerja")
RELATIVE_URLS = False
CANONICAL = True
OPEN_GRAPH = True
DELETE_OUTPUT_DIRECTORY = True
