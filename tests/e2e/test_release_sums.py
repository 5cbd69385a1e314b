"""scripts/release_sums.py with a real gpg: the checks staff make on a download.

A throwaway ed25519 key in a temporary keyring signs a small fake dist folder through the
same function `make dist` and `make deb` call; then `sha256sum -c` and `gpg --verify`, the
commands INSTALL.txt gives, pass, and fail once a byte changes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts import release_sums

REPO = Path(__file__).resolve().parents[2]
needs_gpg = pytest.mark.skipif(shutil.which("gpg") is None, reason="gpg not installed")


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A dist folder with a stand-in archive and .deb, and the onedir folder, which is not signed."""
    folder = tmp_path / "dist"
    (folder / "ketdesk").mkdir(parents=True)
    (folder / "ketdesk-9.9.9-linux-x86_64.tar.gz").write_bytes(b"archive\x00" * 1000)
    (folder / "ketdesk_9.9.9-1_amd64.deb").write_bytes(b"package\x00" * 1000)
    return folder


@pytest.fixture(scope="module")
def keyring() -> Iterator[tuple[str, str]]:
    """(GNUPGHOME, fingerprint) of a new passphrase-less signing key; its agent stopped after."""
    # A short path: gpg-agent's socket goes in the home folder, and sockets have a 108-byte limit.
    home = tempfile.mkdtemp(prefix="kd-gpg-")
    env = {"PATH": os.environ["PATH"], "GNUPGHOME": home}
    try:
        subprocess.run(["gpg", "--batch", "--passphrase", "", "--quick-gen-key", "test@ketdesk.invalid",
                        "ed25519", "sign", "never"], env=env, capture_output=True, check=True, timeout=60)
        listing = subprocess.run(["gpg", "--batch", "--with-colons", "--list-secret-keys"], env=env,
                                 capture_output=True, text=True, check=True, timeout=60).stdout
        fingerprint = next(line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr:"))
        yield home, fingerprint
    finally:
        subprocess.run(["gpgconf", "--homedir", home, "--kill", "gpg-agent"], env=env,
                       capture_output=True, check=False, timeout=60)
        shutil.rmtree(home, ignore_errors=True)


def staff_check(dist: Path, gnupghome: str) -> tuple[subprocess.CompletedProcess[str], ...]:
    """The two commands of INSTALL.txt, run in the download folder."""
    env = {"PATH": os.environ["PATH"], "GNUPGHOME": gnupghome, "LANG": "C"}
    sums = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=dist, env=env, capture_output=True,
                          text=True, check=False, timeout=60)
    signature = subprocess.run(["gpg", "--verify", "SHA256SUMS.asc", "SHA256SUMS"], cwd=dist, env=env,
                               capture_output=True, text=True, check=False, timeout=60)
    return sums, signature


def test_sums_list_the_archive_and_the_deb_in_sha256sum_format(dist: Path) -> None:
    out = release_sums.release(dist, {})
    lines = (dist / "SHA256SUMS").read_text().splitlines()
    expected = subprocess.run(["sha256sum", "ketdesk-9.9.9-linux-x86_64.tar.gz", "ketdesk_9.9.9-1_amd64.deb"],
                              cwd=dist, capture_output=True, text=True, check=True).stdout.splitlines()
    assert sorted(lines) == sorted(expected)
    assert "ketdesk-9.9.9-linux-x86_64.tar.gz, ketdesk_9.9.9-1_amd64.deb" in out


def test_without_a_key_one_clear_line_and_success(dist: Path, tmp_path: Path) -> None:
    (dist / "SHA256SUMS.asc").write_text("a signature over an older SHA256SUMS\n")
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}  # no KETDESK_SIGN_KEY, no KETDESK_GNUPGHOME
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "release_sums.py"), "--dist", str(dist)],
                            env=env, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    not_signed = [line for line in result.stdout.splitlines() if line.startswith("not signed")]
    assert not_signed == [release_sums.NOT_SIGNED]
    assert "set KETDESK_SIGN_KEY to sign" in not_signed[0]
    assert (dist / "SHA256SUMS").is_file()
    assert not (dist / "SHA256SUMS.asc").exists()  # never a signature of another list


@needs_gpg
def test_signed_sums_verify_and_a_changed_byte_fails(dist: Path, keyring: tuple[str, str]) -> None:
    home, fingerprint = keyring
    out = release_sums.release(dist, {"KETDESK_SIGN_KEY": fingerprint, "KETDESK_GNUPGHOME": home})
    assert f"SHA256SUMS.asc: signed by key {fingerprint}" in out
    assert (dist / "SHA256SUMS.asc").read_text().startswith("-----BEGIN PGP SIGNATURE-----")
    sums, signature = staff_check(dist, home)
    assert sums.returncode == 0 and sums.stdout.count(": OK") == 2, sums.stdout
    assert signature.returncode == 0 and "Good signature" in signature.stderr, signature.stderr

    # A changed byte in the archive: its checksum fails (the signed list is still intact).
    archive = dist / "ketdesk-9.9.9-linux-x86_64.tar.gz"
    data = bytearray(archive.read_bytes())
    data[100] ^= 1
    archive.write_bytes(bytes(data))
    sums, signature = staff_check(dist, home)
    assert sums.returncode != 0 and "ketdesk-9.9.9-linux-x86_64.tar.gz: FAILED" in sums.stdout
    assert signature.returncode == 0

    # A changed byte in the list itself (to match a swapped archive): the signature fails.
    listing = bytearray((dist / "SHA256SUMS").read_bytes())
    listing[0] = ord("0") if listing[0] != ord("0") else ord("1")
    (dist / "SHA256SUMS").write_bytes(bytes(listing))
    _sums, signature = staff_check(dist, home)
    assert signature.returncode != 0 and "BAD signature" in signature.stderr, signature.stderr
    assert release_sums.verify(dist, home) is None


@needs_gpg
def test_a_key_that_is_not_in_the_keyring_fails_the_build(dist: Path, keyring: tuple[str, str]) -> None:
    home, _fingerprint = keyring
    with pytest.raises(release_sums.SignError, match="could not sign"):
        release_sums.release(dist, {"KETDESK_SIGN_KEY": "nobody@ketdesk.invalid", "KETDESK_GNUPGHOME": home})
    assert not (dist / "SHA256SUMS.asc").exists()
