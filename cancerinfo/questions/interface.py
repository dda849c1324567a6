"""What other apps may use of questions (the contracts in pyproject.toml allow imports of this module only).

Import it inside a function when the importing module loads before the apps are ready, as with any models module.
"""

from .models import QuestionIndexPage, QuestionPage
from .services import professional_questions

__all__ = ["QuestionIndexPage", "QuestionPage", "professional_questions"]
