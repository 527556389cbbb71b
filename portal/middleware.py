"""Response headers the portal sends on every response (issue 11) and the request id (issue 15)."""

from core import logboek

# Features no page of the portal uses; a provider's file or text that tried them is refused by the browser.
PERMISSIONS_POLICY = ", ".join(
    f"{functie}=()"
    for functie in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope", "hid",
        "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock",
        "serial", "usb", "xr-spatial-tracking",
    )
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class RequestIdMiddleware:
    """First in MIDDLEWARE: every request gets an id (a sane incoming ``X-Request-ID`` from the proxy, else a
    fresh uuid4 hex), current for everything the request does (log lines, audit entries, published tasks) and
    sent back in the ``X-Request-ID`` response header, so a user's report or a proxy log leads to the lines."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        waarde = logboek.opschonen(request.headers.get(logboek.HTTP_KOPTEKST)) or logboek.nieuw()
        request.request_id = waarde
        token = logboek.zetten(waarde)
        try:
            response = self.get_response(request)
        finally:
            logboek.terugzetten(token)
        response[logboek.HTTP_KOPTEKST] = waarde
        return response
