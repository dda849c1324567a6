"""What django-axes records of a sign-in attempt."""

from django.contrib.auth import get_user_model

# No account name is longer than the user model allows, and axes keeps the name in a column of 255 characters:
# a longer one (a stranger's 10,000 characters) is cut, so it is still counted and never fails the insert.
MAX_USERNAME = get_user_model()._meta.get_field("username").max_length


def attempted_username(request, credentials=None) -> str | None:
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "data", request.POST).get("username")
    if username is None:
        return None
    return str(username)[:MAX_USERNAME]
