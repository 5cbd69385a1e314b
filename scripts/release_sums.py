"""dist/SHA256SUMS over the release artefacts, and its detached OpenPGP signature (issue #17).

    python3 scripts/release_sums.py [--dist DIR]

Run at the end of ``make dist`` and again at the end of ``make deb``, so that SHA256SUMS lists
whatever of ``ketdesk-<version>-linux-<arch>.tar.gz`` and ``ketdesk_<version>_<arch>.deb`` is
in dist/ at that moment (in ``sha256sum`` format, so staff check it with ``sha256sum -c``).

Signing takes its key from the environment of the build, never from the repository:

    KETDESK_SIGN_KEY=<key id or fingerprint>   sign with that secret key ...
    KETDESK_GNUPGHOME=<folder>                 ... from this keyring (default: the builder's own,
                                               GNUPGHOME or ~/.gnupg); alone, it signs with that
                                               keyring's default key

and writes ``SHA256SUMS.asc`` (``gpg --detach-sign --armor``), checked at once with ``gpg
--verify``. Staff verify it with ``gpg --verify SHA256SUMS.asc SHA256SUMS`` against the
clinic's published key. With neither variable set it prints one "not signed" line and
succeeds; a signature that was asked for and cannot be made fails the build. An old
SHA256SUMS.asc is always removed first, so a signature never outlives the list it signed.
Standard library only, like the other build scripts.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SUMS = "SHA256SUMS"
SIGNATURE = "SHA256SUMS.asc"
# What a release is: the archive of `make dist` and the package of `make deb`.
ARTEFACTS = ("ketdesk-*-linux-*.tar.gz", "ketdesk_*.deb")
NOT_SIGNED = ("not signed: set KETDESK_SIGN_KEY to sign SHA256SUMS (a GnuPG key id or fingerprint;"
              " KETDESK_GNUPGHOME=<folder> for another keyring)")


class SignError(Exception):
    """A signature was asked for and could not be made or checked."""


def artefacts(dist: Path) -> list[Path]:
    return sorted({path for pattern in ARTEFACTS for path in dist.glob(pattern) if path.is_file()})


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_sums(dist: Path) -> Path:
    """(Re)write dist/SHA256SUMS, exactly as ``sha256sum`` prints it, and drop an old signature."""
    (dist / SIGNATURE).unlink(missing_ok=True)
    files = artefacts(dist)
    if not files:
        raise FileNotFoundError(f"no release artefact ({', '.join(ARTEFACTS)}) in {dist}")
    sums = dist / SUMS
    sums.write_text("".join(f"{sha256(path)}  {path.name}\n" for path in files), "utf-8")
    return sums


def gpg_command(gnupghome: str | None) -> list[str]:
    gpg = shutil.which("gpg")
    if gpg is None:
        raise SignError("gpg is not installed (apt-get install gnupg)")
    return [gpg, "--batch", *(["--homedir", gnupghome] if gnupghome else [])]


def sign(dist: Path, key: str | None, gnupghome: str | None) -> str:
    """Sign dist/SHA256SUMS into SHA256SUMS.asc; the signing key's fingerprint."""
    sums, signature = dist / SUMS, dist / SIGNATURE
    signature.unlink(missing_ok=True)
    gpg = gpg_command(gnupghome)
    chosen = ["--local-user", key] if key else []
    made = subprocess.run([*gpg, *chosen, "--armor", "--detach-sign", "--output", str(signature), str(sums)],
                          capture_output=True, text=True, check=False)
    if made.returncode != 0:
        signature.unlink(missing_ok=True)
        raise SignError(f"gpg could not sign {sums} with {key or 'the default key'}:\n{made.stderr.strip()}")
    fingerprint = verify(dist, gnupghome)
    if fingerprint is None:
        signature.unlink(missing_ok=True)
        raise SignError(f"the new {signature} does not verify against {sums}")
    return fingerprint


def verify(dist: Path, gnupghome: str | None) -> str | None:
    """The fingerprint of the key that made a good SHA256SUMS.asc over SHA256SUMS, else None.

    The check staff make, ``gpg --verify SHA256SUMS.asc SHA256SUMS``, read through gpg's
    machine-readable status lines (VALIDSIG: a good signature from a key in the keyring).
    """
    result = subprocess.run([*gpg_command(gnupghome), "--status-fd", "1", "--verify",
                             str(dist / SIGNATURE), str(dist / SUMS)],
                            capture_output=True, text=True, check=False)
    for line in result.stdout.splitlines():
        fields = line.split()
        if result.returncode == 0 and fields[:2] == ["[GNUPG:]", "VALIDSIG"]:
            return fields[2]
    return None


def release(dist: Path, env: Mapping[str, str]) -> str:
    """What ``make dist`` and ``make deb`` run: SHA256SUMS, then the signature if a key is given."""
    sums = write_sums(dist)
    listed = ", ".join(line.split("  ", 1)[1] for line in sums.read_text("utf-8").splitlines())
    key = env.get("KETDESK_SIGN_KEY") or None
    gnupghome = env.get("KETDESK_GNUPGHOME") or None
    if key is None and gnupghome is None:
        return f"{SUMS} lists {listed}\n{NOT_SIGNED}"
    fingerprint = sign(dist, key, gnupghome)
    return f"{SUMS} lists {listed}\n{SIGNATURE}: signed by key {fingerprint}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write dist/SHA256SUMS and sign it if a key is given.")
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    args = parser.parse_args(argv)
    try:
        print(release(args.dist, os.environ), flush=True)
    except (SignError, FileNotFoundError) as exc:
        print(f"release_sums: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
