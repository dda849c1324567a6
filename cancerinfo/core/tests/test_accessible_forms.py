"""A form with the accessible-form mixin ties each hint and error message to its input after validation, and marks
only the inputs whose answers were wrong as invalid."""

from django import forms

from cancerinfo.core.forms import AccessibleFormMixin


class ContactForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(help_text="As you would like us to call you")
    email = forms.EmailField(error_messages={"invalid": "Enter your e-mail address, like name@example.com"})
    note = forms.CharField(required=False)


def test_a_hint_is_named_by_its_input_when_the_answer_is_right():
    form = ContactForm({"name": "Sam", "email": "sam@example.com"})

    assert form.is_valid()
    attrs = form.fields["name"].widget.attrs
    assert attrs["aria-describedby"] == "id_name-hint"
    assert "aria-invalid" not in attrs
    html = str(form["name"])
    assert 'aria-describedby="id_name-hint"' in html and "aria-invalid" not in html


def test_an_error_is_named_after_the_hint_and_the_input_is_marked_invalid():
    form = ContactForm({"name": "", "email": "not an address"})

    assert not form.is_valid()
    assert form.fields["name"].widget.attrs["aria-describedby"] == "id_name-hint id_name-error"
    assert form.fields["email"].widget.attrs["aria-describedby"] == "id_email-error"
    assert form.fields["email"].widget.attrs["aria-invalid"] == "true"
    html = str(form["email"])
    assert 'aria-describedby="id_email-error"' in html and 'aria-invalid="true"' in html


def test_an_input_with_no_hint_and_no_error_is_left_alone():
    form = ContactForm({"name": "Sam", "email": "not an address"})

    form.is_valid()
    assert "aria-describedby" not in form.fields["note"].widget.attrs
    assert "aria-invalid" not in form.fields["note"].widget.attrs
    assert 'aria-invalid="true"' not in str(form["name"])
