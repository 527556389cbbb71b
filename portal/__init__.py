# Celery is loaded with Django so that @shared_task binds to the project's app.
from .celery import app as celery_app

__all__ = ("celery_app",)
