"""The keys behind encrypted enquiries: what a stored hash or token depends on must not drift between releases,
rotation moves old rows to the new key, and a failure says what to check without showing what was written."""

import sys

import pytest
from cryptography.fernet import Fernet

from cancerinfo.deployment import crypto

# A fixed key, so the values worked out from it can be written down here.
FIXED_KEY = "b3rGX2wQ9n8pW0k7c6y5t4r3e2w1q0aZxCvBnMlKjHg="


@pytest.fixture
def fixed_key(settings):
    settings.ENQUIRY_ENCRYPTION_KEY = FIXED_KEY
    crypto.reset_keys()
    yield
    crypto.reset_keys()


def test_the_email_lookup_hash_is_the_one_already_stored(fixed_key):
    # Rows written by earlier releases hold this value: a change in how it is made would lose every person's
    # enquiries (we could no longer find them to answer an access or erasure request).
    assert crypto.lookup_hash("sam@example.org") == "4290e1c4ba7714bada2d2310194d3a80b0998ff1b789ea32021e8685f229d8da"


def test_the_lookup_hash_ignores_case_and_spaces_but_not_the_address(fixed_key):
    assert crypto.lookup_hash(" Sam@Example.ORG ") == crypto.lookup_hash("sam@example.org")
    assert crypto.lookup_hash("sam@example.org") != crypto.lookup_hash("alex@example.org")


def test_the_development_key_comes_from_the_secret_key_and_stays_the_same(settings):
    # A developer's database keeps reading its enquiries from one version of the code to the next.
    settings.SECRET_KEY = "a-fixed-secret-for-this-test"
    assert crypto._development_key() == b"WsMogQ36LnVboiLAgtg2ssjEt5ovQXMrDXpxD3wIrI8="
    settings.SECRET_KEY = "another-secret"
    assert crypto._development_key() != b"WsMogQ36LnVboiLAgtg2ssjEt5ovQXMrDXpxD3wIrI8="


def test_rotation_re_encrypts_an_old_token_under_the_new_key(settings, fixed_key):
    old_token = crypto.encrypt("Can I drive after chemotherapy?")
    new_key = Fernet.generate_key().decode()
    settings.ENQUIRY_ENCRYPTION_KEY = f"{new_key},{FIXED_KEY}"
    crypto.reset_keys()

    rotated = crypto.rotate(old_token)

    assert rotated != old_token
    assert Fernet(new_key.encode()).decrypt(rotated.encode()) == b"Can I drive after chemotherapy?"


def test_a_token_that_cannot_be_read_names_the_setting_not_the_value(fixed_key):
    other_key = Fernet(Fernet.generate_key())
    token = other_key.encrypt(b"My private question").decode()
    with pytest.raises(ValueError) as error:
        crypto.decrypt(token)
    message = str(error.value)
    assert message == "An enquiry field could not be decrypted: is ENQUIRY_ENCRYPTION_KEY right?"
    assert token not in message


@pytest.mark.parametrize(
    ("settings_module", "environment", "expected"),
    [
        ("cancerinfo.settings.test", "", True),
        ("cancerinfo.settings.production", "", False),
        ("", "cancerinfo.settings.test", True),  # settings not configured yet: the environment says
        ("", "cancerinfo.settings.production", False),
    ],
)
def test_the_development_key_is_allowed_under_the_test_settings_only(
    settings, monkeypatch, settings_module, environment, expected
):
    # Outside pytest (manage.py under the test settings), the settings module alone decides.
    monkeypatch.delitem(sys.modules, "pytest")
    settings.SETTINGS_MODULE = settings_module
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", environment)
    assert crypto._running_tests() is expected
