"""Quality assurance: rule-based checks on translations, per segment, document and project.

Public API::

    from workbench.qa import run_checks, run_document_checks, has_open_errors, CHECKS, QaCheck

``CHECKS`` maps check id → check instance (segment level); ``DOCUMENT_CHECKS`` the checks that need
a whole document or project (inconsistent translation).

Policy decisions, so the editor, the CLI and export agree:

* An empty target of a translatable segment is an *error* even mid-work: exporting would leave the
  Russian source in its place.  Only open (not ignored) error flags block export or fail
  ``workbench qa``; warnings never do.
* Consistency is judged only among segments someone has stated as translated (status translated,
  reviewed or approved), not among raw MT drafts.
* Re-running QA keeps an editor's "ignore" decisions when the same check raises the same message.
"""

from workbench.qa import checks as _checks  # noqa: F401  (importing registers every check)
from workbench.qa.base import (
    CHECKS,
    DOCUMENT_CHECKS,
    ERROR,
    WARNING,
    DocumentCheck,
    QaCheck,
    QaContext,
    all_check_ids,
    register,
)
from workbench.qa.runner import (
    carry_ignored,
    count_flags,
    has_open_errors,
    run_checks,
    run_document_checks,
    run_project_checks,
)

__all__ = [
    "CHECKS",
    "DOCUMENT_CHECKS",
    "ERROR",
    "WARNING",
    "DocumentCheck",
    "QaCheck",
    "QaContext",
    "all_check_ids",
    "carry_ignored",
    "count_flags",
    "has_open_errors",
    "register",
    "run_checks",
    "run_document_checks",
    "run_project_checks",
]
