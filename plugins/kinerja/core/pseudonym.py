"""Pseudonymous ids and the secret key they are made with.

An id is HMAC-SHA256(key, NIP): without the key nobody can go from a NIP to
an id, so the key must be long enough that it cannot be guessed from one
known NIP→id pair, and exactly the same at every import (one character more
gives everybody new ids and counts each person twice). The repository keeps
a fingerprint of the key, never the key, so a different key is refused
before anything is written.
"""

from __future__ import annotations

import hashlib
import hmac

MIN_KEY_LENGTH = 32
FINGERPRINT_LABEL = b"kinerja/sidik-kunci-pseudonim/v1"
GENERATE = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'


def pseudonym(nip: str, key: str) -> str:
    digest = hmac.new(key.encode("utf-8"), nip.encode("utf-8"), hashlib.sha256).hexdigest()
    return "ASN-" + digest[:10].upper()


def key_refusal(key: str) -> str | None:
    """Why `key` must not be used, in words for the person who set it; None when fine."""
    if not key:
        return (
            "variabel lingkungan KINERJA_KUNCI_PSEUDONIM belum diisi; tanpa kunci rahasia ID "
            f"pseudonim tidak dapat dibuat. Buat kunci dengan: {GENERATE}"
        )
    if key != key.strip():
        return (
            "KINERJA_KUNCI_PSEUDONIM diawali atau diakhiri spasi atau baris baru; kunci yang "
            "berbeda satu spasi memberi semua pegawai ID baru (dihitung dua kali). Hapus spasinya "
            "dan simpan kunci persis seperti saat dibuat"
        )
    if len(key) < MIN_KEY_LENGTH:
        return (
            f"KINERJA_KUNCI_PSEUDONIM hanya {len(key)} karakter; kunci kurang dari "
            f"{MIN_KEY_LENGTH} karakter dapat ditebak dari satu pasangan NIP dan ID. "
            f"Buat kunci acak dengan: {GENERATE}"
        )
    return None


def fingerprint(key: str) -> str:
    """HMAC of a fixed label with the key: shows which key, reveals nothing of it."""
    return hmac.new(key.encode("utf-8"), FINGERPRINT_LABEL, hashlib.sha256).hexdigest()


def fingerprint_refusal(stored: str | None, key: str) -> str | None:
    """Why an import with `key` must stop, given the fingerprint kept in data/."""
    if stored is None or hmac.compare_digest(stored, fingerprint(key)):
        return None
    return (
        "KINERJA_KUNCI_PSEUDONIM bukan kunci yang dipakai impor sebelumnya (sidik_kunci di "
        "data/sumber-data.yaml berbeda); dengan kunci lain setiap pegawai mendapat ID baru dan "
        "dihitung dua kali. Tidak ada berkas yang ditulis. Pakai kunci yang tersimpan di "
        "secrets repositori catatan; bila kunci memang diganti, hapus seluruh catatan periode "
        "yang diimpor ulang dan baris sidik_kunci dalam satu pull request"
    )
