"""The tests marked ``s3`` run against a real S3 API (moto_server in .ci/run) through the project's own settings:
with AWS_STORAGE_BUCKET_NAME set, portal/settings keep ``storages.backends.s3.S3Storage`` for the private and the
public storage, and the models' FileFields (bound to ``storages["prive"]`` at import) use it.

Without those settings this selection fails, loudly, instead of skipping: CI must prove S3, and a green pass
on local files would prove nothing."""

import boto3
import pytest
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings

S3_BACKEND = "storages.backends.s3.S3Storage"


def s3_opties(naam: str = "prive") -> dict:
    return settings.STORAGES[naam]["OPTIONS"]


def s3_client():
    """A client on the same endpoint, bucket and region as the portal's storages (settings, not test constants)."""
    opties = s3_opties()
    return boto3.client("s3", endpoint_url=opties["endpoint_url"], region_name=opties["region_name"])


@pytest.fixture(scope="session", autouse=True)
def _echte_s3():
    fouten = [f'STORAGES["{naam}"] is {settings.STORAGES[naam]["BACKEND"]}, niet {S3_BACKEND}'
              for naam in ("prive", "default") if settings.STORAGES[naam]["BACKEND"] != S3_BACKEND]
    if not fouten and not s3_opties()["endpoint_url"]:
        fouten.append("AWS_S3_ENDPOINT_URL ontbreekt: de tests praten nooit met echte AWS")
    if not fouten:
        try:
            s3_client().head_bucket(Bucket=s3_opties()["bucket_name"])
        except (BotoCoreError, ClientError) as fout:
            fouten.append(f"bucket {s3_opties()['bucket_name']!r} op {s3_opties()['endpoint_url']} niet bereikbaar: {fout}")
    if fouten:
        pytest.fail("De S3-tests (-m s3) draaien alleen tegen een echte S3-API; zet AWS_STORAGE_BUCKET_NAME, "
                    "AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME, AWS_ACCESS_KEY_ID en AWS_SECRET_ACCESS_KEY en start "
                    "moto_server (zie .ci/run).\n  " + "\n  ".join(fouten), pytrace=False)


@pytest.fixture
def s3():
    return s3_client()


@pytest.fixture
def bucket():
    return s3_opties()["bucket_name"]
