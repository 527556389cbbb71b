"""A tiny urlconf for the request-id tests: a view that logs, audits and promises a task, like a service does."""

import logging

from django.http import JsonResponse
from django.urls import path

from core import taken
from core.audit import audit
from tests.core._logboek_taken import logboek_taak

logger = logging.getLogger("tests.logboek")


def schrijven(request):
    logger.warning("in de view")
    regel = audit("test.verzoek")
    taken.na_commit(logboek_taak, "uit een verzoek")
    return JsonResponse({"regel": regel.pk})


urlpatterns = [path("schrijven/", schrijven)]
