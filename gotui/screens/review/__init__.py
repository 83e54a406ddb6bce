"""The review screen (see screen.py); its keys are declared once in actions.py."""

from gotui.screens.review.actions import ACTIONS, Action
from gotui.screens.review.filters import FILTER_FIELDS, exact_match, make_filter, match_tier
from gotui.screens.review.jobs import CHECK_BATCH_MIN, CHECK_BATCHES, CheckJob, Job, check_batches
from gotui.screens.review.screen import ReviewScreen
from gotui.screens.review.view import ViewPrefs
from gotui.verify.gates import CHECKABLE

__all__ = ["ACTIONS", "Action", "CHECKABLE", "CHECK_BATCHES", "CHECK_BATCH_MIN", "CheckJob", "FILTER_FIELDS", "Job",
           "ReviewScreen", "ViewPrefs", "check_batches", "exact_match", "make_filter", "match_tier"]
