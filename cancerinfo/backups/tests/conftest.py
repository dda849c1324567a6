import pytest


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.BACKUP_DIR


@pytest.fixture
def media_files():
    """Every file in the media storage, name → bytes."""
    from django.core.files.storage import default_storage

    from cancerinfo.backups import media

    def read() -> dict[str, bytes]:
        found = {}
        for name in media.names():
            with default_storage.open(name, "rb") as content:
                found[name] = content.read()
        return found

    return read
