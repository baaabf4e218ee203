"""Mesin penilaian kinerja ASN Kabupaten Kepahiang.

The package is both the `kinerja` command and, through `kinerja.adapters.portal`, the
Pelican plugin; nothing here imports Pelican so the command stays light.
"""

__version__ = "0.1.0"
