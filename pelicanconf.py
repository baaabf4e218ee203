"""Pengaturan pengembangan Pelican untuk Portal Transparansi Kinerja ASN."""

from kinerja.adapters.cachetrust import user_cache_dir

AUTHOR = "BKPSDM Kabupaten Kepahiang"
SITENAME = "Portal Transparansi Kinerja ASN Kabupaten Kepahiang"
SITESUBTITLE = "Penilaian kinerja yang objektif dan terbuka"
SITEURL = ""
PATH = "content"
THEME = "theme"
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
DEFAULT_DATE_FORMAT = "%d %B %Y"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["kinerja.adapters.portal", "pelican.plugins.sitemap"]
SITEMAP = {"format": "txt"}
KINERJA_DATA = "data"
KINERJA_REPO_URL = "https://github.com/bkpsdm-kepahiang/portal-kinerja"
# Where the public proposes a change to an indicator ("Usulkan perubahan"): the
# engine's public repository's issue form, never the private records repository.
KINERJA_USULAN_URL = (
    "https://github.com/bkpsdm-kepahiang/portal-kinerja/issues/new?template=usulan-indikator.yml"
)

# Autoescape everything; Markdown content is passed with |safe after sanitising.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

ARTICLE_PATHS = ["berita"]
PAGE_PATHS = ["pages"]
ARTICLE_URL = "berita/{slug}/"
ARTICLE_SAVE_AS = "berita/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
INDEX_SAVE_AS = "berita/index.html"
INDEX_URL = "berita/"
DEFAULT_PAGINATION = False

# Only the pages the portal needs; nothing with a build timestamp.
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAGS_SAVE_AS = ""
TAG_SAVE_AS = ""
DRAFT_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DIRECT_TEMPLATES = ["index"]

STATIC_PATHS = ["extra"]
EXTRA_PATH_METADATA = {
    "extra/favicon.svg": {"path": "favicon.svg"},
    "extra/templat-impor-kinerja.xlsx": {"path": "unduh/templat-impor-kinerja.xlsx"},
}

# Markdown is converted again only when a file's bytes change. The cache holds
# pickles, so it lives in the user's cache folder, never in the repository; the
# portal plugin names a folder there for every setting and package.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "sha256"
CACHE_PATH = str(user_cache_dir() / "pelican")
RELATIVE_URLS = False
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}
READERS = {"rst": None}

# /admin/: form editing of records through Decap CMS (see Panduan kontributor).
# Development builds include it and talk to `decap-server` on this computer
# (`make admin`); publishconf.py leaves it out of public builds.
KINERJA_ADMIN = True
KINERJA_CMS_LOCAL = "http://localhost:8081/api/v1"
KINERJA_CMS_REPO = ""  # the private records repository, e.g. "bkpsdm-kepahiang/kinerja-data"
KINERJA_CMS_BRANCH = "main"
KINERJA_CMS_AUTH_URL = ""  # OAuth sign-in service for the GitHub backend (base_url)
