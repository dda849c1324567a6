"""What every public form shares."""


class AccessibleFormMixin:
    """Ties each field's hint and error message to its input for screen readers, and marks invalid inputs.

    The templates print a hint as `id_<name>-hint` and an error as `id_<name>-error`; after validation each widget
    gets `aria-describedby` naming the ones it has, and `aria-invalid` when its field has an error.
    """

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            described_by = []
            if field.help_text:
                described_by.append(f"id_{name}-hint")
            if name in self.errors:
                described_by.append(f"id_{name}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)
