"""A text field stored encrypted (Fernet) in the database and read back as plain text."""

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "cancerinfo.deployment.fields.EncryptedTextField", args, kwargs
