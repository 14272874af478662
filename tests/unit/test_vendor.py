"""The vendored QR library (docs/assets/javascripts/vendor/qrcode-generator/):
npm's qrcode-generator 2.0.4, dist/qrcode.js unmodified, with its licence.
A changed file fails here: update it from npm on purpose (`npm pack
qrcode-generator@<version>`), then the version, hash and licence below."""

import hashlib

from conftest import ROOT

VENDOR = ROOT / "docs/assets/javascripts/vendor/qrcode-generator"
VERSION = "2.0.4"
SHA256 = "79ec86f82856005b1c887905cfccfcfbec3821ca61c7fd5a952faa5f778f791c"  # of 2.0.4's dist/qrcode.js


def test_the_library_is_the_pinned_release_unmodified():
    assert hashlib.sha256((VENDOR / "qrcode.js").read_bytes()).hexdigest() == SHA256


def test_its_licence_ships_beside_it_naming_the_release():
    licence = (VENDOR / "LICENSE.txt").read_text(encoding="utf-8")
    assert licence.startswith(f"qrcode-generator {VERSION} (npm)")
    assert "Copyright (c) 2009 Kazuhiko Arase" in licence and "Permission is hereby granted" in licence
    assert "Copyright (c) 2009 Kazuhiko Arase" in (VENDOR / "qrcode.js").read_text(encoding="utf-8")[:400]


def test_nothing_else_is_vendored_unpinned():
    assert sorted(p.name for p in VENDOR.parent.rglob("*") if p.is_file()) == ["LICENSE.txt", "qrcode.js"]
