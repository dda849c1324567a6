"""What other apps may use of the helpline (the contracts in pyproject.toml allow imports of this module only)."""

from .services import add_working_days, get_schedule, hours_text, status_at, upcoming_closed_days, weekly_table

__all__ = ["add_working_days", "get_schedule", "hours_text", "status_at", "upcoming_closed_days", "weekly_table"]
