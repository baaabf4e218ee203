"""Pengaturan produksi: URL kanonik, Open Graph, peta situs."""

import os
import sys

from kinerja.core.settings import BY_NAME

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("KINERJA_SITEURL", BY_NAME["KINERJA_SITEURL"].default)
RELATIVE_URLS = False
CANONICAL = True
OPEN_GRAPH = True
DELETE_OUTPUT_DIRECTORY = True

# Public builds leave /admin/ out. A regency that wants the forms online sets
# KINERJA_ADMIN = True here, KINERJA_CMS_REPO to its private records repository
# and KINERJA_CMS_AUTH_URL to its sign-in service (see Panduan kontributor).
KINERJA_ADMIN = os.environ.get("KINERJA_ADMIN", "") == "1"
KINERJA_CMS_LOCAL = ""
