"""What collectstatic gathers for production: the vendored Bootstrap without
its source maps (~900 KB nobody downloads), and a manifest that still builds
(whitenoise's manifest storage fails on a sourceMappingURL to a missing map)."""

from tests.helpers.static_files import collect


def test_production_collectstatic_builds_the_manifest_without_any_source_map(tmp_path):
    collected = collect(tmp_path)

    on_disk = [path.name for path in tmp_path.rglob("*") if path.is_file()]
    assert not [name for name in on_disk if ".map" in name]
    assert not [name for name in collected.paths if name.endswith(".map")]
    assert collected.hashed_name("vendor/bootstrap/bootstrap.min.css") != "vendor/bootstrap/bootstrap.min.css"
    assert "sourceMappingURL" not in collected.hashed_text("vendor/bootstrap/bootstrap.bundle.min.js")
    assert "sourceMappingURL" not in collected.hashed_text("vendor/bootstrap/bootstrap.min.css")
