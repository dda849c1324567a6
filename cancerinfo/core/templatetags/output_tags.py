"""{% service_identity as identity %}: what every printed and e-mailed output carries (core/outputs.py)."""

from django import template

from ..outputs import service_identity as live_identity

register = template.Library()


@register.simple_tag(takes_context=True)
def service_identity(context):
    """The identity the caller already looked up, else the live one for the request's site or the default site."""
    identity = context.get("identity")
    if identity is not None:
        return identity
    return live_identity(request=context.get("request"))
